package org.zoneplan.geo;

/**
 * Spherical ("Web") Mercator, EPSG:3857, the projection of the XYZ tile grid Leaflet and every web
 * map use, in <em>world units</em>: the whole world is the square [0, 1] × [0, 1], x to the east
 * from 180°W, y to the south from 85.0511°N (so tile (z, x, y) covers [x, x + 1] / 2^z by [y, y +
 * 1] / 2^z).
 *
 * <p>Input is CGCS2000 longitude and latitude (EPSG:4490) taken as WGS84: the two datums differ by
 * a few centimetres, far below a map pixel, and Web Mercator treats latitude as spherical anyway.
 *
 * <p>Hand-written rather than proj4j because it is two lines of maths that run for every vertex of
 * every tile (proj4j allocates per point), and EPSG:3857 is defined by exactly these formulas on a
 * sphere of radius 6378137 m. Thread-safe (no state).
 */
public final class WebMercator {
  /** Latitude where the square world ends, degrees (atan(sinh(π))). */
  public static final double MAX_LATITUDE = 85.05112877980659;

  /** Earth radius of EPSG:3857, metres; one world unit is 2πR metres at the equator. */
  public static final double RADIUS_M = 6378137.0;

  private WebMercator() {}

  /** World x (0 at 180°W, 1 at 180°E) of a longitude in degrees. */
  public static double x(double longitude) {
    return (longitude + 180.0) / 360.0;
  }

  /** World y (0 at the top, 1 at the bottom) of a latitude in degrees, clamped to the square. */
  public static double y(double latitude) {
    double lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
    double sin = Math.sin(Math.toRadians(lat));
    return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  }

  /** Longitude in degrees of a world x. */
  public static double longitude(double x) {
    return x * 360.0 - 180.0;
  }

  /** Latitude in degrees of a world y. */
  public static double latitude(double y) {
    return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * y))));
  }

  /** EPSG:3857 easting in metres of a world x. */
  public static double easting(double x) {
    return (x - 0.5) * 2 * Math.PI * RADIUS_M;
  }

  /** EPSG:3857 northing in metres of a world y. */
  public static double northing(double y) {
    return (0.5 - y) * 2 * Math.PI * RADIUS_M;
  }
}
