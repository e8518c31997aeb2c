/**
 * Zone indicators by year and quarter against targets (年度目标完成情况季度晾晒): read-only figures over the
 * zones of a plan version, the parcels, the enterprises and their statistics, plus the targets,
 * which ADMIN writes.
 *
 * <ul>
 *   <li>The engine, free of Spring: {@link org.zoneplan.indicators.ZoneIndicatorEngine} (its
 *       javadoc defines every figure: membership by interior point, enterprises split between zones
 *       by land, the rule file's land categories), {@link org.zoneplan.indicators.Indicator},
 *       {@link org.zoneplan.indicators.IndicatorData}, {@link
 *       org.zoneplan.indicators.LeadingIndustries}, {@link org.zoneplan.indicators.Period}.
 *   <li>The report ({@link org.zoneplan.indicators.ZoneIndicatorsReport}), shaped like the analysis
 *       reports: records that Jackson writes, inputs from {@code analysis.AnalysisInputs} (parcel
 *       snapshot, plan geometry, membership, jurisdiction).
 *   <li>Targets ({@link org.zoneplan.indicators.TargetService}, tables {@code city_target} and
 *       {@code zone_target}) and quarterly statistics ({@link
 *       org.zoneplan.indicators.QuarterStatisticsRepository}, {@code enterprise_stat_quarter}),
 *       V10.
 *   <li>{@link org.zoneplan.indicators.IndicatorsCache}: results per plan, period and jurisdiction,
 *       dropped on parcel, zone and target changes and by {@link
 *       org.zoneplan.indicators.IndicatorsCache#dataChanged()} (the hook for enterprise data).
 * </ul>
 */
package org.zoneplan.indicators;
