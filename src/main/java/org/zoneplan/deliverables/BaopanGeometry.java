package org.zoneplan.deliverables;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.zoneplan.codecs.BaopanFile;
import org.zoneplan.codecs.BaopanFile.Problem;
import org.zoneplan.geo.BoundaryPoint;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.geo.GeometryIssue;
import org.zoneplan.geo.PolygonValidator;

/**
 * Between zone geometry (EPSG:4490) and the 报盘 file's parcels (Gauss-Krüger X/Y). Spring-free.
 *
 * <p>Writing: a zone is one parcel (地块); its rings are numbered 圈号 1, 2, … in the order of {@link
 * org.zoneplan.geo.BoundaryPoints} (each polygon's shell, then its holes, then the next polygon),
 * points J1… continuing through the zone, each ring closed by repeating its first point (same
 * name). 地块面积 is the planar area in the file's plane in 公顷, to 4 decimals (1 m²): the figure an
 * approval system recomputes from the coordinates.
 *
 * <p>Reading: the rings of a parcel are told apart by 圈号; which ring is a shell and which a hole
 * follows from containment (a ring inside an odd number of the parcel's other rings is a hole of
 * the innermost), not from the order or the direction, which producers do not agree on. The CRS is
 * the one given, else the zone number in front of 8-digit Y values, else the header's 带号 (zone
 * number 25–45, or a central meridian 75–135°E) for 6-digit Y values.
 */
