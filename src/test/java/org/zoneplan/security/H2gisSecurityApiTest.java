package org.zoneplan.security;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;

/** Security on the embedded H2GIS store, in a fresh data folder. */
class H2gisSecurityApiTest extends SecurityApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = TestDirs.create("zoneplan-h2gis-security");
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
    registry.add("zoneplan.sample-data.parcels", () -> "2000");
  }
}
