package org.zoneplan.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.JsonNode;

/**
 * The project API on PostGIS (a copy of the sample store of its own; skipped without PostGIS, never
 * in CI), and zone membership by location checked against PostGIS's own {@code ST_Covers} on the
 * stored geometry.
 */
class PostgisProjectApiTest extends ProjectApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("projects", "zoneplan.sample-data.parcels=50");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
  }

  @Test
  void membershipByLocationAgreesWithPostgisCovers() {
    // The sample projects in pujiang-2021: none has a zone field of that plan except 郑家坞's.
    List<Map<String, Object>> rows =
        jdbc.sql(
                "SELECT p.id, z.code FROM project p JOIN zone z ON z.plan_id = 'pujiang-2021'"
                    + " AND ST_Covers(z.geom, CASE WHEN GeometryType(p.geom) = 'POINT'"
                    + " THEN p.geom ELSE ST_PointOnSurface(p.geom) END)"
                    + " WHERE p.zone_code IS NULL ORDER BY p.id, z.code")
            .query()
            .listOfRows();
    assertThat(rows).isNotEmpty();
    JsonNode features = http.get("/api/projects?planId=pujiang-2021").json().get("features");
    for (JsonNode f : features) {
      long id = f.get("properties").get("id").longValue();
      if (!f.get("properties").get("zoneCode").isNull() || f.get("geometry").isNull()) {
        continue;
      }
      List<String> expected =
          rows.stream()
              .filter(r -> ((Number) r.get("id")).longValue() == id)
              .map(r -> (String) r.get("code"))
              .sorted()
              .toList();
      List<String> api = new java.util.ArrayList<>();
      f.get("properties").get("zones").forEach(z -> api.add(z.asString()));
      assertThat(api.stream().sorted().toList()).as("project %s", id).isEqualTo(expected);
    }
  }
}
