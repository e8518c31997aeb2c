package org.zoneplan.quota;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/** The quota ledger API on PostGIS (a fresh database; skipped without PostGIS, never in CI). */
class PostgisQuotaApiTest extends QuotaApiContract {
  private static final PostgisTestDatabase.PerClass DB = new PostgisTestDatabase.PerClass("quota");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
    registry.add("zoneplan.sample-data.parcels", () -> "50");
  }
}
