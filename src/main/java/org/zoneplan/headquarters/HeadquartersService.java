package org.zoneplan.headquarters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * Reads of the headquarters lists (with the published totals beside the stored rows), the rewards
 * of a year, the indicator system, and the lagging ranking of a period; the one write: targets and
 * values of the indicators (every row checked first, then all written in one transaction with its
 * audit entry, nothing written when a row is refused).
 */
@Service
public class HeadquartersService {
  /** Most rows in one write of indicator values. */
  static final int MAX_VALUES = 10_000;

  /** Largest magnitude of a target or value (the column holds 16 digits before the point). */
  static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e15");

  static final Pattern PERIOD = Pattern.compile("\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?");
  static final String STAR_REWARD = "星级培育奖励";

  private final HeadquartersRepository repository;
  private final AuditLog audit;

  HeadquartersService(HeadquartersRepository repository, AuditLog audit) {
    this.repository = repository;
    this.audit = audit;
  }

  // ---- lists and firms

  /** Every list with its stored counts, and the published totals beside them. */
  HqViews.Lists lists() {
    List<HqEntry> entries = repository.entries(null);
    List<HqViews.ListCounts> lists = new ArrayList<>();
    for (HqList l : repository.lists()) {
      lists.add(
          new HqViews.ListCounts(
              l,
              entries.stream().filter(e -> isOn(e, l, HqEntry.FIRM)).count(),
              entries.stream().filter(e -> isOn(e, l, HqEntry.PROJECT)).count()));
    }
    return new HqViews.Lists(
        lists,
        new HqViews.Counts(
            entries.stream().filter(e -> HqEntry.FIRM.equals(e.type())).count(),
            entries.stream().filter(e -> HqEntry.PROJECT.equals(e.type())).count()),
        repository.figures().stream()
            .filter(f -> f.item().equals("firms") || f.item().equals("projects"))
            .toList());
  }

  private static boolean isOn(HqEntry e, HqList l, String type) {
    return e.listId().equals(l.id()) && type.equals(e.type());
  }

  public HqList list(String id) {
    return repository
        .list(id)
        .orElseThrow(
            () ->
                ApiProblem.notFound("hq-list", "没有此名单 (no headquarters list) \"" + id + "\"")
                    .with("listId", id));
  }

  public List<HqList> allLists() {
    return repository.lists();
  }

  /**
   * The entries of a list (or every list), optionally of one star level.
   *
   * @param star null, or "1" to "5" (422 {@code invalid-star} otherwise)
   */
  public List<HqEntry> entries(String listId, String star) {
    if (listId != null) {
      list(listId);
    }
    Integer level = null;
    if (star != null) {
      if (!star.matches("[1-5]")) {
        throw ApiProblem.invalid("invalid-star", "星级为 1–5 (the star level is 1 to 5): " + star)
            .with("property", "star");
      }
      level = Integer.valueOf(star);
    }
    Integer wanted = level;
    return repository.entries(listId).stream()
        .filter(e -> wanted == null || wanted.equals(e.starLevel()))
        .toList();
  }

