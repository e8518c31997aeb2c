package org.zoneplan.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link RuleSet} from its JSON form ({@code docs/evaluation.md}), checking every field:
 * weights ≥ 0, benchmarks &gt; 0, caps &gt; 0, percentages &gt; 0, ≤ 100 and ascending, score
 * thresholds descending, formula keys from {@link Formula}, no unknown fields. Every problem found
 * is reported at once, each naming its field.
 */
public final class RuleSetJson {
  /** Longest rule set accepted, in characters of JSON. */
  public static final int MAX_CHARS = 200_000;

  static final int MAX_POPULATIONS = 20;
  static final int MAX_INDICATORS = 20;
  static final int MAX_PREFIXES = 200;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern DIVISION = Pattern.compile("\\d{6}");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  private static final Pattern INDUSTRY_PREFIX = Pattern.compile("\\d{2,4}");

  private RuleSetJson() {}

  /** Parses JSON text (at most {@link #MAX_CHARS}). */
  public static RuleSet read(String text) {
    if (text.length() > MAX_CHARS) {
      throw new InvalidInputException(
          List.of(
              new InvalidInputException.Issue(
                  "", "the rule set is longer than " + MAX_CHARS + " characters")));
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new InvalidInputException(
          List.of(
              new InvalidInputException.Issue(
                  "", "not well-formed JSON: " + e.getOriginalMessage())));
    }
    return read(node);
  }

  public static RuleSet read(JsonNode root) {
    JsonFields in = new JsonFields();
    if (!in.isObject(root, "")) {
      in.throwIfAny();
    }
    in.onlyKnown(
        root,
        "",
        Set.of(
            "divisionCode",
            "year",
            "name",
            "source",
            "version",
            "illustrative",
            "exemptions",
            "grading",
            "populations"));
    String division = in.text(root, "", "divisionCode", true, 6);
    if (division != null && !DIVISION.matcher(division).matches()) {
      in.issue("divisionCode", "must be a 6-digit division code (行政区划代码), was " + division);
    }
    Integer year = in.integer(root, "", "year", true, 2000, 2100);
    String name = in.text(root, "", "name", true, 200);
    String source = in.text(root, "", "source", true, 4000);
    Integer version = in.integer(root, "", "version", false, 0, 1_000_000);
    Boolean illustrative = in.bool(root, "", "illustrative");
    RuleSet.Exemptions exemptions = exemptions(in, root.get("exemptions"), "exemptions");
    RuleSet.Grading grading = null;
    if (root.get("grading") == null || root.get("grading").isNull()) {
      in.issue("grading", "is required");
    } else {
      grading = grading(in, root.get("grading"), "grading");
    }
    List<RuleSet.Population> populations = new ArrayList<>();
    JsonNode array = in.array(root, "", "populations", true, MAX_POPULATIONS);
    if (array != null) {
      if (array.isEmpty()) {
        in.issue("populations", "must name at least one population");
      }
      Set<String> keys = new HashSet<>();
      for (int p = 0; p < array.size(); p++) {
        String path = "populations[" + p + "]";
        RuleSet.Population population = population(in, array.get(p), path);
        if (population != null && !keys.add(population.key())) {
          in.issue(path + ".key", "duplicate population key " + population.key());
        }
        populations.add(population);
      }
    }
    in.throwIfAny();
    return new RuleSet(
        division,
        year,
        name,
        source,
        version == null ? 0 : version,
        Boolean.TRUE.equals(illustrative),
        exemptions,
        grading,
        populations);
  }

