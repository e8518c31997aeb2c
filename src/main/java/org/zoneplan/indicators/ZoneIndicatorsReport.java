package org.zoneplan.indicators;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.AnalysisInputs;
import org.zoneplan.analysis.AnalysisInputs.PlanData;
import org.zoneplan.analysis.Concentration;
import org.zoneplan.analysis.ConcentrationCalculator;
import org.zoneplan.analysis.ParcelIndex;
import org.zoneplan.codecs.XlsxTableWriter;
import org.zoneplan.divisions.Division;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.indicators.Indicator.Aggregation;
import org.zoneplan.indicators.Indicator.Direction;
import org.zoneplan.indicators.ZoneIndicatorEngine.Figures;
import org.zoneplan.indicators.ZoneIndicatorEngine.Land;
import org.zoneplan.indicators.ZoneIndicatorEngine.Value;
import org.zoneplan.indicators.ZoneIndicatorEngine.ZoneResult;
import org.zoneplan.parcels.ParcelSupply;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneService;

/**
 * Zone indicators by year and quarter against their targets (年度目标完成情况季度晾晒): per zone of a plan
 * version every {@link Indicator} ({@link ZoneIndicatorEngine} says how each is computed), the
 * target that applies, the 完成率 and the rank among the plan's zones; the plan's industrial-land
 * concentration of the period; the time series of a zone; the table as .xlsx. Same shape as the
 * analysis reports: one method per request, records that Jackson writes.
 */
@Service
public class ZoneIndicatorsReport {
  /** The years accepted. */
  public static final int FIRST_YEAR = 1990;

  public static final int LAST_YEAR = 2100;

  /** At most this many years in a series (the latest). */
  public static final int MAX_SERIES_YEARS = 50;

  static final Map<String, String> DEFINITIONS = definitions();

  private final AnalysisInputs inputs;
  private final IndicatorsCache cache;
  private final EnterpriseRepository enterprises;
  private final ParcelSupplyRepository supplies;
  private final QuarterStatisticsRepository quarters;
  private final TargetRepository targets;
  private final ObjectProvider<ZoneGradeCounts> grades;
  private final ZoneService zoneService;

  ZoneIndicatorsReport(
      AnalysisInputs inputs,
      IndicatorsCache cache,
      EnterpriseRepository enterprises,
      ParcelSupplyRepository supplies,
      QuarterStatisticsRepository quarters,
      TargetRepository targets,
      ObjectProvider<ZoneGradeCounts> grades,
      ZoneService zoneService) {
    this.inputs = inputs;
    this.cache = cache;
    this.enterprises = enterprises;
    this.supplies = supplies;
    this.quarters = quarters;
    this.targets = targets;
    this.grades = grades;
    this.zoneService = zoneService;
  }

  // ------------------------------------------------------------------------------ records

  /**
   * The yearly (or quarterly) indicators of a plan's zones.
   *
   * @param periodEnd the last day of the period: the land of the period is what existed then
   * @param division the jurisdiction of the concentration, or null (then {@code divisionProblem})
   * @param gradesAvailable whether an evaluation result gave the zones' {@code grades}
   */
  public record Result(
      String planId,
      int year,
      Integer quarter,
      String period,
      String periodEnd,
      DivisionInfo division,
      String divisionProblem,
      boolean includeStorage,
      Map<String, String> definitions,
      List<IndicatorInfo> indicators,
      PlanFigures plan,
      List<ZoneRow> zones,
      boolean gradesAvailable) {}

  /** The jurisdiction; {@code byDefault} when chosen as the county holding most zones. */
  public record DivisionInfo(String code, String name, String level, boolean byDefault) {}

  /**
   * An indicator of the table.
   *
   * @param aggregation FLOW: a quarter is compared with the annual target × quarter ÷ 4; LEVEL:
   *     with the target as it is
   * @param better GE when higher is better (ranked first), LE when lower is
   */
  public record IndicatorInfo(
      String key, String label, String unit, String aggregation, String better, String level) {
    static IndicatorInfo of(Indicator i) {
      return new IndicatorInfo(
          i.key(),
          i.label(),
          i.unit(),
          i.aggregation().name(),
          i.better().name(),
          i.level().name());
    }
  }

