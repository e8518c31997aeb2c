package org.zoneplan.enterprises;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/** The enterprise API on PostGIS (a fresh database; skipped when no PostGIS, never in CI). */
class PostgisEnterpriseApiTest extends EnterpriseApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      new PostgisTestDatabase.PerClass("enterprise_api");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }
}
