package org.zoneplan.parks;

import java.util.Map;

/**
 * Chinese and English names of the figure items zoneplan knows; other items (lower-case keys) are
 * accepted and shown by their key. The last three are computed from the projects package, not
 * published: {@link #PROJECTS}, {@link #PROJECT_TOTAL_INVESTMENT}, {@link #PROJECT_INVESTMENT}.
 */
final class ParkItems {
  static final String PROJECTS = "projects";
  static final String PROJECT_TOTAL_INVESTMENT = "project_total_investment";
  static final String PROJECT_INVESTMENT = "project_investment";

  private static final Map<String, String[]> NAMES =
      Map.ofEntries(
          Map.entry("projects_introduced", new String[] {"已合作导入产业项目", "projects introduced"}),
          Map.entry("projects_located", new String[] {"已落点产业项目", "projects located"}),
          Map.entry("total_investment", new String[] {"总投资", "total investment"}),
          Map.entry(
              "fixed_asset_investment", new String[] {"固定资产投资(固投)", "fixed-asset investment"}),
          Map.entry("industrial_output", new String[] {"工业产值", "industrial output"}),
          Map.entry("tax", new String[] {"税收", "tax"}),
          Map.entry(
              "producing_enterprises_above_scale",
              new String[] {"投产企业上规", "producing enterprises above scale"}),
          Map.entry(
              "provincial_1000_projects",
              new String[] {"列入省千项万亿工程", "on the province's 1000 projects"}),
          Map.entry(
              "provincial_major_projects", new String[] {"列入省重大项目", "provincial major projects"}),
          Map.entry(PROJECTS, new String[] {"项目数(项目库)", "projects (project register)"}),
          Map.entry(
              PROJECT_TOTAL_INVESTMENT,
              new String[] {"项目总投资(项目库)", "projects' total investment (register)"}),
          Map.entry(
              PROJECT_INVESTMENT,
              new String[] {"项目年度投资(项目库)", "projects' investment of the year"}));

  private ParkItems() {}

  static String label(String item) {
    String[] n = NAMES.get(item);
    return n == null ? item : n[0];
  }

  static String labelEn(String item) {
    String[] n = NAMES.get(item);
    return n == null ? item : n[1];
  }
}
