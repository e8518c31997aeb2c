package org.zoneplan.evaluation;

/**
 * The fixed catalogue of indicator formulas a rule set may name: a figure divided by the land area
 * (亩) or by another figure. Units follow {@link Figure}; the value is missing when a figure is
 * missing or the divisor is not positive (a quotient by 0 has no meaning as a score).
 */
public enum Formula {
  /** 亩均税收 = 评价税收 ÷ 用地面积, 万元/亩. */
  TAX_PER_MU("亩均税收", "万元/亩", Figure.TAX, null),
  /** 亩均增加值 = 工业增加值 ÷ 用地面积, 万元/亩. */
  VALUE_ADDED_PER_MU("亩均增加值", "万元/亩", Figure.VALUE_ADDED, null),
  /** 亩均营业收入 (亩均销售收入) = 营业收入 ÷ 用地面积, 万元/亩. */
  REVENUE_PER_MU("亩均营业收入", "万元/亩", Figure.REVENUE, null),
  /** 全员劳动生产率 = 工业增加值 ÷ 年平均职工人数, 万元/人. */
  LABOUR_PRODUCTIVITY("全员劳动生产率", "万元/人", Figure.VALUE_ADDED, Figure.EMPLOYEES),
  /** 单位能耗增加值 = 工业增加值 ÷ 综合能耗, 万元/吨标准煤. */
  VALUE_ADDED_PER_ENERGY("单位能耗增加值", "万元/吨标准煤", Figure.VALUE_ADDED, Figure.ENERGY),
  /** 单位排放增加值 = 工业增加值 ÷ 主要污染物排放, 万元/吨. */
  VALUE_ADDED_PER_EMISSION("单位排放增加值", "万元/吨", Figure.VALUE_ADDED, Figure.EMISSIONS),
  /** R&D 经费支出占主营业务收入之比 = R&D经费 ÷ 营业收入, a ratio (0.0302 is 3.02%). */
  RD_SHARE("R&D占比", "比值", Figure.RD, Figure.REVENUE),
  /** 单位电耗税收 = 评价税收 ÷ 用电量, 万元/万千瓦时. */
  TAX_PER_ELECTRICITY("单位电耗税收", "万元/万千瓦时", Figure.TAX, Figure.ELECTRICITY);

  private final String label;
  private final String unit;
  private final Figure numerator;
  private final Figure divisor; // null: the land area in 亩

  Formula(String label, String unit, Figure numerator, Figure divisor) {
    this.label = label;
    this.unit = unit;
    this.numerator = numerator;
    this.divisor = divisor;
  }

  public String label() {
    return label;
  }

  public String unit() {
    return unit;
  }

  public Figure numerator() {
    return numerator;
  }

  /** The figure divided by, or null when the formula divides by the land area (亩). */
  public Figure divisor() {
    return divisor;
  }

  /** The value for one firm, or null with {@link #missingReason} saying why. */
  public Double value(EnterpriseFacts facts) {
    Double top = facts.figures().get(numerator);
    double bottom;
    if (divisor == null) {
      bottom = facts.landMu();
    } else {
      Double d = facts.figures().get(divisor);
      if (d == null) {
        return null;
      }
      bottom = d;
    }
    if (top == null || !(bottom > 0)) {
      return null;
    }
    return top / bottom;
  }

  /** Why {@link #value} is null for this firm, in Chinese; null when it is not. */
  public String missingReason(EnterpriseFacts facts) {
    if (facts.figures().get(numerator) == null) {
      return "缺少" + numerator.label();
    }
    if (divisor == null) {
      return facts.landMu() > 0 ? null : "用地面积为0";
    }
    Double d = facts.figures().get(divisor);
    if (d == null) {
      return "缺少" + divisor.label();
    }
    return d > 0 ? null : divisor.label() + "为0";
  }
}
