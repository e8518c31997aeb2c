package org.zoneplan.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Rule sets in the store ({@code evaluation_rule_set}); the same SQL on H2GIS and PostGIS. */
@Repository
public class RuleSetRepository {
  private static final String COLUMNS =
      "id, division_code, \"year\", version, name, json, created_by, created_at";
  private final JdbcClient jdbc;

  RuleSetRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every version, newest first within a division and year; without the JSON when asked. */
  public List<StoredRuleSet> findAll(String divisionCode, Integer year, boolean withJson) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(withJson ? COLUMNS : COLUMNS.replace("json", "NULL AS json"))
            .append(" FROM evaluation_rule_set WHERE 1 = 1");
    if (divisionCode != null) {
      sql.append(" AND division_code = :division");
    }
    if (year != null) {
      sql.append(" AND \"year\" = :year");
    }
    sql.append(" ORDER BY division_code, \"year\", version DESC");
    JdbcClient.StatementSpec spec = jdbc.sql(sql.toString());
    if (divisionCode != null) {
      spec = spec.param("division", divisionCode);
    }
    if (year != null) {
      spec = spec.param("year", year);
    }
    return spec.query(RuleSetRepository::row).list();
  }

  public Optional<StoredRuleSet> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM evaluation_rule_set WHERE id = ?")
        .param(id)
        .query(RuleSetRepository::row)
        .optional();
  }

  /** The newest version of the latest year ≤ {@code year} of a division, with its JSON. */
  public Optional<StoredRuleSet> newestUpTo(String divisionCode, int year) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM evaluation_rule_set WHERE division_code = ? AND \"year\" <= ?"
                + " ORDER BY \"year\" DESC, version DESC LIMIT 1")
        .params(divisionCode, year)
        .query(RuleSetRepository::row)
        .optional();
  }

  public boolean isEmpty() {
    return jdbc.sql("SELECT COUNT(*) FROM evaluation_rule_set").query(Long.class).single() == 0;
  }

  /** The highest version stored for a division and year, 0 when none. */
  public int latestVersion(String divisionCode, int year) {
    Integer v =
        jdbc.sql(
                "SELECT MAX(version) FROM evaluation_rule_set WHERE division_code = ? AND"
                    + " \"year\" = ?")
            .params(divisionCode, year)
            .query(Integer.class)
            .optional()
            .orElse(null);
    return v == null ? 0 : v;
  }

  /**
   * Inserts a row (its {@code id} is not read: the store gives one) and returns the new id; the
   * unique (division, year, version) is the backstop.
   */
  public long insert(StoredRuleSet r) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO evaluation_rule_set (division_code, \"year\", version, name, json,"
                + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.divisionCode(),
            r.year(),
            r.version(),
            r.name(),
            r.json(),
            r.createdBy(),
            r.createdAt())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  private static StoredRuleSet row(ResultSet rs, int n) throws SQLException {
    return new StoredRuleSet(
        rs.getLong("id"),
        rs.getString("division_code"),
        rs.getInt("year"),
        rs.getInt("version"),
        rs.getString("name"),
        rs.getString("json"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
