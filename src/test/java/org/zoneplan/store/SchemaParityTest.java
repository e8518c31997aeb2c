package org.zoneplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The two engines' migrations build the same schema: the same tables, columns (and whether they may
 * be null), primary keys, foreign keys and non-spatial indexes, read through JDBC's {@link
 * DatabaseMetaData} after Flyway has run each folder on an empty database. The differences by
 * design are listed here and nowhere else: the embedded store's bounding-box columns and their
 * B-tree indexes (V7, instead of the R-trees H2 cannot recover after a kill) and PostGIS's GiST
 * indexes. A migration added to one folder only fails this test.
 */
class SchemaParityTest {

  /** H2 only: the bounding box of geom, computed by H2 (V7__crash_safe_bbox.sql). */
  private static final Set<String> H2_BBOX_COLUMNS =
      Set.of("min_x", "min_y", "max_x", "max_y", "width_x");

  private static final Set<String> BBOX_TABLES = Set.of("zone", "division", "parcel");

  @Test
  void h2AndPostgisMigrationsBuildTheSameSchema(@TempDir Path dir) throws Exception {
    PostgisTestDatabase.Database pg = PostgisTestDatabase.create("parity");
    Flyway.configure()
        .dataSource(pg.jdbcUrl(), pg.username(), pg.password())
        .locations("classpath:db/migration/postgresql")
        .load()
        .migrate();
    String h2Url = "jdbc:h2:file:" + Files.createDirectories(dir).resolve("parity");
    Flyway.configure()
        .dataSource(h2Url, "sa", "")
        .locations("classpath:db/migration/h2")
        .load()
        .migrate();

    Schema postgis;
    try (Connection c = pg.connect()) {
      postgis = Schema.read(c, "public");
    }
    Schema h2;
    try (Connection c = DriverManager.getConnection(h2Url, "sa", "")) {
      h2 = Schema.read(c, "PUBLIC");
    }

    assertThat(h2.tables().keySet()).as("tables").isEqualTo(postgis.tables().keySet());
    assertThat(h2.tables().size()).as("tables").isGreaterThan(20);
    for (String table : postgis.tables().keySet()) {
      Table p = postgis.tables().get(table);
      Table h = h2.tables().get(table);
      Set<String> h2Columns = new TreeSet<>(h.columns());
      if (BBOX_TABLES.contains(table)) {
        for (String c : H2_BBOX_COLUMNS) {
          assertThat(h2Columns.remove(c + " null")).as("%s.%s on H2", table, c).isTrue();
        }
      }
      assertThat(h2Columns)
          .as("columns of %s (name, null or not null)", table)
          .isEqualTo(p.columns());
      assertThat(h.primaryKey()).as("primary key of %s", table).isEqualTo(p.primaryKey());
      assertThat(h.foreignKeys()).as("foreign keys of %s", table).isEqualTo(p.foreignKeys());
      Set<String> h2Indexes = new TreeSet<>(h.indexes());
      Set<String> pgIndexes = new TreeSet<>(p.indexes());
      if (BBOX_TABLES.contains(table)) {
        assertThat(h2Indexes.remove("(min_x, max_x, min_y, max_y)")).as(table).isTrue();
        assertThat(h2Indexes.remove("(width_x)")).as(table).isTrue();
        assertThat(pgIndexes.remove("(geom)")).as("GiST index of %s", table).isTrue();
      }
      assertThat(h2Indexes).as("indexes of %s", table).isEqualTo(pgIndexes);
    }
  }

  record Table(
      Set<String> columns, List<String> primaryKey, Set<String> foreignKeys, Set<String> indexes) {}

  record Schema(Map<String, Table> tables) {
    /** Flyway's own table and the spatial extensions' tables are not zoneplan's schema. */
    static final Set<String> IGNORED =
        Set.of("flyway_schema_history", "spatial_ref_sys", "geometry_columns");