  private static RuleSet.Exemptions exemptions(JsonFields in, JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return RuleSet.Exemptions.NONE;
    }
    if (!in.isObject(node, path)) {
      return null;
    }
    in.onlyKnown(node, path, Set.of("minYearsInProduction", "industryPrefixes", "grade"));
    Integer years = in.integer(node, path, "minYearsInProduction", false, 1, 50);
    List<String> prefixes = new ArrayList<>();
    JsonNode array = in.array(node, path, "industryPrefixes", false, MAX_PREFIXES);
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode v = array.get(i);
        String field = path + ".industryPrefixes[" + i + "]";
        if (!v.isString() || !INDUSTRY_PREFIX.matcher(v.asString()).matches()) {
          in.issue(field, "must be 2 to 4 digits of a GB/T 4754 code (大类 44, 中类 441, 小类 4411)");
        } else {
          prefixes.add(v.asString());
        }
      }
    }
    Grade grade = in.constant(node, path, "grade", Grade.class, false);
    if (grade != null && grade != Grade.T && grade != Grade.B) {
      in.issue(path + ".grade", "must be T (不定等级) or B (treated as B), was " + grade);
    }
    return new RuleSet.Exemptions(years, prefixes, grade);
  }

  private static RuleSet.Grading grading(JsonFields in, JsonNode node, String path) {
    if (!in.isObject(node, path)) {
      return null;
    }
    in.onlyKnown(node, path, Set.of("method", "cumulativePercent", "rounding", "minScores"));
    RuleSet.Grading.Method method =
        in.constant(node, path, "method", RuleSet.Grading.Method.class, true);
    RuleSet.Grading.Rounding rounding =
        in.constant(node, path, "rounding", RuleSet.Grading.Rounding.class, false);
    List<Double> percents = numbers(in, node, path, "cumulativePercent");
    List<Double> minScores = numbers(in, node, path, "minScores");
    if (method == RuleSet.Grading.Method.RANK) {
      if (percents == null && absent(node, "cumulativePercent")) {
        in.issue(path + ".cumulativePercent", "is required for RANK: [A %, A+B %, A+B+C %]");
      } else if (percents != null) {
        for (int i = 0; i < percents.size(); i++) {
          double v = percents.get(i);
          String field = path + ".cumulativePercent[" + i + "]";
          if (!(v > 0) || v > 100) {
            in.issue(field, "must be more than 0 and at most 100, was " + v);
          } else if (i > 0 && !(v > percents.get(i - 1))) {
            in.issue(field, "must be more than the one before (percentages ascend), was " + v);
          }
        }
      }
      if (!absent(node, "minScores")) {
        in.issue(path + ".minScores", "belongs to THRESHOLDS, not RANK");
      }
    } else if (method == RuleSet.Grading.Method.THRESHOLDS) {
      if (minScores == null && absent(node, "minScores")) {
        in.issue(path + ".minScores", "is required for THRESHOLDS: [A from, B from, C from]");
      } else if (minScores != null) {
        for (int i = 1; i < minScores.size(); i++) {
          if (!(minScores.get(i) < minScores.get(i - 1))) {
            in.issue(
                path + ".minScores[" + i + "]",
                "must be less than the one before (thresholds descend), was " + minScores.get(i));
          }
        }
      }
      if (!absent(node, "cumulativePercent")) {
        in.issue(path + ".cumulativePercent", "belongs to RANK, not THRESHOLDS");
      }
      if (rounding != null) {
        in.issue(path + ".rounding", "belongs to RANK, not THRESHOLDS");
      }
    }
    return method == null ? null : new RuleSet.Grading(method, percents, rounding, minScores);
  }

  private static boolean absent(JsonNode node, String name) {
    return node.get(name) == null || node.get(name).isNull();
  }

  /** Exactly three finite numbers (for grades A, B, C), or null when absent. */
  private static List<Double> numbers(JsonFields in, JsonNode node, String path, String name) {
    JsonNode array = in.array(node, path, name, false, 3);
    if (array == null) {
      return null;
    }
    String field = path + "." + name;
    if (array.size() != 3) {
      in.issue(field, "must have exactly 3 numbers (grades A, B, C; D is the rest)");
      return null;
    }
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonNode v = array.get(i);
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        in.issue(field + "[" + i + "]", "must be a finite number");
        return null;
      }
      values.add(v.doubleValue());
    }
    return values;
  }

  private static RuleSet.Population population(JsonFields in, JsonNode node, String path) {
    if (!in.isObject(node, path)) {
      return null;
    }
    in.onlyKnown(
        node, path, Set.of("key", "name", "selector", "indicators", "missingData", "grading"));
    String key = in.text(node, path, "key", true, 40);
    if (key != null && !KEY.matcher(key).matches()) {
      in.issue(path + ".key", "must be 1 to 40 letters, digits, _ or -");
    }
    String name = in.text(node, path, "name", true, 100);
    RuleSet.Selector selector = selector(in, node.get("selector"), path + ".selector");
    MissingDataRule missing = in.constant(node, path, "missingData", MissingDataRule.class, false);
    JsonNode gradingNode = node.get("grading");
    RuleSet.Grading grading =
        gradingNode == null || gradingNode.isNull()
            ? null
            : grading(in, gradingNode, path + ".grading");
    List<RuleSet.Indicator> indicators = new ArrayList<>();
    JsonNode array = in.array(node, path, "indicators", false, MAX_INDICATORS);
    boolean landlordGrade =
        selector != null && selector.kind() == RuleSet.Selector.Kind.TENANTS_LANDLORD_GRADE;
    if (array != null) {
      Set<Formula> seen = new HashSet<>();
      for (int k = 0; k < array.size(); k++) {
        RuleSet.Indicator indicator = indicator(in, array.get(k), path + ".indicators[" + k + "]");
        if (indicator != null && !seen.add(indicator.formula())) {
          in.issue(
              path + ".indicators[" + k + "].formula",
              "formula " + indicator.formula() + " is listed twice");
        }
        indicators.add(indicator);
      }
    }
    if (selector != null) {
      if (landlordGrade && !indicators.isEmpty()) {
        in.issue(
            path + ".indicators",
            "must be empty: TENANTS_LANDLORD_GRADE takes the landlord's grade");
      }
      if (!landlordGrade && indicators.isEmpty()) {
        in.issue(path + ".indicators", "must name at least one indicator");
      }
    }
    if (landlordGrade && grading != null) {
      in.issue(path + ".grading", "has no use: TENANTS_LANDLORD_GRADE takes the landlord's grade");
    }
    if (!in.ok()) {
      return null;
    }
    return new RuleSet.Population(key, name, selector, indicators, missing, grading);
  }

  private static RuleSet.Selector selector(JsonFields in, JsonNode node, String path) {
    if (!in.isObject(node, path)) {
      return null;
    }
    in.onlyKnown(node, path, Set.of("kind", "mu", "size"));
    RuleSet.Selector.Kind kind = in.constant(node, path, "kind", RuleSet.Selector.Kind.class, true);
    Double mu = in.number(node, path, "mu", false);
    SizeClass size = null;
    String sizeText = in.text(node, path, "size", false, 20);
    if (sizeText != null) {
      size = SizeClass.parse(sizeText);
      if (size == null) {
        in.issue(path + ".size", "must be ABOVE_SIZE (规上) or BELOW_SIZE (规下), was " + sizeText);
      }
    }
    if (kind == null) {
      return null;
    }
    boolean needsMu =
        kind == RuleSet.Selector.Kind.BELOW_SIZE_MIN_MU
            || kind == RuleSet.Selector.Kind.BELOW_SIZE_UNDER_MU;
    if (needsMu && mu == null && node.get("mu") == null) {
      in.issue(path + ".mu", "is required for " + kind + " (the land threshold in 亩)");
    } else if (needsMu && mu != null && !(mu > 0)) {
      in.issue(path + ".mu", "must be more than 0 亩, was " + mu);
    } else if (!needsMu && mu != null) {
      in.issue(path + ".mu", "has no use for " + kind);
    }
    RuleSet.Selector selector = new RuleSet.Selector(kind, mu, size);
    if (size != null && !selector.tenantKind()) {
      in.issue(path + ".size", "is only for TENANTS and TENANTS_LANDLORD_GRADE");
    }
    return selector;
  }

  private static RuleSet.Indicator indicator(JsonFields in, JsonNode node, String path) {
    if (!in.isObject(node, path)) {
      return null;
    }
    in.onlyKnown(node, path, Set.of("formula", "benchmark", "weight", "cap", "ifMissing"));
    Formula formula = in.constant(node, path, "formula", Formula.class, true);
    Double benchmark = in.number(node, path, "benchmark", true);
    if (benchmark != null && !(benchmark > 0)) {
      in.issue(path + ".benchmark", "must be more than 0, was " + benchmark);
    }
    Double weight = in.number(node, path, "weight", true);
    if (weight != null && !(weight >= 0)) {
      in.issue(path + ".weight", "must be 0 or more, was " + weight);
    }
    Double cap = in.number(node, path, "cap", false);
    if (cap != null && !(cap > 0)) {
      in.issue(path + ".cap", "must be more than 0, was " + cap);
    }
    MissingDataRule ifMissing = in.constant(node, path, "ifMissing", MissingDataRule.class, false);
    if (formula == null || benchmark == null || weight == null) {
      return null;
    }
    return new RuleSet.Indicator(formula, benchmark, weight, cap, ifMissing);
  }
}
