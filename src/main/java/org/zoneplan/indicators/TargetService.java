package org.zoneplan.indicators;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.indicators.Indicator.Direction;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes targets: city targets and zones' annual targets. A write checks every row first
 * and answers 422 {@code invalid-targets} listing each bad row and field (nothing written), else
 * writes all rows in one transaction (upsert) with an audit entry.
 */
@Service
public class TargetService {
  /** Rows per request. */
  public static final int MAX_ROWS = 5_000;

  public static final int MAX_NAME = 200;
  public static final int MAX_UNIT = 32;
  public static final int MAX_SOURCE = 500;

  private final TargetRepository repository;
  private final ZoneService zones;
  private final ZoneRepository zoneRepository;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  TargetService(
      TargetRepository repository,
      ZoneService zones,
      ZoneRepository zoneRepository,
      AuditLog audit,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.zones = zones;
    this.zoneRepository = zoneRepository;
    this.audit = audit;
    this.events = events;
  }

  public List<Target> cityTargets() {
    return repository.cityTargets();
  }

  /** The zone targets of a plan; 404 plan-not-found for an unknown plan. */
  public List<Target> zoneTargets(String planId) {
    zones.plan(planId);
    return repository.zoneTargets(planId);
  }

  /** A problem with one row: its position in the array, the field and what is wrong. */
  public record Issue(int index, String field, String problem) {}

  /**
   * Writes a plan's zone targets. Each row: {@code zone}, {@code indicator} (a zone indicator's
   * key), {@code year}, {@code value}, {@code direction} (GE/LE/≥/≤), optional {@code unit} (must
   * be the indicator's), optional {@code source}.
   */
  @Transactional
  public List<Target> writeZoneTargets(String planId, JsonNode body) {
    zones.plan(planId);
    Set<String> codes = new HashSet<>();
    for (Zone z : zoneRepository.findZones(planId)) {
      codes.add(z.code());
    }
    List<Target> rows =
        readRows(
            body,
            t -> t.zoneCode() + "/" + t.indicatorKey() + "/" + t.year(),
            (row, k, issues) -> {
              String zone = text(row, "zone", 64, true, k, issues);
              if (zone != null && !codes.contains(zone)) {
                issues.add(new Issue(k, "zone", "规划中无区块 " + zone + " (no such zone in the plan)"));
              }
              Figures f = figures(row, k, issues, true, false);
              String source = text(row, "source", MAX_SOURCE, false, k, issues);
              Indicator indicator = f.indicator();
              return !issues.isEmpty()
                  ? null
                  : new Target(
                      planId,
                      zone,
                      f.year(),
                      indicator.label(),
                      indicator.key(),
                      f.value(),
                      indicator.unit(),
                      f.direction(),
                      null,
                      source);
            });
    repository.upsertZone(rows);
    audit.record("indicator-targets.write", "plan/" + planId, rows.size() + " 个区块目标");
    events.publishEvent(new TargetsChangedEvent(planId));
    return repository.zoneTargets(planId);
  }

  /**
   * Writes city targets. Each row: {@code name} (as published), {@code year}, {@code value}, {@code
   * unit}, {@code direction}, optional {@code indicator} (a key; then the unit must be the
   * indicator's), {@code scope}, {@code source}.
   */
  @Transactional
  public List<Target> writeCityTargets(JsonNode body) {
    List<Target> rows =
        readRows(
            body,
            t -> t.year() + "/" + t.name(),
            (row, k, issues) -> {
              String name = text(row, "name", MAX_NAME, true, k, issues);
              Figures f = figures(row, k, issues, false, true);
              String scope = text(row, "scope", MAX_NAME, false, k, issues);
              String source = text(row, "source", MAX_SOURCE, false, k, issues);
              Indicator indicator = f.indicator();
              return !issues.isEmpty()
                  ? null
                  : new Target(
                      null,
                      null,
                      f.year(),
                      name,
                      indicator == null ? null : indicator.key(),
                      f.value(),
                      f.unit(),
                      f.direction(),
                      scope,
                      source);
            });
    repository.upsertCity(rows);
    audit.record("indicator-targets.write", "city-targets", rows.size() + " 个城市目标");
    events.publishEvent(new TargetsChangedEvent(null));
    return repository.cityTargets();
  }

  /** Stores shipped city targets (sample loader). */
  @Transactional
  public void storeCityTargets(List<Target> targets) {
    repository.upsertCity(targets);
    events.publishEvent(new TargetsChangedEvent(null));
  }

  public boolean noCityTargets() {
    return repository.noCityTargets();
  }

  /**
   * Reads one row (a JSON object): what is wrong goes to {@code issues} (the row's own, empty at
   * the start), and the target only when there is nothing wrong (null otherwise).
   */
  private interface RowReader {
    Target read(JsonNode row, int k, List<Issue> issues);
  }

  /**
   * The body's rows read by {@code reader}, each a JSON object, none twice by {@code key}; refused
   * as a whole (422 with every issue) when any row has one, so nothing is half-written.
   */
  private static List<Target> readRows(
      JsonNode body, java.util.function.Function<Target, String> key, RowReader reader) {
    List<Issue> issues = new ArrayList<>();
    List<Target> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonNode array = rows(body);
    for (int k = 0; k < array.size(); k++) {
      JsonNode row = array.get(k);
      if (!row.isObject()) {
        issues.add(new Issue(k, "", "须为对象 (each target must be a JSON object)"));
        continue;
      }
      List<Issue> rowIssues = new ArrayList<>();
      Target target = reader.read(row, k, rowIssues);
      issues.addAll(rowIssues);
      if (rowIssues.isEmpty() && target != null) {
        if (seen.add(key.apply(target))) {
          rows.add(target);
        } else {
          issues.add(new Issue(k, "", "重复的目标 " + key.apply(target) + " (duplicate row)"));
        }
      }
    }
    refuse(issues);
    return rows;
  }

