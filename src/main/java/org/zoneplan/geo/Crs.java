package org.zoneplan.geo;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;

/**
 * A coordinate reference system zoneplan reads and writes: CGCS2000 geographic (EPSG:4490, x =
 * longitude) or one of its 3-degree Gauss-Krüger zones, with the zone number in the false easting
 * (EPSG:4513–4533) or without (EPSG:4534–4554). x is always the easting or longitude, whatever
 * EPSG's axis order.
 *
 * @param epsg 4490 or 4513–4554
 */
public record Crs(int epsg) {
  public static final Crs CGCS2000 = new Crs(Cgcs2000.SRID);

  private static final Pattern CODE =
      Pattern.compile(
          "(?:EPSG:+|urn:ogc:def:crs:EPSG:[0-9.]*:|https?://www\\.opengis\\.net/def/crs/EPSG/[0-9.]+/)?"
              + "([0-9]{4,5})",
          Pattern.CASE_INSENSITIVE);

  public Crs {
    if (epsg != Cgcs2000.SRID && !GaussKruger.isGaussKrugerEpsg(epsg)) {
      throw new IllegalArgumentException(
          "EPSG:"
              + epsg
              + " is not supported: use EPSG:4490 (CGCS2000) or a CGCS2000 3-degree Gauss-Krüger"
              + " zone, EPSG:4513–4554");
    }
  }

  /**
   * Parses {@code EPSG:4549}, {@code 4549}, {@code urn:ogc:def:crs:EPSG::4549}, {@code
   * http://www.opengis.net/def/crs/EPSG/0/4549}; {@code CRS84} (OGC's longitude-latitude WGS 84) is
   * taken as EPSG:4490, which differs from it by centimetres.
   *
   * @throws IllegalArgumentException naming what is supported
   */
  public static Crs parse(String text) {
    String s = text == null ? "" : text.strip();
    if (s.equalsIgnoreCase("CRS84")
        || s.equalsIgnoreCase("http://www.opengis.net/def/crs/OGC/1.3/CRS84")
        || s.equalsIgnoreCase("urn:ogc:def:crs:OGC:1.3:CRS84")) {
      return CGCS2000;
    }
    Matcher m = CODE.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "unknown CRS \"" + s + "\": use EPSG:4490 or EPSG:4513–4554 (CGCS2000 Gauss-Krüger)");
    }
    return new Crs(Integer.parseInt(m.group(1)));
  }

  public boolean isGeographic() {
    return epsg == Cgcs2000.SRID;
  }

  /** The Gauss-Krüger zone; only for projected CRSs. */
  public GaussKruger gaussKruger() {
    return GaussKruger.forEpsg(epsg);
  }

  /** Whether the easting carries the zone number (EPSG:4513–4533, 8-digit eastings). */
  public boolean zonePrefix() {
    return epsg >= 4513 && epsg <= 4533;
  }

  /** {@code EPSG:4490}. */
  @Override
  public String toString() {
    return "EPSG:" + epsg;
  }

  /** The OGC http URI, as OGC API Features names CRSs. */
  public String uri() {
    return "http://www.opengis.net/def/crs/EPSG/0/" + epsg;
  }

  /**
   * A function from EPSG:4490 to this CRS: the identity for 4490, else a proj4j projection. Not
   * thread-safe: one per thread (or per export).
   */
  public UnaryOperator<Geometry> fromCgcs2000() {
    if (isGeographic()) {
      return UnaryOperator.identity();
    }
    GaussKruger.Transform transform = gaussKruger().toPlane(zonePrefix());
    return transform::apply;
  }

  /** A function from this CRS to EPSG:4490; not thread-safe. */
  public UnaryOperator<Geometry> toCgcs2000() {
    if (isGeographic()) {
      return UnaryOperator.identity();
    }
    GaussKruger.Transform transform = gaussKruger().fromPlane(zonePrefix());
    return transform::apply;
  }

  private static final String ESRI_GEOGCS =
      "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
          + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
          + "UNIT[\"Degree\",0.0174532925199433]]";

  /**
   * The ESRI WKT for a shapefile's {@code .prj}. The names and parameters are the ones GDAL's
   * {@code gdalsrsinfo -o wkt_esri} gives, which GDAL (and so QGIS) maps back to the EPSG code, and
   * which ArcGIS uses: {@code CGCS2000_3_Degree_GK_CM_120E} for 4549, {@code
   * CGCS2000_3_Degree_GK_Zone_40} for 4528.
   */
  public String esriWkt() {
    if (isGeographic()) {
      return ESRI_GEOGCS;
    }
    GaussKruger gk = gaussKruger();
    String name =
        zonePrefix()
            ? "CGCS2000_3_Degree_GK_Zone_" + gk.zone()
            : "CGCS2000_3_Degree_GK_CM_" + gk.centralMeridian() + "E";
    return "PROJCS[\""
        + name
        + "\","
        + ESRI_GEOGCS
        + ",PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\","
        + falseEasting()
        + ".0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\","
        + gk.centralMeridian()
        + ".0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],"
        + "UNIT[\"Meter\",1.0]]";
  }

  private static final String OGC_GEOGCS =
      "GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\","
          + "SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]],"
          + "AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
          + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
          + "AUTHORITY[\"EPSG\",\"4490\"]]";

  /** OGC WKT 1 with EPSG authority codes (GeoPackage's {@code gpkg_spatial_ref_sys}). */
  public String ogcWkt() {
    if (isGeographic()) {
      return OGC_GEOGCS;
    }
    GaussKruger gk = gaussKruger();
    return "PROJCS[\""
        + name()
        + "\","
        + OGC_GEOGCS
        + ",PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],"
        + "PARAMETER[\"central_meridian\","
        + gk.centralMeridian()
        + "],PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\","
        + falseEasting()
        + "],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],"
        + "AUTHORITY[\"EPSG\",\""
        + epsg
        + "\"]]";
  }

  /** EPSG's name, e.g. {@code CGCS2000 / 3-degree Gauss-Kruger CM 120E}. */
  public String name() {
    if (isGeographic()) {
      return "China Geodetic Coordinate System 2000";
    }
    GaussKruger gk = gaussKruger();
    return zonePrefix()
        ? "CGCS2000 / 3-degree Gauss-Kruger zone " + gk.zone()
        : "CGCS2000 / 3-degree Gauss-Kruger CM " + gk.centralMeridian() + "E";
  }

  private long falseEasting() {
    return zonePrefix() ? gaussKruger().zone() * 1_000_000L + 500_000L : 500_000L;
  }
}
