package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.util.List;

/**
 * A layer to export: its fields and its features, streamed in a stable order. Anything that can
 * list polygons with attributes can be exported in every format: zones, parcels, divisions,
 * analysis results.
 */
public interface FeatureSource {
  /** Layer name: file names inside the export, the GeoPackage table, e.g. {@code zones}. */
  String name();

  List<ExportField> fields();

  /**
   * The GeoPackage geometry type name of every feature: {@code MULTIPOLYGON} (the default: zones,
   * parcels, divisions) or {@code POINT} (boundary points). Writers that need one type per file
   * (shapefile, GeoPackage) write this one.
   */
  default String geometryType() {
    return MULTIPOLYGON;
  }

  String MULTIPOLYGON = "MULTIPOLYGON";
  String POINT = "POINT";

  /**
   * Calls the sink once per feature, in order, without holding the layer in memory where the store
   * allows it. May be called more than once.
   */
  void forEach(Sink sink) throws IOException;

  /** Receives features; may throw to stop the export. */
  @FunctionalInterface
  interface Sink {
    void accept(ExportFeature feature) throws IOException;
  }

  /** A source over features already in memory. */
  static FeatureSource of(String name, List<ExportField> fields, List<ExportFeature> features) {
    return of(name, fields, features, MULTIPOLYGON);
  }

  /** A source over features already in memory, of the given geometry type. */
  static FeatureSource of(
      String name, List<ExportField> fields, List<ExportFeature> features, String geometryType) {
    return new FeatureSource() {
      @Override
      public String geometryType() {
        return geometryType;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public List<ExportField> fields() {
        return fields;
      }

      @Override
      public void forEach(Sink sink) throws IOException {
        for (ExportFeature f : features) {
          sink.accept(f);
        }
      }
    };
  }
}