  /**
   * The target that applies to a value.
   *
   * @param scope ZONE (the zone's own target of the year) or CITY (a city target of the year or a
   *     later year: a goal "by 2025" applies to the years before it)
   * @param name the indicator as the target names it
   * @param source the source phrase as published
   */
  public record TargetRef(
      String scope,
      int year,
      String name,
      double value,
      String unit,
      String direction,
      String source) {}

  /**
   * A value with its target.
   *
   * @param value null where the data cannot give it ({@code reason} says why), never 0 instead
   * @param periodTarget the target the value is compared with: the annual target × quarter ÷ 4 for
   *     a FLOW indicator in a quarter, else the target
   * @param completion 完成率: value ÷ periodTarget for a ≥ target, periodTarget ÷ value for a ≤
   *     target; null without target or value, or when the divisor is not positive
   * @param met whether the value reaches the period's target
   * @param rank 1 = best among the plan's zones with a value ({@code ranked} of them), ties share a
   *     rank (1, 2, 2, 4); higher values first unless lower is better
   */
  public record IndicatorValue(
      Double value,
      String reason,
      TargetRef target,
      Double periodTarget,
      Double completion,
      Boolean met,
      Integer rank,
      Integer ranked) {}

  /** The plan's figures: the concentration of the period's industrial land (%). */
  public record PlanFigures(
      IndicatorValue concentration, Double industrialInsideMu, Double industrialTotalMu) {}

  /**
   * One zone.
   *
   * @param leadingIndustryCodes the codes used; {@code problems} lists the others
   * @param grades enterprises per grade of the 亩均 evaluation, or null without one
   */
  public record ZoneRow(
      String code,
      String name,
      String kind,
      String parent,
      List<String> leadingIndustryCodes,
      List<String> problems,
      Map<String, IndicatorValue> values,
      @JsonUnwrapped Figures figures,
      Map<String, Integer> grades) {}

  /** A zone's indicators over the years held. */
  public record Series(
      String planId,
      String code,
      String name,
      DivisionInfo division,
      boolean includeStorage,
      List<Integer> years,
      List<IndicatorInfo> indicators,
      List<SeriesPoint> points) {}

  /** One year of a series. */
  public record SeriesPoint(int year, Map<String, IndicatorValue> values) {}

  // ------------------------------------------------------------------------------ requests

  /**
   * The indicators of every zone for a year or a quarter of it.
   *
   * @param quarter 1–4 (figures cumulative to the quarter's end), or null for the whole year
   * @param divisionCode the jurisdiction of the concentration, or null for the plan's county
   * @param includeStorage whether storage land counts as industrial, or null for the default
   */
  public Result yearly(
      String planId, int year, Integer quarter, String divisionCode, Boolean includeStorage) {
    checkPeriod(year, quarter);
    Parcels parcels = inputs.parcels();
    PlanData plan = inputs.planData(planId);
    boolean storage = inputs.storage(includeStorage);
    Division division = divisionCode == null ? defaultDivision(parcels, plan) : null;
    if (divisionCode != null) {
      division = inputs.division(parcels, divisionCode);
    }
    Division d = division;
    Period period = new Period(year, quarter);
    return cache.get(
        List.of(
            "yearly",
            parcels,
            plan.id(),
            plan.geometry(),
            period,
            d == null ? "" : d.code(),
            storage),
        () -> compute(parcels, plan, period, d, divisionCode == null, storage));
  }

  /** The statistics years held for a plan's zones, ascending (the PDF reports' default year). */
  public List<Integer> years(String planId) {
    return data().years(planId);
  }

