package org.zoneplan.enterprises;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.zoneplan.parcels.CreditCode;

/**
 * Migration V8 copies the enterprise columns of {@code parcel} into the new tables: a store at V7
 * with parcels carrying valid, invalid and shared credit codes is migrated, and the result is
 * compared with what the migration's comment promises, worked out by hand here.
 */
abstract class MigrationV8Contract {
  /** A fresh, empty database of the engine: JDBC URL, user, password. */
  abstract String[] database();

  /** The engine's last migration before V8 (PostgreSQL has no V7). */
  abstract String versionBefore();

  /** The engine's migrations, e.g. {@code classpath:db/migration/h2}. */
  abstract String locations();

  Connection connect() throws SQLException {
    String[] db = database();
    return DriverManager.getConnection(db[0], db[1], db[2]);
  }

  void migrate(String target) {
    String[] db = database();
    Flyway.configure()
        .dataSource(db[0], db[1], db[2])
        .locations(locations())
        .target(target)
        .load()
        .migrate();
  }

  @Test
  void enterpriseColumnsOfParcelsBecomeEnterprisesLinksAndStatisticsOf2024() throws Exception {
    migrate(versionBefore());
    String first17 = "91330726MA2EC0000";
    String valid = first17 + CreditCode.checkCharacter(first17);
    String second17 = "91330726MA2EC0001";
    String valid2 = second17 + CreditCode.checkCharacter(second17);
    String wrongCheck = first17 + (valid.charAt(17) == 'A' ? 'B' : 'A');
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      String geom =
          "ST_GeomFromText('MULTIPOLYGON(((119.9 29.4, 119.901 29.4, 119.901 29.401, 119.9"
              + " 29.401, 119.9 29.4)))', 4490)";
      String insert =
          "INSERT INTO parcel (id, scheme, land_use_code, enterprise_name, credit_code, tax_wan,"
              + " value_added_wan, employees, area_m2, geom) VALUES ";
      // valid on two parcels (figures summed), valid2 without figures, an invalid check
      // character, lower case, too short, none.
      s.executeUpdate(
          insert + "(1, 'SANDIAO', '0601', '甲公司', '" + valid + "', 10, 20, 30, 1, " + geom + ")");
      s.executeUpdate(
          insert + "(2, 'SANDIAO', '0601', '甲公司', '" + valid + "', 1.5, NULL, 5, 1, " + geom + ")");
      s.executeUpdate(
          insert
              + "(3, 'SANDIAO', '0601', NULL, '"
              + valid2
              + "', NULL, NULL, NULL, 1, "
              + geom
              + ")");
      s.executeUpdate(
          insert + "(4, 'SANDIAO', '0601', '乙', '" + wrongCheck + "', 5, 5, 5, 1, " + geom + ")");
      s.executeUpdate(
          insert
              + "(5, 'SANDIAO', '0601', '丙', '"
              + valid.toLowerCase()
              + "', 5, 5, 5, 1, "
              + geom
              + ")");
      s.executeUpdate(insert + "(6, 'SANDIAO', '0601', '丁', '9133', 5, 5, 5, 1, " + geom + ")");
      s.executeUpdate(
          insert + "(7, 'SANDIAO', '0601', NULL, NULL, NULL, NULL, NULL, 1, " + geom + ")");
    }
    migrate("8");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThat(rows(s, "SELECT credit_code, name FROM enterprise ORDER BY credit_code"))
          .containsExactly(valid + "|甲公司", valid2 + "|" + valid2);
      assertThat(
              rows(
                  s,
                  "SELECT credit_code, parcel_id, role, share FROM enterprise_land ORDER BY parcel_id"))
          .containsExactly(valid + "|1|OWNER|1.0", valid + "|2|OWNER|1.0", valid2 + "|3|OWNER|1.0");
      assertThat(
              rows(
                  s,
                  "SELECT credit_code, stat_year, tax_wan, value_added_wan, employees, revenue_wan"
                      + " FROM enterprise_stat"))
          .containsExactly(valid + "|2024|11.5|20.0|35|null");
    }
  }

  static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          cells.add(
              v instanceof Number num && !(v instanceof Integer) && !(v instanceof Long)
                  ? String.valueOf(num.doubleValue())
                  : String.valueOf(v));
        }
        out.add(String.join("|", cells));
      }
    }
    return out;
  }
}
