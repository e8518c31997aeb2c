package org.zoneplan.indicators;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.zoneplan.analysis.ParcelIndex;
import org.zoneplan.analysis.PlanGeometry;
import org.zoneplan.analysis.ZoneMembership;
import org.zoneplan.analysis.ZoneShape;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.Enterprise;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.SizeClass;
import org.zoneplan.enterprises.ZoneStatistic;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.parcels.ParcelSupply;
import org.zoneplan.system.Deadline;

/**
 * The indicators of every zone of a plan version for a {@link Period}. Spring-free and thread-safe
 * (it keeps no state between calls).
 *
 * <h2>Which land and which enterprises belong to a zone</h2>
 *
 * <ul>
 *   <li><b>A parcel belongs to a zone</b> when its interior point lies in the zone ({@link
 *       ZoneMembership}, over every parcel whatever its land use): whole, and to a zone and all its
 *       ancestors at once, so a parent's figures are those of the union of its land, never sums of
 *       its children's.
 *   <li><b>The land of the period</b>: parcels without a supply record or supply date, or supplied
 *       (供地日期) on or before the period's last day ({@link Period#end()}).
 *   <li><b>An enterprise's land</b> in the period: Σ parcel area × share over its land links to the
 *       parcels of the period, if the enterprise existed in the year ({@link Enterprise#existsIn});
 *       areas are the stored ellipsoidal areas.
 *   <li><b>An enterprise on several zones' land is split by land</b>: its share of zone Z is its
 *       land in Z ÷ its whole land (inside and outside every zone), and each of its figures (tax,
 *       value added, revenue, R&amp;D, investment) counts for Z times that share.
 * </ul>
 *
 * <h2>Enterprise indicators</h2>
 *
 * <ul>
 *   <li>亩均税收 = Σ share × 评价税收 ÷ Σ land in Z (亩) over enterprises with a tax figure for the period;
 *       亩均增加值 likewise with 工业增加值. A quarter's figures are cumulative (季度累计).
 *   <li>规上工业总产值: the zone total {@value #OUTPUT_TOTAL} of {@code zone_stat} for the year when one
 *       is held (not for quarters: zone totals are annual), else Σ share × 营业收入 of 规上 enterprises;
 *       {@code figures.outputSource} says which.
 *   <li>主导产业占比 = Σ share × 营业收入 of enterprises whose class matches one of the zone's {@link
 *       LeadingIndustries} ÷ Σ share × 营业收入 of all, in %.
 *   <li>R&amp;D 占比 = Σ share × R&amp;D 经费 ÷ Σ share × 营业收入 over 规上 enterprises with both, in %.
 *   <li>固定资产投资: the zone total {@value #INVESTMENT_TOTAL} for the year when held, else Σ share ×
 *       固定资产投资; its growth = (this period − the same period a year before) ÷ the year before, in %,
 *       each computed the same way with that period's land and shares.
 * </ul>
 *
 * <h2>开发区土地集约利用评价 (evaluation-rules.md), parcels whole, at the period's last day</h2>
 *
 * The rule file's land categories from {@code parcel_supply}; a parcel without a supply record is
 * in no category (unknown), and is counted in {@code figures.unknownSupplyMu}:
 *
 * <ul>
 *   <li>D 已供应国有建设用地: 供地状态 已供 and 供地日期 unknown or on or before the last day;
 *   <li>A 已建成城镇建设用地: D and 建成, 竣工日期 unknown or on or before the last day;
 *   <li>A2 工矿仓储: A whose land use counts as industrial (the storage switch decides storage);
 *   <li>B21 已达到供地条件的其他土地: parcels with a supply record that are not (yet) D;
 *   <li>G 闲置土地: D with the 闲置 flag, found idle (认定日期) unknown or on or before the last day.
 * </ul>
 *
 * 土地供应率 = D ÷ (D + B21): the rule file writes D ÷ (A + B21), land that reached supply conditions;
 * that land includes supplied land not yet built (part of D, not of A), so it is counted and the
 * rate stays within 100%. 土地建成率 = A ÷ D, 工业用地率 = A2 ÷ A, 土地闲置率 = G ÷ D. 综合容积率 = 建筑面积 ÷ area and
 * 建筑密度 = 建筑基底面积 ÷ area over the A parcels whose figure is known (null when none is; the coverage is
 * in the figures); 工业用地综合容积率 likewise over A2. 工业用地地均税收 = Σ share_A2 × 税收 ÷ A2 (万元/公顷), where
 * share_A2 is an enterprise's land on the zone's A2 parcels ÷ its whole land; 工业用地固定资产投入强度 = Σ
 * share_A2 × 累计固定资产投资 ÷ A2, 累计 being the sum of the annual figures held for the years before plus
 * the period's own.
 *
 * <h2>Industrial land of the period</h2>
 *
 * {@code industrialLandMu} and {@code concentrationShare} come from the concentration of the
 * period's industrial land (given by the caller, split exactly by geometry and clipped to the
 * jurisdiction: {@code analysis.ConcentrationCalculator}).
 *
 * <p>Where the data cannot give an indicator, its value is null with the reason; never 0.
 */
