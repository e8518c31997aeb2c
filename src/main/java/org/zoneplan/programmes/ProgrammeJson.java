package org.zoneplan.programmes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.zoneplan.enterprises.IndustryCatalog;
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * Reads a programme or a member from request JSON, checking every field: a bad one is a 422 naming
 * the property. Every list and text is bounded. Spring-free.
 */
final class ProgrammeJson {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final Pattern DIVISION = Pattern.compile("\\d{6}(\\d{3}){0,2}");
  static final Pattern INDUSTRY = Pattern.compile("\\d{2,4}");
  static final List<String> LEVELS = List.of("省", "市", "区");
  static final int MAX_CATEGORIES = 20;
  static final int MAX_STATUSES = 20;
  static final int MAX_INDUSTRIES = 3;
  static final int MAX_TARGET_COUNT = 10_000;

  private ProgrammeJson() {}

  static ApiProblem invalid(String property, String detail) {
    return ApiProblem.invalid("invalid-programme", detail).with("property", property);
  }

  /** A programme from its JSON; {@code id} from the path when replacing, else from the body. */
  static Programme programme(JsonNode body, String pathId) {
    if (body == null || !body.isObject()) {
      throw invalid("", "请求体应为 JSON 对象 (the body must be a JSON object)");
    }
    String id = pathId != null ? pathId : text(body, "id", 64, true);
    if (!ID.matcher(id).matches()) {
      throw invalid("id", "id 应为小写字母、数字和连字符, 至多 64 个 (id must match " + ID + "): " + id);
    }
    String name = text(body, "name", 200, true);
    String issuer = text(body, "issuer", 200, true);
    String level = text(body, "level", 8, true);
    if (!LEVELS.contains(level)) {
      throw invalid("level", "level 应为 省、市 或 区 (level must be 省, 市 or 区), was " + level);
    }
    String division = text(body, "divisionCode", 12, false);
    if (division != null && !DIVISION.matcher(division).matches()) {
      throw invalid(
          "divisionCode", "divisionCode 应为 6、9 或 12 位行政区划代码 (a division code), was " + division);
    }
    List<Programme.Category> categories = new ArrayList<>();
    JsonNode cats = array(body, "categories", 1, MAX_CATEGORIES);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < cats.size(); i++) {
      JsonNode c = cats.get(i);
      String p = "categories[" + i + "]";
      if (c == null || !c.isObject()) {
        throw invalid(p, p + " 应为对象 {name, targetCount} (must be an object)");
      }
      String cname = text(c, "name", 100, true, p + ".name");
      if (!seen.add(cname)) {
        throw invalid(p + ".name", "类别重复 (category named twice): " + cname);
      }
      Integer target = null;
      JsonNode t = c.get("targetCount");
      if (t != null && !t.isNull()) {
        if (!t.isIntegralNumber() || t.asLong() < 0 || t.asLong() > MAX_TARGET_COUNT) {
          throw invalid(
              p + ".targetCount",
              "targetCount 应为 0–" + MAX_TARGET_COUNT + " 的整数 (an integer), was " + t);
        }
        target = t.intValue();
      }
      categories.add(new Programme.Category(cname, target));
    }
    List<String> statuses = strings(body, "statuses", 0, MAX_STATUSES, 100);
    List<Programme.Target> targets = new ArrayList<>();
    JsonNode ts = array(body, "targets", 0, FiveShares.KEYS.size());
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < ts.size(); i++) {
      JsonNode t = ts.get(i);
      String p = "targets[" + i + "]";
      if (t == null || !t.isObject()) {
        throw invalid(p, p + " 应为对象 {key, name, ratio} (must be an object)");
      }
      String key = text(t, "key", 32, true, p + ".key");
      if (!FiveShares.KEYS.contains(key)) {
        throw invalid(
            p + ".key", "未知指标 (unknown share key) " + key + "; one of " + FiveShares.KEYS);
      }
      if (!keys.add(key)) {
        throw invalid(p + ".key", "指标重复 (share key named twice): " + key);
      }
      String tname = text(t, "name", 100, false, p + ".name");
      JsonNode r = t.get("ratio");
      if (r == null || !r.isNumber() || !(r.asDouble() >= 0 && r.asDouble() <= 1)) {
        throw invalid(p + ".ratio", "ratio 应为 0–1 的数 (a number from 0 to 1), was " + r);
      }
      targets.add(
          new Programme.Target(key, tname == null ? FiveShares.name(key) : tname, r.asDouble()));
    }
    String source = text(body, "source", 2000, false);
    JsonNode ill = body.get("illustrative");
    if (ill != null && !ill.isNull() && !ill.isBoolean()) {
      throw invalid("illustrative", "illustrative 应为 true 或 false (a boolean)");
    }
    return new Programme(
        id,
        name,
        issuer,
        level,
        division,
        categories,
        statuses,
        targets,
        source,
        ill != null && ill.asBoolean(false),
        null,
        null);
  }

  /** A member from its JSON; plan and zone from the path when replacing. */
  static Member member(JsonNode body, String programmeId, String planId, String zoneCode) {
    if (body == null || !body.isObject()) {
      throw invalid("", "请求体应为 JSON 对象 (the body must be a JSON object)");
    }
    String plan = planId != null ? planId : text(body, "planId", 64, true);
    String zone = zoneCode != null ? zoneCode : text(body, "zoneCode", 64, true);
    String category = text(body, "category", 100, true);
    String status = text(body, "status", 100, false);
    String phrase = text(body, "statusPhrase", 500, false);
    String note = text(body, "note", 2000, false);
    List<String> industries = strings(body, "industries", 0, MAX_INDUSTRIES, 4);
    for (int i = 0; i < industries.size(); i++) {
      String code = industries.get(i);
      if (!INDUSTRY.matcher(code).matches() || !knownIndustry(code)) {
        throw ApiProblem.invalid(
                "unknown-industry", "GB/T 4754-2017 中没有行业代码 (no such industry code) " + code)
            .with("property", "industries[" + i + "]")
            .with("industry", code);
      }
    }
    return new Member(programmeId, plan, zone, category, status, phrase, industries, note);
  }

  /** A 大类 (2 digits), 中类 (3) or 小类 (4) of GB/T 4754-2017. */
  static boolean knownIndustry(String code) {
    return IndustryCatalog.gbt4754().classes().stream().anyMatch(c -> c.code().startsWith(code));
  }

  private static String text(JsonNode node, String field, int max, boolean required) {
    return text(node, field, max, required, field);
  }

  private static String text(
      JsonNode node, String field, int max, boolean required, String property) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
      if (required) {
        throw invalid(property, "缺少 " + property + " (" + property + " is required)");
      }
      return null;
    }
    if (!v.isString()) {
      throw invalid(property, property + " 应为文字 (must be a string)");
    }
    String s = v.asString().strip();
    if (s.length() > max) {
      throw invalid(property, property + " 至多 " + max + " 个字符 (at most " + max + " characters)");
    }
    return s;
  }

  private static JsonNode array(JsonNode node, String field, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (min > 0) {
        throw invalid(field, "缺少 " + field + " (" + field + " is required)");
      }
      return tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!v.isArray() || v.size() < min || v.size() > max) {
      throw invalid(
          field, field + " 应为 " + min + "–" + max + " 项的数组 (an array of " + min + "–" + max + ")");
    }
    return v;
  }

  private static List<String> strings(JsonNode node, String field, int min, int max, int maxLen) {
    JsonNode a = array(node, field, min, max);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      JsonNode v = a.get(i);
      String p = field + "[" + i + "]";
      if (v == null || !v.isString() || v.asString().isBlank()) {
        throw invalid(p, p + " 应为非空文字 (must be a non-blank string)");
      }
      String s = v.asString().strip();
      if (s.length() > maxLen) {
        throw invalid(p, p + " 至多 " + maxLen + " 个字符 (at most " + maxLen + " characters)");
      }
      if (out.contains(s)) {
        throw invalid(p, p + " 重复 (named twice): " + s);
      }
      out.add(s);
    }
    return out;
  }
}
