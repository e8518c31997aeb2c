package org.zoneplan.parcels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The parcel API on PostGIS (a copy of the sample store of its own; skipped when no PostGIS can be
 * had, never in CI), and the stored parcel areas against PostGIS's own {@code ST_Area(geography)}.
 */
class PostgisParcelApiTest extends ParcelApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("parcels");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Test
  void storedAreasOfAllSampleParcelsAgreeWithPostgisGeographyArea() {
    Map<String, Object> worst =
        jdbc.sql(
                "SELECT COUNT(*) AS parcels,"
                    + " MAX(ABS(area_m2 - ST_Area(geom::geography)) / ST_Area(geom::geography))"
                    + " AS worst FROM parcel")
            .query()
            .singleRow();
    assertThat(((Number) worst.get("parcels")).longValue()).isGreaterThanOrEqualTo(20_000);
    assertThat(((Number) worst.get("worst")).doubleValue()).isLessThan(1e-6);
  }

  @Test
  void bboxAgreesWithPostgisIntersects() {
    long expected =
        jdbc.sql(
                "SELECT COUNT(*) FROM parcel WHERE ST_Intersects(geom,"
                    + " ST_MakeEnvelope(119.85, 29.42, 119.90, 29.46, 4490))")
            .query(Long.class)
            .single();
    assertThat(
            everyParcel(
                new org.locationtech.jts.geom.Envelope(119.85, 119.90, 29.42, 29.46), 10_000))
        .hasSize((int) expected);
    assertThat(expected).isPositive();
  }
}
