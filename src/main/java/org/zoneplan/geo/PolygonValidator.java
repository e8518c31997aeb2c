package org.zoneplan.geo;

import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.zoneplan.geo.GeometryIssue.Code;

/**
 * Checks polygonal geometry in EPSG:4490 before it is stored: non-empty, within China's extent,
 * axes in (longitude, latitude) order, and topologically valid (OGC rules: no self-intersecting
 * ring, holes inside shells, parts not overlapping). Thread-safe.
 */
public final class PolygonValidator {
  /**
   * China's extent with a margin (longitude 73–136°E, latitude 3–54°N). Geometry outside is
   * refused: it is either a mistake or in another CRS (e.g. projected metres).
   */
  public static final Envelope CHINA = new Envelope(73.0, 136.0, 3.0, 54.0);

  private PolygonValidator() {}

  /** The first problem found, or empty when the geometry can be stored as it is. */
  public static Optional<GeometryIssue> check(Geometry geometry) {
    if (geometry.isEmpty()) {
      return Optional.of(GeometryIssue.of(Code.EMPTY, "geometry is empty"));
    }
    Optional<GeometryIssue> extent = checkExtent(geometry);
    if (extent.isPresent()) {
      return extent;
    }
    TopologyValidationError error = new IsValidOp(geometry).getValidationError();
    if (error != null) {
      Code code =
          error.getErrorType() == TopologyValidationError.SELF_INTERSECTION
                  || error.getErrorType() == TopologyValidationError.RING_SELF_INTERSECTION
              ? Code.SELF_INTERSECTION
              : Code.INVALID_TOPOLOGY;
      Coordinate at = error.getCoordinate();
      return Optional.of(
          new GeometryIssue(
              code, error.getMessage() + " at " + GeoJson.format(at) + " (lon, lat)", at));
    }
    return Optional.empty();
  }

  /** Extent checks only: within China, and not (latitude, longitude). */
  public static Optional<GeometryIssue> checkExtent(Geometry geometry) {
    for (Coordinate c : geometry.getCoordinates()) {
      if (CHINA.contains(c.x, c.y)) {
        continue;
      }
      if (CHINA.contains(c.y, c.x)) {
        return Optional.of(
            new GeometryIssue(
                Code.AXES_SWAPPED,
                "coordinate "
                    + GeoJson.format(c)
                    + " looks like (latitude, longitude); GeoJSON and zoneplan use"
                    + " (longitude, latitude)",
                c));
      }
      return Optional.of(
          new GeometryIssue(
              Code.OUTSIDE_CHINA,
              "coordinate "
                  + GeoJson.format(c)
                  + " is outside China (longitude 73–136°E, latitude 3–54°N in EPSG:4490)",
              c));
    }
    return Optional.empty();
  }

  /**
   * @throws GeometryRejectedException with the first problem found
   */
  public static void requireValid(Geometry geometry) {
    check(geometry)
        .ifPresent(
            issue -> {
              throw new GeometryRejectedException(issue);
            });
  }
}
