package org.zoneplan.headquarters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.XlsxDownload;
import tools.jackson.databind.JsonNode;

/**
 * The open-economy indicator system ({@code /api/open-indicators}): categories, indicators, reviews
 * and 约谈 grades; the units; targets and values of a period (read, and written by ADMIN); the
 * lagging towns and platforms of a period, ranked and graded, as JSON and .xlsx. Format in {@code
 * docs/xihu.md}.
 */
@RestController
@RequestMapping("/api/open-indicators")
class OpenIndicatorController {
  private final HeadquartersService service;

  OpenIndicatorController(HeadquartersService service) {
    this.service = service;
  }

  @GetMapping
  Map<String, Object> system() {
    return service.system();
  }

  @GetMapping("/units")
  List<OpenUnit> units(@RequestParam(required = false) String kind) {
    return service.units(kind);
  }

  @GetMapping("/periods")
  List<String> periods() {
    return service.periods();
  }

  @GetMapping("/values")
  List<OpenValue> values(
      @RequestParam(required = false) String period, @RequestParam(required = false) String unit) {
    return service.values(period, unit);
  }

  @PutMapping("/values")
  Map<String, Object> putValues(@RequestBody(required = false) JsonNode body) {
    return Map.of("written", service.putValues(body));
  }

  @GetMapping("/lagging")
  Map<String, Object> lagging(
      @RequestParam(required = false) String period, @RequestParam(required = false) String kind) {
    List<LaggingRanking.Entry> entries = service.lagging(period, kind);
    return Map.of(
        "period",
        period,
        "rule",
        "完成率: 越高越好 actual/target, 越低越好 target/actual; 单位完成率为各指标 min(完成率, 1) 的平均;"
            + " 有一项指标完成率 < 1 即为落后, 按单位完成率由低到高排序",
        "talkGrades",
        service.grades(),
        "lagging",
        entries);
  }

  /** Sheets 落后名单 (the ranking), 落后指标 (each lagging indicator), 指标体系 (the system). */
  @GetMapping("/lagging.xlsx")
  ResponseEntity<byte[]> laggingXlsx(
      @RequestParam(required = false) String period, @RequestParam(required = false) String kind) {
    List<LaggingRanking.Entry> entries = service.lagging(period, kind);
    List<OpenIndicator> indicators = service.indicators();
    Map<String, String> categories = service.categoryNames();
    return XlsxDownload.of(
        "开放指标落后名单-" + period + ".xlsx",
        w -> {
          w.sheet("落后名单", List.of("排名", "名称", "类型", "单位完成率", "考核指标数", "落后指标数", "约谈等级", "约谈方式"));
          for (LaggingRanking.Entry e : entries) {
            List<Object> row = new ArrayList<>();
            row.add(e.rank());
            row.add(e.unitName());
            row.add(e.kind());
            row.add(e.completion());
            row.add(e.assessed());
            row.add(e.lagging());
            row.add(e.grade());
            row.add(e.action());
            w.row(row);
          }
          w.sheet("落后指标", List.of("排名", "名称", "指标", "单位", "方向", "牵头部门", "目标", "实际", "完成率"));
          for (LaggingRanking.Entry e : entries) {
            for (LaggingRanking.Lag l : e.lags()) {
              w.row(
                  List.of(
                      e.rank(),
                      e.unitName(),
                      l.name(),
                      l.unit(),
                      l.better().equals("HIGHER") ? "越高越好" : "越低越好",
                      l.leadDepartment(),
                      l.target(),
                      l.actual(),
                      l.ratio()));
            }
          }
          w.sheet("指标体系", List.of("代码", "类别", "指标", "单位", "方向", "牵头部门", "调度", "示意"));
          for (OpenIndicator i : indicators) {
            w.row(
                List.of(
                    i.code(),
                    categories.getOrDefault(i.categoryCode(), i.categoryCode()),
                    i.name(),
                    i.unit(),
                    i.better() == OpenIndicator.Better.HIGHER ? "越高越好" : "越低越好",
                    i.leadDepartment(),
                    String.join(",", i.reviews()),
                    i.illustrative() ? "是" : "否"));
          }
        });
  }
}
