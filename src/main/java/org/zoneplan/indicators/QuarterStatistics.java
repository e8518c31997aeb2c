package org.zoneplan.indicators;

import org.zoneplan.enterprises.AnnualStatistics;

/**
 * An enterprise's figures cumulative from 1 January to the end of {@code quarter} of {@code
 * figures.year()} (季度累计), with the fields and units of {@link AnnualStatistics}; quarter 4 is the
 * whole year.
 */
public record QuarterStatistics(int quarter, AnnualStatistics figures) {
  public QuarterStatistics {
    if (quarter < 1 || quarter > 4) {
      throw new IllegalArgumentException("quarter " + quarter + " is not 1–4");
    }
  }

  public String creditCode() {
    return figures.creditCode();
  }

  public int year() {
    return figures.year();
  }
}
