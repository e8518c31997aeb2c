package org.zoneplan.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Point;

/**
 * The project table as .xlsx and CSV carry it: Chinese headers, one project per row. Spring-free.
 * Headers (order free, full-width brackets accepted): 项目名称 and 阶段 required; 统一社会信用代码, 总投资(万元),
 * 签约日期, 开工日期, 竣工日期, 投产日期, 落地方式, 所在区块 ({@code zone code} of the plan the import names, or {@code
 * planId/code}), 经度, 纬度 (a point, EPSG:4490), 清单 (separated by 、 or ;), 示意位置 (是/否), and any number
 * of {@code YYYY年投资(万元)} for the yearly investment.
 */
final class ProjectTable {
  static final String NAME = "项目名称";
  static final String CREDIT_CODE = "统一社会信用代码";
  static final String TOTAL = "总投资(万元)";
  static final String STAGE = "阶段";
  static final String LANDING = "落地方式";
  static final String ZONE = "所在区块";
  static final String LON = "经度";
  static final String LAT = "纬度";
  static final String LISTS = "清单";
  static final String ILLUSTRATIVE = "示意位置";
  static final Map<ProjectStage, String> DATE_HEADERS = new EnumMap<>(ProjectStage.class);

  static {
    DATE_HEADERS.put(ProjectStage.SIGNED, "签约日期");
    DATE_HEADERS.put(ProjectStage.STARTED, "开工日期");
    DATE_HEADERS.put(ProjectStage.COMPLETED, "竣工日期");
    DATE_HEADERS.put(ProjectStage.PRODUCING, "投产日期");
  }

  /** The fixed headers in the order the export writes them. */
  static final List<String> HEADERS =
      List.of(
          NAME,
          CREDIT_CODE,
          TOTAL,
          STAGE,
          "签约日期",
          "开工日期",
          "竣工日期",
          "投产日期",
          LANDING,
          ZONE,
          LON,
          LAT,
          LISTS,
          ILLUSTRATIVE);

  private static final Pattern YEARLY = Pattern.compile("(\\d{4})年投资\\(万元\\)");

  static String yearlyHeader(int year) {
    return year + "年投资(万元)";
  }

  /** A header as written, with full-width brackets and spaces normalised. */
  static String normalise(String header) {
    return header.strip().replace('（', '(').replace('）', ')').replace(" ", "").replace("　", "");
  }