  /**
   * The rewards of a year: per firm, per star level and in total (万元), beside the published totals
   * of that year and whether the stored rows add up to them.
   */
  HqViews.Rewards rewards(String yearText) {
    int year = year(yearText);
    List<HqReward> rewards = repository.rewards(year);
    Map<String, HqEntry> entries = new LinkedHashMap<>();
    repository.entries(null).forEach(e -> entries.put(e.id(), e));
    Map<String, String> listNames = new LinkedHashMap<>();
    repository.lists().forEach(l -> listNames.put(l.id(), l.name()));
    BigDecimal amount = BigDecimal.ZERO;
    BigDecimal district = BigDecimal.ZERO;
    Set<String> firms = new HashSet<>();
    TreeMap<Integer, BigDecimal[]> byStar = new TreeMap<>(java.util.Comparator.reverseOrder());
    Map<Integer, Set<String>> firmsByStar = new TreeMap<>();
    List<HqViews.FirmReward> rows = new ArrayList<>();
    for (HqReward r : rewards) {
      HqEntry e = entries.get(r.entryId());
      amount = amount.add(r.amountWan());
      district = district.add(r.districtWan());
      firms.add(r.entryId());
      int star = e.starLevel() == null ? 0 : e.starLevel();
      BigDecimal[] s =
          byStar.computeIfAbsent(star, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      s[0] = s[0].add(r.amountWan());
      s[1] = s[1].add(r.districtWan());
      firmsByStar.computeIfAbsent(star, k -> new HashSet<>()).add(r.entryId());
      rows.add(
          new HqViews.FirmReward(
              e.id(),
              e.name(),
              listNames.get(e.listId()),
              e.starLevel(),
              r.kind(),
              r.amountWan(),
              r.districtWan(),
              e.illustrative()));
    }
    List<HqViews.StarTotal> stars = new ArrayList<>();
    for (var s : byStar.entrySet()) {
      stars.add(
          new HqViews.StarTotal(
              s.getKey() == 0 ? null : s.getKey(),
              firmsByStar.get(s.getKey()).size(),
              s.getValue()[0],
              s.getValue()[1]));
    }
    List<PublishedFigure> published =
        repository.figures().stream()
            .filter(f -> f.period().equals(String.valueOf(year)))
            .filter(f -> f.item().startsWith("star_reward"))
            .toList();
    List<HqViews.Check> checks = new ArrayList<>();
    for (PublishedFigure f : published) {
      BigDecimal stored = f.item().equals("star_reward_district") ? district : amount;
      checks.add(
          new HqViews.Check(
              f.item(), f.value(), stored, new BigDecimal(f.value()).compareTo(stored) == 0));
    }
    return new HqViews.Rewards(
        year,
        "万元",
        new HqViews.Total(firms.size(), amount, district),
        stars,
        rows,
        published,
        checks,
        repository.rewardYears());
  }

  public List<Integer> rewardYears() {
    return repository.rewardYears();
  }

  static int year(String text) {
    if (text == null || !text.matches("\\d{4}")) {
      throw ApiProblem.invalid("invalid-year", "年度为四位数字 (the year is 4 digits): " + text)
          .with("property", "year");
    }
    int y = Integer.parseInt(text);
    if (y < 1990 || y > 2100) {
      throw ApiProblem.invalid("invalid-year", "年度须在 1990–2100 (the year is 1990 to 2100)")
          .with("property", "year")
          .with("year", y);
    }
    return y;
  }

  // ---- indicator system

  /** Categories with their indicators, the reviews and the 约谈 grades. */
  public Map<String, Object> system() {
    List<OpenIndicator> indicators = repository.indicators();
    List<OpenIndicator.Category> categories = new ArrayList<>();
    for (String[] c : repository.categories()) {
      categories.add(
          new OpenIndicator.Category(
              c[0], c[1], indicators.stream().filter(i -> i.categoryCode().equals(c[0])).toList()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("categories", categories);
    out.put("indicatorCount", indicators.size());
    out.put("illustrative", indicators.stream().anyMatch(OpenIndicator::illustrative));
    out.put("reviews", repository.reviews());
    out.put("talkGrades", repository.grades());
    out.put("periods", repository.periods());
    return out;
  }

  /** Category code → name, in order. */
  public Map<String, String> categoryNames() {
    Map<String, String> names = new LinkedHashMap<>();
    repository.categories().forEach(c -> names.put(c[0], c[1]));
    return names;
  }

  public List<OpenIndicator> indicators() {
    return repository.indicators();
  }

  public List<OpenReview> reviews() {
    return repository.reviews();
  }

  public List<TalkGrade> grades() {
    return repository.grades();
  }

  /** The units, of one kind when {@code kind} is given (镇街 or 平台). */
  public List<OpenUnit> units(String kind) {
    kind(kind);
    return repository.units().stream().filter(u -> kind == null || u.kind().equals(kind)).toList();
  }

  private static void kind(String kind) {
    if (kind != null && !kind.equals(OpenUnit.TOWN) && !kind.equals(OpenUnit.PLATFORM)) {
      throw ApiProblem.invalid("invalid-kind", "类型为 镇街 或 平台 (kind is 镇街 or 平台): " + kind)
          .with("property", "kind");
    }
  }

  static String period(String period) {
    if (period == null || !PERIOD.matcher(period).matches()) {
      throw ApiProblem.invalid(
              "invalid-period",
              "期间为 YYYY、YYYY-Qn 或 YYYY-MM (the period is YYYY, YYYY-Qn or YYYY-MM): " + period)
          .with("property", "period");
    }
    return period;
  }

  /** The values of a period, of one unit when {@code unit} is given (404 for an unknown one). */
  public List<OpenValue> values(String period, String unit) {
    period(period);
    if (unit != null && repository.units().stream().noneMatch(u -> u.code().equals(unit))) {
      throw ApiProblem.notFound("open-unit", "没有此镇街或平台 (no such unit) \"" + unit + "\"")
          .with("unit", unit);
    }
    return repository.values(period).stream()
        .filter(v -> unit == null || v.unit().equals(unit))
        .toList();
  }

  public List<String> periods() {
    return repository.periods();
  }

  /** The ranking of a period, of one kind of unit when {@code kind} is given. */
  public List<LaggingRanking.Entry> lagging(String period, String kind) {
    period(period);
    List<OpenUnit> units = units(kind);
    return LaggingRanking.rank(
        repository.indicators(), units, repository.values(period), repository.grades());
  }

  /**
   * Writes targets and values: {@code {"values": [{"indicator", "unit", "period", "target",
   * "actual"}, …]}}; a row replaces the stored row of its indicator, unit and period. Every row is
   * checked first (422 {@code invalid-value} naming the row and the property), then all are
   * written.
   */
  @Transactional
  public int putValues(JsonNode body) {
    JsonNode rows = body == null ? null : body.get("values");
    if (rows == null || !rows.isArray() || rows.isEmpty()) {
      throw invalidValue("\"values\" 为非空数组 (\"values\" is a non-empty array)", -1, "values");
    }
    if (rows.size() > MAX_VALUES) {
      throw invalidValue("至多 " + MAX_VALUES + " 行 (at most that many rows)", -1, "values");
    }
    Set<String> indicators = new HashSet<>();
    repository.indicators().forEach(i -> indicators.add(i.code()));
    Set<String> units = new HashSet<>();
    repository.units().forEach(u -> units.add(u.code()));
    Set<String> seen = new HashSet<>();
    List<OpenValue> checked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      if (!r.isObject()) {
        throw invalidValue("每行为对象 (each row is an object)", i, "values");
      }
      String indicator = text(r, "indicator", i);
      if (!indicators.contains(indicator)) {
        throw invalidValue("没有此指标 (no such indicator) " + indicator, i, "indicator");
      }
      String unit = text(r, "unit", i);
      if (!units.contains(unit)) {
        throw invalidValue("没有此镇街或平台 (no such unit) " + unit, i, "unit");
      }
      String period = text(r, "period", i);
      if (!PERIOD.matcher(period).matches()) {
        throw invalidValue(
            "期间为 YYYY、YYYY-Qn 或 YYYY-MM (the period is YYYY, YYYY-Qn or YYYY-MM)", i, "period");
      }
      if (!seen.add(indicator + "\u0000" + unit + "\u0000" + period)) {
        throw invalidValue("同一指标、单位、期间出现两次 (the same row twice)", i, "indicator");
      }
      checked.add(
          new OpenValue(
              indicator, unit, period, number(r, "target", i), number(r, "actual", i), false));
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String actor = Actors.current();
    checked.forEach(v -> repository.putValue(v, actor, now));
    audit.record("open-indicators.values", "open-indicators", checked.size() + " values");
    return checked.size();
  }

  private static String text(JsonNode row, String field, int index) {
    JsonNode n = row.get(field);
    if (n == null || !n.isString() || n.stringValue().isBlank() || n.stringValue().length() > 16) {
      throw invalidValue("\"" + field + "\" 为 1–16 个字符 (1 to 16 characters)", index, field);
    }
    return n.stringValue();
  }

  private static BigDecimal number(JsonNode row, String field, int index) {
    JsonNode n = row.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    BigDecimal v;
    if (n.isNumber()) {
      v = n.decimalValue();
    } else {
      throw invalidValue("\"" + field + "\" 为数值或 null (a number or null)", index, field);
    }
    if (v.abs().compareTo(MAX_MAGNITUDE) >= 0 || v.stripTrailingZeros().scale() > 4) {
      throw invalidValue(
          "\"" + field + "\" 绝对值小于 1e15, 至多 4 位小数 (below 1e15, at most 4 decimals)", index, field);
    }
    return v;
  }

  private static ApiProblem invalidValue(String detail, int index, String property) {
    ApiProblem p = ApiProblem.invalid("invalid-value", detail).with("property", property);
    return index < 0 ? p : p.with("row", index);
  }
}