public final class ZoneIndicatorEngine {
  /** zone_stat key of 规上工业总产值 (万元). */
  public static final String OUTPUT_TOTAL = "above_scale_output_wan";

  /** zone_stat key of 固定资产投资 (万元). */
  public static final String INVESTMENT_TOTAL = "investment_wan";

  private static final double M2_PER_HECTARE = 10_000;

  private ZoneIndicatorEngine() {}

  /**
   * What the engine reads.
   *
   * @param membership every parcel of {@code index} by interior point
   * @param industrial which parcels count as industrial land (A2)
   * @param leading per zone code its leading industries
   */
  public record Inputs(
      String planId,
      ParcelIndex index,
      PlanGeometry plan,
      ZoneMembership membership,
      IntPredicate industrial,
      IndicatorData data,
      Map<String, LeadingIndustries> leading) {}

  /**
   * The industrial land of the period split by zone (m², ellipsoidal, exact pieces inside the
   * jurisdiction), or null when no jurisdiction is known.
   */
  public record Land(Map<String, Double> zoneIndustrialM2, double jurisdictionIndustrialM2) {}

  /** A value, or null with the reason. */
  public record Value(Double value, String reason) {
    static Value of(double v) {
      return Double.isFinite(v) ? new Value(v, null) : new Value(null, "无法计算 (not a number)");
    }

    static Value none(String reason) {
      return new Value(null, reason);
    }
  }

  /** The figures behind a zone's values (money 万元, land 亩, floor areas m²). */
  public record Figures(
      int enterprises,
      double enterpriseLandMu,
      double taxLandMu,
      double taxWan,
      double valueAddedLandMu,
      double valueAddedWan,
      double revenueWan,
      double leadingRevenueWan,
      double aboveScaleOutputWan,
      String outputSource,
      double aboveRevenueWithRndWan,
      double aboveRndWan,
      Double investmentWan,
      String investmentSource,
      Double investmentYearBeforeWan,
      double suppliedMu,
      double builtMu,
      double builtIndustrialMu,
      double availableMu,
      double idleMu,
      double unknownSupplyMu,
      double builtFloorAreaM2,
      double builtFloorKnownMu,
      double builtFootprintM2,
      double builtFootprintKnownMu,
      double industrialFloorAreaM2,
      double industrialFloorKnownMu,
      double industrialTaxWan,
      double industrialCumulativeInvestmentWan) {}

  /** One zone's values and figures. */
  public record ZoneResult(String code, Map<Indicator, Value> values, Figures figures) {}

