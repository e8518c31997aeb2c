package org.zoneplan.reports;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;

/** The PDF reports on the embedded H2GIS store with the sample data. */
class H2gisReportsTest extends ReportsContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = TestDirs.create("zoneplan-h2gis-reports");
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
    registry.add("zoneplan.sample-data.parcels", () -> PARCELS);
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
