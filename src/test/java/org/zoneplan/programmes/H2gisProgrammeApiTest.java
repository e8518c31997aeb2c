package org.zoneplan.programmes;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.testsupport.SampleStores;

/**
 * Programmes on the embedded H2GIS store (a copy of the sample store of its own); the union areas
 * are checked against PostGIS on a database of their own (that test is skipped without PostGIS,
 * never in CI).
 */
class H2gisProgrammeApiTest extends ProgrammeApiContract {
  private static final PostgisTestDatabase.PerClass REFERENCE =
      new PostgisTestDatabase.PerClass("programmes-reference");

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-programmes", "zoneplan.sample-data.parcels=50");
  }

  @Override
  PostgisTestDatabase.Database reference() {
    return REFERENCE.get();
  }
}
