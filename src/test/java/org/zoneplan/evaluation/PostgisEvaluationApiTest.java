package org.zoneplan.evaluation;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The rule-set store and evaluation API on PostGIS (a fresh database; skipped when no PostGIS can
 * be had, never in CI).
 */
class PostgisEvaluationApiTest extends EvaluationApiContract {
  private static final PostgisTestDatabase.PerClass DB =
      new PostgisTestDatabase.PerClass("evaluation");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
    registry.add("zoneplan.sample-data.parcels", () -> "0");
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }
}
