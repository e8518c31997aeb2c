package org.zoneplan.programmes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.sample.IllustrativeLayout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample of 萧山区"4286"产业载体 (Spring-free, deterministic): the 20 carriers of {@code
 * programmes/xiaoshan-4286-carriers.csv} with their 2022 group and phrase, each given an
 * <em>illustrative</em> rectangle inside 萧山区's outline ({@code programmes/xiaoshan-330109.geojson},
 * repaired: every ring of that file is invalid). The plan publishes no boundaries and no areas.
 *
 * <p>Layout: a grid of cells of {@link #CELL_LON}° × {@link #CELL_LAT}° over the outline's box, in
 * rows from the north-west; a cell is a candidate when its rectangle (the cell shrunk by a margin)
 * lies wholly inside the outline; the carriers take candidates evenly spaced through the list. Each
 * rectangle lies inside its own cell, so no two overlap.
 */
final class XiaoshanCarriers {
  static final String DIVISION_CODE = "330109";
  static final double CELL_LON = 0.03;
  static final double CELL_LAT = 0.025;

  /** The plan's categories with their counts, in the plan's order ("4286"). */
  static final List<Programme.Category> CATEGORIES =
      List.of(
          new Programme.Category("产业新城", 4),
          new Programme.Category("产业基地", 2),
          new Programme.Category("特色小镇", 8),
          new Programme.Category("产业社区", 6));

  /** The groups of the csv's group_2022 column, in the plan's order. */
  static final List<String> STATUSES = List.of("基本建设完成", "建设初具规模", "更新改造取得明显成效", "有实质性推进");

  /**
   * @param name as in the csv
   * @param group its group_2022, as in the csv
   * @param phrase the plan's phrase for the group (the csv gives it on the group's first row)
   * @param category inferred from the name (the plan does not say)
   */
  record Carrier(String name, String group, String phrase, String category, Polygon shape) {}

  private XiaoshanCarriers() {}

  static List<Carrier> load() {
    MultiPolygon outline = outline();
    List<String[]> rows = csv();
    List<Polygon> shapes = layout(outline, rows.size());
    List<Carrier> out = new ArrayList<>();
    String phrase = null;
    String group = null;
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      if (!r[1].equals(group)) {
        group = r[1];
        phrase = r.length > 2 && !r[2].isBlank() ? r[2] : null;
      }
      out.add(new Carrier(r[0], r[1], phrase, category(r[0]), shapes.get(i)));
    }
    return out;
  }

  /** 产业新城 for names ending in 城, 产业基地 for 基地(…), 特色小镇 for 小镇, else 产业社区. */
  static String category(String name) {
    String base = name.replaceAll("[(（].*$", "");
    if (base.endsWith("小镇")) {
      return "特色小镇";
    }
    if (base.endsWith("基地")) {
      return "产业基地";
    }
    if (base.endsWith("城")) {
      return "产业新城";
    }
    return "产业社区";
  }

  static MultiPolygon outline() {
    JsonNode fc = JsonMapper.builder().build().readTree(resource("xiaoshan-330109.geojson"));
    JsonNode geometry = fc.get("features").get(0).get("geometry");
    if (!"Polygon".equals(geometry.get("type").asString())) {
      throw new IllegalStateException("expected the outline of 萧山区 as one Polygon");
    }
    JsonNode rings = geometry.get("coordinates");
    LinearRing shell = ring(rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i));
    }
    Polygon raw = Cgcs2000.GEOMETRY_FACTORY.createPolygon(shell, holes);
    return GeometryRepair.repair(raw).geometry();
  }

  private static LinearRing ring(JsonNode positions) {
    Coordinate[] cs = new Coordinate[positions.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] =
          new Coordinate(positions.get(i).get(0).asDouble(), positions.get(i).get(1).asDouble());
    }
    return Cgcs2000.GEOMETRY_FACTORY.createLinearRing(cs);
  }

  /** Rectangles of different sizes (about 0.6–1.5 km²), each inside its own grid cell. */
  static List<Polygon> layout(MultiPolygon outline, int n) {
    return IllustrativeLayout.rectangles(outline, n, CELL_LON, CELL_LAT, 0.2, "carriers");
  }

  /** name, group, phrase rows of the csv (no quoted fields in it), without the header. */
  static List<String[]> csv() {
    String text = new String(resource("xiaoshan-4286-carriers.csv"), StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    String[] lines = text.strip().split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",", -1);
      if (cells.length < 2 || cells[0].isBlank()) {
        throw new IllegalStateException("bad row " + (i + 1) + " of xiaoshan-4286-carriers.csv");
      }
      rows.add(cells);
    }
    return rows;
  }

  private static byte[] resource(String name) {
    try (InputStream in = XiaoshanCarriers.class.getResourceAsStream("/programmes/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource programmes/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
