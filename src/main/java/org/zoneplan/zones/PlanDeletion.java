package org.zoneplan.zones;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * Deletes every row of the store that belongs to one plan version, found from the schema rather
 * than from a list, so that tables added later (zone statistics, targets, projects …) are covered
 * without changing this class. Runs inside the caller's transaction; the caller refuses first when
 * the plan may not go.
 *
 * <p>The order, worked out from the schema's foreign keys on every call:
 *
 * <ol>
 *   <li>rows without a {@code plan_id} column that reference {@code plan_version} by a column of
 *       another name, and rows without one that reference (by foreign key) a row that has one and
 *       belongs to the plan, e.g. {@code proposal_change} → {@code proposal}: deleted through their
 *       key, {@code DELETE … WHERE (fk) IN (SELECT key FROM parent WHERE plan_id = ?)} (one level:
 *       a grandchild without {@code plan_id} is not followed, and then the delete fails on its
 *       foreign key, rolling everything back);
 *   <li>tables with a {@code plan_id} column, referencing tables after referenced ones (a table
 *       whose rows another plan table points at goes last; {@code zone} after {@code zone_history},
 *       {@code proposal} …). A table that references itself ({@code zone.parent_code}) first has
 *       those columns set to null for the plan's rows;
 *   <li>the {@code plan_version} row.
 * </ol>
 *
 * <p>Columns named {@code new_plan_id} (a decided proposal that opened the plan) are left as they
 * are: they record what another plan's proposal did and hold no foreign key.
 */
@Repository
class PlanDeletion {
  private final JdbcClient jdbc;
  private final DataSource dataSource;

  PlanDeletion(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** Proposals of the plan still open (draft or submitted), which keep the plan from going. */
  long openProposals(String planId) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM proposal WHERE plan_id = ? AND status IN ('DRAFT', 'SUBMITTED')")
        .param(planId)
        .query(Long.class)
        .single();
  }

  /**
   * Deletes the plan and every row that belongs to it.
   *
   * @return rows deleted per table, in the order they were deleted
   */
  Map<String, Integer> delete(String planId) {
    Schema schema = schema();
    Map<String, Integer> deleted = new LinkedHashMap<>();
    for (ForeignKey fk : schema.children()) {
      if (fk.referencedTable().equalsIgnoreCase("plan_version")) {
        // a table that names the plan in a column of another name
        deleted.merge(
            fk.table(),
            jdbc.sql("DELETE FROM " + fk.table() + " WHERE " + fk.columns().get(0) + " = ?")
                .param(planId)
                .update(),
            Integer::sum);
        continue;
      }
      int n =
          jdbc.sql(
                  "DELETE FROM "
                      + fk.table()
                      + " WHERE "
                      + row(fk.columns())
                      + " IN (SELECT "
                      + String.join(", ", fk.referencedColumns())
                      + " FROM "
                      + fk.referencedTable()
                      + " WHERE plan_id = ?)")
              .param(planId)
              .update();
      deleted.merge(fk.table(), n, Integer::sum);
    }
    for (String table : schema.planTables()) {
      for (ForeignKey self : schema.selfReferences(table)) {
        List<String> set = new ArrayList<>();
        for (String c : self.columns()) {
          if (!c.equalsIgnoreCase("plan_id")) {
            set.add(c + " = NULL");
          }
        }
        jdbc.sql("UPDATE " + table + " SET " + String.join(", ", set) + " WHERE plan_id = ?")
            .param(planId)
            .update();
      }
      deleted.merge(
          table,
          jdbc.sql("DELETE FROM " + table + " WHERE plan_id = ?").param(planId).update(),
          Integer::sum);
    }
    deleted.put(
        "plan_version", jdbc.sql("DELETE FROM plan_version WHERE id = ?").param(planId).update());
    return deleted;
  }

  private record ForeignKey(
      String table, List<String> columns, String referencedTable, List<String> referencedColumns) {}

  /** The tables that hold plan rows and the foreign keys between them, read from the schema. */
  private record Schema(
      List<String> planTables, List<ForeignKey> children, List<ForeignKey> foreignKeys) {
    List<ForeignKey> selfReferences(String table) {
      return foreignKeys.stream()
          .filter(f -> f.table().equals(table) && f.referencedTable().equals(table))
          .toList();
    }
  }

  private Schema schema() {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      DatabaseMetaData meta = connection.getMetaData();
      String schemaName = connection.getSchema();
      Set<String> tables = new LinkedHashSet<>();
      try (ResultSet rs = meta.getTables(null, schemaName, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      Set<String> withPlanId = new LinkedHashSet<>();
      List<ForeignKey> fks = new ArrayList<>();
      for (String table : tables) {
        try (ResultSet rs = meta.getColumns(null, schemaName, table, "%")) {
          while (rs.next()) {
            if (rs.getString("COLUMN_NAME").equalsIgnoreCase("plan_id")
                && !table.equalsIgnoreCase("plan_version")) {
              withPlanId.add(table);
            }
          }
        }
        fks.addAll(importedKeys(meta, schemaName, table));
      }
      // referencing tables before the tables they reference (a depth-first order)
      List<String> ordered = new ArrayList<>();
      Set<String> visiting = new LinkedHashSet<>();
      for (String t : withPlanId) {
        visit(t, withPlanId, fks, ordered, visiting);
      }
      List<ForeignKey> children =
          fks.stream()
              .filter(
                  f ->
                      !withPlanId.contains(f.table())
                          && !f.table().equalsIgnoreCase("plan_version")
                          && (withPlanId.contains(f.referencedTable())
                              || f.referencedTable().equalsIgnoreCase("plan_version")))
              .toList();
      return new Schema(ordered, children, fks);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the store's schema", e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  /** Adds {@code table} to {@code ordered} after every plan table that references it. */
  private static void visit(
      String table,
      Set<String> planTables,
      List<ForeignKey> fks,
      List<String> ordered,
      Set<String> visiting) {
    if (ordered.contains(table) || !visiting.add(table)) {
      return;
    }
    for (ForeignKey f : fks) {
      if (f.referencedTable().equals(table)
          && !f.table().equals(table)
          && planTables.contains(f.table())) {
        visit(f.table(), planTables, fks, ordered, visiting);
      }
    }
    ordered.add(table);
  }

  private static List<ForeignKey> importedKeys(DatabaseMetaData meta, String schema, String table)
      throws SQLException {
    // one row per column of each key, in KEY_SEQ order within a key
    Map<String, ForeignKey> keys = new LinkedHashMap<>();
    try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
      while (rs.next()) {
        String name =
            rs.getString("FK_NAME") + "/" + rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
        ForeignKey fk =
            keys.computeIfAbsent(
                name,
                n -> {
                  try {
                    return new ForeignKey(
                        table, new ArrayList<>(), rs.getString("PKTABLE_NAME"), new ArrayList<>());
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
        fk.columns().add(rs.getString("FKCOLUMN_NAME"));
        fk.referencedColumns().add(rs.getString("PKCOLUMN_NAME"));
      }
    }
    return new ArrayList<>(keys.values());
  }

  private static String row(List<String> columns) {
    return columns.size() == 1 ? columns.get(0) : "(" + String.join(", ", columns) + ")";
  }
}