  /** Sums over enterprises for one zone. */
  private static final class Sums {
    int enterprises;
    double land;
    double taxLand;
    double tax;
    double vaLand;
    double va;
    double revenue;
    double leadingRevenue;
    double aboveRevenue;
    double aboveRevenueWithRnd;
    double aboveRnd;
    double investment;
    int investmentKnown;
    double a2Tax;
    double a2Investment;
  }

  /** The land categories of one zone. */
  private static final class LandSums {
    double d;
    double a;
    double a2;
    double b21;
    double g;
    double unknown;
    double floorA;
    double floorKnownA;
    double footprintA;
    double footprintKnownA;
    double floorA2;
    double floorKnownA2;
  }

  /** Every zone's indicators for the period, in plan order. */
  public static List<ZoneResult> compute(Inputs in, Period period, Land land) {
    Map<String, Sums> sums = allocate(in, period, true);
    Map<String, Sums> before = allocate(in, period.yearBefore(), false);
    boolean held = in.data().holds(period);
    boolean heldBefore = in.data().holds(period.yearBefore());
    String noStats =
        "无 " + period.label() + " 的企业统计数据 (no enterprise statistics for " + period.label() + ")";
    LocalDate end = period.end();
    Map<String, Double> a2Areas = new HashMap<>();

    List<ZoneResult> out = new java.util.ArrayList<>();
    for (ZoneShape zone : in.plan().zones()) {
      Deadline.check();
      String code = zone.code();
      Sums s = sums.getOrDefault(code, new Sums());
      Sums b = before.getOrDefault(code, new Sums());
      LandSums l = landOf(in, code, end);
      a2Areas.put(code, l.a2);
      Map<Indicator, Value> v = new EnumMap<>(Indicator.class);

      v.put(Indicator.TAX_PER_MU, perMu(s.tax, s.taxLand, held, noStats, "税收"));
      v.put(Indicator.VALUE_ADDED_PER_MU, perMu(s.va, s.vaLand, held, noStats, "工业增加值"));

      ZoneStatistic outputTotal =
          period.quarter() == null
              ? in.data().zoneTotal(in.planId(), code, period.year(), OUTPUT_TOTAL)
              : null;
      double output = outputTotal != null ? outputTotal.value() : s.aboveRevenue;
      String outputSource = outputTotal != null ? "zone_stat " + OUTPUT_TOTAL : "规上企业营业收入";
      v.put(
          Indicator.ABOVE_SCALE_OUTPUT,
          outputTotal != null || held ? Value.of(output) : Value.none(noStats));

      LeadingIndustries leading = in.leading().get(code);
      if (leading == null || leading.codes().isEmpty()) {
        v.put(
            Indicator.LEADING_INDUSTRY_SHARE,
            Value.none(
                "区块未声明主导产业 (no valid attributes." + LeadingIndustries.ATTRIBUTE + " on the zone)"));
      } else if (!held) {
        v.put(Indicator.LEADING_INDUSTRY_SHARE, Value.none(noStats));
      } else if (s.revenue <= 0) {
        v.put(Indicator.LEADING_INDUSTRY_SHARE, Value.none("区块内企业无营业收入 (no revenue in the zone)"));
      } else {
        v.put(Indicator.LEADING_INDUSTRY_SHARE, Value.of(100 * s.leadingRevenue / s.revenue));
      }

      if (!held) {
        v.put(Indicator.RND_SHARE, Value.none(noStats));
      } else if (s.aboveRevenueWithRnd <= 0) {
        v.put(
            Indicator.RND_SHARE,
            Value.none("无规上企业同时报有 R&D 经费与营业收入 (no 规上 firm with both R&D and revenue)"));
      } else {
        v.put(Indicator.RND_SHARE, Value.of(100 * s.aboveRnd / s.aboveRevenueWithRnd));
      }

      Double investment = investment(in, code, period, s, held);
      Double investmentBefore = investment(in, code, period.yearBefore(), b, heldBefore);
      String investmentSource =
          period.quarter() == null
                  && in.data().zoneTotal(in.planId(), code, period.year(), INVESTMENT_TOTAL) != null
              ? "zone_stat " + INVESTMENT_TOTAL
              : "企业固定资产投资";
      v.put(
          Indicator.FIXED_ASSET_INVESTMENT,
          investment != null
              ? Value.of(investment)
              : Value.none(held ? "无固定资产投资数据 (no investment figure)" : noStats));
      if (investment == null || investmentBefore == null) {
        v.put(
            Indicator.INVESTMENT_GROWTH,
            Value.none(
                "缺少 "
                    + period.label()
                    + " 或上年同期的固定资产投资 (investment of the period or the year before missing)"));
      } else if (investmentBefore <= 0) {
        v.put(Indicator.INVESTMENT_GROWTH, Value.none("上年同期固定资产投资为 0 (zero the year before)"));
      } else {
        v.put(
            Indicator.INVESTMENT_GROWTH,
            Value.of(100 * (investment - investmentBefore) / investmentBefore));
      }

      if (land == null) {
        String reason = "未确定辖区 (no jurisdiction: pass ?division=)";
        v.put(Indicator.INDUSTRIAL_LAND, Value.none(reason));
        v.put(Indicator.CONCENTRATION_SHARE, Value.none(reason));
      } else {
        double m2 = land.zoneIndustrialM2().getOrDefault(code, 0.0);
        v.put(Indicator.INDUSTRIAL_LAND, Value.of(AreaUnits.toMu(m2)));
        v.put(
            Indicator.CONCENTRATION_SHARE,
            land.jurisdictionIndustrialM2() > 0
                ? Value.of(100 * m2 / land.jurisdictionIndustrialM2())
                : Value.none("辖区内无工业用地 (no industrial land in the jurisdiction)"));
      }

      String noSupply = "区块内无供地记录 (no land-supply records in the zone)";
      String noD = "区块内无已供应土地 D (no supplied land)";
      String noA = "区块内无已建成土地 A (no built land)";
      String noA2 = "区块内无已建成工矿仓储用地 A2 (no built industrial land)";
      v.put(
          Indicator.LAND_SUPPLY_RATE,
          l.d + l.b21 > 0 ? Value.of(100 * l.d / (l.d + l.b21)) : Value.none(noSupply));
      v.put(Indicator.LAND_BUILT_RATE, l.d > 0 ? Value.of(100 * l.a / l.d) : Value.none(noD));
      v.put(Indicator.INDUSTRIAL_LAND_RATE, l.a > 0 ? Value.of(100 * l.a2 / l.a) : Value.none(noA));
      v.put(
          Indicator.FLOOR_AREA_RATIO,
          l.a <= 0
              ? Value.none(noA)
              : l.floorKnownA > 0
                  ? Value.of(l.floorA / l.floorKnownA)
                  : Value.none("已建成地块均无建筑面积 (no floor area known on built land)"));
      v.put(
          Indicator.BUILDING_DENSITY,
          l.a <= 0
              ? Value.none(noA)
              : l.footprintKnownA > 0
                  ? Value.of(100 * l.footprintA / l.footprintKnownA)
                  : Value.none("已建成地块均无建筑基底面积 (no footprint known on built land)"));
      v.put(
          Indicator.INDUSTRIAL_FLOOR_AREA_RATIO,
          l.a2 <= 0
              ? Value.none(noA2)
              : l.floorKnownA2 > 0
                  ? Value.of(l.floorA2 / l.floorKnownA2)
                  : Value.none("工矿仓储用地均无建筑面积 (no floor area known on A2)"));
      double a2Hectares = l.a2 / M2_PER_HECTARE;
      v.put(
          Indicator.INDUSTRIAL_INVESTMENT_INTENSITY,
          l.a2 <= 0
              ? Value.none(noA2)
              : held ? Value.of(s.a2Investment / a2Hectares) : Value.none(noStats));
      v.put(
          Indicator.INDUSTRIAL_TAX_PER_HECTARE,
          l.a2 <= 0
              ? Value.none(noA2)
              : held ? Value.of(s.a2Tax / a2Hectares) : Value.none(noStats));
      v.put(Indicator.IDLE_LAND_RATE, l.d > 0 ? Value.of(100 * l.g / l.d) : Value.none(noD));

      out.add(
          new ZoneResult(
              code,
              v,
              new Figures(
                  s.enterprises,
                  AreaUnits.toMu(s.land),
                  AreaUnits.toMu(s.taxLand),
                  s.tax,
                  AreaUnits.toMu(s.vaLand),
                  s.va,
                  s.revenue,
                  s.leadingRevenue,
                  output,
                  outputSource,
                  s.aboveRevenueWithRnd,
                  s.aboveRnd,
                  investment,
                  investmentSource,
                  investmentBefore,
                  AreaUnits.toMu(l.d),
                  AreaUnits.toMu(l.a),
                  AreaUnits.toMu(l.a2),
                  AreaUnits.toMu(l.b21),
                  AreaUnits.toMu(l.g),
                  AreaUnits.toMu(l.unknown),
                  l.floorA,
                  AreaUnits.toMu(l.floorKnownA),
                  l.footprintA,
                  AreaUnits.toMu(l.footprintKnownA),
                  l.floorA2,
                  AreaUnits.toMu(l.floorKnownA2),
                  s.a2Tax,
                  s.a2Investment)));
    }
    return out;
  }

