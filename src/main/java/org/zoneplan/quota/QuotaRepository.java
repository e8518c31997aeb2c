package org.zoneplan.quota;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.zoneplan.store.StoreProperties;

/**
 * The land-quota ledger in the store. Append-only by construction: there is an insert and there are
 * reads, and no update or delete of an entry. Same SQL on H2GIS and PostGIS, except the "create the
 * account row if it is missing" statement.
 */
@Repository
public class QuotaRepository {
  private static final String COLUMNS =
      "id, body, quota_year, kind, applies_to, area_mu, signed_mu, project_id, parcel_id,"
          + " reverses_id, reason, source, recorded_by, recorded_at";

  private final JdbcClient jdbc;
  private final StoreProperties.Engine engine;

  QuotaRepository(JdbcClient jdbc, StoreProperties store) {
    this.jdbc = jdbc;
    this.engine = store.store();
  }

  public boolean isEmpty() {
    return jdbc.sql("SELECT COUNT(*) FROM quota_entry").query(Long.class).single() == 0;
  }

  /** Creates the body's account row for the year unless it exists (the row that writes lock). */
  void ensureAccount(String body, int year) {
    String sql =
        switch (engine) {
          case POSTGIS ->
              "INSERT INTO quota_account (body, quota_year) VALUES (?, ?) ON CONFLICT DO NOTHING";
          case H2GIS ->
              "MERGE INTO quota_account (body, quota_year) KEY (body, quota_year) VALUES (?, ?)";
        };
    jdbc.sql(sql).params(body, year).update();
  }

  /**
   * Locks the body's account row for the year until the transaction ends ({@code SELECT … FOR
   * UPDATE}, a row lock on both engines): every other ledger write for that body and year waits
   * here, so the balance it then reads cannot change before it commits. False when there is no
   * account (nothing granted yet).
   */
  boolean lockAccount(String body, int year) {
    return jdbc.sql("SELECT body FROM quota_account WHERE body = ? AND quota_year = ? FOR UPDATE")
        .params(body, year)
        .query(String.class)
        .optional()
        .isPresent();
  }

  /** Sums of the entries of a body and year, by the balance they move (absent: zero). */
  Map<QuotaKind, BigDecimal> sums(String body, int year) {
    return sums(
        "SELECT applies_to, SUM(signed_mu) AS total FROM quota_entry"
            + " WHERE body = ? AND quota_year = ? GROUP BY applies_to",
        body,
        year);
  }

  /** The same sums, for one project's entries only. */
  Map<QuotaKind, BigDecimal> projectSums(String body, int year, long projectId) {
    return sums(
        "SELECT applies_to, SUM(signed_mu) AS total FROM quota_entry"
            + " WHERE body = ? AND quota_year = ? AND project_id = ? GROUP BY applies_to",
        body,
        year,
        projectId);
  }

  private Map<QuotaKind, BigDecimal> sums(String sql, Object... params) {
    Map<QuotaKind, BigDecimal> sums = new EnumMap<>(QuotaKind.class);
    for (QuotaKind k : QuotaKind.values()) {
      sums.put(k, BigDecimal.ZERO);
    }
    jdbc.sql(sql)
        .params(params)
        .query(
            rs -> {
              sums.put(QuotaKind.valueOf(rs.getString("applies_to")), rs.getBigDecimal("total"));
            });
    return sums;
  }

