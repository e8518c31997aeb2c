package org.zoneplan.evaluation;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/**
 * The rule-set store and evaluation API on the embedded H2GIS store: a copy of the sample store of
 * its own.
 */
class H2gisEvaluationApiTest extends EvaluationApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-evaluation", "zoneplan.sample-data.parcels=0");
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
