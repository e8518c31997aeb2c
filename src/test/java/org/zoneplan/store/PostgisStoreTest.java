package org.zoneplan.store;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/** The repositories on PostGIS, in a fresh database (skipped when no PostGIS; never in CI). */
class PostgisStoreTest extends StoreContract {
  private static PostgisTestDatabase.Database database;

  @BeforeAll
  static void requirePostgis() {
    database();
  }

  private static synchronized PostgisTestDatabase.Database database() {
    if (database == null) {
      database = PostgisTestDatabase.create("store");
    }
    return database;
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    registry.add("zoneplan.store", () -> "postgis");
    registry.add("spring.datasource.url", () -> database().jdbcUrl());
    registry.add("spring.datasource.username", () -> database().username());
    registry.add("spring.datasource.password", () -> database().password());
  }

  @Override
  boolean hasSpatialIndex(String indexName) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM pg_indexes WHERE indexname = ? AND indexdef LIKE '%USING gist%'")
            .param(indexName)
            .query(Integer.class)
            .single()
        == 1;
  }
}
