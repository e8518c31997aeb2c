package org.zoneplan.headquarters;

import java.util.List;

/**
 * A review meeting of the indicator system and the period it looks at: 周例会 (weekly, the month so
 * far), 月调度 (monthly), 季分析 (quarterly), 年总结 (yearly).
 *
 * @param cadence one of {@link #CADENCES}
 * @param periodKind YEAR, QUARTER or MONTH: the kind of period whose figures it reviews
 */
public record OpenReview(String cadence, String name, String periodKind, String note) {
  public static final List<String> CADENCES = List.of("WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY");
}
