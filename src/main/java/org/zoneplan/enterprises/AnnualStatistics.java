package org.zoneplan.enterprises;

/**
 * What an enterprise reports for one year; a null figure is unknown (not zero).
 *
 * @param taxWan 评价税收 (万元)
 * @param valueAddedWan 工业增加值 (万元)
 * @param revenueWan 营业收入 / 主营业务收入 (万元)
 * @param energyTce 综合能耗 (吨标准煤)
 * @param emissionsTonnes 主要污染物排放 (吨)
 * @param rndWan R&amp;D 经费 (万元)
 * @param employees 年平均职工人数
 * @param electricityWanKwh 用电量 (万kWh)
 * @param investmentWan 固定资产投资 (万元)
 */
public record AnnualStatistics(
    String creditCode,
    int year,
    Double taxWan,
    Double valueAddedWan,
    Double revenueWan,
    Double energyTce,
    Double emissionsTonnes,
    Double rndWan,
    Integer employees,
    Double electricityWanKwh,
    Double investmentWan) {}
