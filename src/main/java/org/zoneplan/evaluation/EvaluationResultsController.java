package org.zoneplan.evaluation;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.codecs.XlsxTableWriter;
import org.zoneplan.enterprises.Enterprise;
import org.zoneplan.enterprises.IndustryCatalog;
import org.zoneplan.evaluation.Evaluation.EnterpriseResult;
import org.zoneplan.evaluation.Evaluation.ItemScore;
import org.zoneplan.evaluation.EvaluationResults.Result;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.XlsxDownload;

/**
 * {@code GET /api/evaluation/results}: the 亩均 evaluation of the stored enterprises of a division
 * and year (JSON), and {@code results.xlsx}: the same list as a workbook. Reads only (anyone signed
 * in); the rule set is chosen by {@link EvaluationResults#result}.
 */
@RestController
@RequestMapping("/api/evaluation")
class EvaluationResultsController {
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final EvaluationResults results;

  EvaluationResultsController(EvaluationResults results) {
    this.results = results;
  }

  /** One enterprise in the answer: the engine's result and what the store says of it. */
  record Row(
      String creditCode,
      String name,
      String industryCode,
      String industryName,
      String size,
      double landMu,
      String population,
      String populationName,
      List<ItemScore> items,
      Double totalScore,
      Integer rank,
      Grade grade,
      String gradeLabel,
      String exemption,
      String note) {}

  @GetMapping("/results")
  Map<String, Object> results(
      @RequestParam(required = false) String division,
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String ruleSet,
      @RequestParam(required = false) String planId) {
    Result r = results.result(division, integer("year", year), id(ruleSet));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("division", Map.of("code", r.division().code(), "name", r.division().name()));
    out.put("year", r.year());
    Map<String, Object> rs = new LinkedHashMap<>();
    rs.put("id", r.ruleSet().id());
    rs.put("divisionCode", r.ruleSet().divisionCode());
    rs.put("year", r.ruleSet().year());
    rs.put("version", r.ruleSet().version());
    rs.put("name", r.ruleSet().name());
    rs.put("choice", r.choice().name());
    rs.put("choiceLabel", r.choice().label());
    out.put("ruleSet", rs);
    out.put("enterprises", rows(r));
    out.put("populations", r.evaluation().populations());
    out.put("unassigned", r.evaluation().unassigned());
    out.put("notEvaluated", r.notEvaluated());
    GradeTally tally = GradeTally.of(r.evaluation());
    Map<Grade, Integer> counts = tally.counts;
    Map<Grade, Double> mu = tally.mu;
    out.put("countByGrade", counts);
    out.put("landMuByGrade", mu);
    if (planId != null && !planId.isBlank()) {
      out.put("planId", planId);
      out.put("zones", results.byZone(r, planId));
    }
    return out;
  }

  /** The list as .xlsx: one sheet, Chinese headers, one row per enterprise (as {@link #rows}). */
  @GetMapping("/results.xlsx")
  void xlsx(
      @RequestParam(required = false) String division,
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String ruleSet,
      HttpServletResponse response)
      throws IOException {
    Result r = results.result(division, integer("year", year), id(ruleSet));
    List<String> labels = new ArrayList<>();
    for (RuleSet.Population p : RuleSetJson.read(r.ruleSet().json()).populations()) {
      for (RuleSet.Indicator i : p.indicators()) {
        if (!labels.contains(i.formula().label())) {
          labels.add(i.formula().label());
        }
      }
    }
    List<String> header =
        new ArrayList<>(List.of("统一社会信用代码", "企业名称", "行业", "规模", "用地面积(亩)", "评价名单"));
    labels.forEach(l -> header.add(l + "得分"));
    header.addAll(List.of("总分", "排名", "等级", "备注"));
    // Written to the writer's temporary files first: a failure is still a problem answer.
    try (XlsxTableWriter writer = new XlsxTableWriter()) {
      writer.sheet("亩均评价" + r.year(), header);
      for (Row row : rows(r)) {
        List<Object> cells = new ArrayList<>();
        cells.add(row.creditCode());
        cells.add(row.name());
        cells.add(
            row.industryCode() == null
                ? null
                : row.industryCode()
                    + (row.industryName() == null ? "" : " " + row.industryName()));
        cells.add(row.size());
        cells.add(row.landMu());
        cells.add(row.populationName());
        Map<String, Double> byLabel = new HashMap<>();
        row.items().forEach(i -> byLabel.put(i.formula().label(), i.score()));
        labels.forEach(l -> cells.add(byLabel.get(l)));
        cells.add(row.totalScore());
        cells.add(row.rank());
        cells.add(row.grade() == null ? null : row.grade().name());
        List<String> notes = new ArrayList<>();
        if (row.exemption() != null) {
          notes.add(row.exemption());
        }
        if (row.note() != null) {
          notes.add(row.note());
        }
        cells.add(notes.isEmpty() ? null : String.join("; ", notes));
        writer.row(cells);
      }
      response.setContentType(XLSX);
      response.setHeader(
          HttpHeaders.CONTENT_DISPOSITION,
          ContentDisposition.attachment()
              .filename(
                  "亩均评价-" + r.division().code() + "-" + r.year() + ".xlsx", StandardCharsets.UTF_8)
              .build()
              .toString());
      writer.write(response.getOutputStream());
    }
  }