  /** A zone's indicators for every year held (annual figures); 404 for an unknown zone. */
  public Series series(String planId, String code, String divisionCode, Boolean includeStorage) {
    Zone zone = zoneService.zone(planId, code);
    IndicatorData data = data();
    List<Integer> years = data.years(planId);
    if (years.size() > MAX_SERIES_YEARS) {
      years = years.subList(years.size() - MAX_SERIES_YEARS, years.size());
    }
    List<SeriesPoint> points = new ArrayList<>();
    DivisionInfo division = null;
    boolean storage = inputs.storage(includeStorage);
    for (int year : years) {
      Result r = yearly(planId, year, null, divisionCode, includeStorage);
      division = r.division();
      for (ZoneRow row : r.zones()) {
        if (row.code().equals(code)) {
          points.add(new SeriesPoint(year, row.values()));
        }
      }
    }
    return new Series(
        planId,
        code,
        zone.name(),
        division,
        storage,
        years,
        zoneIndicators().stream().map(IndicatorInfo::of).toList(),
        points);
  }

  /** The yearly table as an .xlsx workbook: one row per zone and indicator, and the definitions. */
  public void writeXlsx(Result r, OutputStream out) throws IOException {
    try (XlsxTableWriter xlsx = new XlsxTableWriter()) {
      xlsx.sheet(
          "区块指标 " + r.period(),
          List.of(
              "区块代码", "区块名称", "上级区块", "指标", "指标键", "单位", "数值", "无值原因", "目标值", "本期目标", "目标方向",
              "目标年度", "目标来源", "完成率", "达标", "排名", "参评区块数"));
      for (ZoneRow z : r.zones()) {
        for (Indicator i : zoneIndicators()) {
          IndicatorValue v = z.values().get(i.key());
          xlsx.row(row(z.code(), z.name(), z.parent(), i, v));
        }
      }
      IndicatorValue c = r.plan().concentration();
      xlsx.row(row("(规划)", r.planId(), null, Indicator.CONCENTRATION, c));
      xlsx.sheet("说明", List.of("项目", "定义"));
      xlsx.row(List.of("period", r.period() + " (至 " + r.periodEnd() + ")"));
      if (r.division() != null) {
        xlsx.row(List.of("division", r.division().code() + " " + r.division().name()));
      }
      for (Map.Entry<String, String> e : r.definitions().entrySet()) {
        xlsx.row(List.of(e.getKey(), e.getValue()));
      }
      xlsx.write(out);
    }
  }

  /**
   * A zone's time series as an .xlsx workbook: one row per year and indicator, with the value, the
   * year's target, 完成率 and rank as in {@link #series}.
   */
  public void writeSeriesXlsx(Series s, XlsxTableWriter xlsx) {
    xlsx.sheet(
        "历年走势",
        List.of(
            "年度", "区块代码", "区块名称", "指标", "指标键", "单位", "数值", "无值原因", "目标值", "本期目标", "目标方向", "目标年度",
            "目标来源", "完成率", "达标", "排名", "参评区块数"));
    for (SeriesPoint p : s.points()) {
      for (IndicatorInfo info : s.indicators()) {
        Indicator i = Indicator.byKey(info.key()).orElseThrow();
        List<Object> cells = new ArrayList<>();
        cells.add(p.year());
        cells.addAll(row(s.code(), s.name(), null, i, p.values().get(info.key())));
        cells.remove(3); // the parent column of the yearly table
        xlsx.row(cells);
      }
    }
    xlsx.sheet("说明", List.of("项目", "数值"));
    xlsx.row(List.of("规划版本", s.planId()));
    xlsx.row(List.of("区块", s.code() + " " + s.name()));
    if (s.division() != null) {
      xlsx.row(List.of("辖区", s.division().code() + " " + s.division().name()));
    }
  }

