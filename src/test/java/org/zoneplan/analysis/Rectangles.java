package org.zoneplan.analysis;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Cgcs2000;

/**
 * Longitude/latitude rectangles and their areas on the CGCS2000 ellipsoid from the closed-form area
 * of a band between two parallels (authalic latitude formula), independent of GeographicLib.
 *
 * <p>GeographicLib joins vertices by geodesics, which bow poleward of the parallels; for rectangles
 * of at most a few hundredths of a degree at 29.5°N the top and bottom bows nearly cancel and the
 * two areas agree to about 1e-8 relative.
 */
public final class Rectangles {
  private static final double A = Cgcs2000.SEMI_MAJOR_AXIS_M;
  private static final double F = Cgcs2000.FLATTENING;
  private static final double E2 = F * (2 - F);
  private static final double E = Math.sqrt(E2);
  private static final double B = A * (1 - F);

  private Rectangles() {}

  /** Area of [x1, x2] × [y1, y2] (degrees) on the ellipsoid, m². */
  public static double area(double x1, double y1, double x2, double y2) {
    double dLambda = Math.toRadians(x2 - x1);
    return dLambda * (band(y2) - band(y1));
  }

  /** ∫ from the equator to φ of the ellipsoid's area per radian of longitude. */
  private static double band(double latitude) {
    double s = Math.sin(Math.toRadians(latitude));
    return B * B / 2 * (s / (1 - E2 * s * s) + Math.log((1 + E * s) / (1 - E * s)) / (2 * E));
  }

  static Polygon polygon(double x1, double y1, double x2, double y2) {
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring(x1, y1, x2, y2));
  }

  static LinearRing ring(double x1, double y1, double x2, double y2) {
    return Cgcs2000.GEOMETRY_FACTORY.createLinearRing(
        new Coordinate[] {
          new Coordinate(x1, y1),
          new Coordinate(x2, y1),
          new Coordinate(x2, y2),
          new Coordinate(x1, y2),
          new Coordinate(x1, y1)
        });
  }

  /** One rectangle as a MultiPolygon. */
  public static MultiPolygon rect(double x1, double y1, double x2, double y2) {
    return multi(polygon(x1, y1, x2, y2));
  }

  static MultiPolygon multi(Polygon... parts) {
    return Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(parts);
  }

  /** A rectangle with a rectangular hole. */
  static Polygon withHole(double[] outer, double[] hole) {
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(
        ring(outer[0], outer[1], outer[2], outer[3]),
        new LinearRing[] {ring(hole[0], hole[1], hole[2], hole[3])});
  }
}
