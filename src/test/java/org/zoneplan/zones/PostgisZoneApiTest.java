package org.zoneplan.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * The zone API on PostGIS (a copy of the sample store of its own; skipped when no PostGIS can be
 * had, never in CI), and zoneplan's areas against PostGIS's own {@code ST_Area(geography)} on the
 * same stored geometry.
 */
class PostgisZoneApiTest extends ZoneApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("api");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Autowired JdbcClient jdbc;

  @Test
  void zoneAreasAgreeWithPostgisGeographyArea() {
    List<Map<String, Object>> reference =
        jdbc.sql(
                "SELECT plan_id, code, ST_Area(geom::geography) AS area FROM zone"
                    + " WHERE plan_id IN ('pujiang-2020', 'pujiang-2021')")
            .query()
            .listOfRows();
    assertThat(reference).hasSize(22);
    for (Map<String, Object> row : reference) {
      JsonNode zone =
          http.get("/api/plans/" + row.get("plan_id") + "/zones/" + row.get("code")).json();
      double api = zone.get("properties").get("areaM2").doubleValue();
      double postgis = ((Number) row.get("area")).doubleValue();
      assertThat(api)
          .as("%s %s", row.get("plan_id"), row.get("code"))
          .isCloseTo(postgis, near(postgis, 1e-6));
    }
  }

  /**
   * A zone 1.4° east of its Gauss-Krüger zone's central meridian (120°E), where the planar GK area
   * exceeds the ellipsoidal one by far more than 0.01 km²: the stored area must be PostGIS's
   * geography area (so a planar area passed off as ellipsoidal would fail here), and the planar
   * figure must be PostGIS's area in EPSG:4549 (the 3° zone at 120°E, without zone prefix).
   */
  @Test
  void planarAreasAreNotPassedOffAsEllipsoidal() {
    String plan = "far-from-meridian";
    assertThat(
            http.post(
                    "/api/plans",
                    "{\"id\":\""
                        + plan
                        + "\",\"name\":\"远离中央经线\",\"date\":\"2020-01-01\","
                        + "\"status\":\"DRAFT\"}")
                .status())
        .isEqualTo(201);
    try {
      String square =
          "{\"type\":\"Feature\",\"properties\":{\"name\":\"东缘区块\",\"kind\":\"ZONE\"},"
              + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[121.35,30.0],[121.49,30.0],"
              + "[121.49,30.1],[121.35,30.1],[121.35,30.0]]]}}";
      assertThat(http.post("/api/plans/" + plan + "/zones/FAR", square).status()).isEqualTo(201);
      JsonNode p = http.get("/api/plans/" + plan + "/zones/FAR").json().get("properties");
      Map<String, Object> ref =
          jdbc.sql(
                  "SELECT ST_Area(geom::geography) AS ellipsoidal,"
                      + " ST_Area(ST_Transform(geom, 4549)) AS planar FROM zone"
                      + " WHERE plan_id = ? AND code = 'FAR'")
              .param(plan)
              .query()
              .singleRow();
      double ellipsoidal = ((Number) ref.get("ellipsoidal")).doubleValue();
      double planar = ((Number) ref.get("planar")).doubleValue();
      // the check bites: the two differ by more than 0.01 km² here
      assertThat(planar - ellipsoidal).isGreaterThan(10_000);
      assertThat(p.get("gkEpsg").intValue()).isEqualTo(4549);
      assertThat(p.get("areaM2").doubleValue()).isCloseTo(ellipsoidal, near(ellipsoidal, 1e-6));
      assertThat(p.get("planarAreaM2").doubleValue()).isCloseTo(planar, near(planar, 1e-6));
    } finally {
      http.delete("/api/plans/" + plan);
    }
  }

  @Test
  void countyAreasAgreeWithPostgisGeographyArea() {
    List<Map<String, Object>> reference =
        jdbc.sql(
                "SELECT code, ST_Area(geom::geography) AS area FROM division WHERE geom IS NOT NULL")
            .query()
            .listOfRows();
    // Jinhua's 9 counties, Hangzhou's 13 districts and Hangzhou (issue 14)
    assertThat(reference).hasSize(9 + 13 + 1);
    for (Map<String, Object> row : reference) {
      JsonNode division = http.get("/api/divisions/" + row.get("code")).json();
      double api = division.get("properties").get("areaM2").doubleValue();
      double postgis = ((Number) row.get("area")).doubleValue();
      assertThat(api).as("division %s", row.get("code")).isCloseTo(postgis, near(postgis, 1e-6));
    }
  }

  @Test
  void planarAreasAgreeWithPostgisTransform() {
    // Planar GK area: PostGIS reprojects with PROJ, zoneplan with proj4j; both in EPSG:4549.
    List<Map<String, Object>> reference =
        jdbc.sql("SELECT plan_id, code, ST_Area(ST_Transform(geom, 4549)) AS area FROM zone")
            .query()
            .listOfRows();
    for (Map<String, Object> row : reference) {
      JsonNode zone =
          http.get("/api/plans/" + row.get("plan_id") + "/zones/" + row.get("code")).json();
      double api = zone.get("properties").get("planarAreaM2").doubleValue();
      double postgis = ((Number) row.get("area")).doubleValue();
      assertThat(api)
          .as("%s %s", row.get("plan_id"), row.get("code"))
          .isCloseTo(postgis, near(postgis, 1e-6));
    }
  }
}
