package org.zoneplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * The analysis API on PostGIS (a copy of the sample store of its own; skipped when no PostGIS can
 * be had, never in CI), and zoneplan's figures against one PostGIS SQL query on the same stored
 * data: {@code ST_Intersection}, {@code ST_Union}, {@code ST_Area(geography)}.
 */
class PostgisAnalysisApiTest extends AnalysisApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("analysis");

  /** Industrial land in PostGIS's words: the default prefixes, never across schemes. */
  static final String INDUSTRIAL =
      "((p.scheme IN ('GBT21010_2017', 'SANDIAO') AND p.land_use_code LIKE '0601%')"
          + " OR (p.scheme = 'YDYH_2023' AND p.land_use_code LIKE '1001%'))";

  static final String STORAGE =
      "((p.scheme = 'GBT21010_2017' AND p.land_use_code LIKE '0604%')"
          + " OR (p.scheme = 'SANDIAO' AND p.land_use_code LIKE '0508%')"
          + " OR (p.scheme = 'YDYH_2023' AND p.land_use_code LIKE '1101%'))";

  /**
   * One query: the industrial land of the division (parcels clipped to it), inside the union of the
   * plan's zones, and inside each zone; keys {@code *total}, {@code *inside} and zone codes.
   */
  static String referenceQuery(boolean storage) {
    String counted = storage ? "(" + INDUSTRIAL + " OR " + STORAGE + ")" : INDUSTRIAL;
    return "WITH d AS (SELECT geom FROM division WHERE code = :division),"
        + " z AS (SELECT code, geom FROM zone WHERE plan_id = :plan),"
        + " u AS (SELECT ST_Union(geom) AS geom FROM z),"
        + " c AS (SELECT ST_CollectionExtract(ST_Intersection(p.geom, d.geom), 3) AS geom"
        + "       FROM parcel p, d WHERE p.geom && d.geom AND ST_Intersects(p.geom, d.geom)"
        + "       AND "
        + counted
        + ")"
        + " SELECT '*total' AS code, COALESCE(SUM(ST_Area(c.geom::geography)), 0) AS m2 FROM c"
        + " UNION ALL"
        + " SELECT '*inside', COALESCE(SUM(ST_Area(ST_CollectionExtract("
        + "   ST_Intersection(c.geom, u.geom), 3)::geography)), 0) FROM c, u WHERE c.geom && u.geom"
        + " UNION ALL"
        + " SELECT z.code, COALESCE(SUM(ST_Area(ST_CollectionExtract("
        + "   ST_Intersection(c.geom, z.geom), 3)::geography)), 0)"
        + " FROM z LEFT JOIN c ON c.geom && z.geom GROUP BY z.code";
  }

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  /**
   * The test server's PostGIS settings, among them the raised statement timeout: the reference
   * query below intersects every parcel in PostGIS, in one statement, which on a busy test machine
   * runs longer than the store's default (30 s).
   */
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @ParameterizedTest(name = "{0} in {1}, includeStorage={2}")
  @CsvSource({
    "pujiang-2021, 330726, false",
    "pujiang-2021, 330726, true",
    "pujiang-2020, 330726, false",
    "analysis-fixture, TEST01, false",
    "analysis-fixture, TEST01, true"
  })
  void concentrationAgreesWithOnePostgisQuery(String planId, String division, boolean storage) {
    Map<String, Double> reference = new HashMap<>();
    jdbc.sql(referenceQuery(storage))
        .param("division", division)
        .param("plan", planId)
        .query()
        .listOfRows()
        .forEach(r -> reference.put((String) r.get("code"), ((Number) r.get("m2")).doubleValue()));

    JsonNode c =
        ok(
            http.get(
                "/api/plans/"
                    + planId
                    + "/concentration?division="
                    + division
                    + "&includeStorage="
                    + storage));
    double total = reference.get("*total");
    double inside = reference.get("*inside");
    assertThat(total).isPositive();
    assertThat(inside).isPositive();
    assertThat(c.get("industrialTotalM2").doubleValue()).isCloseTo(total, near(total));
    assertThat(c.get("industrialInsideM2").doubleValue()).isCloseTo(inside, near(inside));
    assertThat(c.get("ratio").doubleValue()).isCloseTo(inside / total, Offset.offset(1e-6));
    int zones = 0;
    for (JsonNode zone : c.get("zones")) {
      double expected = reference.get(zone.get("code").asString());
      assertThat(zone.get("industrialM2").doubleValue())
          .as("%s %s", planId, zone.get("code").asString())
          .isCloseTo(expected, near(expected));
      zones++;
    }
    assertThat(zones).isEqualTo(reference.size() - 2);
    if (planId.equals(FIXTURE_PLAN)) {
      // Three references agree: PostGIS, the closed form and zoneplan.
      assertThat(total).isCloseTo(F.total(storage), near(total));
      assertThat(inside).isCloseTo(F.inside(storage), near(inside));
    }
  }

  @Test
  void overlapAreaAgreesWithPostgis() {
    double reference =
        jdbc.sql(
                "SELECT ST_Area(ST_Intersection(a.geom, c.geom)::geography) FROM zone a, zone c"
                    + " WHERE a.plan_id = :plan AND c.plan_id = :plan AND a.code = 'A'"
                    + " AND c.code = 'C'")
            .param("plan", FIXTURE_PLAN)
            .query(Double.class)
            .single();
    JsonNode overlap =
        ok(http.get("/api/plans/" + FIXTURE_PLAN + "/overlaps"))
            .get("features")
            .get(0)
            .get("properties");
    assertThat(overlap.get("areaM2").doubleValue()).isCloseTo(reference, near(reference));
  }

  @Test
  void attributionAgreesWithPostgis() {
    Map<String, Double> reference = new HashMap<>();
    jdbc.sql(
            "SELECT z.code, ST_Area(ST_Intersection(z.geom, d.geom)::geography) AS m2"
                + " FROM zone z, division d WHERE z.plan_id = 'pujiang-2021' AND d.code = '330726'")
        .query()
        .listOfRows()
        .forEach(r -> reference.put((String) r.get("code"), ((Number) r.get("m2")).doubleValue()));
    for (JsonNode zone : ok(http.get("/api/plans/pujiang-2021/attribution")).get("zones")) {
      double expected = reference.get(zone.get("code").asString());
      for (JsonNode d : zone.get("divisions")) {
        if (d.get("code").asString().equals(PUJIANG)) {
          assertThat(d.get("areaM2").doubleValue()).isCloseTo(expected, near(expected));
        }
      }
    }
  }

  /**
   * The year's tax on each fixture zone's industrial member parcels, written in SQL: each
   * enterprise's tax split over its land in proportion to parcel area × share (areas from PostGIS's
   * spheroid, membership by ST_PointOnSurface), against zoneplan's /indicators.
   */
  @Test
  void indicatorsTaxOfTheYearAgreesWithPostgis() {
    JsonNode body =
        ok(
            http.get(
                "/api/plans/"
                    + FIXTURE_PLAN
                    + "/indicators?division="
                    + TEST_DIVISION
                    + "&year="
                    + YEAR));
    String sql =
        "WITH land AS (SELECT l.credit_code, SUM(ST_Area(p.geom::geography) * l.share) AS m2"
            + " FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id GROUP BY l.credit_code),"
            + " member AS (SELECT p.id, ST_Area(p.geom::geography) AS m2 FROM zone z JOIN parcel p"
            + " ON ST_Contains(z.geom, ST_PointOnSurface(p.geom))"
            + " WHERE z.plan_id = :plan AND z.code = :code"
            + " AND p.land_use_code IN ('0601', '100101', '100102', '100103'))"
            + " SELECT COALESCE(SUM(s.tax_wan * m.m2 * l.share / land.m2), 0) AS tax,"
            + " (SELECT COALESCE(SUM(m2.m2 * l2.share), 0) FROM member m2"
            + " JOIN enterprise_land l2 ON l2.parcel_id = m2.id) AS land"
            + " FROM member m JOIN enterprise_land l ON l.parcel_id = m.id"
            + " JOIN land ON land.credit_code = l.credit_code"
            + " JOIN enterprise_stat s ON s.credit_code = l.credit_code AND s.stat_year = :year";
    int zones = 0;
    for (JsonNode zone : body.get("zones")) {
      Map<String, Object> row =
          jdbc.sql(sql)
              .param("plan", FIXTURE_PLAN)
              .param("code", zone.get("code").asString())
              .param("year", YEAR)
              .query()
              .singleRow();
      double tax = ((Number) row.get("tax")).doubleValue();
      double landMu = ((Number) row.get("land")).doubleValue() * 15 / 10_000;
      JsonNode f = zone.get("figures");
      assertThat(f.get("taxWan").doubleValue())
          .as(zone.get("code").asString())
          .isCloseTo(tax, near(tax));
      assertThat(f.get("enterpriseLandMu").doubleValue()).isCloseTo(landMu, near(landMu));
      zones++;
    }
    assertThat(zones).isEqualTo(3);
  }

  static Offset<Double> near(double expected) {
    return Offset.offset(Math.max(1e-3, Math.abs(expected) * 1e-6));
  }
}
