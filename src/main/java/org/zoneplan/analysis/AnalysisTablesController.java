package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.analysis.AttributionReport.DivisionShare;
import org.zoneplan.analysis.AttributionReport.ZoneAttribution;
import org.zoneplan.analysis.PlanComparisonReport.ZoneComparison;
import org.zoneplan.analysis.ReportParts.ConcentrationFigures;
import org.zoneplan.analysis.ReportParts.Feature;
import org.zoneplan.analysis.ReportParts.ProblemProperties;
import org.zoneplan.analysis.ReportParts.ZoneRef;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.system.XlsxDownload;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneKind;

/**
 * The analysis tables of the page as .xlsx (read: anyone signed in): the overlaps, slivers and
 * gaps; the scattered industrial land; each zone's split by division; the comparison of two plan
 * versions. Each workbook holds the rows of the JSON endpoint of the same name and parameters (the
 * same report is called), with Chinese headers and areas in m² and 亩; the geometry stays in the
 * GeoJSON answers.
 */
@RestController
@RequestMapping("/api")
class AnalysisTablesController {
  /** The problem kinds as the page names them. */
  static final Map<String, String> PROBLEM_KINDS =
      Map.of("OVERLAP", "重叠", "SLIVER", "狭长重叠", "OUTSIDE_PARENT", "超出上级", "GAP", "缝隙");

  static final Map<String, String> CHANGE_STATUS =
      Map.of("ADDED", "新增", "REMOVED", "删除", "CHANGED", "调整", "UNCHANGED", "未变");

  private final OverlapReport overlapReport;
  private final ScatteredLandReport scatteredLandReport;
  private final AttributionReport attributionReport;
  private final PlanComparisonReport comparisonReport;
  private final AnalysisInputs inputs;

  AnalysisTablesController(
      OverlapReport overlapReport,
      ScatteredLandReport scatteredLandReport,
      AttributionReport attributionReport,
      PlanComparisonReport comparisonReport,
      AnalysisInputs inputs) {
    this.overlapReport = overlapReport;
    this.scatteredLandReport = scatteredLandReport;
    this.attributionReport = attributionReport;
    this.comparisonReport = comparisonReport;
    this.inputs = inputs;
  }

  @GetMapping("/plans/{planId}/overlaps.xlsx")
  ResponseEntity<byte[]> overlaps(
      @PathVariable String planId, @RequestParam(required = false) Double tolerance) {
    OverlapReport.Result r = overlapReport.overlaps(planId, tolerance);
    Map<String, Zone> zones = inputs.planData(planId).byCode();
    return XlsxDownload.of(
        "重叠与缝隙-" + XlsxDownload.namePart(planId) + ".xlsx",
        w -> {
          w.sheet(
              "重叠与缝隙",
              List.of(
                  "序号", "类型", "类型代码", "区块A代码", "区块A名称", "区块B代码", "区块B名称", "面积(m²)", "面积(亩)",
                  "全部窄于容差"));
          int n = 0;
          for (Feature<ProblemProperties> f : r.features()) {
            ProblemProperties p = f.properties();
            w.row(
                cells(
                    ++n,
                    PROBLEM_KINDS.getOrDefault(p.kind(), p.kind()),
                    p.kind(),
                    p.zoneA(),
                    zoneName(zones, p.zoneA()),
                    p.zoneB(),
                    zoneName(zones, p.zoneB()),
                    p.areaM2(),
                    p.areaMu(),
                    p.narrow() ? "是" : "否"));
          }
          w.sheet("说明", List.of("项目", "数值"));
          w.row(cells("规划版本", r.planId()));
          w.row(cells("容差(米)", r.toleranceM()));
          w.row(cells("最小面积(m²)", r.minAreaM2()));
          r.counts()
              .forEach(
                  (kind, count) -> w.row(cells(PROBLEM_KINDS.get(kind.name()) + "(处)", count)));
        });
  }

