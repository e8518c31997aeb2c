package org.zoneplan.evaluation;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The evaluation of stored enterprises on PostGIS (a copy of the sample store of its own; skipped
 * when no PostGIS can be had, never in CI), land against PostGIS's own {@code
 * SUM(ST_Area(geom::geography) * share)}.
 */
class PostgisEvaluationResultsTest extends EvaluationResultsContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample(
          "evaluation_results", "zoneplan.sample-data.parcels=0");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }

  @Override
  Map<Long, Double> referenceParcelAreasM2() {
    Map<Long, Double> out = new HashMap<>();
    jdbc.sql("SELECT id, ST_Area(geom::geography) AS a FROM parcel")
        .query()
        .listOfRows()
        .forEach(
            r -> out.put(((Number) r.get("id")).longValue(), ((Number) r.get("a")).doubleValue()));
    return out;
  }

  @Override
  Map<String, Double> referenceLandM2(int year) {
    Map<String, Double> out = new HashMap<>();
    jdbc.sql(
            "SELECT l.credit_code, SUM(ST_Area(p.geom::geography) * l.share) AS a"
                + " FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id"
                + " LEFT JOIN parcel_supply s ON s.parcel_id = p.id"
                + " WHERE s.supply_date IS NULL OR s.supply_date <= make_date(?, 12, 31)"
                + " GROUP BY l.credit_code")
        .param(year)
        .query()
        .listOfRows()
        .forEach(r -> out.put((String) r.get("credit_code"), ((Number) r.get("a")).doubleValue()));
    return out;
  }
}
