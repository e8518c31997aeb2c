package org.zoneplan.proposals;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

class PostgisProposalApiTest extends ProposalApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      new PostgisTestDatabase.PerClass("proposals");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }
}
