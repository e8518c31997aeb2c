package org.zoneplan.enterprises;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.store.BboxFilter;
import org.zoneplan.store.Wkb;

/**
 * Enterprises, their land links, annual statistics and zone totals in the store; the same SQL on
 * H2GIS and PostGIS but for the bounding-box filter ({@link BboxFilter}). Writes are checked by the
 * callers ({@link EnterpriseService}, {@link EnterpriseImportService}); the tables' constraints are
 * the backstop.
 */
@Repository
public class EnterpriseRepository {
  private static final String COLUMNS =
      "e.credit_code, e.name, e.industry_code, e.size_class, e.founded_year, e.closed_year";
  static final String STAT_COLUMNS = "credit_code, stat_year, " + StatisticsColumns.FIGURES;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final BboxFilter bbox;

  EnterpriseRepository(JdbcClient jdbc, JdbcTemplate template, BboxFilter bbox) {
    this.jdbc = jdbc;
    this.template = template;
    this.bbox = bbox;
  }

  // ---------------------------------------------------------------- enterprises

  public Optional<Enterprise> find(String creditCode) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM enterprise e WHERE e.credit_code = ?")
        .param(creditCode)
        .query(EnterpriseRepository::enterprise)
        .optional();
  }

  /** One page of the enterprises the filter selects, by credit code. */
  public List<Enterprise> findPage(EnterpriseFilter filter, int limit, long offset) {
    List<Object> params = new ArrayList<>();
    String where = where(filter, params);
    params.add(limit);
    params.add(offset);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM enterprise e"
                + where
                + " ORDER BY e.credit_code LIMIT ? OFFSET ?")
        .params(params)
        .query(EnterpriseRepository::enterprise)
        .list();
  }

  public long count(EnterpriseFilter filter) {
    List<Object> params = new ArrayList<>();
    String where = where(filter, params);
    return jdbc.sql("SELECT COUNT(*) FROM enterprise e" + where)
        .params(params)
        .query(Long.class)
        .single();
  }

  private String where(EnterpriseFilter f, List<Object> params) {
    List<String> conditions = new ArrayList<>();
    if (f.name() != null && !f.name().isBlank()) {
      conditions.add("LOWER(e.name) LIKE ? ESCAPE '\\'");
      params.add("%" + likeEscape(f.name().strip().toLowerCase(Locale.ROOT)) + "%");
    }
    if (f.industry() != null && !f.industry().isBlank()) {
      String industry = f.industry().strip().toUpperCase(Locale.ROOT);
      if (industry.matches("[A-T]")) {
        List<String> divisions = IndustryCatalog.gbt4754().divisionsOf(industry);
        conditions.add(
            "SUBSTRING(e.industry_code FROM 1 FOR 2) IN ("
                + String.join(",", Collections.nCopies(divisions.size(), "?"))
                + ")");
        params.addAll(divisions);
      } else {
        conditions.add("e.industry_code LIKE ?");
        params.add(likeEscape(industry) + "%");
      }
    }
    if (f.year() != null) {
      conditions.add(
          "(e.founded_year IS NULL OR e.founded_year <= ?)"
              + " AND (e.closed_year IS NULL OR e.closed_year >= ?)");
      params.add(f.year());
      params.add(f.year());
    }
    if (f.zone() != null) {
      BboxFilter.Condition meets = bbox.meets("parcel", f.zone().getEnvelopeInternal());
      StringBuilder sub =
          new StringBuilder(
                  "EXISTS (SELECT 1 FROM enterprise_land l JOIN parcel ON parcel.id = l.parcel_id"
                      + " WHERE l.credit_code = e.credit_code AND ")
              .append(meets.sql())
              .append(
                  " AND ST_Intersects(ST_PointOnSurface(parcel.geom), ST_GeomFromWKB(?, 4490))");
      params.addAll(meets.params());
      params.add(Wkb.write(f.zone()));
      if (f.year() != null) {
        sub.append(" AND ").append(ParcelSupplyRepository.inYear("parcel"));
        params.add(ParcelSupplyRepository.endOf(f.year()));
      }
      conditions.add(sub.append(')').toString());
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static String likeEscape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Every stored credit code. */
  public Set<String> codes() {
    return new HashSet<>(jdbc.sql("SELECT credit_code FROM enterprise").query(String.class).list());
  }

  /** Inserts the new enterprises and updates the others ({@code existing}: the codes stored). */
  public void upsertAll(List<Enterprise> enterprises, Set<String> existing) {
    List<Enterprise> updates = new ArrayList<>();
    List<Enterprise> inserts = new ArrayList<>();
    for (Enterprise e : enterprises) {
      (existing.contains(e.creditCode()) ? updates : inserts).add(e);
    }
    template.batchUpdate(
        "UPDATE enterprise SET name = ?, industry_code = ?, size_class = ?, founded_year = ?,"
            + " closed_year = ? WHERE credit_code = ?",
        updates,
        1000,
        EnterpriseRepository::bindEnterpriseThenCode);
    template.batchUpdate(
        "INSERT INTO enterprise (name, industry_code, size_class, founded_year, closed_year,"
            + " credit_code) VALUES (?, ?, ?, ?, ?, ?)",
        inserts,
        1000,
        EnterpriseRepository::bindEnterpriseThenCode);
  }

  /** The five enterprise columns, then the credit code (the update's WHERE, the insert's last). */
  private static void bindEnterpriseThenCode(PreparedStatement ps, Enterprise e)
      throws SQLException {
    bindEnterprise(ps, e, 1);
    ps.setString(6, e.creditCode());
  }

  /**
   * Enterprises named on imported parcels: those not stored ({@code stored}: the codes stored) are
   * inserted with the name given (their code when none); stored ones are left as they are.
   */
  public void insertMissing(Map<String, String> namesByCode, Set<String> stored) {
    List<Map.Entry<String, String>> inserts =
        namesByCode.entrySet().stream().filter(e -> !stored.contains(e.getKey())).toList();
    template.batchUpdate(
        "INSERT INTO enterprise (credit_code, name) VALUES (?, ?)",
        inserts,
        1000,
        (ps, e) -> {
          ps.setString(1, e.getKey());
          ps.setString(2, e.getValue() != null ? e.getValue() : e.getKey());
        });
  }

  /**
   * Sets the tax, value added and employees of each row's enterprise and year where the row has
   * them (null: kept), keeping the year's other figures; a year not stored yet is inserted.
   */
  public void mergeFigures(List<AnnualStatistics> rows) {
    List<AnnualStatistics> inserts = new ArrayList<>();
    for (AnnualStatistics s : rows) {
      int updated =
          template.update(
              "UPDATE enterprise_stat SET tax_wan = COALESCE(?, tax_wan),"
                  + " value_added_wan = COALESCE(?, value_added_wan),"
                  + " employees = COALESCE(?, employees) WHERE credit_code = ? AND stat_year = ?",
              ps -> {
                ps.setObject(1, s.taxWan(), Types.DOUBLE);
                ps.setObject(2, s.valueAddedWan(), Types.DOUBLE);
                ps.setObject(3, s.employees(), Types.INTEGER);
                ps.setString(4, s.creditCode());
                ps.setInt(5, s.year());
              });
      if (updated == 0) {
        inserts.add(s);
      }
    }
    insertStatistics(inserts);
  }

  private static void bindEnterprise(PreparedStatement ps, Enterprise e, int at)
      throws SQLException {
    ps.setString(at, e.name());
    ps.setString(at + 1, e.industryCode());
    ps.setString(at + 2, e.sizeClass() == null ? null : e.sizeClass().name());
    ps.setObject(at + 3, e.foundedYear(), Types.INTEGER);
    ps.setObject(at + 4, e.closedYear(), Types.INTEGER);
  }

  public int delete(String creditCode) {
    return jdbc.sql("DELETE FROM enterprise WHERE credit_code = ?").param(creditCode).update();
  }

  public void forEach(Consumer<Enterprise> consumer) {
    template.query(
        "SELECT " + COLUMNS + " FROM enterprise e ORDER BY e.credit_code",
        rs -> {
          consumer.accept(enterprise(rs, 0));
        });
  }

  private static Enterprise enterprise(ResultSet rs, int row) throws SQLException {
    String size = rs.getString("size_class");
    return new Enterprise(
        rs.getString("credit_code"),
        rs.getString("name"),
        rs.getString("industry_code"),
        size == null ? null : SizeClass.valueOf(size),
        rs.getObject("founded_year", Integer.class),
        rs.getObject("closed_year", Integer.class));
  }

  // ---------------------------------------------------------------- land links

  public List<LandLink> links(String creditCode) {
    return jdbc.sql(
            "SELECT credit_code, parcel_id, role, share FROM enterprise_land"
                + " WHERE credit_code = ? ORDER BY parcel_id")
        .param(creditCode)
        .query(EnterpriseRepository::link)
        .list();
  }

  /** The stored links of the parcels, by parcel. */
  public Map<Long, List<LandLink>> linksOfParcels(Collection<Long> parcelIds) {
    Map<Long, List<LandLink>> out = new HashMap<>();
    List<Long> all = List.copyOf(parcelIds);
    for (int from = 0; from < all.size(); from += 1000) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      jdbc.sql(
              "SELECT credit_code, parcel_id, role, share FROM enterprise_land WHERE parcel_id IN ("
                  + String.join(",", Collections.nCopies(chunk.size(), "?"))
                  + ")")
          .params(chunk)
          .query(EnterpriseRepository::link)
          .list()
          .forEach(l -> out.computeIfAbsent(l.parcelId(), k -> new ArrayList<>()).add(l));
    }
    return out;
  }

  /** Writes the links, replacing a stored link of the same enterprise and parcel. */
  public void upsertLinks(List<LandLink> links) {
    template.batchUpdate(
        "DELETE FROM enterprise_land WHERE credit_code = ? AND parcel_id = ?",
        links,
        1000,
        EnterpriseRepository::bindLinkKey);
    insertLinks(links);
  }

  /** Inserts links no stored link has the keys of (a first load); the batch fails otherwise. */
  public void insertLinks(List<LandLink> links) {
    template.batchUpdate(
        "INSERT INTO enterprise_land (credit_code, parcel_id, role, share) VALUES (?, ?, ?, ?)",
        links,
        1000,
        (ps, l) -> {
          bindLinkKey(ps, l);
          ps.setString(3, l.role().name());
          ps.setDouble(4, l.share());
        });
  }

  /** Removes every link of the enterprise (before {@link #upsertLinks} sets them anew). */
  public int deleteLinks(String creditCode) {
    return jdbc.sql("DELETE FROM enterprise_land WHERE credit_code = ?").param(creditCode).update();
  }

  public void forEachLink(Consumer<LandLink> consumer) {
    template.query(
        "SELECT credit_code, parcel_id, role, share FROM enterprise_land"
            + " ORDER BY credit_code, parcel_id",
        rs -> {
          consumer.accept(link(rs, 0));
        });
  }

  private static LandLink link(ResultSet rs, int row) throws SQLException {
    return new LandLink(
        rs.getString("credit_code"),
        rs.getLong("parcel_id"),
        LandRole.valueOf(rs.getString("role")),
        rs.getDouble("share"));
  }

  // ---------------------------------------------------------------- land areas

  /** One link to a parcel of the year's land, with the whole parcel's stored area (m²). */
  @FunctionalInterface
  public interface LandUseSink {
    void accept(String creditCode, long parcelId, LandRole role, double share, double parcelAreaM2);
  }

  /**
   * Every link to a parcel of the year's land ({@link ParcelSupplyRepository#inYear}) with the
   * parcel's stored ellipsoidal area (m²), in credit-code and parcel-id order; links of enterprises
   * that did not exist in the year are included. Summed with {@link LandSums}, this is the land of
   * the year ({@link #landAreas}).
   */
  public void forEachLandUse(int year, LandUseSink sink) {
    landUses(year, null, sink);
  }

  private void landUses(int year, String creditCode, LandUseSink sink) {
    template.query(
        "SELECT l.credit_code, l.parcel_id, l.role, l.share, p.area_m2"
            + " FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id WHERE "
            + ParcelSupplyRepository.inYear("p")
            + (creditCode == null ? "" : " AND l.credit_code = ?")
            + " ORDER BY l.credit_code, l.parcel_id",
        rs -> {
          sink.accept(
              rs.getString(1),
              rs.getLong(2),
              LandRole.valueOf(rs.getString(3)),
              rs.getDouble(4),
              rs.getDouble(5));
        },
        creditCode == null
            ? new Object[] {ParcelSupplyRepository.endOf(year)}
            : new Object[] {ParcelSupplyRepository.endOf(year), creditCode});
  }

  /**
   * The land of every enterprise that existed in {@code year}: the stored ellipsoidal area of each
   * of its parcels of that year's land ({@link ParcelSupplyRepository#inYear}) times its share,
   * summed ({@link #forEachLandUse} and {@link LandSums}, as the 亩均 evaluation does); enterprises
   * without such land are absent. Keyed by credit code, in code order.
   */
  public Map<String, LandArea> landAreas(int year) {
    LandSums sums = new LandSums();
    forEachLandUse(year, (code, parcel, role, share, areaM2) -> sums.add(code, areaM2, share));
    Map<String, LandArea> out = new LinkedHashMap<>();
    template.query(
        "SELECT credit_code FROM enterprise"
            + " WHERE (founded_year IS NULL OR founded_year <= ?)"
            + " AND (closed_year IS NULL OR closed_year >= ?) ORDER BY credit_code",
        rs -> {
          LandArea a = sums.get(rs.getString(1));
          if (a != null) {
            out.put(a.creditCode(), a);
          }
        },
        year,
        year);
    return out;
  }

  /**
   * The land of one enterprise in {@code year} (zero parcels when it has none or did not exist), as
   * {@link #landAreas}.
   */
  public LandArea landArea(String creditCode, int year) {
    LandArea none = new LandArea(creditCode, 0, 0);
    if (!find(creditCode).map(e -> e.existsIn(year)).orElse(false)) {
      return none;
    }
    LandSums sums = new LandSums();
    landUses(
        year, creditCode, (code, parcel, role, share, areaM2) -> sums.add(code, areaM2, share));
    LandArea a = sums.get(creditCode);
    return a == null ? none : a;
  }

  // ---------------------------------------------------------------- annual statistics

  public List<AnnualStatistics> statistics(String creditCode) {
    return jdbc.sql(
            "SELECT "
                + STAT_COLUMNS
                + " FROM enterprise_stat WHERE credit_code = ? ORDER BY stat_year")
        .param(creditCode)
        .query(EnterpriseRepository::statistics)
        .list();
  }

  /** The latest year with statistics of any enterprise, or null when none is stored. */
  public Integer latestStatisticsYear() {
    return template.queryForObject("SELECT MAX(stat_year) FROM enterprise_stat", Integer.class);
  }

  /** The stored (credit code, year) keys of the years from {@code fromYear} to {@code toYear}. */
  public Set<String> statisticKeys(int fromYear, int toYear) {
    Set<String> keys = new HashSet<>();
    jdbc.sql("SELECT credit_code, stat_year FROM enterprise_stat WHERE stat_year BETWEEN ? AND ?")
        .params(fromYear, toYear)
        .query((rs, n) -> statisticKey(rs.getString(1), rs.getInt(2)))
        .list()
        .forEach(keys::add);
    return keys;
  }

  public static String statisticKey(String creditCode, int year) {
    return creditCode + "/" + year;
  }

  /** Writes the statistics, replacing those of the same enterprise and year. */
  public void upsertStatistics(List<AnnualStatistics> rows) {
    upsertStatistics(rows, null);
  }

  /**
   * Writes the statistics, replacing those of the same enterprise and year.
   *
   * @param stored the keys ({@link #statisticKey}) known to be stored, read in the same
   *     transaction; only those are deleted first. Null: any may be.
   */
  public void upsertStatistics(List<AnnualStatistics> rows, Set<String> stored) {
    List<AnnualStatistics> replaced =
        stored == null
            ? rows
            : rows.stream()
                .filter(s -> stored.contains(statisticKey(s.creditCode(), s.year())))
                .toList();
    template.batchUpdate(
        "DELETE FROM enterprise_stat WHERE credit_code = ? AND stat_year = ?",
        replaced,
        1000,
        EnterpriseRepository::bindStatisticKey);
    insertStatistics(rows);
  }

  private static void bindLinkKey(PreparedStatement ps, LandLink l) throws SQLException {
    ps.setString(1, l.creditCode());
    ps.setLong(2, l.parcelId());
  }

  private static void bindStatisticKey(PreparedStatement ps, AnnualStatistics s)
      throws SQLException {
    ps.setString(1, s.creditCode());
    ps.setInt(2, s.year());
  }

  private static void bindZoneStatisticKey(PreparedStatement ps, ZoneStatistic s)
      throws SQLException {
    ps.setString(1, s.planId());
    ps.setString(2, s.zoneCode());
    ps.setInt(3, s.year());
    ps.setString(4, s.indicator());
  }

  /** Inserts statistics of new (credit code, year) keys (a first load); fails on a stored key. */
  public void insertStatistics(List<AnnualStatistics> rows) {
    template.batchUpdate(
        "INSERT INTO enterprise_stat ("
            + STAT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
        1000,
        (ps, s) -> {
          bindStatisticKey(ps, s);
          StatisticsColumns.bind(ps, 3, s);
        });
  }

  /** Every statistics row (of one year, or all when {@code year} is null), by code and year. */
  public void forEachStatistic(Integer year, Consumer<AnnualStatistics> consumer) {
    String sql =
        "SELECT "
            + STAT_COLUMNS
            + " FROM enterprise_stat"
            + (year == null ? "" : " WHERE stat_year = ?")
            + " ORDER BY credit_code, stat_year";
    Object[] params = year == null ? new Object[0] : new Object[] {year};
    template.query(
        sql,
        rs -> {
          consumer.accept(statistics(rs, 0));
        },
        params);
  }

  private static AnnualStatistics statistics(ResultSet rs, int row) throws SQLException {
    return StatisticsColumns.read(rs);
  }

  // ---------------------------------------------------------------- zone totals

  /** Writes the zone totals, replacing those of the same plan, zone, year and indicator. */
  public void upsertZoneStatistics(List<ZoneStatistic> rows) {
    template.batchUpdate(
        "DELETE FROM zone_stat WHERE plan_id = ? AND zone_code = ? AND stat_year = ?"
            + " AND indicator = ?",
        rows,
        1000,
        EnterpriseRepository::bindZoneStatisticKey);
    template.batchUpdate(
        "INSERT INTO zone_stat (plan_id, zone_code, stat_year, indicator, stat_value, unit, source)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
        1000,
        (ps, s) -> {
          bindZoneStatisticKey(ps, s);
          ps.setDouble(5, s.value());
          ps.setString(6, s.unit());
          ps.setString(7, s.source());
        });
  }

  /** The stored zone totals (of one plan, or all when null), by plan, zone, year, indicator. */
  public List<ZoneStatistic> zoneStatistics(String planId) {
    return jdbc.sql(
            "SELECT plan_id, zone_code, stat_year, indicator, stat_value, unit, source FROM zone_stat"
                + (planId == null ? "" : " WHERE plan_id = :plan")
                + " ORDER BY plan_id, zone_code, stat_year, indicator")
        .params(planId == null ? Map.<String, Object>of() : Map.<String, Object>of("plan", planId))
        .query(
            (rs, n) ->
                new ZoneStatistic(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getDouble(5),
                    rs.getString(6),
                    rs.getString(7)))
        .list();
  }

  /** The stored (plan/zone/year/indicator) keys. */
  public Set<String> zoneStatisticKeys() {
    Set<String> keys = new HashSet<>();
    zoneStatistics(null)
        .forEach(
            s -> keys.add(zoneStatisticKey(s.planId(), s.zoneCode(), s.year(), s.indicator())));
    return keys;
  }

  public static String zoneStatisticKey(
      String planId, String zoneCode, int year, String indicator) {
    return planId + "/" + zoneCode + "/" + year + "/" + indicator;
  }
}
