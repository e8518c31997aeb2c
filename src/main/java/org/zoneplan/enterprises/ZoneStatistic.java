package org.zoneplan.enterprises;

/**
 * A figure published only as a zone's total for a year (e.g. a park's 固定资产投资).
 *
 * @param indicator the indicator's key, e.g. {@code investment_wan}
 * @param unit the unit as published, e.g. 万元
 * @param source where the figure comes from (a yearbook, a bulletin)
 */
public record ZoneStatistic(
    String planId,
    String zoneCode,
    int year,
    String indicator,
    double value,
    String unit,
    String source) {}
