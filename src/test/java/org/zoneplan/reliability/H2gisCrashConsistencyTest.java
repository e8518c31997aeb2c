package org.zoneplan.reliability;

import org.zoneplan.testsupport.TestDirs;

/**
 * SIGKILL during an approval and during an import on the embedded H2GIS store, started again on the
 * same data folder. H2 2.x cannot reopen a file whose R-tree was being written when the process was
 * killed ({@code bench/h2-crash/}), so the embedded store has no R-tree: bounding boxes are plain
 * columns under B-tree indexes (migration V7, {@code org.zoneplan.store.BboxFilter}).
 *
 * <p>The file is locked by the server, so the test cannot look into H2 from outside: that each kill
 * landed inside the transaction is shown by the server's progress line, written from inside it,
 * before the kill and by the restart finding nothing of the approval or import (a kill after the
 * commit finds everything and is tried again).
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
}
