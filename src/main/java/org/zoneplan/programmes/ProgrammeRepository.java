package org.zoneplan.programmes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.store.Params;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code programme}, {@code programme_category} and {@code programme_member} (V14). */
@Repository
public class ProgrammeRepository {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<Programme.Target>> TARGETS = new TypeReference<>() {};
  private static final String MEMBER_COLUMNS =
      "programme_id, plan_id, zone_code, category, status, status_phrase, industries, note";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ProgrammeRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM programme").query(Long.class).single();
  }

  public boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM programme WHERE id = ?")
            .param(id)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The columns insert and update share, in their order (name … illustrative). */
  private List<Object> columns(Programme p) {
    return Params.of(
        p.name(),
        p.issuer(),
        p.level(),
        p.divisionCode(),
        json.writeValueAsString(p.statuses()),
        json.writeValueAsString(p.targets()),
        p.source(),
        p.illustrative());
  }

  void insert(Programme p) {
    jdbc.sql(
            "INSERT INTO programme (id, name, issuer, level, division_code, statuses, targets,"
                + " source, illustrative, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            Params.concat(Params.of(p.id()), columns(p), Params.of(p.createdBy(), p.createdAt())))
        .update();
    insertCategories(p);
  }

  /** Replaces the fields and categories; the caller has checked that no member loses its own. */
  void update(Programme p) {
    jdbc.sql(
            "UPDATE programme SET name = ?, issuer = ?, level = ?, division_code = ?,"
                + " statuses = ?, targets = ?, source = ?, illustrative = ? WHERE id = ?")
        .params(Params.concat(columns(p), Params.of(p.id())))
        .update();
    // Categories still used by members are kept by name (the foreign key), so update those in
    // place and delete only the unused ones.
    List<String> keep = p.categories().stream().map(Programme.Category::name).toList();
    for (String old : categoryNames(p.id())) {
      if (!keep.contains(old)) {
        jdbc.sql("DELETE FROM programme_category WHERE programme_id = ? AND name = ?")
            .params(p.id(), old)
            .update();
      }
    }
    List<String> existing = categoryNames(p.id());
    for (int i = 0; i < p.categories().size(); i++) {
      Programme.Category c = p.categories().get(i);
      if (existing.contains(c.name())) {
        jdbc.sql(
                "UPDATE programme_category SET target_count = ?, position = ?"
                    + " WHERE programme_id = ? AND name = ?")
            .params(c.targetCount(), i, p.id(), c.name())
            .update();
      } else {
        insertCategory(p.id(), c, i);
      }
    }
  }

  private void insertCategories(Programme p) {
    for (int i = 0; i < p.categories().size(); i++) {
      insertCategory(p.id(), p.categories().get(i), i);
    }
  }

  private void insertCategory(String programmeId, Programme.Category c, int position) {
    jdbc.sql(
            "INSERT INTO programme_category (programme_id, name, target_count, position)"
                + " VALUES (?, ?, ?, ?)")
        .params(programmeId, c.name(), c.targetCount(), position)
        .update();
  }

  private List<String> categoryNames(String programmeId) {
    return jdbc.sql("SELECT name FROM programme_category WHERE programme_id = ?")
        .param(programmeId)
        .query(String.class)
        .list();
  }

  int delete(String id) {
    jdbc.sql("DELETE FROM programme_member WHERE programme_id = ?").param(id).update();
    jdbc.sql("DELETE FROM programme_category WHERE programme_id = ?").param(id).update();
    return jdbc.sql("DELETE FROM programme WHERE id = ?").param(id).update();
  }

  public Optional<Programme> find(String id) {
    return jdbc.sql("SELECT * FROM programme WHERE id = ?")
        .param(id)
        .query((rs, row) -> programme(rs))
        .optional();
  }

  public List<Programme> findAll(int limit) {
    return jdbc
        .sql("SELECT * FROM programme ORDER BY id")
        .query((rs, row) -> programme(rs))
        .list()
        .stream()
        .limit(limit)
        .toList();
  }

  private Programme programme(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<Programme.Category> categories =
        jdbc.sql(
                "SELECT name, target_count FROM programme_category WHERE programme_id = ?"
                    + " ORDER BY position")
            .param(id)
            .query(
                (r, n) -> {
                  int target = r.getInt(2);
                  return new Programme.Category(r.getString(1), r.wasNull() ? null : target);
                })
            .list();
    return new Programme(
        id,
        rs.getString("name"),
        rs.getString("issuer"),
        rs.getString("level"),
        rs.getString("division_code"),
        categories,
        json.readValue(rs.getString("statuses"), STRINGS),
        json.readValue(rs.getString("targets"), TARGETS),
        rs.getString("source"),
        rs.getBoolean("illustrative"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class));
  }

  void insertMember(Member m) {
    jdbc.sql(
            "INSERT INTO programme_member (" + MEMBER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            m.programmeId(),
            m.planId(),
            m.zoneCode(),
            m.category(),
            m.status(),
            m.statusPhrase(),
            json.writeValueAsString(m.industries()),
            m.note())
        .update();
  }

  int updateMember(Member m) {
    return jdbc.sql(
            "UPDATE programme_member SET category = ?, status = ?, status_phrase = ?,"
                + " industries = ?, note = ? WHERE programme_id = ? AND plan_id = ?"
                + " AND zone_code = ?")
        .params(
            m.category(),
            m.status(),
            m.statusPhrase(),
            json.writeValueAsString(m.industries()),
            m.note(),
            m.programmeId(),
            m.planId(),
            m.zoneCode())
        .update();
  }

  int deleteMember(String programmeId, String planId, String zoneCode) {
    return jdbc.sql(
            "DELETE FROM programme_member WHERE programme_id = ? AND plan_id = ?"
                + " AND zone_code = ?")
        .params(programmeId, planId, zoneCode)
        .update();
  }

  public Optional<Member> findMember(String programmeId, String planId, String zoneCode) {
    return jdbc.sql(
            "SELECT "
                + MEMBER_COLUMNS
                + " FROM programme_member WHERE programme_id = ? AND plan_id = ?"
                + " AND zone_code = ?")
        .params(programmeId, planId, zoneCode)
        .query((rs, row) -> member(rs))
        .optional();
  }

  public List<Member> members(String programmeId) {
    return jdbc.sql(
            "SELECT "
                + MEMBER_COLUMNS
                + " FROM programme_member WHERE programme_id = ? ORDER BY plan_id, zone_code")
        .param(programmeId)
        .query((rs, row) -> member(rs))
        .list();
  }

  long memberCount(String programmeId) {
    return jdbc.sql("SELECT COUNT(*) FROM programme_member WHERE programme_id = ?")
        .param(programmeId)
        .query(Long.class)
        .single();
  }

  /** Members by category and status, for checking a programme's replacement. */
  Map<String, Long> usage(String programmeId, String column) {
    Map<String, Long> out = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT "
                + column
                + ", COUNT(*) FROM programme_member WHERE programme_id = ? AND "
                + column
                + " IS NOT NULL GROUP BY "
                + column)
        .param(programmeId)
        .query(
            rs -> {
              out.put(rs.getString(1), rs.getLong(2));
            });
    return out;
  }

  private Member member(ResultSet rs) throws SQLException {
    return new Member(
        rs.getString("programme_id"),
        rs.getString("plan_id"),
        rs.getString("zone_code"),
        rs.getString("category"),
        rs.getString("status"),
        rs.getString("status_phrase"),
        new ArrayList<>(json.readValue(rs.getString("industries"), STRINGS)),
        rs.getString("note"));
  }
}
