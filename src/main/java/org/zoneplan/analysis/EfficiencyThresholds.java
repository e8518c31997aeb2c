package org.zoneplan.analysis;

/**
 * Per-亩 efficiency classes (亩均效益评价 A/B/C/D) from tax per 亩, 万元/亩: A at or above {@code a}, B at or
 * above {@code b}, C at or above {@code c}, D below. Counties set their own thresholds; these are
 * configuration, never hard-coded in the calculation.
 *
 * <p>Zhejiang scores large enterprises on several indicators (tax and value added per 亩, labour
 * productivity, energy and emissions per unit of value added, R&amp;D share) and small ones on tax
 * per 亩 only. zoneplan holds tax and value added per parcel, so it classes by tax per 亩, the
 * indicator every enterprise is scored on, and reports value added per 亩 beside it.
 */
public record EfficiencyThresholds(double a, double b, double c) {
  public static final EfficiencyThresholds DEFAULT = new EfficiencyThresholds(30, 15, 5);

  public EfficiencyThresholds {
    if (!(a >= b && b >= c && c >= 0)) {
      throw new IllegalArgumentException(
          "efficiency thresholds must satisfy a ≥ b ≥ c ≥ 0, were " + a + ", " + b + ", " + c);
    }
  }

  public enum Grade {
    A,
    B,
    C,
    D;

    /** C and D count as inefficient land (低效用地). */
    public boolean inefficient() {
      return this == C || this == D;
    }
  }

  /** The class for a tax per 亩 (万元/亩), or null when there is no figure. */
  public Grade grade(Double taxPerMuWan) {
    if (taxPerMuWan == null || taxPerMuWan.isNaN()) {
      return null;
    }
    if (taxPerMuWan >= a) {
      return Grade.A;
    }
    if (taxPerMuWan >= b) {
      return Grade.B;
    }
    return taxPerMuWan >= c ? Grade.C : Grade.D;
  }
}
