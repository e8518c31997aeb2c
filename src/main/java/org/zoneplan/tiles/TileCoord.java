package org.zoneplan.tiles;

import org.locationtech.jts.geom.Envelope;
import org.zoneplan.geo.WebMercator;

/**
 * One tile of the XYZ grid in Web Mercator (the grid of Leaflet, OpenStreetMap and Google): at zoom
 * z the world is 2^z × 2^z tiles, x to the east from 180°W, y to the south from 85.05°N.
 *
 * @param z zoom, 0 to {@link #MAX_ZOOM}
 * @param x column, 0 to 2^z − 1
 * @param y row, 0 to 2^z − 1
 */
public record TileCoord(int z, int x, int y) {
  /** Deepest zoom the grid is defined for here (2^30 tiles a side still fit in an int). */
  public static final int MAX_ZOOM = 30;

  public TileCoord {
    if (z < 0 || z > MAX_ZOOM) {
      throw new IllegalArgumentException("zoom " + z + " outside 0.." + MAX_ZOOM);
    }
    if (outsideGrid(z, x, y)) {
      throw new IllegalArgumentException(outsideGridReason(z, x, y));
    }
  }

  /** Whether column x or row y lies outside the grid of zoom z. */
  static boolean outsideGrid(int z, int x, int y) {
    long n = 1L << z;
    return x < 0 || x >= n || y < 0 || y >= n;
  }

  /** Why z/x/y is not a tile, in the words of a 400 answer. */
  static String outsideGridReason(int z, int x, int y) {
    return "tile "
        + z
        + "/"
        + x
        + "/"
        + y
        + " is outside the grid: x and y run from 0 to "
        + ((1L << z) - 1)
        + " at zoom "
        + z;
  }

  public static TileCoord ofXYZ(int x, int y, int z) {
    return new TileCoord(z, x, y);
  }

  /** The tile at zoom z that contains a point (longitude, latitude in degrees). */
  public static TileCoord containing(double longitude, double latitude, int z) {
    int n = 1 << z;
    int x = (int) Math.floor(WebMercator.x(longitude) * n);
    int y = (int) Math.floor(WebMercator.y(latitude) * n);
    return new TileCoord(z, Math.max(0, Math.min(n - 1, x)), Math.max(0, Math.min(n - 1, y)));
  }

  /** Width of this tile in world units (1 / 2^z). */
  public double worldSize() {
    return 1.0 / (1L << z);
  }

  /**
   * The tile widened by {@code buffer} times its size on every side, in world units (minX = west,
   * minY = north, since world y grows to the south).
   */
  public Envelope worldEnvelope(double buffer) {
    double size = worldSize();
    return new Envelope(
        (x - buffer) * size, (x + 1 + buffer) * size, (y - buffer) * size, (y + 1 + buffer) * size);
  }

  /**
   * The tile widened by {@code buffer} times its size on every side, as longitude and latitude in
   * degrees (EPSG:4490 ≈ WGS84): the bounding box to query the store with.
   */
  public Envelope lonLatEnvelope(double buffer) {
    Envelope world = worldEnvelope(buffer);
    return new Envelope(
        WebMercator.longitude(world.getMinX()),
        WebMercator.longitude(world.getMaxX()),
        WebMercator.latitude(Math.min(1, world.getMaxY())),
        WebMercator.latitude(Math.max(0, world.getMinY())));
  }

  @Override
  public String toString() {
    return z + "/" + x + "/" + y;
  }
}
