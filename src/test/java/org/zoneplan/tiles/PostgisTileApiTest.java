package org.zoneplan.tiles;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The tile endpoints on PostGIS (a copy of the sample store of its own; skipped when no PostGIS can
 * be had, never in CI).
 */
class PostgisTileApiTest extends TileApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("tiles");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }
}