public final class BaopanGeometry {
  private static final GeometryFactory PLANE = new GeometryFactory();
  private static final GeometryFactory GEOGRAPHIC =
      new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4490);

  private BaopanGeometry() {}

  /** The {@code [属性描述]} fields of a file in {@code crs}. */
  public static Map<String, String> attributes(String producer, LocalDate date, Crs crs) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("格式版本号", "1.01");
    a.put("数据产生单位", producer == null ? "" : producer.replace('\n', ' ').strip());
    a.put("数据产生日期", date.toString());
    a.put("坐标系", "2000国家大地坐标系");
    a.put("几度分带", "3");
    a.put("投影类型", "高斯克吕格");
    a.put("计量单位", "米");
    a.put("带号", Integer.toString(crs.gaussKruger().zone()));
    a.put("精度", "0.001");
    // No transformation: the coordinates are CGCS2000 already; the commas are kept as the format
    // asks.
    a.put("转换参数", ",,,,,,");
    return a;
  }

  /**
   * A zone as one parcel of the file.
   *
   * @param points the zone's boundary points in the file's CRS ({@link
   *     org.zoneplan.geo.BoundaryPoints#of})
   * @param planarAreaM2 the zone's area in the file's plane, m²
   */
  public static BaopanFile.Parcel parcel(
      String code, String name, String use, List<BoundaryPoint> points, double planarAreaM2) {
    List<BaopanFile.Point> lines = new ArrayList<>();
    int ringNumber = 0;
    for (int i = 0; i < points.size(); i++) {
      BoundaryPoint p = points.get(i);
      boolean startsRing =
          i == 0 || points.get(i - 1).part() != p.part() || points.get(i - 1).ring() != p.ring();
      if (startsRing) {
        ringNumber++;
      }
      lines.add(new BaopanFile.Point(0, p.name(), ringNumber, round(p.x()), round(p.y())));
      boolean endsRing =
          i == points.size() - 1
              || points.get(i + 1).part() != p.part()
              || points.get(i + 1).ring() != p.ring();
      if (endsRing) {
        BaopanFile.Point first = firstOfRing(lines);
        lines.add(new BaopanFile.Point(0, first.name(), ringNumber, first.x(), first.y()));
      }
    }
    return new BaopanFile.Parcel(
        0, lines.size(), planarAreaM2 / 10_000, code, name, "面", "", use, "", lines);
  }

  private static BaopanFile.Point firstOfRing(List<BaopanFile.Point> lines) {
    int ring = lines.get(lines.size() - 1).ring();
    int i = lines.size() - 1;
    while (i > 0 && lines.get(i - 1).ring() == ring) {
      i--;
    }
    return lines.get(i);
  }

  /** Metres to the file's 0.001 m. */
  static double round(double metres) {
    return Math.round(metres * 1000.0) / 1000.0;
  }

  /**
   * The CRS of a file's coordinates (see the class comment); problems are added by line.
   *
   * @param given the {@code epsg=} parameter, or null
   * @return null when it cannot be decided (a problem says why)
   */
  public static Crs crs(BaopanFile.Content content, Integer given, List<Problem> problems) {
    Map<String, String> a = content.attributes();
    Map<String, Integer> at = content.attributeLines();
    String bands = a.get("几度分带");
    if (bands != null && !bands.isBlank() && !bands.strip().equals("3")) {
      problems.add(new Problem(at.get("几度分带"), "几度分带=" + bands + "：只支持 CGCS2000 的 3 度带"));
    }
    String system = a.get("坐标系");
    if (system != null && !system.isBlank() && !system.contains("2000")) {
      problems.add(new Problem(at.get("坐标系"), "坐标系=" + system + "：只支持 2000国家大地坐标系（CGCS2000）"));
    }
    Crs crs = null;
    BaopanFile.Point first = content.parcels().get(0).points().get(0);
    if (given != null) {
      try {
        crs = new Crs(given);
        if (crs.isGeographic()) {
          problems.add(new Problem(0, "epsg=" + given + "：报盘文件的坐标是高斯-克吕格平面坐标，应为 4513–4554"));
          return null;
        }
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(0, "epsg=" + given + "：" + e.getMessage()));
        return null;
      }
    } else if (first.y() >= 10_000_000) {
      int zone = (int) Math.floor(first.y() / 1_000_000);
      if (zone < GaussKruger.FIRST_ZONE || zone > GaussKruger.LAST_ZONE) {
        problems.add(
            new Problem(
                first.line(), "Y坐标 " + first.y() + " 的带号 " + zone + " 不是 CGCS2000 3 度带（25–45）"));
        return null;
      }
      crs = new Crs(new GaussKruger(zone).epsgWithZonePrefix());
    } else {
      String band = a.get("带号");
      Integer zone = null;
      if (band != null && band.strip().matches("[0-9]{1,3}")) {
        int v = Integer.parseInt(band.strip());
        if (v >= GaussKruger.FIRST_ZONE && v <= GaussKruger.LAST_ZONE) {
          zone = v;
        } else if (v % 3 == 0
            && v / 3 >= GaussKruger.FIRST_ZONE
            && v / 3 <= GaussKruger.LAST_ZONE) {
          zone = v / 3;
        }
      }
      if (zone == null) {
        problems.add(
            new Problem(
                band == null ? first.line() : at.get("带号"),
                band == null
                    ? "Y坐标不带带号，[属性描述] 也没有带号：请在文件中写明带号，或给出 epsg="
                    : "带号=" + band + " 不是 3 度带带号（25–45）或中央经线（75–135）"));
        return null;
      }
      crs = new Crs(new GaussKruger(zone).epsg());
    }
    // Every Y must fit the CRS: 8 digits with its zone number, or 6 digits.
    long zonePart = crs.zonePrefix() ? crs.gaussKruger().zone() * 1_000_000L : 0;
    int reported = 0;
    for (BaopanFile.Parcel p : content.parcels()) {
      for (BaopanFile.Point point : p.points()) {
        double easting = point.y() - zonePart;
        String wrong = null;
        if (easting < 0 || easting >= 1_000_000) {
          wrong =
              "Y坐标 "
                  + point.y()
                  + " 不在 "
                  + crs
                  + (crs.zonePrefix()
                      ? "（应以带号 " + crs.gaussKruger().zone() + " 开头的 8 位数）"
                      : "（应为 6 位数，不带带号）");
        } else if (point.x() < 300_000 || point.x() > 6_100_000) {
          wrong = "X坐标 " + point.x() + " 不在中国的纬度范围（约 300000–6100000 米）";
        }
        if (wrong != null && reported++ < 100) {
          problems.add(new Problem(point.line(), wrong));
        }
      }
    }
    return crs;
  }

  /**
   * The parcels' rings rebuilt as one MultiPolygon in EPSG:4490 (every parcel's polygons together);
   * problems are added by line and null is returned when there is any.
   */
  public static MultiPolygon geometry(
      List<BaopanFile.Parcel> parcels, Crs crs, List<Problem> problems) {
    int before = problems.size();
    List<Polygon> polygons = new ArrayList<>();
    List<BaopanFile.Point> all = new ArrayList<>();
    for (BaopanFile.Parcel parcel : parcels) {
      all.addAll(parcel.points());
      polygons.addAll(polygons(parcel, problems));
    }
    if (problems.size() > before) {
      return null;
    }
    MultiPolygon plane = PLANE.createMultiPolygon(polygons.toArray(Polygon[]::new));
    TopologyValidationError error = new IsValidOp(plane).getValidationError();
    if (error != null) {
      problems.add(
          new Problem(nearestLine(all, error.getCoordinate()), topologyText(error, "地块之间")));
      return null;
    }
    Geometry geographic = crs.toCgcs2000().apply(plane);
    MultiPolygon result = GEOGRAPHIC.createMultiPolygon(polygonsOf(geographic));
    GeometryIssue issue = PolygonValidator.check(result).orElse(null);
    if (issue != null) {
      int line = parcels.get(0).line();
      if (issue.coordinate() != null) {
        line =
            nearestLine(
                all,
                crs.fromCgcs2000()
                    .apply(GEOGRAPHIC.createPoint(issue.coordinate()))
                    .getCoordinate());
      }
      problems.add(new Problem(line, "转换到 EPSG:4490 后几何无效：" + issue.reason()));
      return null;
    }
    return result;
  }

  private static Polygon[] polygonsOf(Geometry g) {
    Polygon[] out = new Polygon[g.getNumGeometries()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Polygon) g.getGeometryN(i);
    }
    return out;
  }

  /** One parcel's polygons in the plane (x = easting Y, y = northing X). */
  private static List<Polygon> polygons(BaopanFile.Parcel parcel, List<Problem> problems) {
    // Rings as the reader grouped them: consecutive lines of one 圈号.
    List<List<BaopanFile.Point>> ringPoints = new ArrayList<>();
    for (BaopanFile.Point p : parcel.points()) {
      if (ringPoints.isEmpty() || ringPoints.get(ringPoints.size() - 1).get(0).ring() != p.ring()) {
        ringPoints.add(new ArrayList<>());
      }
      ringPoints.get(ringPoints.size() - 1).add(p);
    }
    List<LinearRing> rings = new ArrayList<>();
    boolean bad = false;
    for (List<BaopanFile.Point> points : ringPoints) {
      Coordinate[] coordinates = new Coordinate[points.size()];
      for (int i = 0; i < coordinates.length; i++) {
        coordinates[i] = new Coordinate(points.get(i).y(), points.get(i).x());
      }
      LinearRing ring = PLANE.createLinearRing(coordinates);
      int ringNo = points.get(0).ring();
      // IsValidOp names the crossing itself (IsSimpleOp may name the ring's start instead).
      TopologyValidationError crossing =
          new IsValidOp(PLANE.createPolygon(ring)).getValidationError();
      if (crossing != null) {
        Coordinate c = crossing.getCoordinate();
        problems.add(
            new Problem(nearestLine(points, c), topologyText(crossing, "第 " + ringNo + " 圈")));
        bad = true;
        continue;
      }
      if (PLANE.createPolygon(ring).getArea() < 1e-6) {
        problems.add(new Problem(points.get(0).line(), "第 " + ringNo + " 圈面积为 0"));
        bad = true;
        continue;
      }
      rings.add(ring);
    }
    if (bad) {
      return List.of();
    }
    // Shells and holes by containment depth.
    int n = rings.size();
    List<Polygon> filled = new ArrayList<>();
    for (LinearRing r : rings) {
      filled.add(PLANE.createPolygon(r));
    }
    int[] depth = new int[n];
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = -1;
      for (int j = 0; j < n; j++) {
        if (i != j
            && filled.get(j).contains(filled.get(i).getInteriorPoint())
            && filled.get(j).getArea() > filled.get(i).getArea()) {
          depth[i]++;
          if (parent[i] < 0 || filled.get(j).getArea() < filled.get(parent[i]).getArea()) {
            parent[i] = j;
          }
        }
      }
    }
    List<Polygon> polygons = new ArrayList<>();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingInt(i -> i));
    for (int i : order) {
      if (depth[i] % 2 != 0) {
        continue;
      }
      List<LinearRing> holes = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (depth[j] % 2 != 0 && parent[j] == i) {
          holes.add(rings.get(j));
        }
      }
      polygons.add(PLANE.createPolygon(rings.get(i), holes.toArray(LinearRing[]::new)));
    }
    List<BaopanFile.Point> all = parcel.points();
    for (Polygon polygon : polygons) {
      TopologyValidationError error = new IsValidOp(polygon).getValidationError();
      if (error != null) {
        problems.add(new Problem(nearestLine(all, error.getCoordinate()), topologyText(error, "")));
        return List.of();
      }
    }
    return polygons;
  }

  private static String topologyText(TopologyValidationError error, String where) {
    String what =
        switch (error.getErrorType()) {
          case TopologyValidationError.SELF_INTERSECTION,
                  TopologyValidationError.RING_SELF_INTERSECTION ->
              "自相交";
          case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "内圈不在外圈之内";
          case TopologyValidationError.NESTED_HOLES -> "内圈相互嵌套";
          case TopologyValidationError.NESTED_SHELLS -> "地块相互重叠";
          case TopologyValidationError.DISCONNECTED_INTERIOR -> "内圈把地块分开";
          default -> "几何无效";
        };
    Coordinate c = error.getCoordinate();
    return where
        + what
        + (c == null ? "" : String.format(java.util.Locale.ROOT, "，约在 X=%.3f, Y=%.3f", c.y, c.x))
        + "（"
        + error.getMessage()
        + "）";
  }

  /** The line of the point nearest to a plane coordinate (x = easting). */
  private static int nearestLine(List<BaopanFile.Point> points, Coordinate c) {
    if (c == null || points.isEmpty()) {
      return points.isEmpty() ? 0 : points.get(0).line();
    }
    BaopanFile.Point best = points.get(0);
    double bestD = Double.POSITIVE_INFINITY;
    for (BaopanFile.Point p : points) {
      double d = Math.hypot(p.y() - c.x, p.x() - c.y);
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    return best.line();
  }
}
