package org.zoneplan.deliverables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKTReader;
import org.zoneplan.codecs.BaopanFile;
import org.zoneplan.codecs.BaopanFile.Problem;
import org.zoneplan.geo.BoundaryPoint;
import org.zoneplan.geo.BoundaryPoints;
import org.zoneplan.geo.Crs;
import org.zoneplan.testsupport.Cs2cs;

/** The 报盘 file without Spring: writing, reading back, the CRS rules, and refused files. */
class BaopanGeometryTest {
  /** Two parts near Pujiang, the first with a hole; stored counter-clockwise. */
  static final String ZONE =
      "MULTIPOLYGON (((119.90 29.45, 119.92 29.45, 119.92 29.47, 119.90 29.47, 119.90 29.45),"
          + " (119.905 29.455, 119.905 29.46, 119.91 29.46, 119.91 29.455, 119.905 29.455)),"
          + " ((119.93 29.45, 119.95 29.45, 119.94 29.465, 119.93 29.45)))";

  static Geometry zone() throws Exception {
    return new WKTReader().read(ZONE);
  }

  static byte[] file(Geometry zone, Crs crs) {
    BaopanFile.Parcel parcel =
        BaopanGeometry.parcel(
            "PJ-T",
            "测试区块",
            "",
            BoundaryPoints.of(zone, crs),
            crs.fromCgcs2000().apply(zone).getArea());
    return BaopanFile.write(
        BaopanGeometry.attributes("测试单位", LocalDate.of(2026, 12, 5), crs), List.of(parcel));
  }

  @Test
  void writesGbkWithTheHeaderAndClosedRings() throws Exception {
    byte[] bytes = file(zone(), new Crs(4528));
    List<String> lines = new String(bytes, Charset.forName("GBK")).lines().toList();
    assertThat(lines.subList(0, 12))
        .containsExactly(
            "[属性描述]",
            "格式版本号=1.01",
            "数据产生单位=测试单位",
            "数据产生日期=2026-12-05",
            "坐标系=2000国家大地坐标系",
            "几度分带=3",
            "投影类型=高斯克吕格",
            "计量单位=米",
            "带号=40",
            "精度=0.001",
            "转换参数=,,,,,,",
            "[地块坐标]");
    // 4 + 4 + 3 points, each ring closed by repeating its first point: 14 lines.
    assertThat(lines.get(12)).matches("14,[0-9]+\\.[0-9]{4},PJ-T,测试区块,面,,,,@");
    assertThat(lines).hasSize(13 + 14);
    assertThat(lines.get(13)).startsWith("J1,1,");
    assertThat(lines.get(17)).isEqualTo(lines.get(13));
    assertThat(lines.get(18)).startsWith("J5,2,");
    assertThat(lines.get(22)).isEqualTo(lines.get(18));
    assertThat(lines.get(23)).startsWith("J9,3,");
    assertThat(lines.get(26)).isEqualTo(lines.get(23));
  }

  @Test
  void coordinatesInTheFileEqualProjsToOneMillimetre() throws Exception {
    Cs2cs.requireAvailable();
    Geometry zone = zone();
    for (int epsg : new int[] {4528, 4549}) {
      byte[] bytes = file(zone, new Crs(epsg));
      List<BaopanFile.Point> points =
          BaopanFile.read(bytes, BaopanFile.Limits.DEFAULT).parcels().get(0).points();
      // The stored vertices in the file's order (J1… by the numbering rule), closings included.
      List<double[]> lonLat = new ArrayList<>();
      List<BoundaryPoint> table = BoundaryPoints.of(zone, new Crs(epsg));
      for (BaopanFile.Point p : points) {
        BoundaryPoint bp = table.get(Integer.parseInt(p.name().substring(1)) - 1);
        lonLat.add(new double[] {bp.longitude(), bp.latitude()});
      }
      List<Cs2cs.NorthEast> reference = Cs2cs.project(lonLat, epsg);
      for (int i = 0; i < points.size(); i++) {
        assertThat(points.get(i).x()).isCloseTo(reference.get(i).northing(), within(0.001));
        assertThat(points.get(i).y()).isCloseTo(reference.get(i).easting(), within(0.001));
      }
    }
  }

