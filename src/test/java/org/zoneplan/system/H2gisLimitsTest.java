package org.zoneplan.system;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.SampleStores;

/**
 * The limits on the embedded H2GIS store (QUERY_TIMEOUT): a copy of the sample store of its own.
 */
class H2gisLimitsTest extends LimitsContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-h2gis-limits", "zoneplan.sample-data.parcels=2000");
  }

  @Override
  String slowStatement(int seconds) {
    // A count H2 cannot shortcut: billions of rows, tested one by one.
    return "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000000000) WHERE MOD(X, 7) = 3";
  }

  @Override
  long statementTimeoutMs(Connection connection) throws SQLException {
    return single(
        connection,
        "SELECT CAST(SETTING_VALUE AS BIGINT) FROM INFORMATION_SCHEMA.SETTINGS"
            + " WHERE SETTING_NAME = 'QUERY_TIMEOUT'");
  }
}
