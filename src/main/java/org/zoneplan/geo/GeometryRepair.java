package org.zoneplan.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Repairs invalid polygonal geometry from real sources (survey exports, county outlines with
 * self-intersecting rings) with JTS {@link GeometryFixer}, and says what was done so the repair can
 * be reported rather than hidden. Thread-safe.
 */
public final class GeometryRepair {
  private GeometryRepair() {}

  /**
   * @param geometry the repaired (or original, when valid) polygonal geometry
   * @param repaired whether anything was changed
   * @param report what was wrong and how much area changed; empty when nothing was repaired
   */
  public record Result(MultiPolygon geometry, boolean repaired, String report) {}

  public static Result repair(Geometry input) {
    TopologyValidationError error = new IsValidOp(input).getValidationError();
    if (error == null) {
      return new Result(GeoJson.toMultiPolygon(input), false, "");
    }
    // keepCollapsed = false: collapsed rings (zero area) are dropped, not turned into lines.
    Geometry fixed = GeometryFixer.fix(input, false);
    MultiPolygon polygonal = GeoJson.toMultiPolygon(fixed);
    polygonal.setSRID(input.getSRID());
    String report =
        String.format(
            java.util.Locale.ROOT,
            "%s at %s repaired with JTS GeometryFixer; %d vertices in, %d out; ellipsoidal area"
                + " after repair %.1f m²",
            error.getMessage(),
            GeoJson.format(error.getCoordinate()),
            input.getNumPoints(),
            polygonal.getNumPoints(),
            EllipsoidalArea.squareMetres(polygonal));
    return new Result(polygonal, true, report);
  }
}