  @GetMapping("/plans/{planId}/scattered.xlsx")
  ResponseEntity<byte[]> scattered(
      @PathVariable String planId,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    ScatteredLandReport.Result r =
        scatteredLandReport.scattered(planId, blankToNull(division), includeStorage, false);
    return XlsxDownload.of(
        "零星工业用地-"
            + XlsxDownload.namePart(planId)
            + "-"
            + XlsxDownload.namePart(r.division().name())
            + ".xlsx",
        w -> {
          w.sheet("汇总", List.of("项目", "数值", "单位"));
          w.row(cells("统计范围", r.division().name() + " (" + r.division().code() + ")", null));
          w.row(cells("零星工业用地宗数", r.count(), "宗"));
          w.row(cells("零星工业用地面积", r.totalM2(), "m²"));
          w.row(cells("零星工业用地面积", r.totalMu(), "亩"));
          w.row(cells("开发区外工业用地(按区块边界切分)", r.outsideZonesM2(), "m²"));
          w.row(cells("开发区外工业用地(按区块边界切分)", r.outsideZonesMu(), "亩"));
          w.row(cells("含仓储用地", r.includeStorage() ? "是" : "否", null));
          w.row(cells("目标", "原则上开发区(园区)外不再新增零星工业用地", null));
          w.row(cells("认定规则", r.rule(), null));
          w.row(cells("供地日期不明宗数", r.unknownSupplyCount(), "宗"));
          w.sheet("按年度新增", List.of("年度", "新增宗数", "新增面积(m²)", "新增面积(亩)", "目标", "达标"));
          for (ScatteredLandReport.YearFigures y : r.byYear()) {
            w.row(
                cells(
                    y.year(),
                    y.newCount(),
                    y.newM2(),
                    y.newMu(),
                    "不再新增",
                    y.newCount() == 0 ? "是" : "否"));
          }
          w.sheet("零星工业用地地块", List.of("地块编号", "用地代码", "企业名称", "统一社会信用代码", "面积(m²)", "面积(亩)"));
          for (ScatteredLandReport.ParcelFeature f : r.features()) {
            ReportParts.ParcelRef p = f.properties();
            w.row(
                cells(
                    p.id(),
                    p.landUseCode(),
                    p.enterpriseName(),
                    p.creditCode(),
                    p.areaM2(),
                    p.areaMu()));
          }
        });
  }

  @GetMapping("/plans/{planId}/attribution.xlsx")
  ResponseEntity<byte[]> attribution(
      @PathVariable String planId,
      @RequestParam(required = false) String level,
      @RequestParam(required = false) Boolean includeStorage) {
    AttributionReport.Result r =
        attributionReport.attribution(planId, blankToNull(level), includeStorage);
    return XlsxDownload.of(
        "按行政区划拆分-" + XlsxDownload.namePart(planId) + "-" + r.level() + ".xlsx",
        w -> {
          w.sheet(
              "按行政区划拆分",
              List.of(
                  "区块代码",
                  "区块名称",
                  "区块面积(m²)",
                  "区块面积(亩)",
                  "行政区划代码",
                  "行政区划名称",
                  "面积(m²)",
                  "面积(亩)",
                  "工业用地(m²)",
                  "工业用地(亩)",
                  "占比"));
          for (ZoneAttribution z : r.zones()) {
            ZoneRef zone = z.zone();
            List<Object> zoneCells =
                cells(zone.code(), zone.name(), z.areaM2(), AreaUnits.toMu(z.areaM2()));
            for (DivisionShare s : z.divisions()) {
              w.row(
                  withZone(
                      zoneCells,
                      s.code(),
                      s.name(),
                      s.areaM2(),
                      AreaUnits.toMu(s.areaM2()),
                      s.industrialM2(),
                      s.industrialMu(),
                      s.share()));
            }
            // The part in no division (the JSON's outsideDivisionsM2), so that the shares add up.
            w.row(
                withZone(
                    zoneCells,
                    null,
                    "不在任何区划内",
                    z.outsideDivisionsM2(),
                    AreaUnits.toMu(z.outsideDivisionsM2()),
                    null,
                    null,
                    z.areaM2() > 0 ? z.outsideDivisionsM2() / z.areaM2() : null));
          }
          w.sheet("说明", List.of("项目", "数值"));
          w.row(cells("规划版本", r.planId()));
          w.row(cells("区划级别", r.level()));
          w.row(cells("含仓储用地", r.includeStorage() ? "是" : "否"));
        });
  }

