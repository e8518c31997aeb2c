package org.zoneplan.proposals;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;

class H2gisProposalApiTest extends ProposalApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-h2gis-proposals").toString();
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", () -> dir);
  }
}