  /** What zone and city target rows share, read and checked (issues reported). */
  private record Figures(
      Indicator indicator, Integer year, Double value, Direction direction, String unit) {}

  private static Figures figures(
      JsonNode row, int k, List<Issue> issues, boolean indicatorRequired, boolean unitRequired) {
    Indicator indicator = indicator(row, k, issues, indicatorRequired);
    Integer year = year(row, k, issues);
    Double value = value(row, indicator, k, issues);
    Direction direction = direction(row, k, issues);
    String unit = text(row, "unit", MAX_UNIT, unitRequired, k, issues);
    if (indicator != null && unit != null && !unit.equals(indicator.unit())) {
      issues.add(
          new Issue(
              k, "unit", "单位须为 " + indicator.unit() + " 而非 " + unit + " (the indicator's unit)"));
    }
    return new Figures(indicator, year, value, direction, unit);
  }

  private static JsonNode rows(JsonNode body) {
    if (body == null || !body.isArray()) {
      throw ApiProblem.invalid("invalid-targets", "请求体须为目标数组 (the body must be a JSON array)")
          .with("issues", List.of(issueMap(new Issue(-1, "", "not an array"))));
    }
    if (body.isEmpty() || body.size() > MAX_ROWS) {
      throw ApiProblem.invalid(
              "invalid-targets",
              "目标须为 1–" + MAX_ROWS + " 行, 而非 " + body.size() + " (1 to " + MAX_ROWS + " rows)")
          .with("issues", List.of(issueMap(new Issue(-1, "", "row count " + body.size()))));
    }
    return body;
  }

  private static void refuse(List<Issue> issues) {
    if (!issues.isEmpty()) {
      throw ApiProblem.invalid(
              "invalid-targets",
              issues.size() + " 处错误, 未写入任何目标 (" + issues.size() + " problems; nothing written)")
          .with("issues", issues.stream().map(TargetService::issueMap).toList());
    }
  }

  private static Map<String, Object> issueMap(Issue i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", i.index());
    m.put("field", i.field());
    m.put("problem", i.problem());
    return m;
  }

  private static String text(
      JsonNode row, String field, int max, boolean required, int k, List<Issue> issues) {
    JsonNode n = row.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        issues.add(new Issue(k, field, field + " 为空 (missing)"));
      }
      return null;
    }
    if (!n.isString() || n.asString().isBlank()) {
      issues.add(new Issue(k, field, field + " 须为非空文本 (must be non-empty text)"));
      return null;
    }
    String s = n.asString().strip();
    if (s.length() > max) {
      issues.add(new Issue(k, field, field + " 超过 " + max + " 字 (too long)"));
      return null;
    }
    return s;
  }

  private static Indicator indicator(JsonNode row, int k, List<Issue> issues, boolean required) {
    JsonNode n = row.get("indicator");
    if (n == null || n.isNull()) {
      if (required) {
        issues.add(new Issue(k, "indicator", "indicator 为空 (missing)"));
      }
      return null;
    }
    Optional<Indicator> i = n.isString() ? Indicator.byKey(n.asString()) : Optional.empty();
    if (i.isEmpty() || (required && i.get().level() != Indicator.Level.ZONE)) {
      issues.add(
          new Issue(
              k,
              "indicator",
              "未知指标 "
                  + n
                  + " (unknown indicator key; one of "
                  + (required ? ZoneIndicatorsReport.zoneIndicators() : List.of(Indicator.values()))
                      .stream().map(Indicator::key).toList()
                  + ")"));
      return null;
    }
    return i.get();
  }

  private static Integer year(JsonNode row, int k, List<Issue> issues) {
    JsonNode n = row.get("year");
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      issues.add(new Issue(k, "year", "year 须为整数年度 (must be an integer year)"));
      return null;
    }
    int y = n.intValue();
    if (y < ZoneIndicatorsReport.FIRST_YEAR || y > ZoneIndicatorsReport.LAST_YEAR) {
      issues.add(
          new Issue(
              k,
              "year",
              "年度 "
                  + y
                  + " 超出范围 "
                  + ZoneIndicatorsReport.FIRST_YEAR
                  + "–"
                  + ZoneIndicatorsReport.LAST_YEAR
                  + " (year out of range)"));
      return null;
    }
    return y;
  }

  /** A finite number; ≥ 0 unless the indicator is a growth rate (which may be negative). */
  private static Double value(JsonNode row, Indicator indicator, int k, List<Issue> issues) {
    JsonNode n = row.get("value");
    if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
      issues.add(new Issue(k, "value", "value 须为数值 (must be a finite number)"));
      return null;
    }
    double v = n.doubleValue();
    if (v < 0 && indicator != Indicator.INVESTMENT_GROWTH) {
      issues.add(new Issue(k, "value", "目标值不能为负: " + v + " (negative target)"));
      return null;
    }
    if ("%".equals(indicator == null ? null : indicator.unit())
        && indicator != Indicator.INVESTMENT_GROWTH
        && v > 100) {
      issues.add(new Issue(k, "value", "百分比目标不能超过 100: " + v + " (a share above 100%)"));
      return null;
    }
    return v;
  }

  private static Direction direction(JsonNode row, int k, List<Issue> issues) {
    JsonNode n = row.get("direction");
    Optional<Direction> d =
        n != null && n.isString() ? Direction.parse(n.asString()) : Optional.empty();
    if (d.isEmpty()) {
      issues.add(new Issue(k, "direction", "direction 须为 GE (≥) 或 LE (≤) (must be GE or LE)"));
      return null;
    }
    return d.get();
  }
}