  @Test
  void roundTripsVertexForVertexToOneMillimetre() throws Exception {
    Geometry zone = zone();
    for (int epsg : new int[] {4528, 4549}) {
      BaopanFile.Content content =
          BaopanFile.read(file(zone, new Crs(epsg)), BaopanFile.Limits.DEFAULT);
      List<Problem> problems = new ArrayList<>();
      Crs crs = BaopanGeometry.crs(content, null, problems);
      assertThat(problems).isEmpty();
      assertThat(crs.epsg()).isEqualTo(epsg);
      MultiPolygon back = BaopanGeometry.geometry(content.parcels(), crs, problems);
      assertThat(problems).isEmpty();
      assertThat(back.getNumGeometries()).isEqualTo(2);
      assertThat(((org.locationtech.jts.geom.Polygon) back.getGeometryN(0)).getNumInteriorRing())
          .isEqualTo(1);
      List<BoundaryPoint> before = BoundaryPoints.of(zone, new Crs(4549));
      List<BoundaryPoint> after = BoundaryPoints.of(back, new Crs(4549));
      assertThat(after).hasSameSizeAs(before);
      for (int i = 0; i < before.size(); i++) {
        double d =
            Math.hypot(after.get(i).x() - before.get(i).x(), after.get(i).y() - before.get(i).y());
        assertThat(d).as("%s moved", before.get(i).name()).isLessThanOrEqualTo(0.001);
      }
    }
  }

  @Test
  void theCrsComesFromTheEastingsOrTheHeader() throws Exception {
    Geometry zone = zone();
    String text = new String(file(zone, new Crs(4549)), Charset.forName("GBK"));
    assertThat(crsOf(text, null)).isEqualTo("EPSG:4549");
    assertThat(crsOf(text.replace("带号=40", "带号=120"), null)).isEqualTo("EPSG:4549");
    assertThat(crsOf(text.replace("带号=40\r\n", ""), null)).contains("Y坐标不带带号");
    assertThat(crsOf(text, 4549)).isEqualTo("EPSG:4549");
    String prefixed = new String(file(zone, new Crs(4528)), Charset.forName("GBK"));
    assertThat(crsOf(prefixed, null)).isEqualTo("EPSG:4528");
    // 8-digit eastings do not fit a CRS without the zone number.
    assertThat(crsOf(prefixed, 4549)).contains("不在 EPSG:4549");
    assertThat(crsOf(text.replace("几度分带=3", "几度分带=6"), null)).contains("3 度带");
  }

  private static String crsOf(String text, Integer epsg) {
    BaopanFile.Content content =
        BaopanFile.read(text.getBytes(Charset.forName("GBK")), BaopanFile.Limits.DEFAULT);
    List<Problem> problems = new ArrayList<>();
    Crs crs = BaopanGeometry.crs(content, epsg, problems);
    return problems.isEmpty()
        ? crs.toString()
        : problems.stream().map(Problem::problem).collect(Collectors.joining("; "));
  }

  @Test
  void aFileWithKnownErrorsIsRefusedLineByLine() throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/deliverables/baopan-errors.txt")) {
      bytes = in.readAllBytes();
    }
    BaopanFile.Checked checked = BaopanFile.readChecked(bytes, BaopanFile.Limits.DEFAULT);
    List<Problem> problems = new ArrayList<>(checked.problems());
    // Parcels A (good) and D (self-intersecting) pass the text checks.
    assertThat(checked.content().parcels())
        .extracting(BaopanFile.Parcel::code)
        .containsExactly("PJ-TEST-A", "PJ-TEST-D");
    Crs crs = BaopanGeometry.crs(checked.content(), null, problems);
    assertThat(crs.epsg()).isEqualTo(4528);
    for (BaopanFile.Parcel parcel : checked.content().parcels()) {
      BaopanGeometry.geometry(List.of(parcel), crs, problems);
    }
    problems.sort(java.util.Comparator.comparingInt(Problem::line));
    assertThat(problems).extracting(Problem::line).containsExactly(13, 24, 28, 33);
    assertThat(problems.get(0).problem()).contains("界址点数 6");
    assertThat(problems.get(1).problem()).contains("未闭合");
    assertThat(problems.get(2).problem()).contains("自相交");
    assertThat(problems.get(3).problem()).contains("Y坐标").contains("不是数字");
  }
}
