package org.zoneplan.codecs.gis;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GaussKruger;

/**
 * Recognises the CRS of a {@code .prj} (ESRI or OGC WKT 1): CGCS2000 geographic, or a CGCS2000
 * transverse Mercator / Gauss-Krüger projection whose central meridian is a multiple of 3° and
 * whose false easting is 500000 (EPSG:4534–4554) or carries the zone number (4513–4533), found from
 * the parameters rather than the name (names vary between ArcGIS, GDAL and SuperMap). WGS 84 is
 * taken as CGCS2000 (they agree to centimetres); other datums (Xian 1980, Beijing 1954) are
 * refused, since zoneplan has no datum transformation for them.
 */
public final class PrjParser {
  private static final Pattern PARAMETER =
      Pattern.compile(
          "PARAMETER\\[\"([^\"]+)\",\\s*([-+0-9.eE]+)\\s*\\]", Pattern.CASE_INSENSITIVE);

  private PrjParser() {}

  /**
   * @throws IllegalArgumentException describing a CRS zoneplan cannot use
   */
  static Crs parse(String wkt) {
    String text = wkt.strip();
    String upper = text.toUpperCase(Locale.ROOT);
    boolean cgcs2000 =
        upper.contains("CHINA_2000")
            || upper.contains("CHINA 2000")
            || upper.contains("CGCS2000")
            || upper.contains("CGCS_2000")
            || upper.contains("CHINA_GEODETIC_COORDINATE_SYSTEM_2000")
            || upper.contains("CHINA GEODETIC COORDINATE SYSTEM 2000");
    boolean wgs84 =
        upper.contains("WGS_1984") || upper.contains("WGS 84") || upper.contains("WGS84");
    if (!cgcs2000 && !wgs84) {
      throw new IllegalArgumentException(
          "the .prj is not on CGCS2000 (nor WGS 84): "
              + abbreviate(text)
              + "; reproject to EPSG:4490 or a CGCS2000 Gauss-Krüger zone first");
    }
    if (upper.startsWith("GEOGCS") || upper.startsWith("GEOGCRS")) {
      return Crs.CGCS2000;
    }
    if (!upper.startsWith("PROJCS") || !(upper.contains("TRANSVERSE") || upper.contains("GAUSS"))) {
      throw new IllegalArgumentException(
          "the .prj is a projection zoneplan does not read: " + abbreviate(text));
    }
    Double centralMeridian = null;
    Double falseEasting = null;
    Double scale = 1.0;
    Double falseNorthing = 0.0;
    Matcher m = PARAMETER.matcher(text);
    while (m.find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT).replace(' ', '_');
      double value = Double.parseDouble(m.group(2));
      switch (name) {
        case "central_meridian", "longitude_of_center", "longitude_of_origin" ->
            centralMeridian = value;
        case "false_easting" -> falseEasting = value;
        case "false_northing" -> falseNorthing = value;
        case "scale_factor" -> scale = value;
        default -> {}
      }
    }
    if (centralMeridian == null || falseEasting == null) {
      throw new IllegalArgumentException(
          "the .prj has no central meridian or false easting: " + abbreviate(text));
    }
    if (Math.abs(centralMeridian / 3 - Math.rint(centralMeridian / 3)) > 1e-9
        || Math.abs(scale - 1) > 1e-12
        || falseNorthing != 0) {
      throw new IllegalArgumentException(
          "the .prj is not a 3-degree Gauss-Krüger zone (central meridian "
              + centralMeridian
              + ", scale "
              + scale
              + "): 6-degree zones are not supported");
    }
    int zone = (int) Math.rint(centralMeridian / 3);
    GaussKruger gk;
    try {
      gk = new GaussKruger(zone);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the .prj's central meridian is outside China: " + e.getMessage());
    }
    if (falseEasting == 500_000) {
      return new Crs(gk.epsg());
    }
    if (falseEasting == zone * 1_000_000.0 + 500_000) {
      return new Crs(gk.epsgWithZonePrefix());
    }
    throw new IllegalArgumentException(
        "the .prj's false easting "
            + falseEasting
            + " fits no Gauss-Krüger series of zone "
            + zone);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