  private static Value perMu(double sum, double landM2, boolean held, String noStats, String what) {
    if (!held) {
      return Value.none(noStats);
    }
    if (landM2 <= 0) {
      return Value.none("区块内无报有" + what + "的企业用地 (no land of enterprises reporting it)");
    }
    return Value.of(sum / AreaUnits.toMu(landM2));
  }

  private static Double investment(Inputs in, String code, Period p, Sums s, boolean held) {
    if (p.quarter() == null) {
      ZoneStatistic total = in.data().zoneTotal(in.planId(), code, p.year(), INVESTMENT_TOTAL);
      if (total != null) {
        return total.value();
      }
    }
    return held && s.investmentKnown > 0 ? s.investment : null;
  }

  private static boolean exists(ParcelSupply supply, LocalDate end) {
    return supply == null || supply.supplyDate() == null || !supply.supplyDate().isAfter(end);
  }

  private static boolean onOrBefore(LocalDate date, LocalDate end) {
    return date == null || !date.isAfter(end);
  }

  private static boolean supplied(ParcelSupply s, LocalDate end) {
    return s.supplied() && onOrBefore(s.supplyDate(), end);
  }

  private static boolean built(ParcelSupply s, LocalDate end) {
    return supplied(s, end) && s.built() && onOrBefore(s.completionDate(), end);
  }

