package org.zoneplan.geo;

import net.sf.geographiclib.Geodesic;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * CGCS2000 (China Geodetic Coordinate System 2000), EPSG:4490, the CRS every stored geometry is in.
 *
 * <p>Axis order: zoneplan always stores and exchanges x = longitude, y = latitude (GeoJSON order),
 * although EPSG defines 4490 as (latitude, longitude). Be explicit at every boundary.
 *
 * <p>The ellipsoid is CGCS2000's, equal to GRS80 in a and f (not WGS84, whose f differs in the
 * tenth significant digit).
 */
public final class Cgcs2000 {
  /** EPSG code of CGCS2000 geographic 2D. */
  public static final int SRID = 4490;

  /** Semi-major axis, metres. */
  public static final double SEMI_MAJOR_AXIS_M = 6378137.0;

  /** Flattening. */
  public static final double FLATTENING = 1 / 298.257222101;

  /** Geodesic calculator on the CGCS2000 ellipsoid; immutable and thread-safe. */
  public static final Geodesic ELLIPSOID = new Geodesic(SEMI_MAJOR_AXIS_M, FLATTENING);

  /** Factory for geometries in EPSG:4490; floating precision, x = longitude. */
  public static final GeometryFactory GEOMETRY_FACTORY =
      new GeometryFactory(new PrecisionModel(), SRID);

  private Cgcs2000() {}
}
