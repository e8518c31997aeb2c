package org.zoneplan.exports;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/** Export on the embedded H2GIS store. */
class H2gisExportTest extends ExportContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-export", "zoneplan.sample-data.parcels=0");
  }
}
