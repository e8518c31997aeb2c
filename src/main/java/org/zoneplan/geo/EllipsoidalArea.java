package org.zoneplan.geo;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Ellipsoidal (椭球面) area of polygons in geographic coordinates (x = longitude, y = latitude,
 * degrees), computed with GeographicLib's exact geodesic polygon area: the figure the land bureau
 * reports, and the algorithm behind PostGIS {@code ST_Area(geography)}.
 *
 * <p>Holes are subtracted and the parts of a multi-polygon summed; the geometry is assumed valid
 * (overlapping parts would count twice). Non-areal components count zero. Thread-safe.
 */
public final class EllipsoidalArea {
  private final Geodesic ellipsoid;

  public EllipsoidalArea(Geodesic ellipsoid) {
    this.ellipsoid = ellipsoid;
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
}
