package org.zoneplan.sample;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The sample enterprises loaded into a fresh PostGIS database (skipped when no PostGIS can be had,
 * never in CI).
 */
class PostgisSampleEnterpriseLoadTest extends SampleEnterpriseLoadContract {
  private static final PostgisTestDatabase.PerClass DB =
      new PostgisTestDatabase.PerClass("sample_enterprises");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
    registry.add("zoneplan.sample-data.parcels", () -> PARCELS);
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
