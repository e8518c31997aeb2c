package org.zoneplan.geo;

/**
 * A geometry over one of the {@link GeometryLimits}: names the limit, its value and the property
 * that sets it.
 */
public class GeometryLimitExceededException extends GeometryRejectedException {
  private final String limit;
  private final long actual;
  private final int max;

  public GeometryLimitExceededException(String limit, long actual, int max) {
    super(
        GeometryIssue.of(
            GeometryIssue.Code.TOO_LARGE,
            "the geometry has "
                + actual
                + " "
                + limit
                + ", over the limit of "
                + max
                + " ("
                + GeometryLimits.PROPERTY_PREFIX
                + limit
                + ")"));
    this.limit = limit;
    this.actual = actual;
    this.max = max;
  }

  /** {@code vertices}, {@code parts} or {@code holes}. */
  public String limit() {
    return limit;
  }

  public long actual() {
    return actual;
  }

  public int max() {
    return max;
  }

  public String property() {
    return GeometryLimits.PROPERTY_PREFIX + limit;
  }
}
