package org.zoneplan.zones;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.store.BboxFilter;
import org.zoneplan.store.Params;
import org.zoneplan.store.Wkb;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plan versions and zones in the store. The same SQL runs on H2GIS and PostGIS: geometry crosses as
 * WKB, areas are stored as computed by zoneplan on write; only the bounding-box filter is the
 * engine's own ({@link BboxFilter}).
 */
@Repository
public class ZoneRepository {
  private static final String ZONE_COLUMNS =
      "plan_id, code, name, kind, parent_code, managed_by, attributes, area_m2, planar_area_m2,"
          + " gk_epsg, ST_AsBinary(geom) AS wkb";
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final BboxFilter bbox;

  ZoneRepository(JdbcClient jdbc, JsonMapper json, BboxFilter bbox) {
    this.jdbc = jdbc;
    this.json = json;
    this.bbox = bbox;
  }

  public List<PlanVersion> findPlans() {
    return jdbc.sql("SELECT id, name, plan_date, status FROM plan_version ORDER BY plan_date, id")
        .query(ZoneRepository::plan)
        .list();
  }

  public Optional<PlanVersion> findPlan(String id) {
    return jdbc.sql("SELECT id, name, plan_date, status FROM plan_version WHERE id = ?")
        .param(id)
        .query(ZoneRepository::plan)
        .optional();
  }

  public void insertPlan(PlanVersion plan) {
    jdbc.sql("INSERT INTO plan_version (id, name, plan_date, status) VALUES (?, ?, ?, ?)")
        .params(plan.id(), plan.name(), Date.valueOf(plan.date()), plan.status().name())
        .update();
  }

  public void updatePlan(PlanVersion plan) {
    jdbc.sql("UPDATE plan_version SET name = ?, plan_date = ?, status = ? WHERE id = ?")
        .params(plan.name(), Date.valueOf(plan.date()), plan.status().name(), plan.id())
        .update();
  }

  public boolean isEmpty() {
    return jdbc.sql("SELECT COUNT(*) FROM plan_version").query(Long.class).single() == 0;
  }

  public List<Zone> findZones(String planId) {
    return jdbc.sql("SELECT " + ZONE_COLUMNS + " FROM zone WHERE plan_id = ? ORDER BY code")
        .param(planId)
        .query(this::zone)
        .list();
  }

  /** Zones whose bounding box meets the envelope (through the store's bounding-box index). */
  public List<Zone> findZonesIntersecting(String planId, Envelope envelope) {
    BboxFilter.Condition meets = bbox.meets("zone", envelope);
    return jdbc.sql(
            "SELECT "
                + ZONE_COLUMNS
                + " FROM zone WHERE plan_id = ? AND "
                + meets.sql()
                + " ORDER BY code")
        .param(planId)
        .params(meets.params())
        .query(this::zone)
        .list();
  }

  public Optional<Zone> findZone(String planId, String code) {
    return jdbc.sql("SELECT " + ZONE_COLUMNS + " FROM zone WHERE plan_id = ? AND code = ?")
        .params(planId, code)
        .query(this::zone)
        .optional();
  }

  /** The zone and its version, read together (one statement), so that the two always agree. */
  public Optional<VersionedZone> findVersionedZone(String planId, String code) {
    return jdbc.sql("SELECT " + ZONE_COLUMNS + ", version FROM zone WHERE plan_id = ? AND code = ?")
        .params(planId, code)
        .query((rs, row) -> new VersionedZone(zone(rs, row), rs.getInt("version")))
        .optional();
  }

  /**
   * The plan's zones with their versions, read in one statement (a listing's bodies and versions
   * agree), by code.
   */
  public List<VersionedZone> findVersionedZones(String planId) {
    return jdbc.sql(
            "SELECT " + ZONE_COLUMNS + ", version FROM zone WHERE plan_id = ? ORDER BY code")
        .param(planId)
        .query((rs, row) -> new VersionedZone(zone(rs, row), rs.getInt("version")))
        .list();
  }

  public int countChildren(String planId, String code) {
    return jdbc.sql("SELECT COUNT(*) FROM zone WHERE plan_id = ? AND parent_code = ?")
        .params(planId, code)
        .query(Integer.class)
        .single();
  }

  public void insertZone(Zone zone) {
    insertZone(zone, 1);
  }

