package org.zoneplan.indicators;

import java.time.LocalDate;

/**
 * A year, or a quarter of it with figures cumulative from 1 January to the quarter's end (季度累计).
 *
 * @param quarter 1–4, or null for the whole year
 */
public record Period(int year, Integer quarter) {
  public Period {
    if (quarter != null && (quarter < 1 || quarter > 4)) {
      throw new IllegalArgumentException("quarter " + quarter + " is not 1–4");
    }
  }

  /** The last day of the period: the land of the period is what existed on it. */
  public LocalDate end() {
    int month = quarter == null ? 12 : quarter * 3;
    return LocalDate.of(year, month, 1).plusMonths(1).minusDays(1);
  }

  /** The part of the year the period covers: quarter ÷ 4, or 1. */
  public double yearFraction() {
    return quarter == null ? 1.0 : quarter / 4.0;
  }

  /** The same period a year before (for growth). */
  public Period yearBefore() {
    return new Period(year - 1, quarter);
  }

  /** {@code 2024} or {@code 2024Q2}. */
  public String label() {
    return quarter == null ? Integer.toString(year) : year + "Q" + quarter;
  }
}