    static Schema read(Connection c, String schema) throws SQLException {
      DatabaseMetaData meta = c.getMetaData();
      Map<String, Table> tables = new TreeMap<>();
      List<String> names = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = lower(rs.getString("TABLE_NAME"));
          if (!IGNORED.contains(name)) {
            names.add(rs.getString("TABLE_NAME"));
          }
        }
      }
      for (String name : names) {
        Set<String> columns = new TreeSet<>();
        try (ResultSet rs = meta.getColumns(null, schema, name, "%")) {
          while (rs.next()) {
            columns.add(
                lower(rs.getString("COLUMN_NAME"))
                    + (rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                        ? " not null"
                        : " null"));
          }
        }
        Map<Integer, String> pk = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, schema, name)) {
          while (rs.next()) {
            pk.put(rs.getInt("KEY_SEQ"), lower(rs.getString("COLUMN_NAME")));
          }
        }
        // A foreign key as "(columns) -> table (columns)", whatever the engine named it.
        Map<String, TreeMap<Integer, String[]>> fks = new TreeMap<>();
        try (ResultSet rs = meta.getImportedKeys(null, schema, name)) {
          while (rs.next()) {
            String key =
                lower(rs.getString("PKTABLE_NAME"))
                    + "#"
                    + lower(String.valueOf(rs.getString("FK_NAME")));
            fks.computeIfAbsent(key, k -> new TreeMap<>())
                .put(
                    rs.getInt("KEY_SEQ"),
                    new String[] {
                      lower(rs.getString("FKCOLUMN_NAME")), lower(rs.getString("PKCOLUMN_NAME"))
                    });
          }
        }
        Set<String> foreignKeys = new TreeSet<>();
        fks.forEach(
            (key, cols) -> {
              List<String> from = new ArrayList<>();
              List<String> to = new ArrayList<>();
              cols.values()
                  .forEach(
                      pair -> {
                        from.add(pair[0]);
                        to.add(pair[1]);
                      });
              foreignKeys.add(
                  "("
                      + String.join(", ", from)
                      + ") -> "
                      + key.substring(0, key.indexOf('#'))
                      + " ("
                      + String.join(", ", to)
                      + ")");
            });
        // An index as its column list (and UNIQUE), whatever it is called; the indexes an engine
        // makes by itself for primary keys and foreign keys are left out on both sides.
        Map<String, TreeMap<Integer, String>> byIndex = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(null, schema, name, false, false)) {
          while (rs.next()) {
            String index = rs.getString("INDEX_NAME");
            String column = rs.getString("COLUMN_NAME");
            if (index == null || column == null) {
              continue;
            }
            byIndex
                .computeIfAbsent(index, k -> new TreeMap<>())
                .put((int) rs.getShort("ORDINAL_POSITION"), lower(column));
            unique.put(index, !rs.getBoolean("NON_UNIQUE"));
          }
        }
        String pkColumns = "(" + String.join(", ", pk.values()) + ")";
        Set<String> fkColumns = new TreeSet<>();
        foreignKeys.forEach(fk -> fkColumns.add(fk.substring(0, fk.indexOf(" -> "))));
        Set<String> indexes = new TreeSet<>();
        byIndex.forEach(
            (index, cols) -> {
              String columnsOf = "(" + String.join(", ", cols.values()) + ")";
              boolean isUnique = unique.get(index);
              if (isUnique && columnsOf.equals(pkColumns)) {
                return; // the primary key's own index
              }
              if (!isUnique && fkColumns.contains(columnsOf) && isH2ConstraintIndex(index)) {
                return; // H2 indexes every foreign key itself; PostgreSQL does not
              }
              indexes.add((isUnique ? "unique " : "") + columnsOf);
            });
        tables.put(
            lower(name), new Table(columns, new ArrayList<>(pk.values()), foreignKeys, indexes));
      }
      return new Schema(tables);
    }

    private static boolean isH2ConstraintIndex(String index) {
      return index.toUpperCase(Locale.ROOT).startsWith("CONSTRAINT_")
          || index.toUpperCase(Locale.ROOT).contains("_INDEX_");
    }

    private static String lower(String s) {
      return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
  }
}
