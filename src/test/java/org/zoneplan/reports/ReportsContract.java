package org.zoneplan.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zoneplan.codecs.CsvTableReader;
import org.zoneplan.codecs.TableLimits;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Cs2cs;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.LibreOffice;
import org.zoneplan.testsupport.Poppler;
import tools.jackson.databind.JsonNode;

/**
 * The PDF report and atlas (issue 11, point 1) on the sample data, read back by poppler-utils: the
 * zone's name, its areas (the stored m² of the JSON API, converted to ha and 亩 here), every
 * boundary point (the stored vertices projected by PROJ's cs2cs, to 1 mm), the indicators of the
 * asked year (the JSON API's values), the CJK font embedded; the atlas's contents and pages; bad
 * parameters as problems. And the page's tables added as .xlsx (point 4: the zone list, the parks'
 * assessment, the quota balances), read back with POI and LibreOffice and compared with the JSON of
 * the same request. Runs unchanged on H2GIS and PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ReportsContract {
  static final String PARCELS = "3000";
  static final String PLAN = "pujiang-2021";
  static final String CORE = "PJ-1-CORE";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final Credentials VIEWER = new Credentials("t-pdf-viewer", "test-pass-1");

  @LocalServerPort int port;
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

  private Path download(String path, String file) throws IOException, InterruptedException {
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
    assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment;")
        .contains(".pdf");
    Path out = dir.resolve(file);
    Files.write(out, r.body());
    return out;
  }

  private static String f(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  @Test
  void zoneReportShowsNameAreasIndicatorsAndEveryBoundaryPointWithTheFontEmbedded()
      throws Exception {
    Poppler.requireAvailable();
    Cs2cs.requireAvailable();
    JsonNode zone = http.as(VIEWER).get("/api/plans/" + PLAN + "/zones/" + CORE).json();
    JsonNode props = zone.get("properties");
    int year = 2023;
    Path pdf =
        download(
            "/api/plans/" + PLAN + "/zones/" + CORE + "/report.pdf?scale=10000&year=" + year,
            "core.pdf");
    String text = Poppler.text(pdf);

    assertThat(text).contains(props.get("name").asString()).contains(CORE);
    assertThat(text).contains("1:10000");
    // areas: the stored m² (JSON), converted here: 1 ha = 10,000 m², 1 亩 = 10,000/15 m²
    double m2 = props.get("areaM2").asDouble();
    double planar = props.get("planarAreaM2").asDouble();
    for (double a : new double[] {m2, planar}) {
      assertThat(text).contains(f(a, 2)).contains(f(a / 10_000, 4)).contains(f(a * 15 / 10_000, 2));
    }
    assertThat(text).contains("EPSG:" + props.get("gkEpsg").asInt());

    // indicators of the year: each value the JSON API gives for the zone is printed
    JsonNode yearly =
        http.as(VIEWER).get("/api/plans/" + PLAN + "/indicators/yearly?year=" + year).json();
    assertThat(text).contains("（" + year + " 年）");
    int valuesChecked = 0;
    for (JsonNode row : yearly.get("zones")) {
      if (row.get("code").asString().equals(CORE)) {
        for (JsonNode v : row.get("values")) {
          if (v.get("value") != null && v.get("value").isNumber()) {
            assertThat(text).contains(f(v.get("value").asDouble(), 2));
            valuesChecked++;
          }
        }
      }
    }
    assertThat(valuesChecked).isPositive();

    // every boundary point: the stored vertices (each ring without its closing repeat), projected
    // by cs2cs to the zone's GK plane with the zone number (EPSG:4549 → zone 40 → EPSG:4528)
    int gkZone = props.get("gkEpsg").asInt() - 4534 + 25;
    int prefixed = 4513 + gkZone - 25;
    List<double[]> vertices = new ArrayList<>();
    for (JsonNode polygon : zone.get("geometry").get("coordinates")) {
      for (JsonNode ring : polygon) {
        for (int i = 0; i < ring.size() - 1; i++) {
          double[] p = {ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble()};
          if (vertices.isEmpty()
              || vertices.get(vertices.size() - 1)[0] != p[0]
              || vertices.get(vertices.size() - 1)[1] != p[1]) {
            vertices.add(p);
          }
        }
      }
    }
    List<Cs2cs.NorthEast> expected = Cs2cs.project(vertices, prefixed);
    Pattern row =
        Pattern.compile("(?m)^\\s*J(\\d+)\\s+\\d+-\\d+\\s+(\\d+\\.\\d{3})\\s+(\\d+\\.\\d{3})");
    Matcher m = row.matcher(text);
    List<double[]> printed = new ArrayList<>();
    Set<Integer> numbers = new LinkedHashSet<>();
    while (m.find()) {
      numbers.add(Integer.parseInt(m.group(1)));
      printed.add(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
    }
    assertThat(printed).hasSize(expected.size());
    assertThat(numbers).hasSize(expected.size()).contains(1, expected.size());
    for (Cs2cs.NorthEast e : expected) {
      assertThat(
              printed.stream()
                  .anyMatch(
                      p ->
                          Math.abs(p[0] - e.northing()) <= 0.0015
                              && Math.abs(p[1] - e.easting()) <= 0.0015))
          .as("point X=%.3f Y=%.3f printed", e.northing(), e.easting())
          .isTrue();
    }

    String fonts = Poppler.fonts(pdf);
    assertThat(fonts.lines().filter(l -> l.contains("NotoSansCJK")).toList())
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).matches(".*\\byes\\s+yes\\s+yes\\s+\\d+\\s+\\d+\\s*$"));
    assertThat(fonts.lines().skip(2).toList())
        .as("every font embedded")
        .allSatisfy(l -> assertThat(l).matches(".*\\byes\\s+\\S+\\s+\\S+\\s+\\d+\\s+\\d+\\s*$"));
  }

  @Test
  void reportOfAYearWithoutStatisticsSaysSoInLandscapeA3() throws Exception {
    Poppler.requireAvailable();
    JsonNode zones = http.as(VIEWER).get("/api/plans/pujiang-2020/zones").json();
    JsonNode first = zones.get("features").get(0).get("properties");
    String code = first.get("code").asString();
    Path pdf =
        download(
            "/api/plans/pujiang-2020/zones/"
                + code
                + "/report.pdf?paper=a3&orientation=landscape&scale=1:25000&year=1995",
            "old.pdf");
    String text = Poppler.text(pdf);
    assertThat(text)
        .contains(first.get("name").asString())
        .contains("1:25000")
        .contains("1995 年无统计数据");
    assertThat(Poppler.info(pdf)).containsPattern("Page size:\\s+1190.55 x 841.89 pts");
  }

  @Test
  void atlasHasContentsFirstAndEveryZone() throws Exception {
    Poppler.requireAvailable();
    JsonNode zones = http.as(VIEWER).get("/api/plans/" + PLAN + "/zones").json();
    List<String> codes = new ArrayList<>();
    for (JsonNode feature : zones.get("features")) {
      codes.add(feature.get("properties").get("code").asString());
    }
    assertThat(codes).contains(CORE);
    Path pdf =
        download("/api/plans/" + PLAN + "/atlas.pdf?paper=A3&orientation=landscape", "atlas.pdf");
    int pages = Poppler.pages(pdf);
    assertThat(pages).isGreaterThanOrEqualTo(1 + 2 * codes.size());
    String contents = Poppler.text(pdf, 1, 1);
    assertThat(contents).contains("区块图集");
    for (String code : codes) {
      assertThat(contents).contains(code);
    }
    // the contents' page of the core zone holds its map page
    Matcher m =
        Pattern.compile("(?m)^\\s*" + Pattern.quote(CORE) + "\\s.*?(\\d+)\\s*$").matcher(contents);
    assertThat(m.find()).as(contents).isTrue();
    int page = Integer.parseInt(m.group(1));
    assertThat(Poppler.text(pdf, page, page)).contains(CORE + "）范围图");
    assertThat(Poppler.info(pdf)).containsPattern("Page size:\\s+1190.55 x 841.89 pts");
  }

  // ---------------------------------------------------------------- .xlsx tables (point 4)

  private byte[] xlsx(String path, String accept) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", VIEWER.header());
    if (accept != null) {
      b.header("Accept", accept);
    }
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode())
        .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo(XLSX);
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .contains("filename*=UTF-8''");
    return r.body();
  }

  /** The rows of a workbook's first sheet (header included): numbers as Double, text as String. */
  private static List<List<Object>> rows(byte[] bytes, int sheetIndex) throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      Sheet sheet = book.getSheetAt(sheetIndex);
      int width = sheet.getRow(0).getLastCellNum();
      List<List<Object>> rows = new ArrayList<>();
      for (Row row : sheet) {
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < width; i++) {
          Cell c = row.getCell(i);
          cells.add(
              c == null
                  ? null
                  : c.getCellType() == CellType.NUMERIC
                      ? (Object) c.getNumericCellValue()
                      : c.getStringCellValue());
        }
        rows.add(cells);
      }
      return rows;
    }
  }

  @Test
  void zoneListAsXlsxHoldsTheJsonsAreasByFormatAndByAccept() throws Exception {
    JsonNode json = http.as(VIEWER).get("/api/plans/" + PLAN + "/zones").json();
    // Accept: */* keeps GeoJSON
    assertThat(json.get("type").asString()).isEqualTo("FeatureCollection");
    for (byte[] bytes :
        List.of(
            xlsx("/api/plans/" + PLAN + "/zones?format=xlsx", null),
            xlsx("/api/plans/" + PLAN + "/zones", XLSX))) {
      List<List<Object>> rows = rows(bytes, 0);
      assertThat(rows.get(0))
          .containsExactly(
              "区块代码",
              "区块名称",
              "类型",
              "上级区块",
              "管理主体",
              "椭球面积(m²)",
              "椭球面积(公顷)",
              "椭球面积(亩)",
              "平面面积(m²)",
              "平面坐标系(EPSG)");
      assertThat(rows).hasSize(json.get("features").size() + 1);
      int i = 1;
      for (JsonNode f : json.get("features")) {
        JsonNode p = f.get("properties");
        List<Object> row = rows.get(i++);
        assertThat(row.get(0)).isEqualTo(p.get("code").asString());
        assertThat(row.get(1)).isEqualTo(p.get("name").asString());
        double m2 = p.get("areaM2").asDouble();
        assertThat((Double) row.get(5)).isEqualTo(m2);
        // converted here: 1 ha = 10,000 m², 1 亩 = 10,000/15 m²
        assertThat((Double) row.get(6)).isCloseTo(m2 / 10_000, within(1e-9 * m2));
        assertThat((Double) row.get(7)).isCloseTo(m2 * 15 / 10_000, within(1e-9 * m2));
        assertThat((Double) row.get(8)).isEqualTo(p.get("planarAreaM2").asDouble());
        assertThat((Double) row.get(9)).isEqualTo(p.get("gkEpsg").asDouble());
      }
    }
  }

  @Test
  void zoneListReadBackByLibreOfficeIsTheJsons() throws Exception {
    LibreOffice.requireAvailable();
    JsonNode json = http.as(VIEWER).get("/api/plans/" + PLAN + "/zones").json();
    Path file =
        Files.write(
            dir.resolve("zones.xlsx"), xlsx("/api/plans/" + PLAN + "/zones?format=xlsx", null));
    Path csv =
        LibreOffice.convert(
            file, "csv:Text - txt - csv (StarCalc):" + LibreOffice.CSV_UTF8, null, dir, "csv");
    List<List<String>> rows = new ArrayList<>();
    try (var in = Files.newInputStream(csv)) {
      new CsvTableReader(TableLimits.DEFAULT)
          .read(in, StandardCharsets.UTF_8, (row, cells) -> rows.add(List.copyOf(cells)));
    }
    assertThat(rows).hasSize(json.get("features").size() + 1);
    int i = 1;
    for (JsonNode f : json.get("features")) {
      JsonNode p = f.get("properties");
      List<String> row = rows.get(i++);
      assertThat(row.get(0)).isEqualTo(p.get("code").asString());
      double m2 = p.get("areaM2").asDouble();
      // LibreOffice writes what it shows: at least 9 significant digits
      assertThat(Double.parseDouble(row.get(5))).isCloseTo(m2, within(1e-8 * m2));
      assertThat(Double.parseDouble(row.get(7))).isCloseTo(m2 * 15 / 10_000, within(1e-8 * m2));
    }
  }

  @Test
  void parksAssessmentAndQuotaBalancesAsXlsxAreTheJsons() throws Exception {
    Http viewer = http.as(VIEWER);
    String period = viewer.get("/api/parks/periods").json().get(0).asString();
    String q = "/api/parks/assessment?period=" + period;
    JsonNode json = viewer.get(q).json();
    List<List<Object>> rows = rows(xlsx(q + "&format=xlsx", null), 0);
    assertThat(rows.get(0)).contains("区县代码", "属地值", "共享后值");
    int i = 1;
    int figures = 0;
    for (JsonNode d : json.get("districts")) {
      for (JsonNode f : d.get("figures")) {
        List<Object> row = rows.get(i++);
        assertThat(row.get(0)).isEqualTo(d.get("code").asString());
        assertThat(row.get(6)).isEqualTo(f.get("item").asString());
        assertThat((Double) row.get(9)).isEqualTo(f.get("territorial").asDouble());
        assertThat((Double) row.get(10)).isEqualTo(f.get("shared").asDouble());
        figures++;
      }
    }
    assertThat(figures).isPositive();
    assertThat(rows).hasSize(figures + 1);

    JsonNode balances = viewer.get("/api/quota/balances").json();
    List<List<Object>> quota = rows(xlsx("/api/quota/balances", XLSX), 0);
    assertThat(quota.get(0))
        .containsExactly("主体", "年度", "下达(亩)", "已分配(亩)", "已使用(亩)", "可分配(亩)", "已分配未使用(亩)");
    assertThat(balances.size()).isPositive();
    assertThat(quota).hasSize(balances.size() + 1);
    for (int k = 0; k < balances.size(); k++) {
      JsonNode b = balances.get(k);
      List<Object> row = quota.get(k + 1);
      assertThat(row.get(0)).isEqualTo(b.get("body").asString());
      assertThat((Double) row.get(1)).isEqualTo(b.get("year").asDouble());
      assertThat((Double) row.get(2)).isEqualTo(b.get("grantedMu").asDouble());
      assertThat((Double) row.get(5)).isEqualTo(b.get("availableMu").asDouble());
    }
    assertThat(viewer.get("/api/quota/balances?format=pdf").status()).isEqualTo(422);
    assertThat(viewer.get("/api/plans/" + PLAN + "/zones?format=csv").status()).isEqualTo(422);
  }

  @Test
  void programmeFiguresAndSharesAsXlsxAreTheJsons() throws Exception {
    Http viewer = http.as(VIEWER);
    JsonNode list = viewer.get("/api/programmes").json();
    assertThat(list.size()).isPositive();
    String id = list.get(0).get("id").asString();
    String base = "/api/programmes/" + id;
    JsonNode figures = viewer.get(base + "/figures").json();
    List<List<Object>> rows = rows(xlsx(base + "/figures?format=xlsx", null), 0);
    List<JsonNode> groups = new ArrayList<>();
    groups.add(figures.get("total"));
    figures.get("byCategory").forEach(groups::add);
    figures.get("byStatus").forEach(groups::add);
    assertThat(rows).hasSize(groups.size() + 1);
    for (int k = 0; k < groups.size(); k++) {
      JsonNode g = groups.get(k);
      List<Object> row = rows.get(k + 1);
      assertThat((Double) row.get(3)).isEqualTo(g.get("count").asDouble());
      assertThat((Double) row.get(4)).isEqualTo(g.get("areaM2").asDouble());
      assertThat((Double) row.get(5))
          .isCloseTo(g.get("areaM2").asDouble() * 15 / 10_000, within(1e-6));
    }
    JsonNode shares = viewer.get(base + "/shares?year=2023").json();
    List<List<Object>> shareRows = rows(xlsx(base + "/shares?year=2023", XLSX), 0);
    assertThat(shareRows).hasSize(shares.get("shares").size() + 1);
    for (int k = 0; k < shares.get("shares").size(); k++) {
      JsonNode sh = shares.get("shares").get(k);
      List<Object> row = shareRows.get(k + 1);
      assertThat(row.get(1)).isEqualTo(sh.get("key").asString());
      if (sh.get("share").isNumber()) {
        assertThat((Double) row.get(5)).isEqualTo(sh.get("share").asDouble());
      } else {
        assertThat(row.get(5)).isNull();
      }
    }
  }

  @Test
  void badParametersAreProblemsAndAnonymousIsRefused() {
    Http viewer = http.as(VIEWER);
    String base = "/api/plans/" + PLAN + "/zones/" + CORE + "/report.pdf";
    for (String bad :
        List.of(
            "?scale=100",
            "?scale=60000",
            "?scale=abc",
            "?paper=B5",
            "?orientation=up",
            "?year=1800")) {
      Http.Response r = viewer.get(base + bad);
      assertThat(r.status()).as(bad).isEqualTo(422);
      assertThat(r.contentType()).as(bad).startsWith("application/problem+json");
      String parameter = bad.substring(1, bad.indexOf('='));
      assertThat(r.json().get("detail").asString()).as(bad).contains(parameter);
    }
    assertThat(viewer.get("/api/plans/" + PLAN + "/zones/NO-SUCH/report.pdf").status())
        .isEqualTo(404);
    assertThat(viewer.get("/api/plans/no-such-plan/atlas.pdf").status()).isEqualTo(404);
    assertThat(viewer.get("/api/plans/" + PLAN + "/atlas.pdf?paper=Letter").status())
        .isEqualTo(422);
    assertThat(http.anonymous().get(base).status()).isEqualTo(401);
  }
}