  /** Built industrial land (A2) at the end of the period. */
  private static boolean a2(Inputs in, int i, LocalDate end) {
    ParcelSupply s = in.data().supply(in.index().parcel(i).id());
    return s != null && built(s, end) && in.industrial().test(i);
  }

  /** The land categories of the zone's member parcels at {@code end}. */
  private static LandSums landOf(Inputs in, String code, LocalDate end) {
    LandSums l = new LandSums();
    for (int i : in.membership().members(code)) {
      double area = in.index().areaM2(i);
      ParcelSupply s = in.data().supply(in.index().parcel(i).id());
      if (s == null) {
        l.unknown += area;
        continue;
      }
      if (!supplied(s, end)) {
        l.b21 += area;
        continue;
      }
      l.d += area;
      if (s.idle() && onOrBefore(s.idleSince(), end)) {
        l.g += area;
      }
      if (!built(s, end)) {
        continue;
      }
      l.a += area;
      if (s.floorAreaM2() != null) {
        l.floorA += s.floorAreaM2();
        l.floorKnownA += area;
      }
      if (s.footprintM2() != null) {
        l.footprintA += s.footprintM2();
        l.footprintKnownA += area;
      }
      if (in.industrial().test(i)) {
        l.a2 += area;
        if (s.floorAreaM2() != null) {
          l.floorA2 += s.floorAreaM2();
          l.floorKnownA2 += area;
        }
      }
    }
    return l;
  }

