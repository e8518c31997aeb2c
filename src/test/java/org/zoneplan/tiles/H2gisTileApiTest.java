package org.zoneplan.tiles;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/** The tile endpoints on the embedded H2GIS store: a copy of the sample store of its own. */
class H2gisTileApiTest extends TileApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-tiles");
  }
}
