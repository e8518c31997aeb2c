package org.zoneplan.deliverables;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The deliverables API on PostGIS (a copy of the sample store of its own; skipped without PostGIS,
 * never in CI).
 */
class PostgisDeliverablesApiTest extends DeliverablesApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("deliverables");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }
}
