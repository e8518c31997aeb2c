package org.zoneplan.indicators;

import java.util.Arrays;
import java.util.Optional;

/**
 * The indicators of a zone for a period (a year, or a quarter cumulative from 1 January), with
 * their key in the API and in targets, Chinese label, unit, which way is better, and how a quarter
 * is compared with an annual target ({@link Aggregation}). Shares are in percent (0–100), as the
 * published targets are.
 */
public enum Indicator {
  TAX_PER_MU("taxPerMu", "亩均税收", "万元/亩", Aggregation.FLOW, Direction.GE, Level.ZONE),
  VALUE_ADDED_PER_MU(
      "valueAddedPerMu", "亩均增加值", "万元/亩", Aggregation.FLOW, Direction.GE, Level.ZONE),
  ABOVE_SCALE_OUTPUT(
      "aboveScaleOutput", "规上工业总产值", "万元", Aggregation.FLOW, Direction.GE, Level.ZONE),
  LEADING_INDUSTRY_SHARE(
      "leadingIndustryShare", "主导产业占比", "%", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  RND_SHARE("rndShare", "R&D 经费占营业收入比重", "%", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  FIXED_ASSET_INVESTMENT(
      "fixedAssetInvestment", "固定资产投资", "万元", Aggregation.FLOW, Direction.GE, Level.ZONE),
  INVESTMENT_GROWTH(
      "investmentGrowth", "固定资产投资增长", "%", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  INDUSTRIAL_LAND(
      "industrialLandMu", "工业用地 (当期)", "亩", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  CONCENTRATION_SHARE(
      "concentrationShare", "占辖区工业用地比重", "%", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  LAND_SUPPLY_RATE("landSupplyRate", "土地供应率", "%", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  LAND_BUILT_RATE("landBuiltRate", "土地建成率", "%", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  INDUSTRIAL_LAND_RATE(
      "industrialLandRate", "工业用地率", "%", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  FLOOR_AREA_RATIO("floorAreaRatio", "综合容积率", "", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  BUILDING_DENSITY("buildingDensity", "建筑密度", "%", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  INDUSTRIAL_FLOOR_AREA_RATIO(
      "industrialFloorAreaRatio", "工业用地综合容积率", "", Aggregation.LEVEL, Direction.GE, Level.ZONE),
  INDUSTRIAL_INVESTMENT_INTENSITY(
      "industrialInvestmentIntensity",
      "工业用地固定资产投入强度",
      "万元/公顷",
      Aggregation.LEVEL,
      Direction.GE,
      Level.ZONE),
  INDUSTRIAL_TAX_PER_HECTARE(
      "industrialTaxPerHectare", "工业用地地均税收", "万元/公顷", Aggregation.FLOW, Direction.GE, Level.ZONE),
  IDLE_LAND_RATE("idleLandRate", "土地闲置率", "%", Aggregation.LEVEL, Direction.LE, Level.ZONE),
  /** The plan's concentration in the jurisdiction; a figure of the plan, not of a zone. */
  CONCENTRATION("concentration", "工业用地集聚度", "%", Aggregation.LEVEL, Direction.GE, Level.PLAN);

  /**
   * How a quarter's cumulative figure meets an annual target: a FLOW (tax, output, investment, and
   * ratios of a flow to land) against the target pro rata (× quarter ÷ 4); a LEVEL (shares, growth,
   * land, intensities of a cumulative stock) against the target as it is.
   */
  public enum Aggregation {
    FLOW,
    LEVEL
  }

  /** Whether a target is a floor (≥: higher is better) or a ceiling (≤: lower is better). */
  public enum Direction {
    GE,
    LE;

    /** GE, LE, ≥, ≤, >= or <=; empty otherwise. */
    public static Optional<Direction> parse(String text) {
      if (text == null) {
        return Optional.empty();
      }
      return switch (text.strip()) {
        case "GE", "≥", ">=" -> Optional.of(GE);
        case "LE", "≤", "<=" -> Optional.of(LE);
        default -> Optional.empty();
      };
    }
  }

  /** Whether the indicator is a figure of each zone or of the plan in its jurisdiction. */
  public enum Level {
    ZONE,
    PLAN
  }

  private final String key;
  private final String label;
  private final String unit;
  private final Aggregation aggregation;
  private final Direction better;
  private final Level level;

  Indicator(
      String key,
      String label,
      String unit,
      Aggregation aggregation,
      Direction better,
      Level level) {
    this.key = key;
    this.label = label;
    this.unit = unit;
    this.aggregation = aggregation;
    this.better = better;
    this.level = level;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public String unit() {
    return unit;
  }

  public Aggregation aggregation() {
    return aggregation;
  }

  /** GE when higher values are better (ranked first), LE when lower ones are. */
  public Direction better() {
    return better;
  }

  public Level level() {
    return level;
  }

  public static Optional<Indicator> byKey(String key) {
    return Arrays.stream(values()).filter(i -> i.key.equals(key)).findFirst();
  }
}
