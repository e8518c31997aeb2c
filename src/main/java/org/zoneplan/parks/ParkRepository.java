package org.zoneplan.parks;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.projects.LandingMode;
import org.zoneplan.store.Params;
import org.zoneplan.store.Wkb;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Cooperation parks in the store (migration V13); the same SQL on H2GIS and PostGIS. */
@Repository
class ParkRepository {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS =
      "id, name, name_en, promoter_name, promoter_code, plan_id, zone_code, ST_AsBinary(geom) AS"
          + " wkb, illustrative, boundary_note, sharing_rule, source, updated_by, updated_at";

  private final JdbcClient jdbc;

  ParkRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM coop_park").query(Long.class).single();
  }

  boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM coop_park WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single()
        > 0;
  }

  List<CoopPark> findAll() {
    Map<String, List<String>> hosts = new HashMap<>();
    jdbc.sql("SELECT park_id, division_code FROM coop_park_host ORDER BY park_id, seq")
        .query(
            rs -> {
              hosts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            });
    Map<String, List<ParkFigure>> figures = new HashMap<>();
    jdbc.sql(
            "SELECT park_id, item, period, value_text, unit, source_phrase FROM coop_park_figure"
                + " ORDER BY park_id, seq")
        .query(
            rs -> {
              figures.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(figure(rs));
            });
    return jdbc.sql("SELECT " + COLUMNS + " FROM coop_park ORDER BY id")
        .query(
            (rs, n) ->
                park(
                    rs,
                    hosts.getOrDefault(rs.getString("id"), List.of()),
                    figures.getOrDefault(rs.getString("id"), List.of())))
        .list();
  }

  Optional<CoopPark> find(String id) {
    List<String> hosts =
        jdbc.sql("SELECT division_code FROM coop_park_host WHERE park_id = ? ORDER BY seq")
            .param(id)
            .query(String.class)
            .list();
    List<ParkFigure> figures =
        jdbc.sql(
                "SELECT item, period, value_text, unit, source_phrase FROM coop_park_figure"
                    + " WHERE park_id = ? ORDER BY seq")
            .param(id)
            .query((rs, n) -> figure(rs))
            .list();
    return jdbc.sql("SELECT " + COLUMNS + " FROM coop_park WHERE id = ?")
        .param(id)
        .query((rs, n) -> park(rs, hosts, figures))
        .optional();
  }

  /** Locks the park's row for the rest of the transaction; false when there is none. */
  boolean lock(String id) {
    return !jdbc.sql("SELECT id FROM coop_park WHERE id = ? FOR UPDATE")
        .param(id)
        .query(String.class)
        .list()
        .isEmpty();
  }

  /** The columns insert and replace share, in their order (name … updated_at). */
  private static List<Object> columns(CoopPark p) {
    return Params.of(
        p.name(),
        p.nameEn(),
        p.promoterName(),
        p.promoterCode(),
        p.planId(),
        p.zoneCode(),
        p.geometry() == null ? null : Wkb.write(p.geometry()),
        p.illustrative(),
        p.boundaryNote(),
        JSON.writeValueAsString(ParkJson.rule(p.sharingRule())),
        p.source(),
        p.updatedBy(),
        p.updatedAt());
  }

  void insert(CoopPark p) {
    jdbc.sql(
            "INSERT INTO coop_park (id, name, name_en, promoter_name, promoter_code, plan_id,"
                + " zone_code, geom, illustrative, boundary_note, sharing_rule, source, updated_by,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4490), ?, ?, ?, ?, ?,"
                + " ?)")
        .params(Params.concat(Params.of(p.id()), columns(p)))
        .update();
    insertParts(p);
  }

  /** Replaces the park's row, hosts and figures; returns the rows changed (0 or 1). */
  int replace(CoopPark p) {
    int n =
        jdbc.sql(
                "UPDATE coop_park SET name = ?, name_en = ?, promoter_name = ?, promoter_code = ?,"
                    + " plan_id = ?, zone_code = ?, geom = ST_GeomFromWKB(?, 4490), illustrative ="
                    + " ?, boundary_note = ?, sharing_rule = ?, source = ?, updated_by = ?,"
                    + " updated_at = ? WHERE id = ?")
            .params(Params.concat(columns(p), Params.of(p.id())))
            .update();
    if (n == 0) {
      return 0;
    }
    jdbc.sql("DELETE FROM coop_park_host WHERE park_id = ?").param(p.id()).update();
    jdbc.sql("DELETE FROM coop_park_figure WHERE park_id = ?").param(p.id()).update();
    insertParts(p);
    return n;
  }

  int delete(String id) {
    jdbc.sql("DELETE FROM coop_park_host WHERE park_id = ?").param(id).update();
    jdbc.sql("DELETE FROM coop_park_figure WHERE park_id = ?").param(id).update();
    return jdbc.sql("DELETE FROM coop_park WHERE id = ?").param(id).update();
  }

  private void insertParts(CoopPark p) {
    for (int i = 0; i < p.hostCodes().size(); i++) {
      jdbc.sql("INSERT INTO coop_park_host (park_id, division_code, seq) VALUES (?, ?, ?)")
          .params(p.id(), p.hostCodes().get(i), i)
          .update();
    }
    for (int i = 0; i < p.figures().size(); i++) {
      ParkFigure f = p.figures().get(i);
      jdbc.sql(
              "INSERT INTO coop_park_figure (park_id, seq, item, period, value_text, unit,"
                  + " source_phrase) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              p.id(),
              i,
              f.item(),
              f.period(),
              f.value().toPlainString(),
              f.unit(),
              f.sourcePhrase())
          .update();
    }
  }

  private static ParkFigure figure(ResultSet rs) throws SQLException {
    return new ParkFigure(
        rs.getString("item"),
        rs.getString("period"),
        new BigDecimal(rs.getString("value_text")),
        rs.getString("unit"),
        rs.getString("source_phrase"));
  }

  /** The park of the current row, with its hosts and figures (read before, in their order). */
  private static CoopPark park(ResultSet rs, List<String> hosts, List<ParkFigure> figures)
      throws SQLException {
    byte[] wkb = rs.getBytes("wkb");
    return new CoopPark(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("name_en"),
        rs.getString("promoter_name"),
        rs.getString("promoter_code"),
        List.copyOf(hosts),
        rs.getString("plan_id"),
        rs.getString("zone_code"),
        wkb == null ? null : Wkb.readMultiPolygon(wkb),
        rs.getBoolean("illustrative"),
        rs.getString("boundary_note"),
        rule(rs.getString("sharing_rule")),
        List.copyOf(figures),
        rs.getString("source"),
        rs.getString("updated_by"),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  /** The stored rule, written by {@link ParkJson#rule(SharingRule)} after its checks. */
  private static SharingRule rule(String json) {
    JsonNode r = JSON.readTree(json);
    List<SharingRule.Split> splits = new ArrayList<>();
    for (JsonNode s : r.path("splits")) {
      splits.add(
          new SharingRule.Split(
              LandingMode.parse(s.get("landingMode").asString()).orElseThrow(),
              new BigDecimal(s.get("promoterPercent").asString()),
              new BigDecimal(s.get("hostPercent").asString())));
    }
    return new SharingRule(
        SharingRule.Kind.valueOf(r.get("kind").asString()),
        r.path("label").asString(null),
        r.path("note").isNull() || r.path("note").isMissingNode() ? null : r.get("note").asString(),
        List.copyOf(splits));
  }
}
