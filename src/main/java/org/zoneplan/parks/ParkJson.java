package org.zoneplan.parks;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.MultiPolygon;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.projects.LandingMode;
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * Reads a park from JSON and checks every field (422 naming the property; lookups of divisions and
 * zones are the service's), and writes parks back. Spring-free. A park:
 *
 * <pre>{@code
 * {"id": "binfu", "name": "滨富特别合作区", "nameEn": "...",
 *  "promoter": {"name": "高新区(滨江)", "code": "330108"}, "hosts": ["330111"],
 *  "geometry": {GeoJSON Polygon/MultiPolygon, EPSG:4490 lon/lat}  — or —  "zone": {"planId", "code"},
 *  "illustrative": true, "boundaryNote": "...", "source": "...",
 *  "sharingRule": {"kind": "ALL_SHARED", "label": "两两共享", "note": "..."}
 *              or {"kind": "BY_LANDING_MODE", "splits": [{"landingMode": "合作导入",
 *                  "promoterPercent": 60, "hostPercent": 40}, ...]},
 *  "figures": [{"item": "fixed_asset_investment", "period": "2021", "value": 32.0,
 *               "unit": "亿元", "sourcePhrase": "..."}]}
 * }</pre>
 */
final class ParkJson {
  static final int MAX_HOSTS = 20;
  static final int MAX_FIGURES = 500;
  static final int MAX_SPLITS = LandingMode.values().length;
  static final BigDecimal MAX_VALUE = new BigDecimal("1e15");
  static final BigDecimal HUNDRED = new BigDecimal("100");
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  static final Pattern CODE = Pattern.compile("\\d{6}(\\d{3})?");

  /** Path segments of the API that cannot be park ids. */
  static final Set<String> RESERVED = Set.of("assessment", "periods");

  static final Pattern ITEM = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** {@code 2021}, {@code 2021-2023} or {@code to-2024-06}. */
  static final Pattern PERIOD = Pattern.compile("(\\d{4})|(\\d{4})-(\\d{4})|to-(\\d{4})-(\\d{2})");

  private ParkJson() {}

  /**
   * A park as read, written by {@code by} at {@code at}; its divisions and zone are looked up by
   * {@link ParkService}.
   */
  static CoopPark read(
      JsonNode body, String pathId, GeometryLimits limits, String by, OffsetDateTime at) {
    if (body == null || !body.isObject()) {
      throw invalid("malformed-park", "the body is a JSON object describing a park", null);
    }
    String id = pathId != null ? pathId : text(body, "id", true, 64);
    if (pathId != null && body.has("id") && !body.get("id").isNull()) {
      String inBody = body.get("id").asString("");
      if (!inBody.equals(pathId)) {
        throw invalid(
            "id-mismatch", "\"id\" in the body (" + inBody + ") differs from the URL's", "id");
      }
    }
    id(id);
    String name = text(body, "name", true, 100);
    String nameEn = text(body, "nameEn", false, 200);
    JsonNode promoter = body.get("promoter");
    if (promoter == null || !promoter.isObject()) {
      throw invalid(
          "missing-property",
          "\"promoter\" is required: {\"name\": \"高新区(滨江)\", \"code\": \"330108\"}",
          "promoter");
    }
    String promoterName = text(promoter, "name", true, 100, "promoter.name");
    String promoterCode = code(text(promoter, "code", true, 12, "promoter.code"), "promoter.code");
    JsonNode hosts = body.get("hosts");
    if (hosts == null || !hosts.isArray() || hosts.isEmpty()) {
      throw invalid(
          "missing-property",
          "\"hosts\" is required: the host districts' division codes, e.g. [\"330111\"]",
          "hosts");
    }
    if (hosts.size() > MAX_HOSTS) {
      throw invalid("too-many-hosts", "at most " + MAX_HOSTS + " host districts", "hosts");
    }
    List<String> hostCodes = new ArrayList<>();
    for (JsonNode h : hosts) {
      String c = code(h.isString() ? h.stringValue() : h.toString(), "hosts");
      if (hostCodes.contains(c)) {
        throw invalid("duplicate-host", "host district " + c + " is listed twice", "hosts")
            .with("code", c);
      }
      hostCodes.add(c);
    }
    JsonNode geometry = body.get("geometry");
    JsonNode zone = body.get("zone");
    boolean hasGeometry = geometry != null && !geometry.isNull();
    boolean hasZone = zone != null && !zone.isNull();
    if (hasGeometry == hasZone) {
      throw invalid(
          "boundary-required",
          "give the boundary as exactly one of \"geometry\" (a GeoJSON Polygon or MultiPolygon in"
              + " EPSG:4490, lon/lat) and \"zone\" ({\"planId\", \"code\"})",
          hasGeometry ? "zone" : "geometry");
    }
    MultiPolygon polygon = null;
    String planId = null;
    String zoneCode = null;
    if (hasGeometry) {
      polygon = GeoJson.readPolygonal(geometry, limits);
      PolygonValidator.requireValid(polygon);
    } else {
      if (!zone.isObject()) {
        throw invalid("invalid-zone", "\"zone\" is {\"planId\", \"code\"}", "zone");
      }
      planId = text(zone, "planId", true, 64, "zone.planId");
      zoneCode = text(zone, "code", true, 64, "zone.code");
    }
    JsonNode ill = body.get("illustrative");
    if (ill != null && !ill.isNull() && !ill.isBoolean()) {
      throw invalid("invalid-illustrative", "\"illustrative\" is true or false", "illustrative");
    }
    boolean illustrative = ill != null && ill.isBoolean() && ill.booleanValue();
    String boundaryNote = text(body, "boundaryNote", false, 1000);
    SharingRule rule = rule(body.get("sharingRule"));
    List<ParkFigure> figures = figures(body.get("figures"));
    String source = text(body, "source", false, 1000);
    return new CoopPark(
        id,
        name,
        nameEn,
        promoterName,
        promoterCode,
        List.copyOf(hostCodes),
        planId,
        zoneCode,
        polygon,
        illustrative,
        boundaryNote,
        rule,
        figures,
        source,
        by,
        at);
  }

  static String id(String id) {
    if (id == null || !ID.matcher(id).matches() || RESERVED.contains(id)) {
      throw invalid(
          "invalid-id",
          "a park's id is 1–64 characters of a–z, 0–9 and '-', starting with a letter or digit,"
              + " and not one of "
              + RESERVED,
          "id");
    }
    return id;
  }

  static SharingRule rule(JsonNode r) {
    if (r == null || r.isNull()) {
      throw invalid(
          "missing-property",
          "\"sharingRule\" is required, e.g. {\"kind\": \"ALL_SHARED\", \"label\": \"两两共享\"}",
          "sharingRule");
    }
    if (!r.isObject()) {
      throw invalid("invalid-sharing-rule", "\"sharingRule\" is an object", "sharingRule");
    }
    String kindText = text(r, "kind", true, 32, "sharingRule.kind");
    SharingRule.Kind kind = null;
    for (SharingRule.Kind k : SharingRule.Kind.values()) {
      if (k.name().equals(kindText) || k.label().equals(kindText)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw invalid(
              "unknown-sharing-rule",
              "unknown sharing rule \""
                  + kindText
                  + "\": ALL_SHARED (两两共享) or BY_LANDING_MODE (按落地方式分成)",
              "sharingRule.kind")
          .with("kind", kindText);
    }
    String label = text(r, "label", false, 100, "sharingRule.label");
    String note = text(r, "note", false, 1000, "sharingRule.note");
    JsonNode splits = r.get("splits");
    List<SharingRule.Split> list = new ArrayList<>();
    boolean hasSplits =
        splits != null && !splits.isNull() && !(splits.isArray() && splits.isEmpty());
    if (kind == SharingRule.Kind.ALL_SHARED) {
      if (hasSplits) {
        throw invalid(
            "invalid-sharing-rule",
            "两两共享 (ALL_SHARED) counts 100% for promoter and hosts: it takes no \"splits\"",
            "sharingRule.splits");
      }
    } else {
      if (!hasSplits || !splits.isArray()) {
        throw invalid(
            "missing-property",
            "BY_LANDING_MODE needs \"splits\": [{\"landingMode\": \"合作导入\", \"promoterPercent\":"
                + " 60, \"hostPercent\": 40}, …]",
            "sharingRule.splits");
      }
      if (splits.size() > MAX_SPLITS) {
        throw invalid(
            "invalid-sharing-rule",
            "at most one split per landing mode (" + MAX_SPLITS + ")",
            "sharingRule.splits");
      }
      Set<LandingMode> seen = new HashSet<>();
      for (int i = 0; i < splits.size(); i++) {
        JsonNode s = splits.get(i);
        String where = "sharingRule.splits[" + i + "]";
        if (!s.isObject()) {
          throw invalid("invalid-sharing-rule", "a split is an object", where);
        }
        String modeText = text(s, "landingMode", true, 32, where + ".landingMode");
        LandingMode mode =
            LandingMode.parse(modeText)
                .orElseThrow(
                    () ->
                        invalid(
                                "unknown-landing-mode",
                                "unknown landing mode \"" + modeText + "\": 合作导入, 整体迁入 or 产业共育",
                                where + ".landingMode")
                            .with("landingMode", modeText));
        if (!seen.add(mode)) {
          throw invalid(
              "duplicate-landing-mode",
              "landing mode " + mode.label() + " has two splits",
              where + ".landingMode");
        }
        BigDecimal promoter = percent(s.get("promoterPercent"), where + ".promoterPercent");
        BigDecimal host = percent(s.get("hostPercent"), where + ".hostPercent");
        if (promoter.add(host).compareTo(HUNDRED) != 0) {
          throw invalid(
                  "shares-do-not-add-up",
                  "the split of "
                      + mode.label()
                      + " is "
                      + promoter.toPlainString()
                      + " : "
                      + host.toPlainString()
                      + ", which adds up to "
                      + promoter.add(host).toPlainString()
                      + ", not 100",
                  where)
              .with("landingMode", mode.label())
              .with("sum", promoter.add(host));
        }
        list.add(new SharingRule.Split(mode, promoter, host));
      }
    }
    return new SharingRule(kind, label == null ? kind.label() : label, note, List.copyOf(list));
  }

  private static BigDecimal percent(JsonNode n, String property) {
    if (n == null || n.isNull()) {
      throw invalid("missing-property", property + " is required (0–100)", property);
    }
    BigDecimal v = number(n, property);
    if (v.signum() < 0 || v.compareTo(HUNDRED) > 0 || v.stripTrailingZeros().scale() > 4) {
      throw invalid(
          "invalid-percent",
          property + " is a percentage 0–100 with at most 4 decimals, was " + v.toPlainString(),
          property);
    }
    return v;
  }

  static List<ParkFigure> figures(JsonNode figures) {
    List<ParkFigure> list = new ArrayList<>();
    if (figures == null || figures.isNull()) {
      return list;
    }
    if (!figures.isArray()) {
      throw invalid("invalid-figures", "\"figures\" is an array", "figures");
    }
    if (figures.size() > MAX_FIGURES) {
      throw invalid("too-many-figures", "at most " + MAX_FIGURES + " figures a park", "figures");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < figures.size(); i++) {
      JsonNode f = figures.get(i);
      String where = "figures[" + i + "]";
      if (!f.isObject()) {
        throw invalid("invalid-figures", "a figure is an object", where);
      }
      String item = text(f, "item", true, 64, where + ".item");
      if (!ITEM.matcher(item).matches()) {
        throw invalid(
            "invalid-item",
            "an item is a key of a–z, 0–9 and '_', e.g. fixed_asset_investment; was \""
                + item
                + "\"",
            where + ".item");
      }
      String period = period(text(f, "period", true, 16, where + ".period"), where + ".period");
      JsonNode value = f.get("value");
      if (value == null || value.isNull()) {
        throw invalid("missing-property", where + ".value is required", where + ".value");
      }
      BigDecimal v = number(value, where + ".value");
      if (v.abs().compareTo(MAX_VALUE) >= 0 || v.toPlainString().length() > 40) {
        throw invalid(
            "invalid-value",
            where + ".value is out of range: below 10^15, 40 characters",
            where + ".value");
      }
      String unit = text(f, "unit", true, 16, where + ".unit");
      String phrase = text(f, "sourcePhrase", false, 1000, where + ".sourcePhrase");
      if (!seen.add(item + "/" + period)) {
        throw invalid("duplicate-figure", "two figures of " + item + " for " + period, where)
            .with("item", item)
            .with("period", period);
      }
      list.add(new ParkFigure(item, period, v, unit, phrase));
    }
    return list;
  }

  static String period(String p, String property) {
    var m = PERIOD.matcher(p == null ? "" : p);
    boolean ok = m.matches();
    if (ok) {
      for (int g : new int[] {1, 2, 3, 4}) {
        if (m.group(g) != null) {
          int y = Integer.parseInt(m.group(g));
          ok &= y >= 1949 && y <= 2100;
        }
      }
      if (m.group(2) != null) {
        ok &= Integer.parseInt(m.group(2)) < Integer.parseInt(m.group(3));
      }
      if (m.group(5) != null) {
        int month = Integer.parseInt(m.group(5));
        ok &= month >= 1 && month <= 12;
      }
    }
    if (!ok) {
      throw invalid(
              "invalid-period",
              "a period is a year (2021), a range of years (2021-2023) or a cut-off (to-2024-06),"
                  + " years 1949–2100; was \""
                  + p
                  + "\"",
              property)
          .with("period", p);
    }
    return p;
  }

  /** A JSON number or a numeric string, keeping the scale written (32.0 stays 32.0). */
  private static BigDecimal number(JsonNode n, String property) {
    String text =
        n.isString()
            ? n.stringValue()
            : n.isBigDecimal()
                ? n.decimalValue().toPlainString()
                : n.isNumber() ? n.asString() : null;
    try {
      if (text == null || text.length() > 40) {
        throw new NumberFormatException();
      }
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw invalid("invalid-number", property + " must be a number", property);
    }
  }

  private static String code(String c, String property) {
    if (c == null || !CODE.matcher(c).matches()) {
      throw invalid(
              "invalid-division-code",
              property + " must be a division code of 6 or 9 digits, was \"" + c + "\"",
              property)
          .with("code", c);
    }
    return c;
  }

  private static String text(JsonNode o, String field, boolean required, int max) {
    return text(o, field, required, max, field);
  }

  private static String text(JsonNode o, String field, boolean required, int max, String property) {
    JsonNode n = o.get(field);
    if (n == null || n.isNull() || (n.isString() && n.stringValue().isBlank())) {
      if (required) {
        throw invalid("missing-property", "\"" + property + "\" is required", property);
      }
      return null;
    }
    if (!n.isString()) {
      throw invalid(
          "invalid-" + field.toLowerCase(java.util.Locale.ROOT),
          "\"" + property + "\" is text",
          property);
    }
    String s = n.stringValue().strip();
    if (s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
      throw invalid(
          "invalid-" + field.toLowerCase(java.util.Locale.ROOT),
          "\"" + property + "\" has 1–" + max + " characters without control characters",
          property);
    }
    return s;
  }

  static ApiProblem invalid(String slug, String detail, String property) {
    ApiProblem p = ApiProblem.invalid(slug, detail);
    return property == null ? p : p.with("property", property);
  }

  // ---------------------------------------------------------------- writing

  static Map<String, Object> write(CoopPark p, boolean withGeometry, MultiPolygon boundary) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("name", p.name());
    m.put("nameEn", p.nameEn());
    m.put("promoter", Map.of("name", p.promoterName(), "code", p.promoterCode()));
    m.put("hosts", p.hostCodes());
    if (p.zoneCode() != null) {
      m.put("zone", Map.of("planId", p.planId(), "code", p.zoneCode()));
    }
    m.put("illustrative", p.illustrative());
    m.put("boundaryNote", p.boundaryNote());
    m.put("sharingRule", rule(p.sharingRule()));
    m.put("figures", p.figures().stream().map(ParkJson::figure).toList());
    m.put("source", p.source());
    m.put("updatedBy", p.updatedBy());
    m.put("updatedAt", p.updatedAt() == null ? null : p.updatedAt().toString());
    if (withGeometry) {
      m.put("geometry", boundary == null ? null : GeoJson.write(boundary));
    }
    return m;
  }

  static Map<String, Object> rule(SharingRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", r.kind().name());
    m.put("label", r.label());
    m.put("note", r.note());
    m.put(
        "splits",
        r.splits().stream()
            .map(
                s -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("landingMode", s.landingMode().label());
                  x.put("promoterPercent", s.promoterPercent());
                  x.put("hostPercent", s.hostPercent());
                  return x;
                })
            .toList());
    return m;
  }

  static Map<String, Object> figure(ParkFigure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("item", f.item());
    m.put("label", ParkItems.label(f.item()));
    m.put("labelEn", ParkItems.labelEn(f.item()));
    m.put("period", f.period());
    m.put("value", f.value());
    m.put("valueText", f.value().toPlainString());
    m.put("unit", f.unit());
    m.put("sourcePhrase", f.sourcePhrase());
    return m;
  }
}
