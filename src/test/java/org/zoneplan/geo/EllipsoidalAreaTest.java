package org.zoneplan.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.sf.geographiclib.PolygonArea;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.testsupport.Cs2cs;

/**
 * Ellipsoidal areas against three independent references, each where it is exact: small lon/lat
 * rectangles against the integral of the ellipsoid's area element, small irregular polygons against
 * PROJ's own Lambert azimuthal equal-area projection, and rings of one to five kilometres against
 * GeographicLib's geodesic polygon area (whose rounding errors, some 1e-5 m² at 29°N, are below
 * 1e-10 of such rings but reach 1e-6 of a 50 m² parcel, which is why small rings are measured
 * otherwise: with GeographicLib alone the second test fails, off by 2.3e-7).
 */
class EllipsoidalAreaTest {
  private static final double A = Cgcs2000.SEMI_MAJOR_AXIS_M;
  private static final double E2 = Cgcs2000.FLATTENING * (2 - Cgcs2000.FLATTENING);

  /**
   * Rectangles of 1 to 60 m a side anywhere in China, against Δλ·∫ M N cos φ dφ by three-point
   * Gauss–Legendre (exact far below 1e-15 over such short intervals). A rectangle's top and bottom
   * are parallels while the polygon's edges are geodesics; the two bows nearly cancel and leave at
   * most L²/(12 M N cos²φ), 2e-11 relative here. The tolerance, 1.5e-9, is met by 3e-10 but for
   * slivers of 1 m by 60 m, where the rounding of a geodesic's midpoint to 1e-9 m tells.
   */
  @Test
  void smallRectanglesAgreeWithTheAreaElementIntegrated() {
    Random random = new Random(4490);
    double worst = 0;
    for (int i = 0; i < 2_000; i++) {
      double lon = 74 + random.nextDouble() * 60;
      double lat = 18 + random.nextDouble() * 27;
      double width = (1 + random.nextDouble() * 59) / 97_000;
      double height = (1 + random.nextDouble() * 59) / 111_000;
      Polygon rectangle = rectangle(lon, lat, lon + width, lat + height);
      double expected = Math.toRadians((lon + width) - lon) * band(lat, lat + height);
      double relative = Math.abs(EllipsoidalArea.squareMetres(rectangle) / expected - 1);
      worst = Math.max(worst, relative);
    }
    assertThat(worst).isLessThan(1.5e-9);
  }

