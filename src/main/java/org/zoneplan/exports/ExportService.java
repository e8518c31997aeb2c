package org.zoneplan.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.zoneplan.codecs.gis.CsvFeatureWriter;
import org.zoneplan.codecs.gis.FeatureSource;
import org.zoneplan.codecs.gis.FeatureWriter;
import org.zoneplan.codecs.gis.GeoJsonFeatureWriter;
import org.zoneplan.codecs.gis.GeoPackageWriter;
import org.zoneplan.codecs.gis.KmlFeatureWriter;
import org.zoneplan.codecs.gis.ShapefileWriter;
import org.zoneplan.codecs.gis.TempFiles;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.ExchangeProperties;
import org.zoneplan.zones.ZoneService;

/**
 * Exports a layer of a plan version in a file format, streamed: features go from the store to the
 * output one at a time. Shapefiles and GeoPackages are written to a private temporary folder first
 * (their headers are only known at the end), then copied to the output and deleted.
 */
@Service
public class ExportService {
  private static final Logger log = LoggerFactory.getLogger(ExportService.class);
  static final List<String> SHAPEFILE_PARTS = List.of(".shp", ".shx", ".dbf", ".prj", ".cpg");

  private final Map<String, ExportLayer> layers;
  private final ZoneService zones;
  private final ExchangeProperties properties;

  ExportService(List<ExportLayer> layers, ZoneService zones, ExchangeProperties properties) {
    this.layers = layers.stream().collect(Collectors.toMap(ExportLayer::name, Function.identity()));
    this.zones = zones;
    this.properties = properties;
  }

  /** Names of the layers that can be exported. */
  public List<String> layerNames() {
    return layers.keySet().stream().sorted().toList();
  }

  /**
   * The layer's features, checked: the plan exists and the layer is known.
   *
   * @throws ApiProblem 404 for an unknown plan, 400 for an unknown layer
   */
  public FeatureSource source(ExportRequest request) {
    zones.plan(request.planId());
    ExportLayer layer = layers.get(request.layer());
    if (layer == null) {
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "unknown-layer",
              "Unknown layer",
              "no layer \"" + request.layer() + "\": use one of " + layerNames())
          .with("layer", request.layer());
    }
    return layer.source(request.planId(), request.options());
  }

  /**
   * A prepared export: for shapefiles and GeoPackages the file is already written (so store errors
   * surface before any byte is sent); {@link #writeTo} sends it and deletes the temporary files.
   */
  public interface Prepared {
    void writeTo(OutputStream out) throws IOException;
  }

  public Prepared prepare(ExportRequest request) throws IOException {
    FeatureSource source = source(request);
    switch (request.format()) {
      case SHAPEFILE -> {
        Path dir = properties.newTempDir("export");
        try {
          writeShapefile(source, request, dir);
        } catch (IOException | RuntimeException e) {
          TempFiles.deleteRecursively(dir);
          throw e;
        }
        return out -> {
          try {
            zip(dir, source.name(), out);
          } finally {
            TempFiles.deleteRecursively(dir);
          }
        };
      }
      case GEOPACKAGE -> {
        Path dir = properties.newTempDir("export");
        Path file = dir.resolve(source.name() + ".gpkg");
        try {
          write(
              source,
              new GeoPackageWriter(
                  file, source.name(), source.fields(), request.crs(), source.geometryType()));
        } catch (IOException | RuntimeException e) {
          TempFiles.deleteRecursively(dir);
          throw e;
        }
        return out -> {
          try {
            Files.copy(file, out);
          } finally {
            TempFiles.deleteRecursively(dir);
          }
        };
      }
      default -> {
        return out -> write(source, streamingWriter(source, request, out));
      }
    }
  }

  /** Writes the whole export to a stream (the command line, tests). */
  public void export(ExportRequest request, OutputStream out) throws IOException {
    prepare(request).writeTo(out);
  }

  private static FeatureWriter streamingWriter(
      FeatureSource source, ExportRequest request, OutputStream out) throws IOException {
    return switch (request.format()) {
      case GEOJSON -> new GeoJsonFeatureWriter(out, source.name(), source.fields());
      case KML -> new KmlFeatureWriter(out, source.name(), source.fields());
      case CSV -> new CsvFeatureWriter(out, source.fields(), request.crs(), request.encoding());
      default -> throw new IllegalStateException("not a streaming format: " + request.format());
    };
  }

  /** Writes the five shapefile parts of {@code source} into {@code dir}. */
  void writeShapefile(FeatureSource source, ExportRequest request, Path dir) throws IOException {
    ShapefileWriter writer =
        new ShapefileWriter(dir, source.name(), source.fields(), request.crs(), request.encoding());
    write(source, writer);
    if (writer.truncatedValues() > 0 || writer.overflowedValues() > 0) {
      log.warn(
          "Shapefile export of {}: {} text values cut to their DBF field (254 bytes at most), {}"
              + " numbers too wide for theirs written as null",
          source.name(),
          writer.truncatedValues(),
          writer.overflowedValues());
    }
  }

  private static void write(FeatureSource source, FeatureWriter writer) throws IOException {
    try (writer) {
      source.forEach(writer::write);
    }
  }

  private void zip(Path dir, String name, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setLevel(properties.zipLevel());
    for (String part : SHAPEFILE_PARTS) {
      zip.putNextEntry(new ZipEntry(name + part));
      Files.copy(dir.resolve(name + part), zip);
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
  }
}
