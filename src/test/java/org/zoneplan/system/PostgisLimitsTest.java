package org.zoneplan.system;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.PostgisTestDatabase;

/** The limits on PostGIS (statement_timeout); skipped when no PostGIS can be had, never in CI. */
class PostgisLimitsTest extends LimitsContract {
  private static final PostgisTestDatabase.PerClass DB =
      PostgisTestDatabase.PerClass.withSample("limits", "zoneplan.sample-data.parcels=2000");

  @BeforeAll
  static void requirePostgis() {
    DB.get();
  }

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) {
    DB.register(registry);
    // LimitsContract's own statement timeout, over the test-server default registered above
    registry.add("zoneplan.limits.statement-timeout", () -> "5s");
  }

  @Override
  String slowStatement(int seconds) {
    return "SELECT pg_sleep(" + seconds + ")";
  }

  @Override
  long statementTimeoutMs(Connection connection) throws SQLException {
    // current_setting in milliseconds, whatever unit SHOW would print
    return single(
        connection, "SELECT setting::bigint FROM pg_settings WHERE name = 'statement_timeout'");
  }
}
