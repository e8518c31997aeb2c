package org.zoneplan.imports;

import java.io.IOException;
import org.zoneplan.codecs.gis.FeatureInput;

/**
 * The import of one layer (the counterpart of an export layer, with the same fields: {@link
 * org.zoneplan.codecs.gis.LayerFields}). {@link ImportService} reads through {@link #read} while
 * holding no store connection, then runs the returned write in its transaction.
 */
interface LayerImporter {
  /** {@code zones}, {@code parcels} or {@code divisions}, as in {@link ImportRequest#layer()}. */
  String layer();

  /**
   * Reads and checks every feature into {@code run} (counts, errors, repairs).
   *
   * @return the writes, run in the import's transaction; they may add errors, which roll it back
   */
  Runnable read(FeatureInput input, ImportRun run) throws IOException;

  /** After a real run was committed: the events that drop cached tiles and results. */
  default void committed(ImportRun run) {}
}
