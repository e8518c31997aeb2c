package org.zoneplan.jurisdictions;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/** Jurisdictions and access by jurisdiction on the embedded H2GIS store. */
class H2gisJurisdictionApiTest extends JurisdictionApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-jurisdictions");
  }
}