  /** Appends an entry (its id and time are the store's); returns the new id. */
  long append(QuotaEntry e) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO quota_entry (body, quota_year, kind, applies_to, area_mu, signed_mu,"
                + " project_id, parcel_id, reverses_id, reason, source, recorded_by, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            e.body(),
            e.year(),
            e.kind().name(),
            e.appliesTo().name(),
            e.areaMu(),
            e.signedMu(),
            e.projectId(),
            e.parcelId(),
            e.reversesId(),
            e.reason(),
            e.source(),
            e.recordedBy(),
            e.recordedAt())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  public Optional<QuotaEntry> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM quota_entry WHERE id = ?")
        .param(id)
        .query(QuotaRepository::entry)
        .optional();
  }

  /** The reversal of an entry, if it has one. */
  Optional<Long> reversalOf(long id) {
    return jdbc.sql("SELECT id FROM quota_entry WHERE reverses_id = ?")
        .param(id)
        .query(Long.class)
        .optional();
  }

  /** Entries in the order they were written, filtered by body and year when given. */
  public List<QuotaEntry> list(String body, Integer year, int limit) {
    Filter f = new Filter(body, year);
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM quota_entry" + f.where() + " ORDER BY id LIMIT " + limit)
        .params(f.params())
        .query(QuotaRepository::entry)
        .list();
  }

  /** Balances of every account, filtered by body and year when given. */
  public List<QuotaBalance> balances(String body, Integer year) {
    Filter f = new Filter(body, year);
    Map<String, Map<QuotaKind, BigDecimal>> byAccount = new LinkedHashMap<>();
    Map<String, Object[]> keys = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT a.body, a.quota_year, e.applies_to, SUM(e.signed_mu) AS total"
                + " FROM quota_account a LEFT JOIN quota_entry e"
                + " ON e.body = a.body AND e.quota_year = a.quota_year"
                + f.where().replace("body", "a.body").replace("quota_year", "a.quota_year")
                + " GROUP BY a.body, a.quota_year, e.applies_to"
                + " ORDER BY a.quota_year, a.body")
        .params(f.params())
        .query(
            rs -> {
              String key = rs.getString("body") + "\u0000" + rs.getInt("quota_year");
              keys.putIfAbsent(key, new Object[] {rs.getString("body"), rs.getInt("quota_year")});
              Map<QuotaKind, BigDecimal> sums =
                  byAccount.computeIfAbsent(key, k -> new EnumMap<>(QuotaKind.class));
              String appliesTo = rs.getString("applies_to");
              if (appliesTo != null) {
                sums.put(QuotaKind.valueOf(appliesTo), rs.getBigDecimal("total"));
              }
            });
    List<QuotaBalance> out = new ArrayList<>();
    byAccount.forEach(
        (key, sums) -> {
          Object[] k = keys.get(key);
          out.add(balance((String) k[0], (Integer) k[1], sums));
        });
    return out;
  }

  static QuotaBalance balance(String body, int year, Map<QuotaKind, BigDecimal> sums) {
    return QuotaBalance.of(
        body,
        year,
        sums.getOrDefault(QuotaKind.GRANT, BigDecimal.ZERO),
        sums.getOrDefault(QuotaKind.ALLOCATION, BigDecimal.ZERO),
        sums.getOrDefault(QuotaKind.CONSUMPTION, BigDecimal.ZERO));
  }

  private record Filter(String body, Integer year) {
    String where() {
      List<String> conditions = new ArrayList<>();
      if (body != null) {
        conditions.add("body = ?");
      }
      if (year != null) {
        conditions.add("quota_year = ?");
      }
      return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    Object[] params() {
      List<Object> params = new ArrayList<>();
      if (body != null) {
        params.add(body);
      }
      if (year != null) {
        params.add(year);
      }
      return params.toArray();
    }
  }

  private static QuotaEntry entry(ResultSet rs, int row) throws SQLException {
    return new QuotaEntry(
        rs.getLong("id"),
        rs.getString("body"),
        rs.getInt("quota_year"),
        QuotaKind.valueOf(rs.getString("kind")),
        QuotaKind.valueOf(rs.getString("applies_to")),
        rs.getBigDecimal("area_mu"),
        rs.getBigDecimal("signed_mu"),
        nullableLong(rs, "project_id"),
        nullableLong(rs, "parcel_id"),
        nullableLong(rs, "reverses_id"),
        rs.getString("reason"),
        rs.getString("source"),
        rs.getString("recorded_by"),
        rs.getObject("recorded_at", OffsetDateTime.class));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
