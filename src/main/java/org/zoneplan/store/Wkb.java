package org.zoneplan.store;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GeoJson;

/**
 * Geometry to and from the store as WKB, the one encoding H2GIS and PostGIS share: SQL writes
 * {@code ST_GeomFromWKB(?, 4490)} and reads {@code ST_AsBinary(geom)} on both engines.
 */
public final class Wkb {
  private Wkb() {}

  public static byte[] write(Geometry geometry) {
    // WKBWriter is cheap and not thread-safe: one per call.
    return new WKBWriter(2).write(geometry);
  }

  public static MultiPolygon readMultiPolygon(byte[] wkb) {
    if (wkb == null) {
      return null;
    }
    try {
      Geometry geometry = new WKBReader(Cgcs2000.GEOMETRY_FACTORY).read(wkb);
      return GeoJson.toMultiPolygon(geometry);
    } catch (ParseException e) {
      throw new IllegalStateException("stored geometry is not valid WKB", e);
    }
  }
}
