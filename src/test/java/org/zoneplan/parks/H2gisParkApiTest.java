package org.zoneplan.parks;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.testsupport.TestDirs;

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
    Path dir = TestDirs.create("zoneplan-h2gis-parks");
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
    registry.add("zoneplan.sample-data.parcels", () -> "0");
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
