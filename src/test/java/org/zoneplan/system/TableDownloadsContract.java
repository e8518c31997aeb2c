package org.zoneplan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.codecs.CsvTableReader;
import org.zoneplan.codecs.TableLimits;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.LibreOffice;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import tools.jackson.databind.JsonNode;

/**
 * The page's tables as .xlsx (issue 15, point 5) on the sample data (3,000 parcels): each workbook,
 * fetched by a VIEWER and read back with POI, holds the figures of the JSON endpoint of the same
 * parameters, compared value by value with the JSON (never with figures of the code under test);
 * the file name is Chinese in {@code filename*} (RFC 5987); bad parameters are problem answers; one
 * table goes through LibreOffice (to CSV) and still equals the JSON. Runs unchanged on H2GIS and
 * PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TableDownloadsContract {
  static final String PARCELS = "3000";
  static final String PLAN = "pujiang-2021";
  static final String CORE = "PJ-1-CORE";
  static final String OVERLAP_PLAN = "xlsx-overlaps";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final Credentials VIEWER = new Credentials("t-xlsx-viewer", "test-pass-1");

  @LocalServerPort int port;
  @Autowired ZoneRepository zones;
  @Autowired JdbcClient jdbc;
  @TempDir Path dir;
  Http http;

  @BeforeEach
  void viewer() {
    http = new Http(port);
    if (http.get("/api/users/" + VIEWER.username()).status() == 404) {
      Http.Response created =
          http.post(
              "/api/users",
              "{\"username\":\""
                  + VIEWER.username()
                  + "\",\"password\":\""
                  + VIEWER.password()
                  + "\",\"roles\":[\"VIEWER\"]}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
    }
  }

  // ---------------------------------------------------------------- the tables

  /**
   * The sample's zones have no problems: a plan of its own with two zones overlapping and a third
   * 10 m from the second (a gap under the 50 m tolerance).
   */
  private void overlapFixture() {
    if (zones.findPlan(OVERLAP_PLAN).isPresent()) {
      return;
    }
    zones.insertPlan(
        new PlanVersion(OVERLAP_PLAN, "重叠测试规划", LocalDate.of(2024, 1, 1), PlanStatus.DRAFT));
    zone("OV-A", "甲园区", rect(119.89, 29.44, 119.94, 29.49));
    zone("OV-B", "乙园区", rect(119.93, 29.44, 119.98, 29.49));
    zone("OV-C", "丙园区", rect(119.9801, 29.44, 120.03, 29.49));
  }

  private void zone(String code, String name, MultiPolygon g) {
    zones.insertZone(
        new Zone(
            OVERLAP_PLAN, code, name, ZoneKind.ZONE, null, null, Map.of(), g, AreaFigures.of(g)));
  }

  private static MultiPolygon rect(double x1, double y1, double x2, double y2) {
    GeometryFactory f = new GeometryFactory(new PrecisionModel(), 4490);
    Coordinate[] ring = {
      new Coordinate(x1, y1),
      new Coordinate(x2, y1),
      new Coordinate(x2, y2),
      new Coordinate(x1, y2),
      new Coordinate(x1, y1)
    };
    return f.createMultiPolygon(new Polygon[] {f.createPolygon(ring)});
  }

  @Test
  void overlapsAsXlsxAreTheJsonsProblems() throws IOException {
    overlapFixture();
    String query = "?tolerance=50";
    JsonNode json = json("/api/plans/" + OVERLAP_PLAN + "/overlaps" + query);
    Download d =
        download("/api/plans/" + OVERLAP_PLAN + "/overlaps.xlsx" + query, "重叠与缝隙-" + OVERLAP_PLAN);
    List<List<Object>> rows = d.sheet(0);
    assertThat(rows.get(0)).startsWith("序号", "类型", "类型代码", "区块A代码");
    JsonNode features = json.get("features");
    assertThat(features.size()).isPositive();
    assertThat(rows).hasSize(features.size() + 1);
    Map<String, String> names = Map.of("OV-A", "甲园区", "OV-B", "乙园区", "OV-C", "丙园区");
    for (int i = 0; i < features.size(); i++) {
      JsonNode p = features.get(i).get("properties");
      List<Object> row = rows.get(i + 1);
      assertThat(row.get(2)).isEqualTo(p.get("kind").asString());
      assertThat(row.get(3)).isEqualTo(text(p.get("zoneA")));
      assertThat(row.get(4)).isEqualTo(names.get(text(p.get("zoneA"))));
      assertThat(row.get(5)).isEqualTo(text(p.get("zoneB")));
      assertNumber(row.get(7), p.get("areaM2"));
      assertNumber(row.get(8), p.get("areaMu"));
      assertThat(row.get(8)).isNotNull();
      assertThat((Double) row.get(7) / (Double) row.get(8)).isCloseTo(10000.0 / 15, within(1e-6));
    }
    assertThat(json.get("counts").get("OVERLAP").intValue()).isPositive();
    assertThat(json.get("counts").get("GAP").intValue()).isPositive();
    // The settings sheet: the tolerance used and the counts of every kind.
    Map<String, Object> settings = d.pairs(1);
    assertNumber(settings.get("容差(米)"), json.get("toleranceM"));
    assertNumber(settings.get("重叠(处)"), json.get("counts").get("OVERLAP"));
    assertNumber(settings.get("缝隙(处)"), json.get("counts").get("GAP"));
  }

  @Test
  void scatteredLandAsXlsxIsTheJsonsFiguresAndParcels() throws IOException {
    JsonNode json = json("/api/plans/" + PLAN + "/scattered?geometry=false");
    Download d = download("/api/plans/" + PLAN + "/scattered.xlsx", "零星工业用地-" + PLAN);
    List<List<Object>> summary = d.sheet(0);
    assertThat(summary.get(0)).containsExactly("项目", "数值", "单位");
    Map<String, Object> byLabelUnit = new HashMap<>();
    for (List<Object> row : summary.subList(1, summary.size())) {
      byLabelUnit.put(row.get(0) + "|" + row.get(2), row.get(1));
    }
    assertNumber(byLabelUnit.get("零星工业用地宗数|宗"), json.get("count"));
    assertNumber(byLabelUnit.get("零星工业用地面积|m²"), json.get("totalM2"));
    assertNumber(byLabelUnit.get("零星工业用地面积|亩"), json.get("totalMu"));
    assertNumber(byLabelUnit.get("开发区外工业用地(按区块边界切分)|亩"), json.get("outsideZonesMu"));
    assertThat(byLabelUnit.get("统计范围|null").toString())
        .contains(json.get("division").get("name").asString());
    assertNumber(byLabelUnit.get("供地日期不明宗数|宗"), json.get("unknownSupplyCount"));
    // New land by year: the sheet is the JSON's list ...
    List<List<Object>> years = d.sheet(1);
    JsonNode byYear = json.get("byYear");
    assertThat(byYear.size()).isGreaterThan(3);
    assertThat(years).hasSize(byYear.size() + 1);
    for (int i = 0; i < byYear.size(); i++) {
      JsonNode y = byYear.get(i);
      List<Object> row = years.get(i + 1);
      assertNumber(row.get(0), y.get("year"));
      assertNumber(row.get(1), y.get("newCount"));
      assertNumber(row.get(2), y.get("newM2"));
      assertNumber(row.get(3), y.get("newMu"));
      assertThat(row.get(5)).isEqualTo(y.get("newCount").intValue() == 0 ? "是" : "否");
    }
    // ... and the JSON's list is the supply years of the scattered parcels, grouped by SQL.
    Map<Long, Double> areaById = new HashMap<>();
    json.get("features")
        .forEach(
            f ->
                areaById.put(
                    f.get("properties").get("id").longValue(),
                    f.get("properties").get("areaM2").doubleValue()));
    Map<Integer, long[]> countBySql = new HashMap<>();
    Map<Integer, Double> areaBySql = new HashMap<>();
    List<Long> ids = new ArrayList<>(areaById.keySet());
    long dated = 0;
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      for (Map<String, Object> row :
          jdbc.sql(
                  "SELECT parcel_id, EXTRACT(YEAR FROM supply_date) AS y FROM parcel_supply"
                      + " WHERE supplied AND supply_date IS NOT NULL AND parcel_id IN ("
                      + String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))
                      + ")")
              .params(chunk)
              .query()
              .listOfRows()) {
        Map<String, Object> upper = new HashMap<>();
        row.forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v));
        int year = ((Number) upper.get("Y")).intValue();
        long id = ((Number) upper.get("PARCEL_ID")).longValue();
        countBySql.computeIfAbsent(year, k -> new long[1])[0]++;
        areaBySql.merge(year, areaById.get(id), Double::sum);
        dated++;
      }
    }
    assertThat(json.get("unknownSupplyCount").longValue()).isEqualTo(ids.size() - dated);
    for (JsonNode y : byYear) {
      int year = y.get("year").intValue();
      long[] n = countBySql.getOrDefault(year, new long[1]);
      assertThat(y.get("newCount").longValue()).as("%d", year).isEqualTo(n[0]);
      assertThat(y.get("newM2").doubleValue())
          .isCloseTo(areaBySql.getOrDefault(year, 0.0), within(1e-6));
    }
    assertThat(countBySql.keySet())
        .allSatisfy(
            year ->
                assertThat(year)
                    .isBetween(
                        byYear.get(0).get("year").intValue(),
                        byYear.get(byYear.size() - 1).get("year").intValue()));
    List<List<Object>> parcels = d.sheet(2);
    JsonNode features = json.get("features");
    assertThat(features.size()).isPositive();
    assertThat(parcels).hasSize(features.size() + 1);
    for (int i = 0; i < features.size(); i++) {
      JsonNode p = features.get(i).get("properties");
      List<Object> row = parcels.get(i + 1);
      assertNumber(row.get(0), p.get("id"));
      assertThat(row.get(1)).isEqualTo(p.get("landUseCode").asString());
      assertThat(row.get(2)).isEqualTo(text(p.get("enterpriseName")));
      assertThat(row.get(3)).isEqualTo(text(p.get("creditCode")));
      assertNumber(row.get(4), p.get("areaM2"));
      assertNumber(row.get(5), p.get("areaMu"));
    }
  }

  @Test
  void splitByDivisionAsXlsxIsTheJsonsShares() throws IOException {
    JsonNode json = json("/api/plans/" + PLAN + "/attribution?level=COUNTY");
    Download d =
        download("/api/plans/" + PLAN + "/attribution.xlsx?level=COUNTY", "按行政区划拆分-" + PLAN);
    List<List<Object>> rows = d.sheet(0);
    int k = 1;
    double sharesOfCore = 0;
    for (JsonNode z : json.get("zones")) {
      for (JsonNode s : z.get("divisions")) {
        List<Object> row = rows.get(k++);
        assertThat(row.get(0)).isEqualTo(z.get("code").asString());
        assertThat(row.get(1)).isEqualTo(z.get("name").asString());
        assertNumber(row.get(2), z.get("areaM2"));
        assertThat(row.get(4)).isEqualTo(s.get("code").asString());
        assertThat(row.get(5)).isEqualTo(s.get("name").asString());
        assertNumber(row.get(6), s.get("areaM2"));
        assertThat((Double) row.get(7))
            .isCloseTo(s.get("areaM2").doubleValue() * 15 / 10000, within(1e-6));
        assertNumber(row.get(8), s.get("industrialM2"));
        assertNumber(row.get(9), s.get("industrialMu"));
        assertNumber(row.get(10), s.get("share"));
        if (z.get("code").asString().equals(CORE)) {
          sharesOfCore += (Double) row.get(10);
        }
      }
      List<Object> outside = rows.get(k++);
      assertThat(outside.get(5)).isEqualTo("不在任何区划内");
      assertNumber(outside.get(6), z.get("outsideDivisionsM2"));
      if (z.get("code").asString().equals(CORE)) {
        sharesOfCore += outside.get(10) == null ? 0 : (Double) outside.get(10);
      }
    }
    assertThat(rows).hasSize(k);
    // The core area's rows add up to the whole zone.
    assertThat(sharesOfCore).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void planComparisonAsXlsxIsTheJsonsZones() throws IOException {
    String query = "?from=pujiang-2020&to=" + PLAN;
    JsonNode json = json("/api/compare" + query);
    Download d = download("/api/compare.xlsx" + query, "规划版本对比-pujiang-2020-" + PLAN);
    List<List<Object>> rows = d.sheet(0);
    assertThat(rows.get(0)).startsWith("区块代码", "区块名称", "类型", "上级区块", "变化", "调整前面积(m²)");
    JsonNode zones = json.get("zones");
    assertThat(zones.size()).isPositive();
    assertThat(rows).hasSize(zones.size() + 1);
    for (int i = 0; i < zones.size(); i++) {
      JsonNode z = zones.get(i);
      List<Object> row = rows.get(i + 1);
      assertThat(row.get(0)).isEqualTo(z.get("code").asString());
      assertNumber(row.get(5), z.get("areaBeforeM2"));
      assertNumber(row.get(7), z.get("areaAfterM2"));
      assertNumber(row.get(9), z.get("deltaM2"));
      assertNumber(row.get(11), z.get("addedM2"));
      assertNumber(row.get(12), z.get("removedM2"));
      assertNumber(row.get(15), z.get("parcelsGained").get("count"));
      assertNumber(row.get(16), z.get("parcelsLost").get("count"));
    }
    Map<String, List<Object>> concentration = new HashMap<>();
    for (List<Object> row : d.sheet(1)) {
      concentration.put((String) row.get(0), row);
    }
    JsonNode c = json.get("concentration");
    assertNumber(concentration.get("集聚度").get(1), c.get("before").get("ratio"));
    assertNumber(concentration.get("集聚度").get(2), c.get("after").get("ratio"));
    assertNumber(concentration.get("区内工业用地(亩)").get(2), c.get("after").get("industrialInsideMu"));
  }

  @Test
  void zoneTreeAsXlsxIsTheJsonsTreeDepthFirst() throws IOException {
    JsonNode json = json("/api/plans/" + PLAN + "/tree");
    Download d = download("/api/plans/" + PLAN + "/tree.xlsx", "区块树-" + PLAN);
    List<List<Object>> rows = d.sheet(0);
    List<JsonNode> nodes = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    json.get("roots").forEach(r -> depthFirst(r, null, nodes, parents));
    assertThat(nodes).hasSizeGreaterThan(5);
    assertThat(rows).hasSize(nodes.size() + 1);
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      List<Object> row = rows.get(i + 1);
      assertThat(row.get(0)).isEqualTo(n.get("code").asString());
      assertThat(row.get(1)).isEqualTo(n.get("name").asString());
      assertThat(row.get(3)).isEqualTo(parents.get(i));
      assertNumber(row.get(5), n.get("area").get("areaM2"));
      assertNumber(row.get(6), n.get("area").get("areaMu"));
      assertNumber(row.get(8), n.get("rolledUp").get("areaM2"));
      assertNumber(row.get(9), n.get("rolledUp").get("areaMu"));
      assertNumber(row.get(10), n.get("rolledUp").get("areaKm2"));
    }
  }

  @Test
  void timeSeriesAsXlsxIsTheJsonsPoints() throws IOException {
    String path = "/api/plans/" + PLAN + "/zones/" + CORE + "/indicators/series";
    JsonNode json = json(path);
    Download d = download(path + ".xlsx", "历年指标-" + json.get("name").asString() + "-" + CORE);
    List<List<Object>> rows = d.sheet(0);
    assertThat(rows.get(0)).startsWith("年度", "区块代码", "区块名称", "指标", "指标键", "单位", "数值");
    Map<String, List<Object>> byYearKey = new HashMap<>();
    for (List<Object> row : rows.subList(1, rows.size())) {
      byYearKey.put(((Double) row.get(0)).intValue() + "|" + row.get(4), row);
    }
    int compared = 0;
    for (JsonNode point : json.get("points")) {
      for (JsonNode info : json.get("indicators")) {
        String key = info.get("key").asString();
        JsonNode v = point.get("values").get(key);
        List<Object> row = byYearKey.get(point.get("year").intValue() + "|" + key);
        assertThat(row).as("%s %s", point.get("year"), key).isNotNull();
        assertThat(row.get(1)).isEqualTo(CORE);
        assertThat(row.get(3)).isEqualTo(info.get("label").asString());
        assertNumber(row.get(6), v.get("value"));
        assertNumber(row.get(9), v.get("periodTarget"));
        assertNumber(row.get(13), v.get("completion"));
        assertNumber(row.get(15), v.get("rank"));
        compared++;
      }
    }
    assertThat(json.get("years").size()).isGreaterThanOrEqualTo(4);
    assertThat(rows).hasSize(compared + 1);
  }

  @Test
  void gradesPerZoneAsXlsxAreTheJsonsCountsAndLand() throws IOException {
    String ruleSet = json("/api/evaluation/rule-sets").get(0).get("id").asString();
    String query = "?division=330726&year=2024&ruleSet=" + ruleSet + "&planId=" + PLAN;
    JsonNode json = json("/api/evaluation/results" + query);
    Download d = download("/api/evaluation/results/zones.xlsx" + query, "亩均等级分区块-");
    List<List<Object>> rows = d.sheet(0);
    List<String> grades = List.of("A", "B", "C", "D", "T");
    assertThat(rows.get(0)).startsWith("区块代码", "区块名称", "上级区块", "参评企业数", "A类企业数", "A类用地(亩)");
    JsonNode zones = json.get("zones");
    assertThat(rows).hasSize(zones.size() + 2);
    int graded = 0;
    for (int i = 0; i < zones.size(); i++) {
      JsonNode z = zones.get(i);
      List<Object> row = rows.get(i + 1);
      assertThat(row.get(0)).isEqualTo(z.get("code").asString());
      assertNumber(row.get(3), z.get("enterprises"));
      for (int g = 0; g < grades.size(); g++) {
        assertNumber(row.get(4 + 3 * g), z.get("countByGrade").get(grades.get(g)));
        assertNumber(row.get(5 + 3 * g), z.get("landMuByGrade").get(grades.get(g)));
        assertThat((Double) row.get(6 + 3 * g))
            .isCloseTo(
                z.get("landMuByGrade").get(grades.get(g)).doubleValue() * 10000 / 15, within(1e-6));
        graded += z.get("countByGrade").get(grades.get(g)).intValue();
      }
      assertNumber(row.get(19), z.get("ungraded"));
    }
    assertThat(graded).isPositive();
    List<Object> total = rows.get(rows.size() - 1);
    assertThat((String) total.get(1)).startsWith("全县合计");
    for (int g = 0; g < grades.size(); g++) {
      assertNumber(total.get(4 + 3 * g), json.get("countByGrade").get(grades.get(g)));
      assertNumber(total.get(5 + 3 * g), json.get("landMuByGrade").get(grades.get(g)));
    }
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void badParametersAreProblemsAndAnonymousIsRefused() {
    Http viewer = http.as(VIEWER);
    problem(viewer.get("/api/plans/nope/tree.xlsx"), 404);
    problem(viewer.get("/api/plans/" + PLAN + "/zones/NOPE/indicators/series.xlsx"), 404);
    problem(viewer.get("/api/plans/" + PLAN + "/overlaps.xlsx?tolerance=5000"), 422);
    problem(viewer.get("/api/plans/" + PLAN + "/attribution.xlsx?level=PLANET"), 422);
    problem(viewer.get("/api/compare.xlsx?from=nope&to=" + PLAN), 404);
    problem(viewer.get("/api/compare.xlsx?from=" + PLAN), 400);
    problem(viewer.get("/api/evaluation/results/zones.xlsx?division=330726&year=x"), 400);
    assertThat(http.anonymous().get("/api/plans/" + PLAN + "/tree.xlsx").status()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- LibreOffice

  /** The zone tree opened by LibreOffice and saved as CSV: still the JSON's codes and areas. */
  @Test
  void zoneTreeReadBackByLibreOfficeIsTheJsonsTree() throws Exception {
    LibreOffice.requireAvailable();
    JsonNode json = json("/api/plans/" + PLAN + "/tree");
    Download d = download("/api/plans/" + PLAN + "/tree.xlsx", "区块树-" + PLAN);
    Path xlsx = Files.write(dir.resolve("区块树.xlsx"), d.bytes());
    Path csv =
        LibreOffice.convert(
            xlsx, "csv:Text - txt - csv (StarCalc):" + LibreOffice.CSV_UTF8, null, dir, "csv");
    List<List<String>> rows = new ArrayList<>();
    try (InputStream in = Files.newInputStream(csv)) {
      new CsvTableReader(TableLimits.DEFAULT)
          .read(in, StandardCharsets.UTF_8, (row, cells) -> rows.add(List.copyOf(cells)));
    }
    List<JsonNode> nodes = new ArrayList<>();
    json.get("roots").forEach(r -> depthFirst(r, null, nodes, new ArrayList<>()));
    assertThat(rows.get(0)).startsWith("区块代码", "区块名称", "类型", "上级区块", "层级", "本级面积(m²)");
    assertThat(rows).hasSize(nodes.size() + 1);
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      List<String> row = rows.get(i + 1);
      assertThat(row.get(0)).isEqualTo(n.get("code").asString());
      assertThat(row.get(1)).isEqualTo(n.get("name").asString());
      // LibreOffice writes what it shows: the figures to at least 9 significant digits.
      double own = n.get("area").get("areaM2").doubleValue();
      assertThat(Double.parseDouble(row.get(5))).isCloseTo(own, within(1e-8 * own + 1e-6));
      double mu = n.get("rolledUp").get("areaMu").doubleValue();
      assertThat(Double.parseDouble(row.get(9))).isCloseTo(mu, within(1e-8 * mu + 1e-6));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void depthFirst(
      JsonNode node, String parent, List<JsonNode> out, List<String> parents) {
    out.add(node);
    parents.add(parent);
    node.get("children").forEach(c -> depthFirst(c, node.get("code").asString(), out, parents));
  }

  private JsonNode json(String path) {
    Http.Response r = http.as(VIEWER).get(path);
    assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
    return r.json();
  }

  private static void problem(Http.Response r, int status) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("detail").asString()).isNotBlank();
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asString();
  }

  /** A cell equals the JSON's number (or both are empty). */
  private static void assertNumber(Object cell, JsonNode expected) {
    if (expected == null || expected.isNull()) {
      assertThat(cell).isNull();
      return;
    }
    assertThat(cell).isInstanceOf(Double.class);
    assertThat((Double) cell).isEqualTo(expected.doubleValue());
  }

  private static void assertNumber(Object cell, Object expected) {
    assertThat(cell).isEqualTo(expected);
  }

  record Download(byte[] bytes) {
    /** The rows of a sheet: numbers as Double, text as String, empty cells null. */
    List<List<Object>> sheet(int index) throws IOException {
      try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
        Sheet sheet = book.getSheetAt(index);
        int width = sheet.getRow(0).getLastCellNum();
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : sheet) {
          List<Object> cells = new ArrayList<>();
          for (int i = 0; i < width; i++) {
            Cell c = row.getCell(i);
            if (c == null || c.getCellType() == CellType.BLANK) {
              cells.add(null);
            } else if (c.getCellType() == CellType.NUMERIC) {
              cells.add(c.getNumericCellValue());
            } else {
              cells.add(c.getStringCellValue());
            }
          }
          rows.add(cells);
        }
        return rows;
      }
    }

    /** A two-column sheet (label, value) as a map. */
    Map<String, Object> pairs(int index) throws IOException {
      Map<String, Object> out = new HashMap<>();
      for (List<Object> row : sheet(index)) {
        out.put((String) row.get(0), row.get(1));
      }
      return out;
    }
  }

  /**
   * GETs an .xlsx as the VIEWER: 200, the .xlsx media type, an attachment whose RFC 5987 file name
   * (UTF-8) starts with {@code namePrefix} and ends in .xlsx.
   */
  private Download download(String path, String namePrefix) {
    try {
      HttpResponse<byte[]> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                      .header("Authorization", VIEWER.header())
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode())
          .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
          .isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo(XLSX);
      String disposition = r.headers().firstValue("Content-Disposition").orElse("");
      assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''");
      String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + 17);
      String name = URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
      assertThat(name).startsWith(namePrefix).endsWith(".xlsx");
      return new Download(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
