package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GeometryLimits;
import tools.jackson.databind.json.JsonMapper;

/** Opens an uploaded feature file with the reader its first bytes call for. */
public final class FeatureFiles {
  private FeatureFiles() {}

  /**
   * Decides the format from the first bytes: a zip (shapefile, or one GeoPackage or GeoJSON inside,
   * extracted by {@link SafeUnzip} into {@code workDir}), SQLite (GeoPackage) or JSON.
   *
   * @param encoding the shapefile's text encoding, or null to read it from the file
   * @param crs the file's CRS, or null to read it from the file
   * @throws GisFileException {@link GisFileException.Kind#UNSUPPORTED} for anything else
   */
  public static FeatureInput open(
      Path file,
      Path workDir,
      Charset encoding,
      Crs crs,
      ReadLimits readLimits,
      GeometryLimits limits,
      JsonMapper json)
      throws IOException {
    byte[] head = new byte[16];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    if (text.startsWith("PK\u0003\u0004")) {
      Path unzipped = Files.createDirectory(workDir.resolve("unzipped"));
      List<Path> files = new SafeUnzip(readLimits).extract(file, unzipped);
      List<Path> packages = files.stream().filter(p -> p.toString().endsWith(".gpkg")).toList();
      if (packages.size() == 1 && files.stream().noneMatch(p -> p.toString().endsWith(".shp"))) {
        return new GeoPackageInput(packages.get(0), crs, readLimits);
      }
      List<Path> geojson = files.stream().filter(p -> p.toString().endsWith(".geojson")).toList();
      if (geojson.size() == 1 && files.stream().noneMatch(p -> p.toString().endsWith(".shp"))) {
        return new GeoJsonInput(geojson.get(0), json, crs, limits);
      }
      return new ShapefileInput(files, encoding, crs, limits);
    }
    if (text.startsWith("SQLite format 3")) {
      return new GeoPackageInput(file, crs, readLimits);
    }
    if (text.stripLeading().startsWith("{") || text.startsWith("\u00EF\u00BB\u00BF")) {
      // JSON, or UTF-8 JSON behind a byte-order mark (which Jackson skips)
      return new GeoJsonInput(file, json, crs, limits);
    }
    throw new GisFileException(
        GisFileException.Kind.UNSUPPORTED,
        "upload a zipped shapefile, a GeoPackage or a GeoJSON file");
  }
}
