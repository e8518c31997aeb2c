package org.zoneplan.headquarters;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/** Xihu's headquarters and open-economy indicators on the embedded H2GIS store (fresh folder). */
class H2gisXihuApiTest extends XihuApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-xihu", "zoneplan.sample-data.parcels=50");
  }
}
