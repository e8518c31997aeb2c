package org.zoneplan.reports;

import java.util.List;
import java.util.Map;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.BoundaryPoint;
import org.zoneplan.geo.Crs;

/**
 * Everything one zone's pages show; built by {@link ReportService}, printed by {@link PdfReport}.
 *
 * @param plan the plan version as printed, e.g. 浦江县开发区平台规划（pujiang-2021，2021-06-30）
 * @param kind the zone kind's Chinese name
 * @param parents the zone's ancestors' names, nearest first
 * @param area the zone's own stored areas (not rolled up)
 * @param features the map's features in drawing order (the zone last)
 * @param legend the legend's entries
 * @param quarters the 四至 ({@link Quarters})
 * @param indicators the indicators of {@code indicatorYear}, empty with {@code indicatorNote}
 * @param points the boundary points (界址点) in {@code pointsCrs}
 * @param printedBy who asked for the report
 * @param printedAt when, as printed (local time of the server with its offset)
 */
public record ZoneSheet(
    String plan,
    String code,
    String name,
    String kind,
    List<String> parents,
    String managedBy,
    AreaFigures area,
    MapView view,
    List<MapFeature> features,
    List<MapDrawing.LegendEntry> legend,
    Map<Quarters.Direction, List<Quarters.Neighbour>> quarters,
    Integer indicatorYear,
    List<IndicatorLine> indicators,
    String indicatorNote,
    List<BoundaryPoint> points,
    Crs pointsCrs,
    String printedBy,
    String printedAt) {

  /**
   * One indicator of the zone for the year.
   *
   * @param value null where the data cannot give it ({@code reason} says why)
   * @param target the period's target, or null
   * @param completion 完成率 as a fraction, or null
   */
  public record IndicatorLine(
      String label,
      String unit,
      Double value,
      String reason,
      Double target,
      Double completion,
      Integer rank,
      Integer ranked) {}
}
