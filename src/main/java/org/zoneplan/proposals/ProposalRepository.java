package org.zoneplan.proposals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.zoneplan.store.Wkb;
import org.zoneplan.zones.ZoneAttributes;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Proposals and their changes; same SQL on H2GIS and PostGIS. */
@Repository
class ProposalRepository {
  private static final String COLUMNS =
      "id, plan_id, title, reason, status, target_mode, new_plan_id, new_plan_name, created_by,"
          + " created_at, submitted_at, decided_by, decided_at, decision_comment, effect_submitted,"
          + " effect_decided";
  private final JdbcClient jdbc;
  private final JsonMapper json;

  ProposalRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long insert(Proposal p) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO proposal (plan_id, title, reason, status, target_mode, new_plan_id,"
                + " new_plan_name, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            p.planId(),
            p.title(),
            p.reason(),
            p.status().name(),
            p.targetMode().name(),
            p.newPlanId(),
            p.newPlanName(),
            p.createdBy(),
            p.createdAt())
        .update(keys, "id");
    long id = keys.getKey().longValue();
    for (ProposedChange c : p.changes()) {
      ZoneDraft d = c.draft();
      jdbc.sql(
              "INSERT INTO proposal_change (proposal_id, seq, operation, code, base_version, name,"
                  + " kind, parent_code, managed_by, attributes, geom)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4490))")
          .params(
              id,
              c.seq(),
              c.operation().name(),
              c.code(),
              c.baseVersion(),
              d == null ? null : d.name(),
              d == null ? null : d.kind().name(),
              d == null ? null : d.parentCode(),
              d == null ? null : d.managedBy(),
              d == null ? null : json.writeValueAsString(d.attributes()),
              d == null ? null : Wkb.write(d.geometry()))
          .update();
    }
    return id;
  }

  Optional<Proposal> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM proposal WHERE id = ?")
        .param(id)
        .query(this::proposal)
        .optional();
  }

  /** A proposal locked for a decision (no two approvers decide it at once). */
  Optional<Proposal> findForUpdate(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM proposal WHERE id = ? FOR UPDATE")
        .param(id)
        .query(this::proposal)
        .optional();
  }

  List<Proposal> findByStatus(ProposalStatus status) {
    return (status == null
            ? jdbc.sql("SELECT " + COLUMNS + " FROM proposal ORDER BY id DESC")
            : jdbc.sql("SELECT " + COLUMNS + " FROM proposal WHERE status = ? ORDER BY id DESC")
                .param(status.name()))
        .query(this::proposal)
        .list();
  }

  /** Moves a proposal from one status to the next; 0 when it was no longer in {@code from}. */
  int submit(long id, OffsetDateTime at, JsonNode effect) {
    return jdbc.sql(
            "UPDATE proposal SET status = 'SUBMITTED', submitted_at = ?, effect_submitted = ?"
                + " WHERE id = ? AND status = 'DRAFT'")
        .params(at, json.writeValueAsString(effect), id)
        .update();
  }

  int decide(
      long id,
      ProposalStatus decision,
      String by,
      OffsetDateTime at,
      String comment,
      JsonNode effect) {
    return jdbc.sql(
            "UPDATE proposal SET status = ?, decided_by = ?, decided_at = ?, decision_comment = ?,"
                + " effect_decided = ? WHERE id = ? AND status = 'SUBMITTED'")
        .params(decision.name(), by, at, comment, json.writeValueAsString(effect), id)
        .update();
  }

  /** Withdraws a draft or a submitted proposal; 0 when it was decided meanwhile. */
  int withdraw(long id, String by, OffsetDateTime at, String comment) {
    return jdbc.sql(
            "UPDATE proposal SET status = 'WITHDRAWN', decided_by = ?, decided_at = ?,"
                + " decision_comment = ? WHERE id = ? AND status IN ('DRAFT', 'SUBMITTED')")
        .params(by, at, comment, id)
        .update();
  }

  private List<ProposedChange> changes(long id) {
    return jdbc.sql(
            "SELECT seq, operation, code, base_version, name, kind, parent_code, managed_by,"
                + " attributes, ST_AsBinary(geom) AS wkb FROM proposal_change WHERE proposal_id = ?"
                + " ORDER BY seq")
        .param(id)
        .query(
            (rs, row) -> {
              ProposedChange.Operation op =
                  ProposedChange.Operation.valueOf(rs.getString("operation"));
              int base = rs.getInt("base_version");
              Integer baseVersion = rs.wasNull() ? null : base;
              ZoneDraft draft = null;
              if (op != ProposedChange.Operation.DELETE) {
                Map<String, Object> attributes =
                    ZoneAttributes.readStored(json, rs.getString("attributes"));
                draft =
                    new ZoneDraft(
                        rs.getString("name"),
                        ZoneKind.valueOf(rs.getString("kind")),
                        rs.getString("parent_code"),
                        rs.getString("managed_by"),
                        attributes,
                        Wkb.readMultiPolygon(rs.getBytes("wkb")));
              }
              return new ProposedChange(
                  rs.getInt("seq"), op, rs.getString("code"), baseVersion, draft);
            })
        .list();
  }

  private Proposal proposal(ResultSet rs, int row) throws SQLException {
    long id = rs.getLong("id");
    return new Proposal(
        id,
        rs.getString("plan_id"),
        rs.getString("title"),
        rs.getString("reason"),
        ProposalStatus.valueOf(rs.getString("status")),
        Proposal.TargetMode.valueOf(rs.getString("target_mode")),
        rs.getString("new_plan_id"),
        rs.getString("new_plan_name"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("submitted_at", OffsetDateTime.class),
        rs.getString("decided_by"),
        rs.getObject("decided_at", OffsetDateTime.class),
        rs.getString("decision_comment"),
        jsonOrNull(rs.getString("effect_submitted")),
        jsonOrNull(rs.getString("effect_decided")),
        changes(id));
  }

  private JsonNode jsonOrNull(String text) {
    return text == null ? null : json.readTree(text);
  }
}