  /**
   * The enterprise sums of every zone for the period (with the cumulative investment on A2 when
   * {@code cumulative}).
   */
  private static Map<String, Sums> allocate(Inputs in, Period period, boolean cumulative) {
    Map<String, AnnualStatistics> stats = in.data().statistics(period);
    List<Integer> yearsBefore = cumulative ? in.data().annualYearsBefore(period.year()) : List.of();
    LocalDate end = period.end();
    Map<String, Sums> out = new LinkedHashMap<>();
    Map<String, Double> zoneLand = new HashMap<>();
    Map<String, Double> zoneA2 = new HashMap<>();
    int n = 0;
    for (Enterprise e : in.data().enterprises().values()) {
      if ((++n & 1023) == 0) {
        Deadline.check();
      }
      if (!e.existsIn(period.year())) {
        continue;
      }
      zoneLand.clear();
      zoneA2.clear();
      double total = 0;
      for (LandLink link : in.data().links(e.creditCode())) {
        int i = in.index().positionOf(link.parcelId());
        if (i < 0 || !exists(in.data().supply(link.parcelId()), end)) {
          continue;
        }
        double area = in.index().areaM2(i) * link.share();
        total += area;
        List<String> zones = in.membership().zonesOf(i);
        if (zones.isEmpty()) {
          continue;
        }
        boolean isA2 = a2(in, i, end);
        for (String z : zones) {
          zoneLand.merge(z, area, Double::sum);
          if (isA2) {
            zoneA2.merge(z, area, Double::sum);
          }
        }
      }
      if (total <= 0 || zoneLand.isEmpty()) {
        continue;
      }
      AnnualStatistics s = stats.get(e.creditCode());
      double cumulativeInvestment = 0;
      if (cumulative && !zoneA2.isEmpty()) {
        for (int y : yearsBefore) {
          AnnualStatistics past = in.data().statistics(new Period(y, null)).get(e.creditCode());
          if (past != null && past.investmentWan() != null) {
            cumulativeInvestment += past.investmentWan();
          }
        }
        if (s != null && s.investmentWan() != null) {
          cumulativeInvestment += s.investmentWan();
        }
      }
      boolean above = e.sizeClass() == SizeClass.ABOVE;
      for (Map.Entry<String, Double> z : zoneLand.entrySet()) {
        Sums sum = out.computeIfAbsent(z.getKey(), k -> new Sums());
        double land = z.getValue();
        double w = land / total;
        sum.enterprises++;
        sum.land += land;
        double wA2 = zoneA2.getOrDefault(z.getKey(), 0.0) / total;
        sum.a2Investment += wA2 * cumulativeInvestment;
        if (s == null) {
          continue;
        }
        if (s.taxWan() != null) {
          sum.taxLand += land;
          sum.tax += w * s.taxWan();
          sum.a2Tax += wA2 * s.taxWan();
        }
        if (s.valueAddedWan() != null) {
          sum.vaLand += land;
          sum.va += w * s.valueAddedWan();
        }
        if (s.revenueWan() != null) {
          sum.revenue += w * s.revenueWan();
          LeadingIndustries leading = in.leading().get(z.getKey());
          if (leading != null && leading.matches(e.industryCode())) {
            sum.leadingRevenue += w * s.revenueWan();
          }
          if (above) {
            sum.aboveRevenue += w * s.revenueWan();
            if (s.rndWan() != null) {
              sum.aboveRevenueWithRnd += w * s.revenueWan();
              sum.aboveRnd += w * s.rndWan();
            }
          }
        }
        if (s.investmentWan() != null) {
          sum.investment += w * s.investmentWan();
          sum.investmentKnown++;
        }
      }
    }
    return out;
  }
}