  /** The columns insert and update share, in their order (name … geom). */
  private List<Object> columns(Zone zone) {
    return Params.of(
        zone.name(),
        zone.kind().name(),
        zone.parentCode(),
        zone.managedBy(),
        json.writeValueAsString(zone.attributes()),
        zone.area().squareMetres(),
        zone.area().planarSquareMetres(),
        zone.area().gkEpsg(),
        Wkb.write(zone.geometry()));
  }

  /** Inserts a zone at the given version (versions continue across a delete and re-create). */
  public void insertZone(Zone zone, int version) {
    jdbc.sql(
            "INSERT INTO zone (plan_id, code, name, kind, parent_code, managed_by, attributes,"
                + " area_m2, planar_area_m2, gk_epsg, geom, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4490), ?)")
        .params(
            Params.concat(Params.of(zone.planId(), zone.code()), columns(zone), Params.of(version)))
        .update();
  }

  /** The zone's current version (its ETag), if it exists. */
  public Optional<Integer> findVersion(String planId, String code) {
    return jdbc.sql("SELECT version FROM zone WHERE plan_id = ? AND code = ?")
        .params(planId, code)
        .query(Integer.class)
        .optional();
  }

  /**
   * Locks the zone's row until the transaction ends and returns its version (empty if there is no
   * such zone). A writer that takes this lock before anything else waits here for a concurrent
   * writer of the same zone (on PostGIS; the embedded store has one writer at a time anyway), then
   * reads what that writer committed, so its version check refuses it cleanly (412).
   */
  public Optional<Integer> lockVersion(String planId, String code) {
    return jdbc.sql("SELECT version FROM zone WHERE plan_id = ? AND code = ? FOR UPDATE")
        .params(planId, code)
        .query(Integer.class)
        .optional();
  }

  /** Current version of every zone of the plan, by code. */
  public Map<String, Integer> findVersions(String planId) {
    Map<String, Integer> versions = new LinkedHashMap<>();
    jdbc.sql("SELECT code, version FROM zone WHERE plan_id = ? ORDER BY code")
        .param(planId)
        .query(
            rs -> {
              versions.put(rs.getString("code"), rs.getInt("version"));
            });
    return versions;
  }

  /**
   * Replaces everything but the key if the zone is still at {@code expectedVersion}; returns the
   * number of rows changed (0 when another writer got there first).
   */
  public int updateZone(Zone zone, int expectedVersion, int newVersion) {
    return jdbc.sql(
            "UPDATE zone SET name = ?, kind = ?, parent_code = ?, managed_by = ?, attributes = ?,"
                + " area_m2 = ?, planar_area_m2 = ?, gk_epsg = ?, geom = ST_GeomFromWKB(?, 4490),"
                + " version = ? WHERE plan_id = ? AND code = ? AND version = ?")
        .params(
            Params.concat(
                columns(zone), Params.of(newVersion, zone.planId(), zone.code(), expectedVersion)))
        .update();
  }

  /** Deletes the zone if it is still at {@code expectedVersion}; returns the rows deleted. */
  public int deleteZone(String planId, String code, int expectedVersion) {
    return jdbc.sql("DELETE FROM zone WHERE plan_id = ? AND code = ? AND version = ?")
        .params(planId, code, expectedVersion)
        .update();
  }

  /**
   * Deletes without a version check and without history: for test clean-up and administration only;
   * the service always uses the versioned delete.
   */
  public int deleteZone(String planId, String code) {
    return jdbc.sql("DELETE FROM zone WHERE plan_id = ? AND code = ?")
        .params(planId, code)
        .update();
  }

  private static PlanVersion plan(ResultSet rs, int row) throws SQLException {
    return new PlanVersion(
        rs.getString("id"),
        rs.getString("name"),
        rs.getDate("plan_date").toLocalDate(),
        PlanStatus.valueOf(rs.getString("status")));
  }

  private Zone zone(ResultSet rs, int row) throws SQLException {
    return readZone(json, rs);
  }

  /** The zone of the current row (columns as the zone table names them, geometry as wkb). */
  static Zone readZone(JsonMapper json, ResultSet rs) throws SQLException {
    Map<String, Object> attributes = ZoneAttributes.readStored(json, rs.getString("attributes"));
    return new Zone(
        rs.getString("plan_id"),
        rs.getString("code"),
        rs.getString("name"),
        ZoneKind.valueOf(rs.getString("kind")),
        rs.getString("parent_code"),
        rs.getString("managed_by"),
        attributes,
        Wkb.readMultiPolygon(rs.getBytes("wkb")),
        new AreaFigures(
            rs.getDouble("area_m2"), rs.getDouble("planar_area_m2"), rs.getInt("gk_epsg")));
  }
}
