package org.zoneplan.programmes;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.testsupport.TestDirs;

/**
 * Programmes on the embedded H2GIS store, in a fresh data folder; the union areas are checked
 * against PostGIS on a database of their own (that test is skipped without PostGIS, never in CI).
 */
class H2gisProgrammeApiTest extends ProgrammeApiContract {
  private static final PostgisTestDatabase.PerClass REFERENCE =
      new PostgisTestDatabase.PerClass("programmes-reference");

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = TestDirs.create("zoneplan-h2gis-programmes");
    registry.add("zoneplan.store", () -> "h2gis");
    registry.add("zoneplan.data-dir", dir::toString);
    registry.add("zoneplan.sample-data.parcels", () -> "50");
  }

  @Override
  PostgisTestDatabase.Database reference() {
    return REFERENCE.get();
  }
}
