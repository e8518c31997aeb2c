package org.zoneplan.programmes;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * Programmes on PostGIS (a copy of the sample store of its own; skipped without PostGIS, never in
 * CI).
 */
class PostgisProgrammeApiTest extends ProgrammeApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("programmes", "zoneplan.sample-data.parcels=50");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Override
  PostgisTestDatabase.Database reference() {
    return DB.get();
  }
}
