package org.zoneplan.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.zoneplan.parcels.CreditCode;
import tools.jackson.databind.JsonNode;

/**
 * Reads a list of {@link EnterpriseFacts} from JSON, checking every field: credit codes (GB
 * 32100-2015, no duplicates), size class, years, land ≥ 0 亩, figures finite and ≥ 0 under a known
 * key ({@link Figure} name or Chinese label; null or absent = missing data).
 */
public final class EnterpriseFactsJson {
  /** Most enterprises in one what-if evaluation (a county has some 20,000). */
  public static final int MAX_ENTERPRISES = 50_000;

  private static final Pattern INDUSTRY = Pattern.compile("\\d{4}");

  private EnterpriseFactsJson() {}

  /** Reads {@code array} (reported under {@code path}); throws with every problem found. */
  public static List<EnterpriseFacts> read(JsonNode array, String path) {
    JsonFields in = new JsonFields();
    if (array == null || !array.isArray()) {
      in.issue(path, "must be an array of enterprises");
      in.throwIfAny();
    }
    if (array.size() > MAX_ENTERPRISES) {
      in.issue(path, "has more than " + MAX_ENTERPRISES + " enterprises");
      in.throwIfAny();
    }
    List<EnterpriseFacts> out = new ArrayList<>(array.size());
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      EnterpriseFacts f = one(in, array.get(i), at);
      if (f != null && !codes.add(f.creditCode())) {
        in.issue(at + ".creditCode", "duplicate enterprise " + f.creditCode());
      }
      out.add(f);
    }
    in.throwIfAny();
    return out;
  }

  private static EnterpriseFacts one(JsonFields in, JsonNode node, String path) {
    if (!in.isObject(node, path)) {
      return null;
    }
    in.onlyKnown(
        node,
        path,
        Set.of(
            "creditCode",
            "name",
            "industryCode",
            "size",
            "foundedYear",
            "tenantWithoutOwnLand",
            "landlordCreditCode",
            "landMu",
            "figures"));
    String code = creditCode(in, node, path, "creditCode", true);
    String name = in.text(node, path, "name", false, 200);
    String industry = in.text(node, path, "industryCode", false, 4);
    if (industry != null && !INDUSTRY.matcher(industry).matches()) {
      in.issue(path + ".industryCode", "must be a 4-digit GB/T 4754-2017 class, was " + industry);
    }
    String sizeText = in.text(node, path, "size", true, 20);
    SizeClass size = sizeText == null ? null : SizeClass.parse(sizeText);
    if (sizeText != null && size == null) {
      in.issue(path + ".size", "must be ABOVE_SIZE (规上) or BELOW_SIZE (规下), was " + sizeText);
    }
    Integer founded = in.integer(node, path, "foundedYear", false, 1800, 2100);
    Boolean tenant = in.bool(node, path, "tenantWithoutOwnLand");
    String landlord = creditCode(in, node, path, "landlordCreditCode", false);
    Double mu = in.number(node, path, "landMu", true);
    if (mu != null && !(mu >= 0)) {
      in.issue(path + ".landMu", "must be 0 or more 亩, was " + mu);
    }
    Map<Figure, Double> figures = new EnumMap<>(Figure.class);
    JsonNode figureNode = node.get("figures");
    if (figureNode != null && !figureNode.isNull()) {
      if (in.isObject(figureNode, path + ".figures")) {
        for (Map.Entry<String, JsonNode> e : figureNode.properties()) {
          String field = path + ".figures." + e.getKey();
          Figure figure = Figure.parse(e.getKey());
          JsonNode v = e.getValue();
          if (figure == null) {
            in.issue(field, "unknown figure; expected one of " + List.of(Figure.values()));
          } else if (v.isNull()) {
            continue; // missing data, said explicitly
          } else if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            in.issue(field, "must be a finite number (" + figure.unit() + ") or null");
          } else if (v.doubleValue() < 0) {
            in.issue(field, "must be 0 or more " + figure.unit() + ", was " + v.doubleValue());
          } else if (figures.put(figure, v.doubleValue()) != null) {
            in.issue(field, "figure " + figure + " is given twice");
          }
        }
      }
    }
    if (code == null || size == null || mu == null || !(mu >= 0) || !in.ok()) {
      return null;
    }
    return new EnterpriseFacts(
        code, name, industry, size, founded, Boolean.TRUE.equals(tenant), landlord, mu, figures);
  }

  private static String creditCode(
      JsonFields in, JsonNode node, String path, String name, boolean required) {
    String code = in.text(node, path, name, required, 18);
    if (code == null) {
      return null;
    }
    var problem = CreditCode.problem(code);
    if (problem.isPresent()) {
      in.issue(path + "." + name, problem.get());
      return null;
    }
    return code;
  }
}
