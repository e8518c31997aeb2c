package org.zoneplan.reliability;

import java.util.stream.IntStream;
import org.zoneplan.testsupport.TestDirs;

/**
 * SIGKILL during an approval and during an import on the embedded H2GIS store, started again on the
 * same data folder. H2 2.x cannot reopen a file whose R-tree was being written when the process was
 * killed ({@code bench/h2-crash/}), so the embedded store has no R-tree: bounding boxes are plain
 * columns under B-tree indexes (migration V7, {@code org.zoneplan.store.BboxFilter}).
 */
class H2gisCrashConsistencyTest extends CrashConsistencyContract {
  @Override
  String[] storeArguments(String name) throws Exception {
    return new String[] {
      "--zoneplan.store=h2gis",
      "--zoneplan.data-dir=" + TestDirs.create("zoneplan-crash-" + name),
      "--zoneplan.sample-data.parcels=0",
      // Nothing to warm up for the test; the background work would only slow each start down.
      "--zoneplan.analysis.warm-up=false"
    };
  }

  /**
   * H2 approves the 400 zones in about half a second, writing its file from about 100 ms on
   * (measured on the 2-core development machine under load): early in the writes, late in them, and
   * after the approval answered.
   */
  @Override
  IntStream approvalKillTimes() {
    return IntStream.of(150, 300, 1500);
  }
}
