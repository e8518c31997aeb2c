package org.zoneplan.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryIssue;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.geo.GeometryRejectedException;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.parcels.CreditCode;
import tools.jackson.databind.JsonNode;

/**
 * The checks of a project's fields, shared by the JSON API and the table import so that both refuse
 * the same things with the same words. Each method returns the clean value or throws a {@link
 * FieldProblem} naming the field. Spring-free, thread-safe.
 */
final class ProjectFields {
  static final int MAX_NAME = 200;
  static final int MAX_LISTS = 20;
  static final int MAX_LIST_NAME = 100;
  static final int MIN_YEAR = 1949;
  static final int MAX_YEAR = 2100;

  /** Largest investment of one project or year: 10⁹ 万元 (10 万亿元). */
  static final BigDecimal MAX_WAN = new BigDecimal("1000000000");

  static final int MAX_SCALE = 4;

  private ProjectFields() {}

  static String name(String name) {
    if (name == null || name.isBlank()) {
      throw new FieldProblem("name", "项目名称不能为空 (a project needs a name)");
    }
    String n = name.strip();
    if (n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
      throw new FieldProblem(
          "name", "项目名称须为 1–" + MAX_NAME + " 字, 不含控制字符 (name too long or has control characters)");
    }
    return n;
  }

  static String creditCode(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    String c = code.strip().toUpperCase(java.util.Locale.ROOT);
    CreditCode.problem(c)
        .ifPresent(
            p -> {
              throw new FieldProblem("creditCode", "统一社会信用代码无效: " + p);
            });
    return c;
  }

  static BigDecimal wan(String field, BigDecimal value) {
    if (value == null) {
      return null;
    }
    if (value.signum() < 0 || value.compareTo(MAX_WAN) > 0) {
      throw new FieldProblem(
          field,
          "金额须在 0 到 "
              + MAX_WAN.toPlainString()
              + " 万元之间 (investment in 万元 out of range), was "
              + value.toPlainString());
    }
    if (value.stripTrailingZeros().scale() > MAX_SCALE) {
      throw new FieldProblem(
          field, "金额最多 " + MAX_SCALE + " 位小数 (at most 4 decimals), was " + value.toPlainString());
    }
    return value.setScale(MAX_SCALE);
  }

