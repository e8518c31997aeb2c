package org.zoneplan.indicators;

import java.util.Map;

/**
 * The 亩均 evaluation's grades counted per zone, for the yearly indicators: implemented by the
 * evaluation binding (another package) as a Spring bean; without one, the report's {@code grades}
 * are null. An implementation must count an enterprise in a zone by the same rule as {@link
 * ZoneIndicatorEngine} (its land in the zone by interior point of its parcels) and say so.
 */
public interface ZoneGradeCounts {
  /**
   * Per zone code of the plan, the number of enterprises per grade (A, B, C, D, T), or null when no
   * evaluation result is held for the year.
   */
  Map<String, Map<String, Integer>> counts(String planId, int year);
}
