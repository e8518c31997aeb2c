package org.zoneplan.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;

/** The rule-set store and evaluation API on the embedded H2GIS store, in a fresh data folder. */
class H2gisEvaluationApiTest extends EvaluationApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = TestDirs.create("zoneplan-h2gis-evaluation");
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
    registry.add("zoneplan.sample-data.parcels", () -> "0");
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