  /** Spreadsheet column letters: 1 → A, 27 → AA. */
  static String columnLetter(int column) {
    StringBuilder s = new StringBuilder();
    for (int c = column; c > 0; c = (c - 1) / 26) {
      s.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return s.toString();
  }

  /** One line of the row report: where (1-based row and column, as a spreadsheet shows) and why. */
  record RowProblem(long row, int column, String columnLetter, String header, String reason) {
    static RowProblem of(long row, int column, String header, String reason) {
      return new RowProblem(
          row, column, column > 0 ? ProjectTable.columnLetter(column) : null, header, reason);
    }
  }

  /** The columns of a header row: which column holds what. */
  static final class Columns {
    final Map<String, Integer> fixed = new LinkedHashMap<>();
    final Map<Integer, Integer> yearly = new TreeMap<>();

    /** Reads a header row; problems (unknown or repeated headers, missing ones) are added. */
    static Columns of(long row, List<String> cells, List<RowProblem> problems) {
      Columns c = new Columns();
      for (int i = 0; i < cells.size(); i++) {
        String raw = cells.get(i);
        if (raw.isBlank()) {
          continue;
        }
        String h = normalise(raw);
        Matcher m = YEARLY.matcher(h);
        if (HEADERS.contains(h)) {
          if (c.fixed.putIfAbsent(h, i) != null) {
            problems.add(RowProblem.of(row, i + 1, raw, "表头重复 (header repeated): " + h));
          }
        } else if (m.matches()) {
          int year = Integer.parseInt(m.group(1));
          if (year < ProjectFields.MIN_YEAR || year > ProjectFields.MAX_YEAR) {
            problems.add(RowProblem.of(row, i + 1, raw, "年份超出范围 (year out of range): " + year));
          } else if (c.yearly.putIfAbsent(year, i) != null) {
            problems.add(RowProblem.of(row, i + 1, raw, "表头重复 (header repeated): " + h));
          }
        } else {
          problems.add(
              RowProblem.of(
                  row,
                  i + 1,
                  raw,
                  "未知表头 (unknown header) \""
                      + raw
                      + "\"; 可用: "
                      + String.join(", ", HEADERS)
                      + ", YYYY年投资(万元)"));
        }
      }
      for (String required : List.of(NAME, STAGE)) {
        if (!c.fixed.containsKey(required)) {
          problems.add(RowProblem.of(row, 0, required, "缺少必需的列 (missing column) " + required));
        }
      }
      return c;
    }

    String cell(List<String> cells, String header) {
      Integer i = fixed.get(header);
      return i == null || i >= cells.size() ? "" : cells.get(i);
    }

    int column(String header) {
      Integer i = fixed.get(header);
      return i == null ? 0 : i + 1;
    }
  }

  /**
   * One data row as a project, or the first problem of each field found (all added to {@code
   * problems}); null when any field was refused.
   *
   * @param planId the plan version a bare zone code belongs to, or null
   */
  static Project read(
      long row, List<String> cells, Columns c, String planId, List<RowProblem> problems) {
    int before = problems.size();
    String name = field(row, c, NAME, problems, () -> ProjectFields.name(c.cell(cells, NAME)));
    String code =
        field(
            row,
            c,
            CREDIT_CODE,
            problems,
            () -> ProjectFields.creditCode(c.cell(cells, CREDIT_CODE)));
    BigDecimal total =
        field(row, c, TOTAL, problems, () -> ProjectFields.wan(TOTAL, c.cell(cells, TOTAL)));
    ProjectStage stage =
        field(row, c, STAGE, problems, () -> ProjectFields.stage(c.cell(cells, STAGE)));
    Map<ProjectStage, LocalDate> dates = new EnumMap<>(ProjectStage.class);
    for (Map.Entry<ProjectStage, String> d : DATE_HEADERS.entrySet()) {
      LocalDate date =
          field(
              row,
              c,
              d.getValue(),
              problems,
              () -> ProjectFields.date(d.getValue(), c.cell(cells, d.getValue())));
      if (date != null) {
        dates.put(d.getKey(), date);
      }
    }
    if (stage != null && problems.size() == before) {
      try {
        dates = ProjectFields.stageDates(stage, dates);
      } catch (FieldProblem e) {
        String header =
            DATE_HEADERS.get(ProjectStage.parse(e.field().substring("stageDates.".length())).get());
        problems.add(RowProblem.of(row, c.column(header), header, e.getMessage()));
      }
    }
    LandingMode mode =
        field(row, c, LANDING, problems, () -> ProjectFields.landingMode(c.cell(cells, LANDING)));
    String[] zone = field(row, c, ZONE, problems, () -> zone(c.cell(cells, ZONE), planId));
    Point point =
        field(
            row,
            c,
            LON,
            problems,
            () -> ProjectFields.point(LON, LAT, c.cell(cells, LON), c.cell(cells, LAT)));
    List<String> lists =
        field(row, c, LISTS, problems, () -> ProjectFields.lists(c.cell(cells, LISTS)));
    Boolean illustrative =
        field(row, c, ILLUSTRATIVE, problems, () -> yesNo(c.cell(cells, ILLUSTRATIVE)));
    SortedMap<Integer, BigDecimal> yearly = new TreeMap<>();
    for (Map.Entry<Integer, Integer> y : c.yearly.entrySet()) {
      String header = yearlyHeader(y.getKey());
      int i = y.getValue();
      String text = i < cells.size() ? cells.get(i) : "";
      try {
        BigDecimal v = ProjectFields.wan(header, text);
        if (v != null) {
          yearly.put(y.getKey(), v);
        }
      } catch (FieldProblem e) {
        problems.add(RowProblem.of(row, i + 1, header, e.getMessage()));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new Project(
        0,
        name,
        code,
        zone == null ? null : zone[0],
        zone == null ? null : zone[1],
        total,
        yearly,
        stage,
        dates,
        mode,
        lists,
        Boolean.TRUE.equals(illustrative),
        point,
        null,
        null);
  }

  private interface Parse<T> {
    T get();
  }

  private static <T> T field(
      long row, Columns c, String header, List<RowProblem> problems, Parse<T> parse) {
    try {
      return parse.get();
    } catch (FieldProblem e) {
      String h = header;
      if (header.equals(LON) && e.field().equals(LAT)) {
        h = LAT;
      }
      problems.add(RowProblem.of(row, c.column(h), h, e.getMessage()));
      return null;
    }
  }

  /**
   * {@code [planId, code]} from "code" (with the import's plan) or "planId/code"; null if empty.
   */
  static String[] zone(String text, String planId) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    int slash = t.indexOf('/');
    String plan = slash < 0 ? planId : t.substring(0, slash).strip();
    String code = ProjectFields.zoneCode(slash < 0 ? t : t.substring(slash + 1));
    if (plan == null || plan.isBlank()) {
      throw new FieldProblem(
          "zoneCode",
          "所在区块须写作 方案/区块编码, 或在导入时给出 planId (a zone needs its plan version): \"" + t + "\"");
    }
    return new String[] {plan, code};
  }

  static Boolean yesNo(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    return switch (text.strip()) {
      case "是", "Y", "y", "true", "TRUE", "1" -> true;
      case "否", "N", "n", "false", "FALSE", "0" -> false;
      default ->
          throw new FieldProblem(
              "illustrative", "示意位置须为 是 或 否 (yes or no): \"" + text.strip() + "\"");
    };
  }

  /** A project as an export row, for {@code years} (the yearly columns, in order). */
  static List<Object> row(Project p, List<Integer> years) {
    List<Object> out = new ArrayList<>();
    out.add(p.name());
    out.add(p.creditCode());
    out.add(p.totalInvestmentWan());
    out.add(p.stage().label());
    for (ProjectStage s : ProjectStage.values()) {
      LocalDate d = p.stageDates().get(s);
      out.add(d == null ? null : d.toString());
    }
    out.add(p.landingMode() == null ? null : p.landingMode().label());
    out.add(p.zoneCode() == null ? null : p.planId() + "/" + p.zoneCode());
    Point anchor = p.anchor();
    out.add(anchor == null ? null : anchor.getX());
    out.add(anchor == null ? null : anchor.getY());
    out.add(String.join("、", p.lists()));
    out.add(p.illustrative() ? "是" : "否");
    for (int y : years) {
      out.add(p.yearlyInvestmentWan().get(y));
    }
    return out;
  }
}
