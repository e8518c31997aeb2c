package org.zoneplan.imports;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/** Import on the embedded H2GIS store. */
class H2gisImportTest extends ImportContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-import", "zoneplan.sample-data.parcels=0");
  }
}
