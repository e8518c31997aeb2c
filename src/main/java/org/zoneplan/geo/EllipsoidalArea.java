package org.zoneplan.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import net.sf.geographiclib.GeodesicLine;
import net.sf.geographiclib.GeodesicMask;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Ellipsoidal (椭球面) area of polygons in geographic coordinates (x = longitude, y = latitude,
 * degrees): the figure the land bureau reports, the area on the ellipsoid of the polygon whose
 * vertices are joined by geodesics, as PostGIS {@code ST_Area(geography)} defines it.
 *
 * <p>Two ways, by the ring's size. GeographicLib's geodesic polygon area (PostGIS's algorithm)
 * sums, edge by edge, the area between the edge and the equator, millions of times a parcel of a
 * few hundred m², and the rounding of those terms leaves errors of up to some 1e-6 relative on
 * parcels of 50 m² (PostGIS errs as much; see docs/geodesy.md). So a ring within {@value
 * #LOCAL_EXTENT_DEGREES}° on a side is measured on {@link LocalEqualArea}, a Lambert azimuthal
 * equal-area plane centred on it; larger rings, where those rounding errors are below 1e-11
 * relative, by GeographicLib. Written here rather than through proj4j so that the forms free of
 * cancellation (see {@link LocalEqualArea}) and the geodesics' slivers are under our control.
 *
 * <p>Holes are subtracted and the parts of a multi-polygon summed; the geometry is assumed valid
 * (overlapping parts would count twice). Non-areal components count zero. Thread-safe.
 */
public final class EllipsoidalArea {
  /** Rings whose envelope is at most this wide and tall, in degrees, go on a local plane. */
  static final double LOCAL_EXTENT_DEGREES = 0.05;

  private final Geodesic ellipsoid;
  private final LocalEqualArea.Ellipsoid constants;

  public EllipsoidalArea(Geodesic ellipsoid) {
    this.ellipsoid = ellipsoid;
    this.constants =
        LocalEqualArea.Ellipsoid.of(ellipsoid.EquatorialRadius(), ellipsoid.Flattening());
  }

  /** Area on the CGCS2000 ellipsoid, in square metres. */
  public static double squareMetres(Geometry geographic) {
    return CGCS2000.of(geographic);
  }

  private static final EllipsoidalArea CGCS2000 = new EllipsoidalArea(Cgcs2000.ELLIPSOID);

  /** Area in square metres on this calculator's ellipsoid. */
  public double of(Geometry geographic) {
    if (geographic instanceof Polygon polygon) {
      return of(polygon);
    }
    double total = 0;
    if (geographic instanceof GeometryCollection collection) {
      for (int i = 0; i < collection.getNumGeometries(); i++) {
        total += of(collection.getGeometryN(i));
      }
    }
    return total;
  }

  private double of(Polygon polygon) {
    if (polygon.isEmpty()) {
      return 0;
    }
    double area = ringArea(polygon.getExteriorRing());
    for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
      area -= ringArea(polygon.getInteriorRingN(h));
    }
    return area;
  }

  /** Unsigned area enclosed by one ring, m². */
  public double ringArea(LinearRing ring) {
    Coordinate[] coordinates = ring.getCoordinates();
    Envelope envelope = ring.getEnvelopeInternal();
    if (envelope.getWidth() <= LOCAL_EXTENT_DEGREES
        && envelope.getHeight() <= LOCAL_EXTENT_DEGREES) {
      return localArea(coordinates, envelope);
    }
    PolygonArea polygonArea = new PolygonArea(ellipsoid, false);
    // GeographicLib closes the ring itself: skip the repeated closing vertex.
    int n = coordinates.length;
    if (n > 1 && coordinates[0].equals2D(coordinates[n - 1])) {
      n--;
    }
    if (n < 3) {
      return 0;
    }
    for (int i = 0; i < n; i++) {
      polygonArea.AddPoint(coordinates[i].y, coordinates[i].x);
    }
    // reverse = false, sign = true: counter-clockwise rings positive, clockwise negative.
    PolygonResult result = polygonArea.Compute(false, true);
    return Math.abs(result.area);
  }

  /**
   * The ring's area on a local equal-area plane centred on its envelope: the plane area of its
   * vertices, plus, for each edge, the sliver between the chord and the geodesic's image, which
   * bows by some 5e-10 of the edge per metre of edge on this projection (its shape is true at the
   * centre only to first order in e²): 1e-8 of a 30 m triangle if left out. The sliver is the
   * parabolic segment through the geodesic's midpoint, 4/3 of the triangle (P, midpoint, Q); edges
   * longer than {@value #PIECE_M} m are cut along the geodesic into pieces, each with its own.
   */
  private double localArea(Coordinate[] coordinates, Envelope envelope) {
    int n = coordinates.length;
    if (n > 1 && coordinates[0].equals2D(coordinates[n - 1])) {
      n--;
    }
    if (n < 3) {
      return 0;
    }
    LocalEqualArea plane = new LocalEqualArea(constants, envelope.centre().x, envelope.centre().y);
    Sum twice = new Sum();
    double[] from = new double[2];
    double[] to = new double[2];
    double[] middle = new double[2];
    double[] end = new double[2];
    plane.project(coordinates[0].x, coordinates[0].y, from);
    double[] first = from.clone();
    for (int i = 0; i < n; i++) {
      Coordinate a = coordinates[i];
      Coordinate b = coordinates[(i + 1) % n];
      if (i + 1 < n) {
        plane.project(b.x, b.y, to);
      } else {
        System.arraycopy(first, 0, to, 0, 2);
      }
      // Longitudes from the edge's start (geodesics do not change under a shift in longitude), so
      // that the midpoints' longitudes come back as small numbers, not rounded to 1e-9 m at 120°E.
      GeodesicLine line = ellipsoid.InverseLine(a.y, 0, b.y, b.x - a.x, LINE);
      double length = line.Distance();
      if (length < MIN_BOW_M) {
        twice.add(cross(from, to));
      } else {
        int pieces = (int) Math.ceil(length / PIECE_M);
        double[] start = from;
        for (int k = 1; k <= pieces; k++) {
          position(plane, line, a.x, length * (2 * k - 1) / (2 * pieces), middle);
          if (k < pieces) {
            position(plane, line, a.x, length * k / pieces, end);
          } else {
            System.arraycopy(to, 0, end, 0, 2);
          }
          twice.add(cross(start, end));
          // Twice the sliver's signed area: 4/3 of (M − P) × (Q − P).
          twice.add(
              4.0
                  / 3
                  * ((middle[0] - start[0]) * (end[1] - start[1])
                      - (end[0] - start[0]) * (middle[1] - start[1])));
          start = end.clone();
        }
      }
      double[] swap = from;
      from = to;
      to = swap;
    }
    return Math.abs(twice.value()) / 2;
  }

  private static final int LINE =
      GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE | GeodesicMask.DISTANCE_IN;

  /** Edges shorter than this, metres, bow by less than 1e-12 m²: no midpoint. */
  static final double MIN_BOW_M = 0.5;

  /** Longest piece of an edge given one parabolic sliver, metres. */
  static final double PIECE_M = 200;

  /** The point {@code distance} along the line, whose longitudes are counted from {@code lon}. */
  private static void position(
      LocalEqualArea plane, GeodesicLine line, double lon, double distance, double[] out) {
    GeodesicData point = line.Position(distance, GeodesicMask.LATITUDE | GeodesicMask.LONGITUDE);
    plane.project(lon, point.lon2, point.lat2, out);
  }

  /**
   * p × q; the plane's coordinates are within kilometres of its centre, so this keeps its digits.
   */
  private static double cross(double[] p, double[] q) {
    return p[0] * q[1] - q[0] * p[1];
  }

  /** Neumaier's compensated sum. */
  private static final class Sum {
    private double sum;
    private double compensation;

    void add(double term) {
      double t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }

    double value() {
      return sum + compensation;
    }
  }
}
