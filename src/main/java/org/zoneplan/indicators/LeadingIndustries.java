package org.zoneplan.indicators;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zoneplan.enterprises.IndustryCatalog;

/**
 * A zone's declared leading industries (主导产业): {@code attributes.leadingIndustryCodes}, a JSON
 * array of 1 to 3 GB/T 4754-2017 codes as strings. A code of 2 to 4 digits is a prefix: a 2-digit
 * 大类 ({@code "38"}) matches each of its 小类 ({@code "3825"}), a 3-digit 中类 its 小类. A code that is
 * not a prefix of any class in the shipped table, not a string of 2–4 digits, or beyond the third,
 * is listed in {@link #problems} and not used. Immutable.
 *
 * @param codes the codes used
 * @param problems what is wrong with the others, one sentence each (Chinese first)
 */
public record LeadingIndustries(List<String> codes, List<String> problems) {
  public static final String ATTRIBUTE = "leadingIndustryCodes";
  public static final int MAX_CODES = 3;

  private static final Set<String> PREFIXES = prefixes();

  private static Set<String> prefixes() {
    Set<String> out = new HashSet<>();
    for (IndustryCatalog.IndustryClass c : IndustryCatalog.gbt4754().classes()) {
      out.add(c.code().substring(0, 2));
      out.add(c.code().substring(0, 3));
      out.add(c.code());
    }
    return Set.copyOf(out);
  }

  /** Reads the attribute of a zone (absent: no codes and no problem). */
  public static LeadingIndustries of(Map<String, Object> attributes) {
    Object value = attributes == null ? null : attributes.get(ATTRIBUTE);
    List<String> codes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (value == null) {
      return new LeadingIndustries(List.of(), List.of());
    }
    if (value instanceof String text) {
      // as a shapefile or spreadsheet carries it: the JSON array as text, or "3825,3975"
      value = fromText(text);
    }
    if (!(value instanceof List<?> list)) {
      problems.add(ATTRIBUTE + " 须为代码数组 (must be a JSON array of GB/T 4754 codes)");
      return new LeadingIndustries(List.of(), List.copyOf(problems));
    }
    for (Object item : list) {
      if (!(item instanceof String code) || !code.matches("[0-9]{2,4}")) {
        problems.add("主导产业代码 " + item + " 不是 2–4 位数字字符串 (not a string of 2–4 digits)");
      } else if (!PREFIXES.contains(code)) {
        problems.add("主导产业代码 " + code + " 不在 GB/T 4754-2017 中 (unknown GB/T 4754-2017 code)");
      } else if (codes.contains(code)) {
        continue; // a repeat counts once
      } else if (codes.size() >= MAX_CODES) {
        problems.add("主导产业代码 " + code + " 超过 " + MAX_CODES + " 个的上限, 未计入 (more than 3 codes)");
      } else {
        codes.add(code);
      }
    }
    return new LeadingIndustries(List.copyOf(codes), List.copyOf(problems));
  }

  /** Whether an enterprise's 小类 belongs to one of the leading industries. */
  public boolean matches(String industryCode) {
    if (industryCode == null) {
      return false;
    }
    for (String c : codes) {
      if (industryCode.startsWith(c)) {
        return true;
      }
    }
    return false;
  }

  private static Object fromText(String text) {
    String t = text.strip();
    if (t.startsWith("[")) {
      try {
        return TEXT_READER.readValue(t, List.class);
      } catch (tools.jackson.core.JacksonException e) {
        return text;
      }
    }
    return t.isEmpty() ? List.of() : List.of(t.split("[,，、;；\\s]+"));
  }

  private static final tools.jackson.databind.json.JsonMapper TEXT_READER =
      tools.jackson.databind.json.JsonMapper.builder().build();
}
