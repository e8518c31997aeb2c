package org.zoneplan.system;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/** The page's tables as .xlsx on the embedded H2GIS store with the sample data. */
class H2gisTableDownloadsTest extends TableDownloadsContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(
        registry, "zoneplan-h2gis-table-downloads", "zoneplan.sample-data.parcels=" + PARCELS);
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