  @GetMapping("/compare.xlsx")
  ResponseEntity<byte[]> compare(
      @RequestParam String from,
      @RequestParam String to,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    PlanComparisonReport.Result r =
        comparisonReport.compare(from, to, blankToNull(division), includeStorage);
    return XlsxDownload.of(
        "规划版本对比-" + XlsxDownload.namePart(from) + "-" + XlsxDownload.namePart(to) + ".xlsx",
        w -> {
          w.sheet(
              "区块对比",
              List.of(
                  "区块代码",
                  "区块名称",
                  "类型",
                  "上级区块",
                  "变化",
                  "调整前面积(m²)",
                  "调整前面积(亩)",
                  "调整后面积(m²)",
                  "调整后面积(亩)",
                  "变化(m²)",
                  "变化(亩)",
                  "新增(m²)",
                  "减少(m²)",
                  "调整前工业用地(亩)",
                  "调整后工业用地(亩)",
                  "调入地块数",
                  "调出地块数"));
          for (ZoneComparison z : r.zones()) {
            ZoneRef zone = z.zone();
            w.row(
                cells(
                    zone.code(),
                    zone.name(),
                    ZoneKind.valueOf(zone.kind()).nameZh(),
                    zone.parent(),
                    CHANGE_STATUS.getOrDefault(z.status(), z.status()),
                    z.areaBeforeM2(),
                    AreaUnits.toMu(z.areaBeforeM2()),
                    z.areaAfterM2(),
                    AreaUnits.toMu(z.areaAfterM2()),
                    z.deltaM2(),
                    AreaUnits.toMu(z.deltaM2()),
                    z.addedM2(),
                    z.removedM2(),
                    AreaUnits.toMu(z.industrialBeforeM2()),
                    AreaUnits.toMu(z.industrialAfterM2()),
                    z.parcelsGained().count(),
                    z.parcelsLost().count()));
          }
          w.sheet("工业用地集聚度", List.of("项目", "调整前", "调整后"));
          ConcentrationFigures b = r.concentration().before();
          ConcentrationFigures a = r.concentration().after();
          w.row(
              cells(
                  "规划版本",
                  r.from().id() + " " + r.from().name(),
                  r.to().id() + " " + r.to().name()));
          w.row(cells("统计范围", r.division().name(), r.division().name()));
          w.row(cells("区内工业用地(亩)", b.industrialInsideMu(), a.industrialInsideMu()));
          w.row(cells("工业用地总量(亩)", b.industrialTotalMu(), a.industrialTotalMu()));
          w.row(cells("集聚度", b.ratio(), a.ratio()));
          w.row(cells("目标", b.target(), a.target()));
          w.row(cells("达标", yesNo(b.meetsTarget()), yesNo(a.meetsTarget())));
        });
  }

  private static String zoneName(Map<String, Zone> zones, String code) {
    Zone z = code == null ? null : zones.get(code);
    return z == null ? null : z.name();
  }

  private static String yesNo(Boolean b) {
    return b == null ? null : b ? "是" : "否";
  }

  /** The cells of a row; nulls allowed (empty cells). */
  /** The zone's cells, then {@code values}. */
  private static List<Object> withZone(List<Object> zoneCells, Object... values) {
    List<Object> out = new ArrayList<>(zoneCells);
    out.addAll(cells(values));
    return out;
  }

  static List<Object> cells(Object... values) {
    List<Object> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(v);
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
