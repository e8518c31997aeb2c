package org.zoneplan.zones;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.store.Wkb;
import tools.jackson.databind.json.JsonMapper;

/** Every state every zone has had; append-only. Same SQL on H2GIS and PostGIS. */
@Repository
public class ZoneHistoryRepository {
  private static final String COLUMNS =
      "plan_id, code, version, operation, name, kind, parent_code, managed_by, attributes, area_m2,"
          + " planar_area_m2, gk_epsg, ST_AsBinary(geom) AS wkb, changed_by, changed_at, reason,"
          + " proposal_id";
  private final JdbcClient jdbc;
  private final JsonMapper json;

  ZoneHistoryRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The version the next change of this zone gets (versions never repeat, even after a delete). */
  public int nextVersion(String planId, String code) {
    Integer max =
        jdbc.sql("SELECT MAX(version) FROM zone_history WHERE plan_id = ? AND code = ?")
            .params(planId, code)
            .query(Integer.class)
            .optional()
            .orElse(null);
    return max == null ? 1 : max + 1;
  }

  public void append(ZoneHistoryEntry e) {
    Zone z = e.zone();
    jdbc.sql(
            "INSERT INTO zone_history (plan_id, code, version, operation, name, kind, parent_code,"
                + " managed_by, attributes, area_m2, planar_area_m2, gk_epsg, geom, changed_by,"
                + " changed_at, reason, proposal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ST_GeomFromWKB(?, 4490), ?, ?, ?, ?)")
        .params(
            e.planId(),
            e.code(),
            e.version(),
            e.operation(),
            z == null ? null : z.name(),
            z == null ? null : z.kind().name(),
            z == null ? null : z.parentCode(),
            z == null ? null : z.managedBy(),
            z == null ? null : json.writeValueAsString(z.attributes()),
            z == null ? null : z.area().squareMetres(),
            z == null ? null : z.area().planarSquareMetres(),
            z == null ? null : z.area().gkEpsg(),
            z == null ? null : Wkb.write(z.geometry()),
            e.changedBy(),
            e.changedAt(),
            e.reason(),
            e.proposalId())
        .update();
  }

  /** Oldest first. */
  public List<ZoneHistoryEntry> list(String planId, String code) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM zone_history WHERE plan_id = ? AND code = ? ORDER BY version")
        .params(planId, code)
        .query(this::entry)
        .list();
  }

  public Optional<ZoneHistoryEntry> find(String planId, String code, int version) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM zone_history WHERE plan_id = ? AND code = ? AND version = ?")
        .params(planId, code, version)
        .query(this::entry)
        .optional();
  }

  /** The plan's zones as they were at {@code at}: each code's latest state then, unless deleted. */
  public List<Zone> asOf(String planId, OffsetDateTime at) {
    return jdbc
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM zone_history h WHERE h.plan_id = ? AND h.operation <> 'DELETE'"
                + " AND h.version = (SELECT MAX(l.version) FROM zone_history l"
                + " WHERE l.plan_id = h.plan_id AND l.code = h.code AND l.changed_at <= ?)"
                + " ORDER BY h.code")
        .params(planId, at)
        .query(this::entry)
        .list()
        .stream()
        .map(ZoneHistoryEntry::zone)
        .toList();
  }

  private ZoneHistoryEntry entry(ResultSet rs, int row) throws SQLException {
    String operation = rs.getString("operation");
    Zone zone = null;
    if (!"DELETE".equals(operation)) {
      zone = ZoneRepository.readZone(json, rs);
    }
    long proposal = rs.getLong("proposal_id");
    Long proposalId = rs.wasNull() ? null : proposal;
    return new ZoneHistoryEntry(
        rs.getString("plan_id"),
        rs.getString("code"),
        rs.getInt("version"),
        operation,
        zone,
        rs.getString("changed_by"),
        rs.getObject("changed_at", OffsetDateTime.class),
        rs.getString("reason"),
        proposalId);
  }
}