  /**
   * Irregular polygons of 3 to 12 vertices and 20 to 5,000 m² near 浦江, in clusters of ten, each
   * cluster projected by PROJ ({@code cs2cs +proj=laea}) about its own centre; the reference area
   * is the plane area of PROJ's coordinates.
   */
  @Test
  void smallPolygonsAgreeWithProjsEqualAreaPlane() {
    Cs2cs.requireAvailable();
    Random random = new Random(330726);
    double worst = 0;
    for (int cluster = 0; cluster < 20; cluster++) {
      double lon0 = 119.8 + random.nextDouble() * 0.3;
      double lat0 = 29.3 + random.nextDouble() * 0.3;
      List<Polygon> polygons = new ArrayList<>();
      List<double[]> vertices = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        Polygon polygon =
            symmetric(
                random,
                lon0 + (random.nextDouble() - 0.5) * 0.01,
                lat0 + (random.nextDouble() - 0.5) * 0.01,
                2 + random.nextInt(5),
                10 + random.nextDouble() * 30);
        polygons.add(polygon);
        for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
          vertices.add(new double[] {c.x, c.y});
        }
      }
      List<double[]> projected = Cs2cs.laea(vertices, lon0, lat0);
      int next = 0;
      for (Polygon polygon : polygons) {
        int n = polygon.getExteriorRing().getNumPoints();
        double expected = planeArea(projected.subList(next, next + n));
        next += n;
        double relative = Math.abs(EllipsoidalArea.squareMetres(polygon) / expected - 1);
        worst = Math.max(worst, relative);
      }
    }
    assertThat(worst).isLessThan(1e-9);
  }

  /**
   * Rings of 0.02° to just over the local plane's 0.05° limit (GeographicLib's rounding, some 1e-4
   * m², is below 1e-10 of them), some with edges of kilometres (which the local plane must follow
   * along their geodesics), against GeographicLib's polygon area.
   */
  @Test
  void largerRingsAgreeWithGeographicLib() {
    Random random = new Random(2000);
    double worst = 0;
    for (int i = 0; i < 400; i++) {
      double radiusM = 1_000 + random.nextDouble() * 1_950;
      int vertices = i % 2 == 0 ? 4 + random.nextInt(5) : 50 + random.nextInt(200);
      Polygon polygon =
          star(random, 119 + random.nextDouble(), 28 + random.nextDouble() * 2, vertices, radiusM);
      PolygonArea reference = new PolygonArea(Cgcs2000.ELLIPSOID, false);
      Coordinate[] ring = polygon.getExteriorRing().getCoordinates();
      for (int k = 0; k < ring.length - 1; k++) {
        reference.AddPoint(ring[k].y, ring[k].x);
      }
      double expected = Math.abs(reference.Compute(false, true).area);
      worst = Math.max(worst, Math.abs(EllipsoidalArea.squareMetres(polygon) / expected - 1));
    }
    assertThat(worst).isLessThan(1e-10);
  }

  @Test
  void holesAreSubtractedAndDegenerateRingsCountZero() {
    Polygon outer = rectangle(120, 29.5, 120.0005, 29.5005);
    LinearRing hole = rectangle(120.0001, 29.5001, 120.0002, 29.5002).getExteriorRing();
    Polygon withHole =
        Cgcs2000.GEOMETRY_FACTORY.createPolygon(outer.getExteriorRing(), new LinearRing[] {hole});
    double expected =
        Math.toRadians(0.0005) * band(29.5, 29.5005)
            - Math.toRadians(0.0001) * band(29.5001, 29.5002);
    assertThat(EllipsoidalArea.squareMetres(withHole))
        .isCloseTo(expected, within(expected * 1e-10));
    // Along a meridian, itself a geodesic: no area (along a parallel there would be the sliver
    // between two short geodesics and a long one, some 0.04 m² for these 200 m).
    Polygon flat =
        Cgcs2000.GEOMETRY_FACTORY.createPolygon(
            new Coordinate[] {
              new Coordinate(120, 29.5),
              new Coordinate(120, 29.501),
              new Coordinate(120, 29.502),
              new Coordinate(120, 29.5)
            });
    assertThat(EllipsoidalArea.squareMetres(flat)).isLessThan(1e-9);
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }

  /** ∫ from lat1 to lat2 of M·N·cos φ dφ (m² per radian of longitude), 3-point Gauss–Legendre. */
  private static double band(double lat1, double lat2) {
    // The half-width from the difference of the degrees (exact for nearby doubles), not from the
    // difference of two radian values, each rounded to 1e-16 rad, 1e-9 of a 10 m interval.
    double half = Math.toRadians(lat2 - lat1) / 2;
    double middle = Math.toRadians(lat1) + half;
    double node = half * Math.sqrt(0.6);
    return half
        * (5.0 / 9 * element(middle - node)
            + 8.0 / 9 * element(middle)
            + 5.0 / 9 * element(middle + node));
  }

  /** M·N·cos φ = a²(1 − e²) cos φ / (1 − e² sin² φ)². */
  private static double element(double phi) {
    double s = Math.sin(phi);
    double w = 1 - E2 * s * s;
    return A * A * (1 - E2) * Math.cos(phi) / (w * w);
  }

  /** Shoelace about the first point, metres². */
  private static double planeArea(List<double[]> ring) {
    double[] first = ring.get(0);
    double sum = 0;
    for (int k = 0; k + 1 < ring.size(); k++) {
      double[] p = ring.get(k);
      double[] q = ring.get(k + 1);
      sum += (p[0] - first[0]) * (q[1] - first[1]) - (q[0] - first[0]) * (p[1] - first[1]);
    }
    return Math.abs(sum) / 2;
  }

  private static Polygon rectangle(double x1, double y1, double x2, double y2) {
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(x1, y1),
          new Coordinate(x2, y1),
          new Coordinate(x2, y2),
          new Coordinate(x1, y2),
          new Coordinate(x1, y1)
        });
  }

  /** A centrally symmetric polygon of 2 × half vertices around (lon, lat), within radiusM. */
  private static Polygon symmetric(
      Random random, double lon, double lat, int half, double radiusM) {
    double[] angles = new double[half];
    for (int k = 0; k < half; k++) {
      angles[k] = Math.PI * (k + 0.8 * random.nextDouble()) / half;
    }
    Coordinate[] ring = new Coordinate[2 * half + 1];
    double metresPerDegreeLon = 111_320 * Math.cos(Math.toRadians(lat));
    for (int k = 0; k < half; k++) {
      double r = radiusM * (0.6 + 0.4 * random.nextDouble());
      double dx = r * Math.cos(angles[k]) / metresPerDegreeLon;
      double dy = r * Math.sin(angles[k]) / 110_900;
      ring[k] = new Coordinate(lon + dx, lat + dy);
      ring[k + half] = new Coordinate(lon - dx, lat - dy);
    }
    ring[2 * half] = ring[0].copy();
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring);
  }

  /** A star-shaped polygon around (lon, lat) with vertices at 60–100 % of radiusM. */
  private static Polygon star(Random random, double lon, double lat, int vertices, double radiusM) {
    Coordinate[] ring = new Coordinate[vertices + 1];
    double metresPerDegreeLon = 111_320 * Math.cos(Math.toRadians(lat));
    for (int k = 0; k < vertices; k++) {
      double angle = 2 * Math.PI * (k + 0.8 * random.nextDouble()) / vertices;
      double r = radiusM * (0.6 + 0.4 * random.nextDouble());
      ring[k] =
          new Coordinate(
              lon + r * Math.cos(angle) / metresPerDegreeLon, lat + r * Math.sin(angle) / 110_900);
    }
    ring[vertices] = ring[0].copy();
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring);
  }
}
