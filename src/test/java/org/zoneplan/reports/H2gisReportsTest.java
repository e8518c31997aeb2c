package org.zoneplan.reports;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/** The PDF reports on the embedded H2GIS store with the sample data. */
class H2gisReportsTest extends ReportsContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(
        registry, "zoneplan-h2gis-reports", "zoneplan.sample-data.parcels=" + PARCELS);
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
