package org.zoneplan.projects;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.store.Params;
import org.zoneplan.store.Wkb;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Projects in the store, same SQL on H2GIS and PostGIS. The location's bounding box is written in
 * plain columns beside the geometry (projects are thousands, not millions: a B-tree on the box is
 * enough on both engines, and {@code store.BboxFilter} covers only the big tables).
 */
@Repository
public class ProjectRepository {
  private static final String COLUMNS =
      "id, name, credit_code, plan_id, zone_code, total_investment_wan, stage, signed_on,"
          + " started_on, completed_on, producing_on, landing_mode, lists, illustrative,"
          + " ST_AsBinary(geom) AS wkb, created_by, created_at";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ProjectRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public boolean exists(long id) {
    return jdbc.sql("SELECT COUNT(*) FROM project WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single()
        > 0;
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM project").query(Long.class).single();
  }

  /** The columns insert and update share, in their order (name … max_lat). */
  private List<Object> columns(Project p) {
    Geometry g = p.location();
    Envelope box = g == null ? null : g.getEnvelopeInternal();
    return Params.of(
        p.name(),
        p.creditCode(),
        p.planId(),
        p.zoneCode(),
        p.totalInvestmentWan(),
        p.stage().name(),
        date(p.stageDates().get(ProjectStage.SIGNED)),
        date(p.stageDates().get(ProjectStage.STARTED)),
        date(p.stageDates().get(ProjectStage.COMPLETED)),
        date(p.stageDates().get(ProjectStage.PRODUCING)),
        p.landingMode() == null ? null : p.landingMode().name(),
        json.writeValueAsString(p.lists()),
        p.illustrative(),
        g == null ? null : Wkb.write(g),
        box == null ? null : box.getMinX(),
        box == null ? null : box.getMinY(),
        box == null ? null : box.getMaxX(),
        box == null ? null : box.getMaxY());
  }

  /** Stores a new project with its yearly investment; returns its id. */
  public long insert(Project p) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO project (name, credit_code, plan_id, zone_code, total_investment_wan,"
                + " stage, signed_on, started_on, completed_on, producing_on, landing_mode, lists,"
                + " illustrative, geom, min_lon, min_lat, max_lon, max_lat, created_by,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ST_GeomFromWKB(?, 4490), ?, ?, ?, ?, ?, ?)")
        .params(Params.concat(columns(p), Params.of(p.createdBy(), p.createdAt())))
        .update(keys, "id");
    long id = keys.getKey().longValue();
    insertYearly(id, p);
    return id;
  }

  /**
   * Replaces every field but the id and the creation (who, when), and the yearly investment;
   * returns the rows changed (0 when there is no such project).
   */
  public int update(long id, Project p) {
    int changed =
        jdbc.sql(
                "UPDATE project SET name = ?, credit_code = ?, plan_id = ?, zone_code = ?,"
                    + " total_investment_wan = ?, stage = ?, signed_on = ?, started_on = ?,"
                    + " completed_on = ?, producing_on = ?, landing_mode = ?, lists = ?,"
                    + " illustrative = ?, geom = ST_GeomFromWKB(?, 4490), min_lon = ?,"
                    + " min_lat = ?, max_lon = ?, max_lat = ? WHERE id = ?")
            .params(Params.concat(columns(p), Params.of(id)))
            .update();
    if (changed > 0) {
      jdbc.sql("DELETE FROM project_investment WHERE project_id = ?").param(id).update();
      insertYearly(id, p);
    }
    return changed;
  }

  private void insertYearly(long id, Project p) {
    p.yearlyInvestmentWan()
        .forEach(
            (year, amount) ->
                jdbc.sql(
                        "INSERT INTO project_investment (project_id, invest_year, amount_wan)"
                            + " VALUES (?, ?, ?)")
                    .params(id, year, amount)
                    .update());
  }

