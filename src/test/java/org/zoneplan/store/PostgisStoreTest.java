package org.zoneplan.store;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/** The repositories on PostGIS, in a fresh database (skipped when no PostGIS; never in CI). */
class PostgisStoreTest extends StoreContract {
  private static final PostgisTestDatabase.PerClass DB = new PostgisTestDatabase.PerClass("store");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
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
