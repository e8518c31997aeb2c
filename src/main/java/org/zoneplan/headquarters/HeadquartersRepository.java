package org.zoneplan.headquarters;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.store.Wkb;

/**
 * SQL for the headquarters lists and the open-economy indicator system (V18): {@code hq_list},
 * {@code hq_entry}, {@code hq_reward}, {@code hq_published_figure}, {@code open_*}. The same SQL on
 * H2GIS and PostGIS (points cross as WKB).
 */
@Repository
public class HeadquartersRepository {
  private static final String ENTRY_COLUMNS =
      "e.id, e.list_id, e.entry_type, e.name, e.credit_code, e.star_level, e.plan_id,"
          + " e.zone_code, ST_AsBinary(e.geom) AS wkb, e.illustrative, e.note";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  HeadquartersRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  // ---- headquarters lists

  public long countLists() {
    return jdbc.sql("SELECT COUNT(*) FROM hq_list").query(Long.class).single();
  }

  void insertList(HqList l, int position) {
    jdbc.sql(
            "INSERT INTO hq_list (id, division_code, kind, name, position, note)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(l.id(), l.divisionCode(), l.kind(), l.name(), position, l.note())
        .update();
  }

  List<HqList> lists() {
    return jdbc.sql("SELECT id, division_code, kind, name, note FROM hq_list ORDER BY position, id")
        .query(
            (rs, i) ->
                new HqList(
                    rs.getString("id"),
                    rs.getString("division_code"),
                    rs.getString("kind"),
                    rs.getString("name"),
                    rs.getString("note")))
        .list();
  }

  Optional<HqList> list(String id) {
    return lists().stream().filter(l -> l.id().equals(id)).findFirst();
  }

  void insertEntry(HqEntry e, int position) {
    jdbc.sql(
            "INSERT INTO hq_entry (id, list_id, position, entry_type, name, credit_code,"
                + " star_level, plan_id, zone_code, geom, illustrative, note)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4490), ?, ?)")
        .params(
            e.id(),
            e.listId(),
            position,
            e.type(),
            e.name(),
            e.creditCode(),
            e.starLevel(),
            e.planId(),
            e.zoneCode(),
            e.location() == null ? null : Wkb.write(e.location()),
            e.illustrative(),
            e.note())
        .update();
  }

  /** Entries of one list, or of all lists when {@code listId} is null, in list order. */
  List<HqEntry> entries(String listId) {
    String sql =
        "SELECT "
            + ENTRY_COLUMNS
            + " FROM hq_entry e JOIN hq_list l ON l.id = e.list_id"
            + (listId == null ? "" : " WHERE e.list_id = ?")
            + " ORDER BY l.position, e.position, e.id";
    var statement = jdbc.sql(sql);
    if (listId != null) {
      statement = statement.param(listId);
    }
    return statement.query((rs, i) -> entry(rs)).list();
  }

  private static HqEntry entry(ResultSet rs) throws SQLException {
    int star = rs.getInt("star_level");
    Integer starLevel = rs.wasNull() ? null : star;
    return new HqEntry(
        rs.getString("id"),
        rs.getString("list_id"),
        rs.getString("entry_type"),
        rs.getString("name"),
        rs.getString("credit_code"),
        starLevel,
        rs.getString("plan_id"),
        rs.getString("zone_code"),
        point(rs.getBytes("wkb")),
        rs.getBoolean("illustrative"),
        rs.getString("note"));
  }

  private static Point point(byte[] wkb) {
    if (wkb == null) {
      return null;
    }
    try {
      Geometry g = new WKBReader(Cgcs2000.GEOMETRY_FACTORY).read(wkb);
      return g instanceof Point p ? p : g.getInteriorPoint();
    } catch (ParseException e) {
      throw new IllegalStateException("stored location is not valid WKB", e);
    }
  }

  void insertReward(HqReward r) {
    jdbc.sql(
            "INSERT INTO hq_reward (entry_id, reward_year, kind, amount_wan, district_wan)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(r.entryId(), r.year(), r.kind(), r.amountWan(), r.districtWan())
        .update();
  }

  List<HqReward> rewards(int year) {
    return jdbc.sql(
            "SELECT r.entry_id, r.reward_year, r.kind, r.amount_wan, r.district_wan"
                + " FROM hq_reward r JOIN hq_entry e ON e.id = r.entry_id"
                + " JOIN hq_list l ON l.id = e.list_id WHERE r.reward_year = ?"
                + " ORDER BY l.position, e.position, r.kind")
        .param(year)
        .query(
            (rs, i) ->
                new HqReward(
                    rs.getString("entry_id"),
                    rs.getInt("reward_year"),
                    rs.getString("kind"),
                    rs.getBigDecimal("amount_wan"),
                    rs.getBigDecimal("district_wan")))
        .list();
  }

  List<Integer> rewardYears() {
    return jdbc.sql("SELECT DISTINCT reward_year FROM hq_reward ORDER BY reward_year")
        .query(Integer.class)
        .list();
  }

  void insertFigure(PublishedFigure f) {
    jdbc.sql(
            "INSERT INTO hq_published_figure (division_code, item, period, value_text, unit,"
                + " source_phrase, source) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            f.divisionCode(),
            f.item(),
            f.period(),
            f.value(),
            f.unit(),
            f.sourcePhrase(),
            f.source())
        .update();
  }

  List<PublishedFigure> figures() {
    return jdbc.sql(
            "SELECT division_code, item, period, value_text, unit, source_phrase, source"
                + " FROM hq_published_figure ORDER BY division_code, period, item")
        .query(
            (rs, i) ->
                new PublishedFigure(
                    rs.getString("division_code"),
                    rs.getString("item"),
                    rs.getString("period"),
                    rs.getString("value_text"),
                    rs.getString("unit"),
                    rs.getString("source_phrase"),
                    rs.getString("source")))
        .list();
  }

  // ---- open-economy indicators

  void insertCategory(String code, String name, int position) {
    jdbc.sql("INSERT INTO open_indicator_category (code, name, position) VALUES (?, ?, ?)")
        .params(code, name, position)
        .update();
  }

  /** Category code → name, in order. */
  List<String[]> categories() {
    return jdbc.sql("SELECT code, name FROM open_indicator_category ORDER BY position, code")
        .query((rs, i) -> new String[] {rs.getString("code"), rs.getString("name")})
        .list();
  }

  void insertIndicator(OpenIndicator ind, int position) {
    jdbc.sql(
            "INSERT INTO open_indicator (code, category_code, position, name, unit, better,"
                + " lead_department, reviews, illustrative) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            ind.code(),
            ind.categoryCode(),
            position,
            ind.name(),
            ind.unit(),
            ind.better().name(),
            ind.leadDepartment(),
            String.join(",", ind.reviews()),
            ind.illustrative())
        .update();
  }

  List<OpenIndicator> indicators() {
    return jdbc.sql(
            "SELECT i.code, i.category_code, i.name, i.unit, i.better, i.lead_department,"
                + " i.reviews, i.illustrative FROM open_indicator i"
                + " JOIN open_indicator_category c ON c.code = i.category_code"
                + " ORDER BY c.position, i.position, i.code")
        .query(
            (rs, i) ->
                new OpenIndicator(
                    rs.getString("code"),
                    rs.getString("category_code"),
                    rs.getString("name"),
                    rs.getString("unit"),
                    OpenIndicator.Better.valueOf(rs.getString("better")),
                    rs.getString("lead_department"),
                    Arrays.stream(rs.getString("reviews").split(","))
                        .filter(s -> !s.isEmpty())
                        .toList(),
                    rs.getBoolean("illustrative")))
        .list();
  }

  void insertUnit(OpenUnit u, int position) {
    jdbc.sql(
            "INSERT INTO open_unit (code, name, kind, division_code, plan_id, zone_code, position)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(u.code(), u.name(), u.kind(), u.divisionCode(), u.planId(), u.zoneCode(), position)
        .update();
  }

  List<OpenUnit> units() {
    return jdbc.sql(
            "SELECT code, name, kind, division_code, plan_id, zone_code FROM open_unit"
                + " ORDER BY position, code")
        .query(
            (rs, i) ->
                new OpenUnit(
                    rs.getString("code"),
                    rs.getString("name"),
                    rs.getString("kind"),
                    rs.getString("division_code"),
                    rs.getString("plan_id"),
                    rs.getString("zone_code")))
        .list();
  }

  /** Inserts or replaces the value of (indicator, unit, period). */
  void putValue(OpenValue v, String actor, OffsetDateTime at) {
    int changed =
        jdbc.sql(
                "UPDATE open_value SET target = ?, actual = ?, illustrative = ?, updated_by = ?,"
                    + " updated_at = ? WHERE indicator_code = ? AND unit_code = ? AND period = ?")
            .params(
                v.target(),
                v.actual(),
                v.illustrative(),
                actor,
                at,
                v.indicator(),
                v.unit(),
                v.period())
            .update();
    if (changed == 0) {
      jdbc.sql(INSERT_VALUE).params(valueRow(v, actor, at)).update();
    }
  }

  /** Inserts new rows in one batch (the sample: about a thousand rows at start-up). */
  void insertValues(List<OpenValue> values, String actor, OffsetDateTime at) {
    template.batchUpdate(INSERT_VALUE, values.stream().map(v -> valueRow(v, actor, at)).toList());
  }

  private static final String INSERT_VALUE =
      "INSERT INTO open_value (indicator_code, unit_code, period, target, actual,"
          + " illustrative, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  /** {@link #INSERT_VALUE}'s parameters. */
  private static Object[] valueRow(OpenValue v, String actor, OffsetDateTime at) {
    return new Object[] {
      v.indicator(), v.unit(), v.period(), v.target(), v.actual(), v.illustrative(), actor, at
    };
  }

  List<OpenValue> values(String period) {
    return jdbc.sql(
            "SELECT indicator_code, unit_code, period, target, actual, illustrative"
                + " FROM open_value WHERE period = ? ORDER BY unit_code, indicator_code")
        .param(period)
        .query(
            (rs, i) ->
                new OpenValue(
                    rs.getString("indicator_code"),
                    rs.getString("unit_code"),
                    rs.getString("period"),
                    scaled(rs.getBigDecimal("target")),
                    scaled(rs.getBigDecimal("actual")),
                    rs.getBoolean("illustrative")))
        .list();
  }

  /** Without the column's trailing zeros (DECIMAL(20, 4) gives 12.5000 for 12.5). */
  private static BigDecimal scaled(BigDecimal v) {
    if (v == null) {
      return null;
    }
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  List<String> periods() {
    return jdbc.sql("SELECT DISTINCT period FROM open_value ORDER BY period")
        .query(String.class)
        .list();
  }

  long countValues() {
    return jdbc.sql("SELECT COUNT(*) FROM open_value").query(Long.class).single();
  }

  void insertReview(OpenReview r, int position) {
    jdbc.sql(
            "INSERT INTO open_review (cadence, name, period_kind, position, note)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(r.cadence(), r.name(), r.periodKind(), position, r.note())
        .update();
  }

  List<OpenReview> reviews() {
    return jdbc.sql("SELECT cadence, name, period_kind, note FROM open_review ORDER BY position")
        .query(
            (rs, i) ->
                new OpenReview(
                    rs.getString("cadence"),
                    rs.getString("name"),
                    rs.getString("period_kind"),
                    rs.getString("note")))
        .list();
  }

  void insertGrade(TalkGrade g) {
    jdbc.sql(
            "INSERT INTO open_talk_grade (position, grade, action, below_ratio, illustrative)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(g.position(), g.grade(), g.action(), g.belowRatio(), g.illustrative())
        .update();
  }

  List<TalkGrade> grades() {
    return jdbc.sql(
            "SELECT position, grade, action, below_ratio, illustrative FROM open_talk_grade"
                + " ORDER BY position")
        .query(
            (rs, i) ->
                new TalkGrade(
                    rs.getInt("position"),
                    rs.getString("grade"),
                    rs.getString("action"),
                    scaled(rs.getBigDecimal("below_ratio")),
                    rs.getBoolean("illustrative")))
        .list();
  }
}