  /**
   * Counts and land by grade per zone (the {@code zones} of {@link #results} with {@code planId}),
   * and the total of the division, as .xlsx: per grade the number of enterprises and their land in
   * 亩 (and m²), then those without a grade.
   */
  @GetMapping("/results/zones.xlsx")
  ResponseEntity<byte[]> zonesXlsx(
      @RequestParam(required = false) String division,
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String ruleSet,
      @RequestParam String planId) {
    Result r = results.result(division, integer("year", year), id(ruleSet));
    List<EvaluationResults.ZoneGrades> zones = results.byZone(r, planId);
    List<String> header = new ArrayList<>(List.of("区块代码", "区块名称", "上级区块", "参评企业数"));
    for (Grade g : Grade.values()) {
      header.add(g.name() + "类企业数");
      header.add(g.name() + "类用地(亩)");
      header.add(g.name() + "类用地(m²)");
    }
    header.add("未定等级企业数");
    GradeTally tally = GradeTally.of(r.evaluation());
    Map<Grade, Integer> counts = tally.counts;
    Map<Grade, Double> mu = tally.mu;
    return XlsxDownload.of(
        "亩均等级分区块-" + XlsxDownload.namePart(r.division().name()) + "-" + r.year() + ".xlsx",
        w -> {
          w.sheet("分区块等级 " + r.year(), header);
          for (EvaluationResults.ZoneGrades z : zones) {
            List<Object> cells = new ArrayList<>(List.of(z.code(), z.name()));
            cells.add(z.parentCode());
            cells.add(z.enterprises());
            for (Grade g : Grade.values()) {
              cells.add(z.countByGrade().get(g));
              cells.add(z.landMuByGrade().get(g));
              cells.add(z.landMuByGrade().get(g) * AreaUnits.SQUARE_METRES_PER_MU);
            }
            cells.add(z.ungraded());
            w.row(cells);
          }
          List<Object> total = new ArrayList<>();
          total.add(null);
          total.add("全县合计(" + r.division().name() + ")");
          total.add(null);
          total.add(r.evaluation().enterprises().size());
          for (Grade g : Grade.values()) {
            total.add(counts.get(g));
            total.add(mu.get(g));
            total.add(mu.get(g) * AreaUnits.SQUARE_METRES_PER_MU);
          }
          total.add(null);
          w.row(total);
          w.sheet("说明", List.of("项目", "数值"));
          w.row(List.of("行政区划", r.division().code() + " " + r.division().name()));
          w.row(List.of("年度", r.year()));
          w.row(
              List.of(
                  "评价规则",
                  r.ruleSet().name()
                      + " v"
                      + r.ruleSet().version()
                      + "("
                      + r.choice().label()
                      + ")"));
          w.row(List.of("规划版本", planId));
          w.row(List.of("用地面积", "企业所用地块的椭球面积 × 使用份额;区块内只计其中的地块"));
        });
  }

  /**
   * The enterprises by population (in the rule set's order; unassigned last), then rank, then
   * credit code.
   */
  static List<Row> rows(Result r) {
    Map<String, Integer> order = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    List<Evaluation.PopulationSummary> pops = r.evaluation().populations();
    for (int i = 0; i < pops.size(); i++) {
      order.put(pops.get(i).key(), i);
      names.put(pops.get(i).key(), pops.get(i).name());
    }
    List<EnterpriseResult> sorted = new ArrayList<>(r.evaluation().enterprises());
    sorted.sort(
        Comparator.comparing(
                (EnterpriseResult e) ->
                    e.population() == null ? Integer.MAX_VALUE : order.get(e.population()))
            .thenComparing(e -> e.rank() == null ? Integer.MAX_VALUE : e.rank())
            .thenComparing(EnterpriseResult::creditCode));
    List<Row> rows = new ArrayList<>(sorted.size());
    for (EnterpriseResult e : sorted) {
      Enterprise stored = r.enterprises().get(e.creditCode());
      String industry = stored.industryCode();
      rows.add(
          new Row(
              e.creditCode(),
              e.name(),
              industry,
              industry == null
                  ? null
                  : IndustryCatalog.gbt4754()
                      .find(industry)
                      .map(IndustryCatalog.IndustryClass::name)
                      .orElse(null),
              stored.sizeClass() == null ? null : stored.sizeClass().nameZh(),
              e.landMu(),
              e.population(),
              e.population() == null ? null : names.get(e.population()),
              e.items(),
              e.totalScore(),
              e.rank(),
              e.grade(),
              e.grade() == null ? null : e.grade().label(),
              e.exemption(),
              e.note()));
    }
    return rows;
  }

  static Integer integer(String name, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.invalid(
              "invalid-parameter", name + " must be a whole number, not \"" + text + "\"")
          .with("field", name);
    }
  }

  static Long id(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.invalid(
              "invalid-parameter", "ruleSet must be a rule-set id, not \"" + text + "\"")
          .with("field", "ruleSet");
    }
  }
}
