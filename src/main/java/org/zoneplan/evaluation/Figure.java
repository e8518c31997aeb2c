package org.zoneplan.evaluation;

/**
 * The annual statistics an evaluation reads, with the units the published benchmarks assume (the 黄岩
 * benchmarks, e.g. 24.097 万元/亩 and 0.2352 万元/万kWh, only make sense in these units).
 */
public enum Figure {
  /** 评价税收 (实缴税金), 万元. */
  TAX("评价税收", "万元"),
  /** 工业增加值, 万元. */
  VALUE_ADDED("工业增加值", "万元"),
  /** 营业收入 (主营业务收入, 销售收入), 万元. */
  REVENUE("营业收入", "万元"),
  /** 综合能耗 (等价值), 吨标准煤 (tce). */
  ENERGY("综合能耗", "吨标准煤"),
  /** 主要污染物排放量, 吨. */
  EMISSIONS("主要污染物排放", "吨"),
  /** R&D 经费支出, 万元. */
  RD("R&D经费", "万元"),
  /** 年平均职工人数, persons. */
  EMPLOYEES("年平均职工人数", "人"),
  /** 用电量, 万kWh. */
  ELECTRICITY("用电量", "万千瓦时"),
  /** 固定资产投资, 万元 (not used by any formula yet; carried for the zone indicators). */
  FIXED_ASSET_INVESTMENT("固定资产投资", "万元");

  private final String label;
  private final String unit;

  Figure(String label, String unit) {
    this.label = label;
    this.unit = unit;
  }

  public String label() {
    return label;
  }

  public String unit() {
    return unit;
  }

  /** By name ({@code TAX}) or Chinese label ({@code 评价税收}); null when neither. */
  public static Figure parse(String text) {
    for (Figure f : values()) {
      if (f.name().equals(text) || f.label.equals(text)) {
        return f;
      }
    }
    return null;
  }
}