  private static List<Object> row(
      String code, String name, String parent, Indicator i, IndicatorValue v) {
    List<Object> cells = new ArrayList<>();
    cells.add(code);
    cells.add(name);
    cells.add(parent);
    cells.add(i.label());
    cells.add(i.key());
    cells.add(i.unit());
    cells.add(v.value());
    cells.add(v.reason());
    TargetRef t = v.target();
    cells.add(t == null ? null : t.value());
    cells.add(v.periodTarget());
    cells.add(t == null ? null : t.direction().equals("LE") ? "≤" : "≥");
    cells.add(t == null ? null : t.year());
    cells.add(t == null ? null : t.source());
    cells.add(v.completion());
    cells.add(v.met() == null ? null : v.met() ? "是" : "否");
    cells.add(v.rank());
    cells.add(v.ranked());
    return cells;
  }

  // ------------------------------------------------------------------------------ computing

  static void checkPeriod(int year, Integer quarter) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw ApiProblem.invalid(
              "invalid-period",
              "年度 " + year + " 超出范围 " + FIRST_YEAR + "–" + LAST_YEAR + " (year out of range)")
          .with("field", "year")
          .with("value", year);
    }
    if (quarter != null && (quarter < 1 || quarter > 4)) {
      throw ApiProblem.invalid(
              "invalid-period", "季度须为 1–4, 而非 " + quarter + " (quarter must be 1–4)")
          .with("field", "quarter")
          .with("value", quarter);
    }
  }

  private Division defaultDivision(Parcels parcels, PlanData plan) {
    String code = inputs.defaultDivisionCode(plan);
    return code == null ? null : inputs.division(parcels, code);
  }

  /** Enterprises, links, statistics, supply records and zone totals, read once per generation. */
  IndicatorData data() {
    return cache.get(
        List.of("data"),
        () -> {
          IndicatorData.Builder b = IndicatorData.builder();
          enterprises.forEach(b::enterprise);
          enterprises.forEachLink(b::link);
          enterprises.forEachStatistic(null, b::annual);
          enterprises.zoneStatistics(null).forEach(b::zoneTotal);
          supplies.forEach(b::supply);
          quarters.forEach(b::quarter);
          return b.build();
        });
  }

  private Result compute(
      Parcels parcels,
      PlanData plan,
      Period period,
      Division division,
      boolean byDefault,
      boolean storage) {
    IndicatorData data = data();
    ParcelIndex index = parcels.index();
    IntPredicate industrial = inputs.industrial(parcels, storage);
    Map<String, LeadingIndustries> leading = new LinkedHashMap<>();
    for (Zone z : plan.zones()) {
      leading.put(z.code(), LeadingIndustries.of(z.attributes()));
    }
    ZoneIndicatorEngine.Inputs in =
        cache.get(
            List.of("inputs", parcels, plan.id(), plan.geometry(), storage),
            () ->
                new ZoneIndicatorEngine.Inputs(
                    plan.id(),
                    index,
                    plan.geometry(),
                    inputs.allParcelsMembership(parcels, plan),
                    industrial,
                    data,
                    leading));

    Concentration concentration = null;
    if (division != null) {
      concentration = concentration(index, industrial, data, period, division, plan);
    }
    Land land =
        concentration == null
            ? null
            : new Land(concentration.zoneIndustrialM2(), concentration.industrialTotalM2());
    List<ZoneResult> results = ZoneIndicatorEngine.compute(in, period, land);

    List<Target> cityTargets = targets.cityTargets();
    List<Target> zoneTargets = targets.zoneTargets(plan.id());
    Map<String, Map<String, Integer>> gradeCounts = null;
    ZoneGradeCounts source = grades.getIfAvailable();
    if (source != null) {
      gradeCounts = source.counts(plan.id(), period.year());
    }

    // Ranks per indicator among the zones with a value.
    Map<Indicator, Map<String, Integer>> ranks = new LinkedHashMap<>();
    Map<Indicator, Integer> rankedCounts = new LinkedHashMap<>();
    for (Indicator i : zoneIndicators()) {
      List<ZoneResult> withValue =
          results.stream().filter(r -> r.values().get(i).value() != null).toList();
      ranks.put(i, ranks(withValue, i));
      rankedCounts.put(i, withValue.size());
    }

    List<ZoneRow> rows = new ArrayList<>();
    for (ZoneResult r : results) {
      Zone zone = plan.byCode().get(r.code());
      Map<String, IndicatorValue> values = new LinkedHashMap<>();
      for (Indicator i : zoneIndicators()) {
        Value v = r.values().get(i);
        TargetRef t = target(i, period.year(), r.code(), plan.id(), zoneTargets, cityTargets);
        values.put(
            i.key(),
            attain(
                v,
                i,
                t,
                period,
                ranks.get(i).get(r.code()),
                v.value() == null ? null : rankedCounts.get(i)));
      }
      LeadingIndustries li = leading.get(r.code());
      rows.add(
          new ZoneRow(
              zone.code(),
              zone.name(),
              zone.kind().name(),
              zone.parentCode(),
              li.codes(),
              li.problems(),
              values,
              r.figures(),
              gradeCounts == null ? null : gradeCounts.getOrDefault(r.code(), Map.of())));
    }

    PlanFigures planFigures;
    TargetRef ct =
        target(Indicator.CONCENTRATION, period.year(), null, null, List.of(), cityTargets);
    if (concentration == null) {
      planFigures =
          new PlanFigures(
              attain(
                  new Value(null, "未确定辖区 (no jurisdiction: pass ?division=)"),
                  Indicator.CONCENTRATION,
                  ct,
                  period,
                  null,
                  null),
              null,
              null);
    } else {
      double ratio = concentration.ratio();
      Value v =
          Double.isNaN(ratio)
              ? new Value(null, "辖区内无工业用地 (no industrial land in the jurisdiction)")
              : new Value(100 * ratio, null);
      planFigures =
          new PlanFigures(
              attain(v, Indicator.CONCENTRATION, ct, period, null, null),
              AreaUnits.toMu(concentration.industrialInsideM2()),
              AreaUnits.toMu(concentration.industrialTotalM2()));
    }

    return new Result(
        plan.id(),
        period.year(),
        period.quarter(),
        period.label(),
        period.end().toString(),
        division == null
            ? null
            : new DivisionInfo(division.code(), division.name(), division.level(), byDefault),
        division == null
            ? "规划无默认辖区 (no county with an outline holds the plan's zones): pass ?division="
            : null,
        storage,
        DEFINITIONS,
        java.util.Arrays.stream(Indicator.values()).map(IndicatorInfo::of).toList(),
        planFigures,
        rows,
        gradeCounts != null);
  }

  /**
   * The concentration of the industrial land of the period: industrial parcels supplied by the
   * period's last day, or without a supply date.
   */
  private Concentration concentration(
      ParcelIndex index,
      IntPredicate industrial,
      IndicatorData data,
      Period period,
      Division division,
      PlanData plan) {
    boolean[] counted = new boolean[index.size()];
    java.time.LocalDate end = period.end();
    for (int i = 0; i < counted.length; i++) {
      if (industrial.test(i)) {
        ParcelSupply s = data.supply(index.parcel(i).id());
        counted[i] = s == null || s.supplyDate() == null || !s.supplyDate().isAfter(end);
      }
    }
    return new ConcentrationCalculator(index, i -> counted[i], division.geometry())
        .compute(plan.geometry());
  }

  static List<Indicator> zoneIndicators() {
    return java.util.Arrays.stream(Indicator.values())
        .filter(i -> i.level() == Indicator.Level.ZONE)
        .toList();
  }

  /** Competition ranks (1, 2, 2, 4) of the zones by value, best first. */
  static Map<String, Integer> ranks(List<ZoneResult> withValue, Indicator i) {
    Comparator<ZoneResult> byValue = Comparator.comparingDouble(r -> r.values().get(i).value());
    if (i.better() == Direction.GE) {
      byValue = byValue.reversed();
    }
    List<ZoneResult> sorted = withValue.stream().sorted(byValue).toList();
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int k = 0; k < sorted.size(); k++) {
      double v = sorted.get(k).values().get(i).value();
      int rank =
          k > 0 && sorted.get(k - 1).values().get(i).value() == v
              ? out.get(sorted.get(k - 1).code())
              : k + 1;
      out.put(sorted.get(k).code(), rank);
    }
    return out;
  }

  /**
   * The target of a zone (its own for the year), else the city's for the year or the nearest later
   * year whose unit is the indicator's.
   */
  static TargetRef target(
      Indicator i,
      int year,
      String zoneCode,
      String planId,
      List<Target> zoneTargets,
      List<Target> cityTargets) {
    for (Target t : zoneTargets) {
      if (t.year() == year
          && i.key().equals(t.indicatorKey())
          && t.zoneCode().equals(zoneCode)
          && t.planId().equals(planId)) {
        return ref("ZONE", t);
      }
    }
    Target best = null;
    for (Target t : cityTargets) {
      if (i.key().equals(t.indicatorKey())
          && t.year() >= year
          && i.unit().equals(t.unit())
          && (best == null || t.year() < best.year())) {
        best = t;
      }
    }
    return best == null ? null : ref("CITY", best);
  }

  private static TargetRef ref(String scope, Target t) {
    return new TargetRef(
        scope, t.year(), t.name(), t.value(), t.unit(), t.direction().name(), t.source());
  }

  /** The value with its target, 完成率 and rank. */
  static IndicatorValue attain(
      Value v, Indicator i, TargetRef t, Period period, Integer rank, Integer ranked) {
    if (t == null) {
      return new IndicatorValue(v.value(), v.reason(), null, null, null, null, rank, ranked);
    }
    double periodTarget =
        i.aggregation() == Aggregation.FLOW ? t.value() * period.yearFraction() : t.value();
    Double completion = null;
    Boolean met = null;
    if (v.value() != null) {
      double x = v.value();
      boolean ge = t.direction().equals("GE");
      met = ge ? x >= periodTarget : x <= periodTarget;
      if (ge && periodTarget > 0) {
        completion = x / periodTarget;
      } else if (!ge && x > 0) {
        completion = periodTarget / x;
      }
    }
    return new IndicatorValue(
        v.value(), v.reason(), t, periodTarget, completion, met, rank, ranked);
  }

  private static Map<String, String> definitions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(
        "membership",
        "地块以其内点 (JTS InteriorPointArea, PostGIS ST_PointOnSurface 同义) 所在区块归属该区块及其全部上级;"
            + " 上级区块的数值按其用地的并集计算, 不是下级之和. A parcel belongs, whole, to the zone"
            + " holding its interior point and to all that zone's ancestors.");
    d.put("landOfPeriod", "当期用地: 无供地记录、无供地日期或供地日期不晚于期末 (period end) 的地块.");
    d.put(
        "enterpriseSplit",
        "企业在区块 Z 的份额 = 其在 Z 的用地 (Σ 地块椭球面积 × 用地份额, 当期用地) ÷ 其全部当期用地; 企业的税收、增加值、"
            + "营业收入、R&D、固定资产投资按该份额计入 Z. An enterprise on several zones' land counts"
            + " in zone Z with (its land in Z ÷ all its land) of each figure.");
    d.put("taxPerMu", "亩均税收 = Σ 份额 × 评价税收 ÷ Σ 在区块内的用地 (亩), 仅计报有税收的企业; 季度为年初至季末累计.");
    d.put("valueAddedPerMu", "亩均增加值: 同上, 以工业增加值计.");
    d.put(
        "aboveScaleOutput",
        "规上工业总产值: 有 zone_stat '"
            + ZoneIndicatorEngine.OUTPUT_TOTAL
            + "' 年度区块总数时用之 (figures.outputSource 注明), 否则为规上企业营业收入按份额之和 (万元).");
    d.put(
        "leadingIndustryShare",
        "主导产业占比 = 行业代码匹配区块 attributes.leadingIndustryCodes (GB/T 4754-2017, 1–3 个,"
            + " 2 位大类或 3 位中类匹配其下小类) 的企业营业收入 ÷ 全部企业营业收入, 均按份额, %.");
    d.put("rndShare", "R&D 占比 = 规上企业 R&D 经费 ÷ 其营业收入 (两者均有的企业, 按份额), %. 杭州目标的分母为生产总值, 此处以营业收入代之.");
    d.put(
        "fixedAssetInvestment",
        "固定资产投资: 有 zone_stat '"
            + ZoneIndicatorEngine.INVESTMENT_TOTAL
            + "' 年度区块总数时用之, 否则企业固定资产投资按份额之和; 增长 = (本期 − 上年同期) ÷ 上年同期, %.");
    d.put("industrialLandMu", "当期工业用地: 当期存在的工业地块与区块、辖区相交部分的椭球面积 (精确切分, 亩); 占辖区比重 = 其 ÷ 辖区当期工业用地.");
    d.put("concentration", "工业用地集聚度 = 辖区当期工业用地在全部区块并集内的部分 ÷ 辖区当期工业用地, %.");
    d.put(
        "landCategories",
        "按 parcel_supply 归类 (地块整体按内点归属, 期末状态): D 已供应 = 已供且供地日期不晚于期末; A 已建成 = D 且建成、竣工日期不晚于期末;"
            + " A2 = A 中工业 (仓储按 includeStorage); B21 = 有供地记录而尚未供应; G 闲置 = D 且闲置、认定日期不晚于期末;"
            + " 无供地记录的地块不归类 (figures.unknownSupplyMu).");
    d.put(
        "landSupplyRate",
        "土地供应率 = D ÷ (D + B21), %. 规程写作 D ÷ (A + B21) (已达到供地条件的土地); 已供未建成土地属于其中, 故分母计入.");
    d.put("landBuiltRate", "土地建成率 = A ÷ D, %.");
    d.put("industrialLandRate", "工业用地率 = A2 ÷ A, %.");
    d.put("floorAreaRatio", "综合容积率 = A 上建筑面积 ÷ 有建筑面积的 A 地块面积.");
    d.put("buildingDensity", "建筑密度 = A 上建筑基底面积 ÷ 有基底面积的 A 地块面积, %.");
    d.put("industrialFloorAreaRatio", "工业用地综合容积率 = A2 上建筑面积 ÷ 有建筑面积的 A2 面积.");
    d.put(
        "industrialInvestmentIntensity",
        "工业用地固定资产投入强度 = Σ 企业累计固定资产投资 (此前各年年度数 + 本期) × 其在 A2 上用地份额 ÷ A2 (万元/公顷).");
    d.put("industrialTaxPerHectare", "工业用地地均税收 = Σ 企业税收 × 其在 A2 上用地份额 ÷ A2 (万元/公顷).");
    d.put("idleLandRate", "土地闲置率 = G ÷ D, %.");
    d.put(
        "completion",
        "完成率: ≥ 目标为 数值 ÷ 目标, ≤ 目标为 目标 ÷ 数值. 季度: 流量指标 (FLOW: 税收、产值、投资及其地均) 与年度目标 × 季度/4 比较,"
            + " 比率与存量指标 (LEVEL) 与年度目标直接比较.");
    d.put("target", "目标: 区块本年度目标优先; 否则城市目标中同指标、单位相同、年度不早于本年的最近一年 (如 2025 年目标适用于此前各年).");
    d.put("rank", "排名: 本规划有数值的全部区块 (含上下级) 中, 按指标优劣排序, 并列同名次 (1, 2, 2, 4).");
    d.put("nulls", "数据不足以计算的指标为 null 并给出原因, 从不以 0 代替.");
    return java.util.Collections.unmodifiableMap(d);
  }
}
