package org.zoneplan.sample;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;

/** The sample enterprises loaded into a fresh embedded H2GIS store. */
class H2gisSampleEnterpriseLoadTest extends SampleEnterpriseLoadContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = TestDirs.create("zoneplan-h2gis-sample-enterprises");
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
    registry.add("zoneplan.sample-data.parcels", () -> PARCELS);
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
