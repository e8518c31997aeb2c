/**
 * Spatial analysis of plan versions: read-only figures over the zones, the parcels and the
 * administrative divisions; nothing here writes to the store.
 *
 * <p>It owns:
 *
 * <ul>
 *   <li>The engine, free of Spring and thread-safe: {@link org.zoneplan.analysis.ParcelIndex} (the
 *       parcels as an STR-tree with ellipsoidal areas and interior points), {@link
 *       org.zoneplan.analysis.Region} and {@link org.zoneplan.analysis.PlanGeometry} (prepared
 *       geometry), and the calculators {@link org.zoneplan.analysis.OverlapFinder}, {@link
 *       org.zoneplan.analysis.ConcentrationCalculator}, {@link
 *       org.zoneplan.analysis.WhatIfCalculator}, {@link org.zoneplan.analysis.PlanComparison},
 *       {@link org.zoneplan.analysis.ZoneMembership}, {@link org.zoneplan.analysis.Efficiency} and
 *       {@link org.zoneplan.analysis.DivisionAttribution}.
 *   <li>One report per feature, each a Spring service returning records that Jackson writes as the
 *       API's JSON (GeoJSON where they carry geometry): {@link
 *       org.zoneplan.analysis.OverlapReport}, {@link org.zoneplan.analysis.ConcentrationReport},
 *       {@link org.zoneplan.analysis.ScatteredLandReport}, {@link
 *       org.zoneplan.analysis.EfficiencyReport}, {@link org.zoneplan.analysis.AttributionReport},
 *       {@link org.zoneplan.analysis.PlanComparisonReport}, {@link
 *       org.zoneplan.analysis.WhatIfReport} and {@link org.zoneplan.analysis.IndicatorsReport}.
 *       Other packages call the reports (exports, proposals), never the engine's caches. A new
 *       report (the yearly indicators, the 亩均 evaluation) takes the same shape: a service with one
 *       method per request, its records nested in it, its inputs from {@link
 *       org.zoneplan.analysis.AnalysisInputs} (public for the reports of other packages, such as
 *       {@code indicators}).
 *   <li>What the reports share: {@link org.zoneplan.analysis.AnalysisInputs} (plan data, division
 *       lookup and default, storage switch, membership, scattered parcels, warm-up at start),
 *       {@link org.zoneplan.analysis.ReportParts} (records used by several reports) and {@link
 *       org.zoneplan.analysis.AnalysisCache} (results kept between requests, dropped on change
 *       events).
 *   <li>The HTTP endpoints ({@code AnalysisController}) and the settings ({@link
 *       org.zoneplan.analysis.AnalysisProperties}, {@code zoneplan.analysis.*}).
 * </ul>
 *
 * <p>Areas are ellipsoidal on the CGCS2000 ellipsoid, in m² with 亩 or km² beside them; geometry is
 * EPSG:4490.
 */
package org.zoneplan.analysis;
