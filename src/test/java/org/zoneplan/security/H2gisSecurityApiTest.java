package org.zoneplan.security;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/** Security on the embedded H2GIS store: a copy of the sample store of its own. */
class H2gisSecurityApiTest extends SecurityApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-security", "zoneplan.sample-data.parcels=2000");
  }
}
