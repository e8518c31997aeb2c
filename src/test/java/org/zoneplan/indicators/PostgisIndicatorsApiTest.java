package org.zoneplan.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * The yearly indicators API on PostGIS (a copy of the sample store of its own; skipped when no
 * PostGIS can be had, never in CI), and every zone's 亩均税收, industrial land of the period and the
 * concentration of the period recomputed by SQL written here from the documented rules, independent
 * of zoneplan's code: membership by {@code ST_PointOnSurface} (GEOS's interior point, the algorithm
 * of JTS's {@code InteriorPointArea}), areas by {@code ST_Area(geography)}, exact pieces by {@code
 * ST_Intersection}.
 */
class PostgisIndicatorsApiTest extends IndicatorsApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("indicators", "zoneplan.sample-data.parcels=0");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }

  /** Land of the period: no supply record, no supply date, or supplied by :end. */
  static final String OF_PERIOD =
      "NOT EXISTS (SELECT 1 FROM parcel_supply s WHERE s.parcel_id = p.id AND s.supply_date > :end)";

  /**
   * Per zone: Σ (link area in the zone ÷ the enterprise's whole link area) × tax, and Σ link area
   * in the zone (m²), over enterprises existing in :year that report a tax figure in {@code stats}.
   */
  static String taxQuery(String stats) {
    return "WITH land AS ("
        + "  SELECT l.credit_code, p.geom, ST_Area(p.geom::geography) * l.share AS a"
        + "  FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id"
        + "  JOIN enterprise e ON e.credit_code = l.credit_code"
        + "  WHERE "
        + OF_PERIOD
        + "  AND (e.founded_year IS NULL OR e.founded_year <= :year)"
        + "  AND (e.closed_year IS NULL OR e.closed_year >= :year)),"
        + " total AS (SELECT credit_code, SUM(a) AS a FROM land GROUP BY credit_code),"
        + " inzone AS (SELECT z.code, land.credit_code, SUM(land.a) AS a FROM zone z JOIN land"
        + "   ON ST_Intersects(z.geom, ST_PointOnSurface(land.geom)) WHERE z.plan_id = :plan"
        + "   GROUP BY z.code, land.credit_code)"
        + " SELECT i.code, SUM(i.a / t.a * st.tax_wan) AS tax, SUM(i.a) AS m2"
        + " FROM inzone i JOIN total t ON t.credit_code = i.credit_code"
        + " JOIN "
        + stats
        + " st ON st.credit_code = i.credit_code AND st.tax_wan IS NOT NULL"
        + " GROUP BY i.code";
  }

  /**
   * Industrial land (GB/T 21010 0601) of the period in the division, inside the union, per zone.
   */
  static final String LAND_QUERY =
      "WITH d AS (SELECT geom FROM division WHERE code = :division),"
          + " z AS (SELECT code, geom FROM zone WHERE plan_id = :plan),"
          + " u AS (SELECT ST_Union(geom) AS geom FROM z),"
          + " c AS (SELECT ST_CollectionExtract(ST_Intersection(p.geom, d.geom), 3) AS geom"
          + "   FROM parcel p, d WHERE ST_Intersects(p.geom, d.geom)"
          + "   AND p.scheme = 'GBT21010_2017' AND p.land_use_code LIKE '0601%' AND "
          + OF_PERIOD
          + ")"
          + " SELECT '*total' AS code, COALESCE(SUM(ST_Area(c.geom::geography)), 0) AS m2 FROM c"
          + " UNION ALL SELECT '*inside', COALESCE(SUM(ST_Area(ST_CollectionExtract("
          + "   ST_Intersection(c.geom, u.geom), 3)::geography)), 0) FROM c, u"
          + " UNION ALL SELECT z.code, COALESCE(SUM(ST_Area(ST_CollectionExtract("
          + "   ST_Intersection(c.geom, z.geom), 3)::geography)), 0)"
          + " FROM z LEFT JOIN c ON ST_Intersects(c.geom, z.geom) GROUP BY z.code";

  static final double M2_PER_MU = 10000.0 / 15;

  @ParameterizedTest(name = "{0} Q{1}")
  @CsvSource({"2022, 0", "2023, 0", "2024, 0", "2024, 2"})
  void taxPerMuIndustrialLandAndConcentrationAgreeWithPostgis(int year, int quarter) {
    LocalDate end = java.time.YearMonth.of(year, quarter == 0 ? 12 : quarter * 3).atEndOfMonth();
    String stats =
        quarter == 0
            ? "(SELECT * FROM enterprise_stat WHERE stat_year = :year)"
            : "(SELECT * FROM enterprise_stat_quarter WHERE stat_year = :year AND stat_quarter = "
                + quarter
                + ")";
    Map<String, double[]> tax = new HashMap<>();
    jdbc.sql(taxQuery(stats))
        .param("end", java.sql.Date.valueOf(end))
        .param("year", year)
        .param("plan", PLAN)
        .query()
        .listOfRows()
        .forEach(
            r ->
                tax.put(
                    (String) r.get("code"),
                    new double[] {
                      ((Number) r.get("tax")).doubleValue(), ((Number) r.get("m2")).doubleValue()
                    }));
    Map<String, Double> land = new HashMap<>();
    jdbc.sql(LAND_QUERY)
        .param("end", java.sql.Date.valueOf(end))
        .param("division", DIVISION)
        .param("plan", PLAN)
        .query()
        .listOfRows()
        .forEach(r -> land.put((String) r.get("code"), ((Number) r.get("m2")).doubleValue()));

    JsonNode result = yearly("&year=" + year + (quarter == 0 ? "" : "&quarter=" + quarter));
    int checked = 0;
    for (Map.Entry<String, JsonNode> e : zones(result).entrySet()) {
      String code = e.getKey();
      JsonNode values = e.getValue().get("values");
      JsonNode taxPerMu = values.get("taxPerMu");
      double[] ref = tax.get(code);
      if (ref == null) {
        assertThat(taxPerMu.get("value").isNull()).as("%s %d: no tax", code, year).isTrue();
      } else {
        double expected = ref[0] / (ref[1] / M2_PER_MU);
        assertThat(taxPerMu.get("value").doubleValue())
            .as("亩均税收 %s %d Q%d", code, year, quarter)
            .isCloseTo(expected, Offset.offset(1e-6));
        checked++;
      }
      double industrialMu = land.get(code) / M2_PER_MU;
      assertThat(values.get("industrialLandMu").get("value").doubleValue())
          .as("industrial land %s %d", code, year)
          .isCloseTo(industrialMu, Offset.offset(1e-6));
      assertThat(values.get("concentrationShare").get("value").doubleValue())
          .isCloseTo(100 * land.get(code) / land.get("*total"), Offset.offset(1e-6));
    }
    // P, X and Y have tax in every year, Q until its enterprise closed (2023); the quarterly
    // figures held are those of two enterprises in Y (so in Y and P).
    assertThat(checked).isEqualTo(quarter == 2 ? 2 : year == 2024 ? 3 : 4);
    double ratio = land.get("*inside") / land.get("*total");
    assertThat(result.get("plan").get("concentration").get("value").doubleValue())
        .isCloseTo(100 * ratio, Offset.offset(1e-6));
    assertThat(result.get("plan").get("industrialTotalMu").doubleValue())
        .isCloseTo(land.get("*total") / M2_PER_MU, Offset.offset(1e-6));
  }
}
