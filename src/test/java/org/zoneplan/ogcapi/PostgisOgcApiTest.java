package org.zoneplan.ogcapi;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/** OGC API – Features on PostGIS (skipped when no PostGIS can be had, never in CI). */
class PostgisOgcApiTest extends OgcApiContract {
  private static PostgisTestDatabase.Database database;

  @BeforeAll
  static void requirePostgis() {
    database();
  }

  private static synchronized PostgisTestDatabase.Database database() {
    if (database == null) {
      database = PostgisTestDatabase.create("ogc");
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
}
