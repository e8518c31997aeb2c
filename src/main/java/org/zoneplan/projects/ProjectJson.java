package org.zoneplan.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A project as a GeoJSON Feature (EPSG:4490, lon/lat), read and written. Properties: {@code name},
 * {@code creditCode}, {@code planId}, {@code zoneCode}, {@code totalInvestmentWan}, {@code
 * yearlyInvestmentWan} ({@code {"2023": 1200}}), {@code stage} (签约, 开工, 竣工, 投产), {@code stageDates}
 * ({@code {"签约": "2023-03-01"}}), {@code landingMode} (合作导入, 整体迁入, 产业共育), {@code lists}, {@code
 * illustrative}. The geometry is a Point, Polygon or MultiPolygon, or null when the location is not
 * known.
 */
final class ProjectJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ProjectJson() {}

  /**
   * @throws FieldProblem naming the property
   */
  static Project read(JsonNode feature, GeometryLimits limits) {
    if (feature == null || !feature.isObject()) {
      throw new FieldProblem("", "a project is a GeoJSON Feature object");
    }
    JsonNode p = feature.get("properties");
    if (p == null || !p.isObject()) {
      throw new FieldProblem("properties", "the Feature has no \"properties\" object");
    }
    String name = ProjectFields.name(text(p, "name"));
    String creditCode = ProjectFields.creditCode(text(p, "creditCode"));
    String zoneCode = ProjectFields.zoneCode(text(p, "zoneCode"));
    String planId = text(p, "planId");
    if (zoneCode != null && (planId == null || planId.isBlank())) {
      throw new FieldProblem("planId", "a zoneCode needs the planId of its plan version");
    }
    planId = zoneCode == null ? null : planId.strip();
    BigDecimal total = ProjectFields.wan("totalInvestmentWan", decimal(p, "totalInvestmentWan"));
    SortedMap<Integer, BigDecimal> yearly = new TreeMap<>();
    JsonNode years = p.get("yearlyInvestmentWan");
    if (years != null && !years.isNull()) {
      if (!years.isObject()) {
        throw new FieldProblem(
            "yearlyInvestmentWan",
            "yearlyInvestmentWan is an object of year: 万元, e.g. {\"2023\": 1200}");
      }
      for (Map.Entry<String, JsonNode> e : years.properties()) {
        String field = "yearlyInvestmentWan." + e.getKey();
        int year;
        try {
          year = Integer.parseInt(e.getKey());
        } catch (NumberFormatException ex) {
          throw new FieldProblem(field, "not a year: \"" + e.getKey() + "\"");
        }
        ProjectFields.year(field, year);
        if (!e.getValue().isNumber()) {
          throw new FieldProblem(field, "investment of a year is a number of 万元");
        }
        BigDecimal v = ProjectFields.wan(field, e.getValue().decimalValue());
        yearly.put(year, v);
      }
    }
    ProjectStage stage = ProjectFields.stage(text(p, "stage"));
    Map<ProjectStage, LocalDate> dates = new EnumMap<>(ProjectStage.class);
    JsonNode stageDates = p.get("stageDates");
    if (stageDates != null && !stageDates.isNull()) {
      if (!stageDates.isObject()) {
        throw new FieldProblem("stageDates", "stageDates is an object of stage: date");
      }
      for (Map.Entry<String, JsonNode> e : stageDates.properties()) {
        ProjectStage s =
            ProjectStage.parse(e.getKey())
                .orElseThrow(
                    () ->
                        new FieldProblem(
                            "stageDates." + e.getKey(),
                            "unknown stage \"" + e.getKey() + "\": 签约, 开工, 竣工 or 投产"));
        LocalDate d = ProjectFields.date("stageDates." + e.getKey(), e.getValue().asString(""));
        if (d != null) {
          dates.put(s, d);
        }
      }
    }
    dates = ProjectFields.stageDates(stage, dates);
    LandingMode mode = ProjectFields.landingMode(text(p, "landingMode"));
    List<String> lists = new ArrayList<>();
    JsonNode l = p.get("lists");
    if (l != null && !l.isNull()) {
      if (!l.isArray()) {
        throw new FieldProblem("lists", "lists is an array of names, e.g. [\"省重大项目\"]");
      }
      if (l.size() > ProjectFields.MAX_LISTS) {
        throw new FieldProblem("lists", "at most " + ProjectFields.MAX_LISTS + " lists");
      }
      l.forEach(n -> lists.add(n.asString("")));
    }
    JsonNode illustrative = p.get("illustrative");
    if (illustrative != null && !illustrative.isNull() && !illustrative.isBoolean()) {
      throw new FieldProblem("illustrative", "illustrative is true or false");
    }
    Geometry location = ProjectFields.location(feature.get("geometry"), limits);
    return new Project(
        0,
        name,
        creditCode,
        planId,
        zoneCode,
        total,
        yearly,
        stage,
        dates,
        mode,
        ProjectFields.lists(lists),
        illustrative != null && illustrative.asBoolean(false),
        location,
        null,
        null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw new FieldProblem(field, field + " is text");
    }
    return v.stringValue();
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw new FieldProblem(field, field + " is a number (万元)");
    }
    return v.decimalValue();
  }

  /** The project as a Feature; {@code zones} are the codes it belongs to, when asked. */
  static ObjectNode feature(Project p, List<String> zones, String via) {
    ObjectNode f = NODES.objectNode();
    f.put("type", "Feature");
    f.put("id", p.id());
    ObjectNode props = f.putObject("properties");
    props.put("id", p.id());
    props.put("name", p.name());
    props.put("creditCode", p.creditCode());
    props.put("planId", p.planId());
    props.put("zoneCode", p.zoneCode());
    props.put("totalInvestmentWan", p.totalInvestmentWan());
    ObjectNode years = props.putObject("yearlyInvestmentWan");
    p.yearlyInvestmentWan().forEach((y, v) -> years.put(Integer.toString(y), v));
    props.put("stage", p.stage().label());
    ObjectNode dates = props.putObject("stageDates");
    p.stageDates().forEach((s, d) -> dates.put(s.label(), d.toString()));
    props.put("landingMode", p.landingMode() == null ? null : p.landingMode().label());
    var lists = props.putArray("lists");
    p.lists().forEach(lists::add);
    props.put("illustrative", p.illustrative());
    if (zones != null) {
      var z = props.putArray("zones");
      zones.forEach(z::add);
      props.put("zoneBy", via);
    }
    props.put("createdBy", p.createdBy());
    props.put("createdAt", p.createdAt() == null ? null : p.createdAt().toString());
    if (p.location() == null) {
      f.putNull("geometry");
    } else {
      f.set("geometry", GeoJson.write(p.location()));
      Point anchor = p.anchor();
      var a = props.putArray("anchor");
      a.add(anchor.getX());
      a.add(anchor.getY());
    }
    return f;
  }
}
