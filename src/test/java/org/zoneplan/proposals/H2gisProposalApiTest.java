package org.zoneplan.proposals;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2gisProposalApiTest extends ProposalApiContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = Files.createTempDirectory("zoneplan-h2gis-proposals").toString();
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", () -> dir);
  }
}
