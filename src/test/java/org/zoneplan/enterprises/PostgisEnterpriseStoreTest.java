package org.zoneplan.enterprises;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * Enterprises on PostGIS (a fresh database; skipped when no PostGIS can be had, never in CI), and
 * their land areas against PostGIS's own ellipsoidal {@code ST_Area(geography)}.
 */
class PostgisEnterpriseStoreTest extends EnterpriseStoreContract {
  private static final PostgisTestDatabase.PerClass DB =
      new PostgisTestDatabase.PerClass("enterprises");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Override
  void checkAreasAgainstReference(int year) {
    Map<String, LandArea> areas = enterprises.landAreas(year);
    java.util.List<Map<String, Object>> rows =
        jdbc.sql(
                "SELECT l.credit_code, sum(ST_Area(p.geom::geography) * l.share) AS a"
                    + " FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id"
                    + " JOIN enterprise e ON e.credit_code = l.credit_code"
                    + " LEFT JOIN parcel_supply s ON s.parcel_id = p.id"
                    + " WHERE (s.supply_date IS NULL OR s.supply_date <= make_date(?, 12, 31))"
                    + " AND (e.founded_year IS NULL OR e.founded_year <= ?)"
                    + " AND (e.closed_year IS NULL OR e.closed_year >= ?)"
                    + " GROUP BY l.credit_code")
            .params(year, year, year)
            .query()
            .listOfRows();
    assertThat(rows).isNotEmpty();
    assertThat(areas).hasSize(rows.size());
    for (Map<String, Object> row : rows) {
      double expected = ((Number) row.get("a")).doubleValue();
      assertThat(areas.get((String) row.get("credit_code")).areaM2())
          .isCloseTo(expected, org.assertj.core.api.Assertions.withinPercentage(1e-4));
    }
  }
}
