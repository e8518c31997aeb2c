package org.zoneplan.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoneplan.enterprises.MigrationV8Contract.rows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.zoneplan.parcels.CreditCode;

/**
 * Migration V12 moves what is still only on parcels into the enterprise tables and drops the
 * parcel's enterprise columns: a parcel migrated by V8, parcels written after V8 (a new link of a
 * known enterprise, a new enterprise with figures, a parcel already partly used by a tenant, an
 * invalid code) are migrated from V11, and the result is compared with the migration's comment,
 * worked out by hand here.
 */
abstract class MigrationV12Contract {
  private static final String GEOM =
      "ST_GeomFromText('MULTIPOLYGON(((119.9 29.4, 119.901 29.4, 119.901 29.401, 119.9"
          + " 29.401, 119.9 29.4)))', 4490)";
  private static final String INSERT =
      "INSERT INTO parcel (id, scheme, land_use_code, enterprise_name, credit_code, tax_wan,"
          + " value_added_wan, employees, area_m2, geom) VALUES ";

  /** A fresh, empty database of the engine: JDBC URL, user, password. */
  abstract String[] database();

  /** The engine's last migration before V8 (PostgreSQL has no V7). */
  abstract String versionBeforeV8();

  /** The engine's migrations, e.g. {@code classpath:db/migration/h2}. */
  abstract String locations();

  private Connection connect() throws SQLException {
    String[] db = database();
    return DriverManager.getConnection(db[0], db[1], db[2]);
  }

  private void migrate(String target) {
    String[] db = database();
    Flyway.configure()
        .dataSource(db[0], db[1], db[2])
        .locations(locations())
        .target(target)
        .load()
        .migrate();
  }

  private static String code(String first17) {
    return first17 + CreditCode.checkCharacter(first17);
  }

  @Test
  void parcelsEnterpriseColumnsMoveOnceAndAreDropped() throws Exception {
    String a = code("91330726MA2EC0000");
    String b = code("91330726MA2EC0001");
    String c = code("91330726MA2EC0002");
    String wrong = b.substring(0, 17) + (b.charAt(17) == 'A' ? 'B' : 'A');
    migrate(versionBeforeV8());
    try (Connection conn = connect();
        Statement s = conn.createStatement()) {
      s.executeUpdate(
          INSERT + "(1, 'SANDIAO', '0601', '甲公司', '" + a + "', 10, 20, 30, 1, " + GEOM + ")");
    }
    migrate("11");
    try (Connection conn = connect();
        Statement s = conn.createStatement()) {
      // After V8: the enterprise was renamed through /api/enterprises, and the old parcel API
      // wrote parcels 2 to 5 with enterprise columns only.
      s.executeUpdate("UPDATE enterprise SET name = '甲公司(更名)' WHERE credit_code = '" + a + "'");
      s.executeUpdate(
          INSERT + "(2, 'SANDIAO', '0601', '甲', '" + a + "', 7, 7, 7, 1, " + GEOM + ")");
      s.executeUpdate(
          INSERT + "(3, 'SANDIAO', '0601', '乙公司', '" + b + "', 3, 4, 5, 1, " + GEOM + ")");
      s.executeUpdate(
          INSERT + "(4, 'SANDIAO', '0601', NULL, '" + c + "', NULL, NULL, NULL, 1, " + GEOM + ")");
      s.executeUpdate(
          INSERT + "(5, 'SANDIAO', '0601', '丁', '" + wrong + "', 1, 1, 1, 1, " + GEOM + ")");
      s.executeUpdate(
          "INSERT INTO enterprise_land (credit_code, parcel_id, role, share) VALUES ('"
              + a
              + "', 4, 'TENANT', 0.25)");
    }
    migrate("12");
    try (Connection conn = connect();
        Statement s = conn.createStatement()) {
      assertThat(rows(s, "SELECT credit_code, name FROM enterprise ORDER BY credit_code"))
          .containsExactly(a + "|甲公司(更名)", b + "|乙公司", c + "|" + c);
      assertThat(
              rows(
                  s,
                  "SELECT credit_code, parcel_id, role, share FROM enterprise_land"
                      + " ORDER BY parcel_id, credit_code"))
          .containsExactly(
              a + "|1|OWNER|1.0",
              a + "|2|OWNER|1.0",
              b + "|3|OWNER|1.0",
              a + "|4|TENANT|0.25",
              c + "|4|OWNER|0.75");
      // a's 2024 row is V8's (10, 20, 30), not summed again with parcel 2's figures.
      assertThat(
              rows(
                  s,
                  "SELECT credit_code, stat_year, tax_wan, value_added_wan, employees"
                      + " FROM enterprise_stat ORDER BY credit_code"))
          .containsExactly(a + "|2024|10.0|20.0|30", b + "|2024|3.0|4.0|5");
      assertThat(
              rows(
                  s,
                  "SELECT LOWER(column_name) FROM information_schema.columns"
                      + " WHERE LOWER(table_name) = 'parcel' AND LOWER(column_name) IN"
                      + " ('enterprise_name', 'credit_code', 'tax_wan', 'value_added_wan',"
                      + " 'employees')"))
          .isEmpty();
      assertThat(rows(s, "SELECT COUNT(*) FROM parcel")).containsExactly("5");
    }
  }
}
