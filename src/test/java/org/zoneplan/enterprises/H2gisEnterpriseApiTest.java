package org.zoneplan.enterprises;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;

/** The enterprise API on the embedded H2GIS store, in a fresh data folder. */
class H2gisEnterpriseApiTest extends EnterpriseApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = TestDirs.create("zoneplan-h2gis-enterprise-api");
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
  }
}
