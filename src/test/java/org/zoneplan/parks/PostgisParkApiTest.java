package org.zoneplan.parks;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * Cooperation parks on PostGIS (a copy of the sample store of its own; skipped without PostGIS,
 * never in CI).
 */
class PostgisParkApiTest extends ParkApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("parks", "zoneplan.sample-data.parcels=0");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  /** The store itself: SQL written here, independent of the code under test. */
  @Override
  JdbcClient reference() {
    return jdbc;
  }
}