  public Optional<Project> find(long id) {
    Optional<Project> found =
        jdbc.sql("SELECT " + COLUMNS + " FROM project WHERE id = ?")
            .param(id)
            .query((rs, row) -> project(rs, new TreeMap<>()))
            .optional();
    found.ifPresent(p -> p.yearlyInvestmentWan().putAll(yearly(id)));
    return found;
  }

  /**
   * Projects in id order, at most {@code limit}; with {@code box}, only those whose location's
   * bounding box meets it (projects without location never).
   */
  public List<Project> findAll(Envelope box, int limit) {
    String where = "";
    List<Object> params = new ArrayList<>();
    if (box != null) {
      where = " WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?";
      params.add(box.getMinX());
      params.add(box.getMaxX());
      params.add(box.getMinY());
      params.add(box.getMaxY());
    }
    Map<Long, SortedMap<Integer, BigDecimal>> yearly = new HashMap<>();
    List<Project> projects =
        jdbc.sql("SELECT " + COLUMNS + " FROM project" + where + " ORDER BY id LIMIT " + limit)
            .params(params)
            .query(
                (rs, row) -> {
                  SortedMap<Integer, BigDecimal> years = new TreeMap<>();
                  yearly.put(rs.getLong("id"), years);
                  return project(rs, years);
                })
            .list();
    if (!projects.isEmpty()) {
      long maxId = projects.get(projects.size() - 1).id();
      jdbc.sql(
              "SELECT project_id, invest_year, amount_wan FROM project_investment"
                  + " WHERE project_id <= ? ORDER BY project_id, invest_year")
          .param(maxId)
          .query(
              rs -> {
                SortedMap<Integer, BigDecimal> years = yearly.get(rs.getLong("project_id"));
                if (years != null) {
                  years.put(rs.getInt("invest_year"), rs.getBigDecimal("amount_wan"));
                }
              });
    }
    return projects;
  }

  private SortedMap<Integer, BigDecimal> yearly(long id) {
    SortedMap<Integer, BigDecimal> years = new TreeMap<>();
    jdbc.sql(
            "SELECT invest_year, amount_wan FROM project_investment WHERE project_id = ?"
                + " ORDER BY invest_year")
        .param(id)
        .query(
            rs -> {
              years.put(rs.getInt("invest_year"), rs.getBigDecimal("amount_wan"));
            });
    return years;
  }

  private static Date date(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  private Project project(ResultSet rs, SortedMap<Integer, BigDecimal> yearly) throws SQLException {
    Map<ProjectStage, LocalDate> dates = new EnumMap<>(ProjectStage.class);
    putDate(dates, ProjectStage.SIGNED, rs.getDate("signed_on"));
    putDate(dates, ProjectStage.STARTED, rs.getDate("started_on"));
    putDate(dates, ProjectStage.COMPLETED, rs.getDate("completed_on"));
    putDate(dates, ProjectStage.PRODUCING, rs.getDate("producing_on"));
    String mode = rs.getString("landing_mode");
    return new Project(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("credit_code"),
        rs.getString("plan_id"),
        rs.getString("zone_code"),
        rs.getBigDecimal("total_investment_wan"),
        yearly,
        ProjectStage.valueOf(rs.getString("stage")),
        dates,
        mode == null ? null : LandingMode.valueOf(mode),
        json.readValue(rs.getString("lists"), STRINGS),
        rs.getBoolean("illustrative"),
        geometry(rs.getBytes("wkb")),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class));
  }

  private static void putDate(Map<ProjectStage, LocalDate> dates, ProjectStage s, Date d) {
    if (d != null) {
      dates.put(s, d.toLocalDate());
    }
  }

  private static Geometry geometry(byte[] wkb) {
    if (wkb == null) {
      return null;
    }
    try {
      Geometry g = new WKBReader(Cgcs2000.GEOMETRY_FACTORY).read(wkb);
      g.setSRID(Cgcs2000.SRID);
      return g;
    } catch (ParseException e) {
      throw new IllegalStateException("a stored project location is not valid WKB", e);
    }
  }
}
