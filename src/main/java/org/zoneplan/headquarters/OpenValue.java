package org.zoneplan.headquarters;

import java.math.BigDecimal;

/**
 * The target and the value of one indicator for one unit and period.
 *
 * @param period {@code YYYY}, {@code YYYY-Qn} or {@code YYYY-MM}
 * @param target null when none is set
 * @param actual null when not yet reported
 * @param illustrative made-up sample figures
 */
public record OpenValue(
    String indicator,
    String unit,
    String period,
    BigDecimal target,
    BigDecimal actual,
    boolean illustrative) {}
