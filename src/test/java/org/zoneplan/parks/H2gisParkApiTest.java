package org.zoneplan.parks;

import java.io.IOException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.testsupport.SampleStores;

/**
 * Cooperation parks on the embedded H2GIS store; the reference figures come from a PostGIS database
 * of their own (those tests are skipped without PostGIS, and fail under CI=true).
 */
class H2gisParkApiTest extends ParkApiContract {
  private static final PostgisTestDatabase.PerClass REFERENCE =
      new PostgisTestDatabase.PerClass("parks-reference");
  private static JdbcClient reference;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-parks", "zoneplan.sample-data.parcels=0");
  }

  @Override
  synchronized JdbcClient reference() {
    if (reference == null) {
      PostgisTestDatabase.Database db = REFERENCE.get();
      DriverManagerDataSource ds =
          new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
      reference = JdbcClient.create(ds);
      reference.sql("CREATE EXTENSION IF NOT EXISTS postgis").update();
    }
    return reference;
  }
}
