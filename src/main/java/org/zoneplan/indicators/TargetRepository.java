package org.zoneplan.indicators;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.indicators.Indicator.Direction;

/**
 * City targets ({@code city_target}) and zones' annual targets ({@code zone_target}), V10; the same
 * SQL on both engines. Writes are checked by {@link TargetService}.
 */
@Repository
class TargetRepository {
  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  TargetRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  boolean noCityTargets() {
    return jdbc.sql("SELECT COUNT(*) FROM city_target").query(Long.class).single() == 0;
  }

  List<Target> cityTargets() {
    return jdbc.sql(
            "SELECT target_year, name, indicator_key, target_value, unit, direction, scope, source"
                + " FROM city_target ORDER BY target_year, name")
        .query(TargetRepository::city)
        .list();
  }

  List<Target> zoneTargets(String planId) {
    return jdbc.sql(
            "SELECT plan_id, zone_code, indicator_key, target_year, target_value, unit, direction,"
                + " source FROM zone_target WHERE plan_id = ?"
                + " ORDER BY zone_code, indicator_key, target_year")
        .param(planId)
        .query(TargetRepository::zone)
        .list();
  }

  /** Writes city targets, replacing those of the same year and name. */
  void upsertCity(List<Target> targets) {
    template.batchUpdate(
        "DELETE FROM city_target WHERE target_year = ? AND name = ?",
        targets,
        1000,
        TargetRepository::bindCityKey);
    template.batchUpdate(
        "INSERT INTO city_target (target_year, name, indicator_key, target_value, unit, direction,"
            + " scope, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        targets,
        1000,
        (ps, t) -> {
          bindCityKey(ps, t);
          ps.setString(3, t.indicatorKey());
          ps.setDouble(4, t.value());
          ps.setString(5, t.unit());
          ps.setString(6, t.direction().name());
          ps.setString(7, t.scope());
          ps.setString(8, t.source());
        });
  }

  /** Writes zone targets, replacing those of the same plan, zone, indicator and year. */
  void upsertZone(List<Target> targets) {
    template.batchUpdate(
        "DELETE FROM zone_target WHERE plan_id = ? AND zone_code = ? AND indicator_key = ?"
            + " AND target_year = ?",
        targets,
        1000,
        TargetRepository::bindZoneKey);
    template.batchUpdate(
        "INSERT INTO zone_target (plan_id, zone_code, indicator_key, target_year, target_value,"
            + " unit, direction, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        targets,
        1000,
        (ps, t) -> {
          bindZoneKey(ps, t);
          ps.setDouble(5, t.value());
          ps.setString(6, t.unit());
          ps.setString(7, t.direction().name());
          ps.setString(8, t.source());
        });
  }

  private static void bindCityKey(PreparedStatement ps, Target t) throws SQLException {
    ps.setInt(1, t.year());
    ps.setString(2, t.name());
  }

  private static void bindZoneKey(PreparedStatement ps, Target t) throws SQLException {
    ps.setString(1, t.planId());
    ps.setString(2, t.zoneCode());
    ps.setString(3, t.indicatorKey());
    ps.setInt(4, t.year());
  }

  private static Target city(ResultSet rs, int row) throws SQLException {
    return new Target(
        null,
        null,
        rs.getInt("target_year"),
        rs.getString("name"),
        rs.getString("indicator_key"),
        rs.getDouble("target_value"),
        rs.getString("unit"),
        Direction.valueOf(rs.getString("direction")),
        rs.getString("scope"),
        rs.getString("source"));
  }

  private static Target zone(ResultSet rs, int row) throws SQLException {
    String key = rs.getString("indicator_key");
    return new Target(
        rs.getString("plan_id"),
        rs.getString("zone_code"),
        rs.getInt("target_year"),
        Indicator.byKey(key).map(Indicator::label).orElse(key),
        key,
        rs.getDouble("target_value"),
        rs.getString("unit"),
        Direction.valueOf(rs.getString("direction")),
        null,
        rs.getString("source"));
  }
}
