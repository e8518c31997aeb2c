package org.zoneplan.geo;

import org.locationtech.jts.geom.Coordinate;

/**
 * Why a geometry was refused: a stable code, a human-readable reason and, where there is one, the
 * offending coordinate (x = longitude, y = latitude).
 */
public record GeometryIssue(Code code, String reason, Coordinate coordinate) {
  public enum Code {
    MALFORMED,
    NOT_POLYGON,
    EMPTY,
    UNCLOSED_RING,
    TOO_FEW_POINTS,
    SELF_INTERSECTION,
    INVALID_TOPOLOGY,
    OUTSIDE_CHINA,
    AXES_SWAPPED,
    /** Over one of the {@link GeometryLimits}. */
    TOO_LARGE
  }

  public static GeometryIssue of(Code code, String reason) {
    return new GeometryIssue(code, reason, null);
  }
}
