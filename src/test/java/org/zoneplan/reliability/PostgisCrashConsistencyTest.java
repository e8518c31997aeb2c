package org.zoneplan.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * SIGKILL during an approval and during an import on PostGIS (each case in a fresh database).
 * Before each kill the test looks into PostgreSQL from its own connection: the server's backend has
 * an open transaction that was given a transaction id (it has written), holds the row-exclusive
 * lock an INSERT or UPDATE takes on the table until the transaction ends, and none of the rows it
 * wrote is committed yet.
 */
class PostgisCrashConsistencyTest extends CrashConsistencyContract {
  private PostgisTestDatabase.Database db;

  @Override
  String[] storeArguments(String name) {
    db = PostgisTestDatabase.create(name);
    return new String[] {
      "--zoneplan.store=postgis",
      "--spring.datasource.url=" + db.jdbcUrl(),
      "--spring.datasource.username=" + db.username(),
      "--spring.datasource.password=" + db.password(),
      "--zoneplan.sample-data.parcels=0"
    };
  }

  @Override
  String openWriteTransaction(String table) throws Exception {
    // Rows of this run committed so far: none, or the kill would not be inside the transaction.
    String committedSql =
        table.equals("zone")
            ? "SELECT count(*) FROM zone WHERE code LIKE 'CRASH-%'"
            : "SELECT count(*) FROM parcel";
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      List<String> writers = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT a.pid, a.backend_xid::text,"
                  + " round(extract(epoch FROM clock_timestamp() - a.xact_start) * 1000), a.state"
                  + " FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid"
                  + " WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()"
                  + " AND a.backend_xid IS NOT NULL AND l.locktype = 'relation'"
                  + " AND l.relation = '"
                  + table
                  + "'::regclass AND l.mode = 'RowExclusiveLock' AND l.granted")) {
        while (rs.next()) {
          writers.add(
              String.format(
                  Locale.ROOT,
                  "backend %d, xid %s, open %d ms, %s",
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4)));
        }
      }
      long committed;
      try (ResultSet rs = s.executeQuery(committedSql)) {
        rs.next();
        committed = rs.getLong(1);
      }
      if (writers.isEmpty()) {
        throw new AssertionError(
            "PostgreSQL shows no open transaction writing " + table + " before the kill");
      }
      if (committed != 0) {
        throw new AssertionError(committed + " rows already committed before the kill");
      }
      return "PostgreSQL: transaction writing "
          + table
          + " open ("
          + String.join("; ", writers)
          + "), 0 of its rows committed";
    }
  }
}
