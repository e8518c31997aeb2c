package org.zoneplan.system;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The page's tables as .xlsx on a fresh PostGIS database with the sample data (skipped when no
 * PostGIS can be had, never in CI).
 */
class PostgisTableDownloadsTest extends TableDownloadsContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample(
          "table_downloads", "zoneplan.sample-data.parcels=" + PARCELS);

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
