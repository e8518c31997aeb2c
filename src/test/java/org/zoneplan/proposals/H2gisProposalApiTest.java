package org.zoneplan.proposals;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

class H2gisProposalApiTest extends ProposalApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-proposals");
  }
}