  static BigDecimal wan(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return wan(field, new BigDecimal(text.strip().replace(",", "")));
    } catch (NumberFormatException e) {
      throw new FieldProblem(field, "不是数字 (not a number): \"" + text.strip() + "\"");
    }
  }

  static int year(String field, int year) {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new FieldProblem(
          field, "年份须为 " + MIN_YEAR + "–" + MAX_YEAR + " (year out of range): " + year);
    }
    return year;
  }

  static ProjectStage stage(String text) {
    if (text == null || text.isBlank()) {
      throw new FieldProblem("stage", "阶段不能为空: 签约, 开工, 竣工 或 投产 (stage is required)");
    }
    return ProjectStage.parse(text.strip())
        .orElseThrow(
            () ->
                new FieldProblem(
                    "stage", "阶段须为 签约, 开工, 竣工 或 投产 (unknown stage): \"" + text.strip() + "\""));
  }

  static LandingMode landingMode(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return LandingMode.parse(text.strip())
        .orElseThrow(
            () ->
                new FieldProblem(
                    "landingMode",
                    "落地方式须为 合作导入, 整体迁入 或 产业共育 (unknown landing mode): \"" + text.strip() + "\""));
  }

  static LocalDate date(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    LocalDate d;
    try {
      d = LocalDate.parse(text.strip().replace('/', '-'));
    } catch (DateTimeParseException e) {
      throw new FieldProblem(field, "日期须为 YYYY-MM-DD (not a date): \"" + text.strip() + "\"");
    }
    if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
      throw new FieldProblem(
          field, "日期超出 " + MIN_YEAR + "–" + MAX_YEAR + " (date out of range): " + d);
    }
    return d;
  }

  /**
   * Dates only for stages reached, and a later stage never before an earlier one.
   *
   * @return the dates in stage order
   */
  static Map<ProjectStage, LocalDate> stageDates(
      ProjectStage stage, Map<ProjectStage, LocalDate> dates) {
    Map<ProjectStage, LocalDate> out = new EnumMap<>(ProjectStage.class);
    LocalDate previous = null;
    ProjectStage previousStage = null;
    for (ProjectStage s : ProjectStage.values()) {
      LocalDate d = dates.get(s);
      if (d == null) {
        continue;
      }
      if (s.ordinal() > stage.ordinal()) {
        throw new FieldProblem(
            "stageDates." + s.label(),
            "项目阶段为" + stage.label() + ", 不应有" + s.label() + "日期 (a date for a stage not reached)");
      }
      if (previous != null && d.isBefore(previous)) {
        throw new FieldProblem(
            "stageDates." + s.label(),
            s.label()
                + "日期 "
                + d
                + " 早于"
                + previousStage.label()
                + "日期 "
                + previous
                + " (stage dates out of order)");
      }
      previous = d;
      previousStage = s;
      out.put(s, d);
    }
    return out;
  }

  static List<String> lists(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : names) {
      if (n == null || n.isBlank()) {
        continue;
      }
      String s = n.strip();
      if (s.length() > MAX_LIST_NAME || s.chars().anyMatch(Character::isISOControl)) {
        throw new FieldProblem("lists", "清单名称须为 1–" + MAX_LIST_NAME + " 字 (list name too long)");
      }
      out.add(s);
    }
    if (out.size() > MAX_LISTS) {
      throw new FieldProblem("lists", "最多 " + MAX_LISTS + " 个清单 (too many lists): " + out.size());
    }
    return new ArrayList<>(out);
  }

  /** Lists as a table cell writes them: separated by 、 ; ； , ， or |. */
  static List<String> lists(String cell) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    return lists(List.of(cell.split("[、;；,，|]")));
  }

  static String zoneCode(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String c = text.strip();
    if (!c.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new FieldProblem("zoneCode", "区块编码无效 (not a zone code): \"" + c + "\"");
    }
    return c;
  }

  /** A point from longitude and latitude (EPSG:4490), inside China, not swapped. */
  static Point point(String lonField, Double lon, Double lat) {
    if (lon == null || lat == null || !Double.isFinite(lon) || !Double.isFinite(lat)) {
      throw new FieldProblem(lonField, "经度和纬度须同时给出 (longitude and latitude go together)");
    }
    Point p = Cgcs2000.GEOMETRY_FACTORY.createPoint(new Coordinate(lon, lat));
    extent(lonField, p);
    return p;
  }

  static Point point(String lonField, String latField, String lon, String lat) {
    boolean noLon = lon == null || lon.isBlank();
    boolean noLat = lat == null || lat.isBlank();
    if (noLon && noLat) {
      return null;
    }
    if (noLon || noLat) {
      throw new FieldProblem(
          noLon ? lonField : latField, "经度和纬度须同时给出 (longitude and latitude go together)");
    }
    return point(lonField, number(lonField, lon), number(latField, lat));
  }

  private static double number(String field, String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new FieldProblem(field, "不是数字 (not a number): \"" + text.strip() + "\"");
    }
  }

  /**
   * A GeoJSON Point, Polygon or MultiPolygon (EPSG:4490, lon/lat); polygons through {@link
   * GeoJson#readPolygonal} within the limits and {@link PolygonValidator}; null for JSON null.
   *
   * @throws GeometryRejectedException for a polygon that is refused (answered as for zones)
   */
  static Geometry location(JsonNode geometry, GeometryLimits limits) {
    if (geometry == null || geometry.isNull() || geometry.isMissingNode()) {
      return null;
    }
    JsonNode type = geometry.get("type");
    if (type != null && "Point".equals(type.asString(""))) {
      JsonNode c = geometry.get("coordinates");
      if (c == null
          || !c.isArray()
          || c.size() < 2
          || !c.get(0).isNumber()
          || !c.get(1).isNumber()) {
        throw new FieldProblem("geometry", "Point coordinates must be [longitude, latitude]");
      }
      return point("geometry", c.get(0).doubleValue(), c.get(1).doubleValue());
    }
    Geometry polygonal = GeoJson.readPolygonal(geometry, limits);
    PolygonValidator.requireValid(polygonal);
    return polygonal;
  }

  private static void extent(String field, Geometry g) {
    PolygonValidator.checkExtent(g)
        .map(GeometryIssue::reason)
        .ifPresent(
            reason -> {
              throw new FieldProblem(field, "位置不在中国境内或经纬度颠倒: " + reason);
            });
  }
}
