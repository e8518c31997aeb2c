package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.util.function.Consumer;
import org.zoneplan.geo.Crs;

/** The features of an uploaded file, with what was found out about it. */
public interface FeatureInput {
  /** {@code shapefile}, {@code geopackage} or {@code geojson}. */
  String format();

  /** Text encoding used (UTF-8 for GeoJSON and GeoPackage). */
  String encoding();

  /** Where the encoding came from: {@code override}, {@code .cpg}, {@code language driver}, ... */
  String encodingSource();

  /** The file's CRS as declared (before looking at the coordinates), or null when undeclared. */
  Crs crs();

  String crsSource();

  void forEach(Consumer<ImportedFeature> consumer) throws IOException;
}
