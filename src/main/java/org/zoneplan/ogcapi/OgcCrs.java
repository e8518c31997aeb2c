package org.zoneplan.ogcapi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.EveryCoordinate;

/**
 * A CRS as OGC API – Features Part 2 names it, with its axis order: OGC's CRS84 is longitude,
 * latitude; EPSG:4490 is latitude, longitude and the Gauss-Krüger zones (EPSG:4513–4554) are
 * northing, easting, as EPSG defines them. Coordinates in responses, {@code bbox} and request
 * bodies follow the axis order of the CRS named.
 *
 * @param crs the CRS (CRS84 is held as EPSG:4490, which it matches to centimetres)
 * @param swapAxes whether coordinates are (y, x): every EPSG code here
 * @param uri the OGC URI
 */
record OgcCrs(Crs crs, boolean swapAxes, String uri) {
  static final String CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  static final OgcCrs CRS84 = new OgcCrs(Crs.CGCS2000, false, CRS84_URI);

  /**
   * @throws IllegalArgumentException for a CRS not offered
   */
  static OgcCrs parse(String uri) {
    if (uri == null || uri.isBlank()) {
      return CRS84;
    }
    String s = uri.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1); // safe CURIE, e.g. [EPSG:4490]
    }
    if (s.equalsIgnoreCase(CRS84_URI)
        || s.equalsIgnoreCase("CRS84")
        || s.equalsIgnoreCase("OGC:CRS84")) {
      return CRS84;
    }
    Crs crs = Crs.parse(s);
    return new OgcCrs(crs, true, crs.uri());
  }

  /** Every CRS offered: CRS84, EPSG:4490 and the 42 Gauss-Krüger codes. */
  static List<String> supported() {
    List<String> uris = new ArrayList<>();
    uris.add(CRS84_URI);
    uris.add(Crs.CGCS2000.uri());
    for (int epsg = 4513; epsg <= 4554; epsg++) {
      uris.add(new Crs(epsg).uri());
    }
    return uris;
  }

  /** From stored EPSG:4490 (x = longitude) to this CRS's coordinates in its axis order. */
  UnaryOperator<Geometry> fromStore() {
    UnaryOperator<Geometry> project = crs.fromCgcs2000();
    return swapAxes ? g -> swap(project.apply(g)) : project;
  }

  /** From this CRS's coordinates in its axis order to EPSG:4490 (x = longitude). */
  UnaryOperator<Geometry> toStore() {
    UnaryOperator<Geometry> unproject = crs.toCgcs2000();
    return swapAxes ? g -> unproject.apply(swap(g)) : unproject;
  }

  /** A copy with x and y exchanged. */
  static Geometry swap(Geometry g) {
    Geometry copy = g.copy();
    copy.apply(
        new EveryCoordinate() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            double x = seq.getX(i);
            seq.setOrdinate(i, CoordinateSequence.X, seq.getY(i));
            seq.setOrdinate(i, CoordinateSequence.Y, x);
          }
        });
    return copy;
  }
}
