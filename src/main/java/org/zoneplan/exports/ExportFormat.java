package org.zoneplan.exports;

import java.util.Locale;

/** The file formats zoneplan exports, with their media type and file name ending. */
public enum ExportFormat {
  /** Zip of {@code .shp .shx .dbf .prj .cpg}. */
  SHAPEFILE("application/zip", ".zip"),
  /** OGC GeoPackage 1.3 (SQLite). */
  GEOPACKAGE("application/geopackage+sqlite3", ".gpkg"),
  /** RFC 7946, EPSG:4490 only. */
  GEOJSON("application/geo+json", ".geojson"),
  /** OGC KML 2.2, EPSG:4490 only. */
  KML("application/vnd.google-earth.kml+xml", ".kml"),
  /** RFC 4180 with the geometry as WKT in the last column. */
  CSV("text/csv", ".csv");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public static ExportFormat parse(String text) {
    String s = text == null ? "shapefile" : text.strip().toLowerCase(Locale.ROOT);
    switch (s) {
      case "shapefile", "shp", "zip" -> {
        return SHAPEFILE;
      }
      case "geopackage", "gpkg" -> {
        return GEOPACKAGE;
      }
      case "geojson", "json" -> {
        return GEOJSON;
      }
      case "kml" -> {
        return KML;
      }
      case "csv" -> {
        return CSV;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown format \"" + text + "\": use shapefile, geopackage, geojson, kml or csv");
    }
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /** Whether the format can hold a projected CRS (GeoJSON and KML are longitude-latitude). */
  public boolean allowsProjected() {
    return this == SHAPEFILE || this == GEOPACKAGE || this == CSV;
  }
}
