package org.zoneplan.testsupport;

import java.util.Locale;

/** GeoJSON text of simple test geometries. */
public final class Shapes {
  private Shapes() {}

  /** A square GeoJSON Polygon, south-west corner (lon, lat), side {@code size} degrees. */
  public static String square(double lon, double lat, double size) {
    return String.format(
        Locale.ROOT,
        "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
        lon,
        lat,
        lon + size,
        lat,
        lon + size,
        lat + size,
        lon,
        lat + size,
        lon,
        lat);
  }
}
