package org.zoneplan.codecs.gis;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes the features of one layer in one format. Geometry arrives in EPSG:4490; the writer
 * reprojects it to the export's CRS. {@link #close()} finishes the file (headers, trailers). Not
 * thread-safe.
 */
public interface FeatureWriter extends Closeable {
  void write(ExportFeature feature) throws IOException;
}
