package org.zoneplan.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoneplan.testsupport.Shapes.square;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.codecs.XlsxTableWriter;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project API on a store with the sample data, and on a fixture plan of its own ({@value
 * #PLAN}: a platform T of 0.1° square at 121.00–121.10°E, 30.00–30.10°N, with parts T-A (south-west
 * quarter) and T-B (north-east quarter)). Figures are checked against sums worked by hand below.
 * Runs unchanged on H2GIS and PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProjectApiContract {
  static final String PLAN = "ptest";
  static final Credentials VIEWER = new Credentials("p-viewer", "project-pass-1");
  static final Credentials LAND = new Credentials("p-land", "project-pass-1");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    for (var user : Map.of(VIEWER, "VIEWER", LAND, "LAND_BUREAU").entrySet()) {
      if (http.get("/api/users/" + user.getKey().username()).status() == 404) {
        Http.Response r =
            http.post(
                "/api/users",
                "{\"username\":\""
                    + user.getKey().username()
                    + "\",\"password\":\""
                    + user.getKey().password()
                    + "\",\"roles\":[\""
                    + user.getValue()
                    + "\"]}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
      }
    }
    if (http.get("/api/plans/" + PLAN).status() == 404) {
      assertThat(
              http.post(
                      "/api/plans",
                      "{\"id\":\"" + PLAN + "\",\"name\":\"项目测试方案\",\"date\":\"2030-01-01\"}")
                  .status())
          .isEqualTo(201);
      zone("T", "测试平台", "PLATFORM", null, square(121.00, 30.00, 0.10));
      zone("T-A", "测试甲区", "ZONE", "T", square(121.00, 30.00, 0.05));
      zone("T-B", "测试乙区", "ZONE", "T", square(121.05, 30.05, 0.05));
    }
  }

  void zone(String code, String name, String kind, String parent, String geometry) {
    Http.Response r =
        http.post(
            "/api/plans/" + PLAN + "/zones/" + code,
            "{\"type\":\"Feature\",\"properties\":{\"name\":\""
                + name
                + "\",\"kind\":\""
                + kind
                + "\""
                + (parent == null ? "" : ",\"parent\":\"" + parent + "\"")
                + "},\"geometry\":"
                + geometry
                + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  static String point(double lon, double lat) {
    return "{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}";
  }

  /** A project Feature from its properties (JSON text without braces) and geometry. */
  static String feature(String properties, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":{"
        + properties
        + "},\"geometry\":"
        + geometry
        + "}";
  }

  long create(String properties, String geometry) {
    Http.Response r = http.post("/api/projects", feature(properties, geometry));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("properties").get("id").longValue();
  }

  String fingerprint() {
    return jdbc.sql("SELECT COUNT(*) FROM project").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM project_investment").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
  }

  static void assertDecimal(JsonNode node, String expected) {
    assertThat(node.decimalValue()).as(String.valueOf(node)).isEqualByComparingTo(expected);
  }

  static Map<String, JsonNode> byCode(JsonNode groups) {
    Map<String, JsonNode> out = new HashMap<>();
    groups.forEach(g -> out.put(g.get("code").asString(), g));
    return out;
  }

  // ---------------------------------------------------------------- fixture for the figures

  /**
   * P1 in T-A by location, P2 in T-B by location, P3 recorded in T-A but lying in T-B (the field
   * wins), P4 without location or zone, P5 a polygon inside T-B. Years 2031/2032 are used by no
   * other data.
   */
  Map<String, Long> figureFixture() {
    Map<String, Long> ids = new HashMap<>();
    ids.put(
        "P1",
        create(
            "\"name\":\"甲一\",\"stage\":\"开工\",\"stageDates\":{\"签约\":\"2031-03-01\",\"开工\":\"2031-08-01\"},"
                + "\"totalInvestmentWan\":1000,\"yearlyInvestmentWan\":{\"2031\":300,\"2032\":700}",
            point(121.02, 30.02)));
    ids.put(
        "P2",
        create(
            "\"name\":\"乙一\",\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2032-01-10\"},"
                + "\"totalInvestmentWan\":2000,\"yearlyInvestmentWan\":{\"2032\":500}",
            point(121.07, 30.07)));
    ids.put(
        "P3",
        create(
            "\"name\":\"甲二\",\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2031-06-01\"},"
                + "\"planId\":\""
                + PLAN
                + "\",\"zoneCode\":\"T-A\",\"totalInvestmentWan\":500,"
                + "\"yearlyInvestmentWan\":{\"2031\":100}",
            point(121.08, 30.08)));
    ids.put(
        "P4",
        create(
            "\"name\":\"无位置\",\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2031-07-01\"},"
                + "\"yearlyInvestmentWan\":{\"2031\":50}",
            "null"));
    ids.put(
        "P5",
        create(
            "\"name\":\"乙二\",\"stage\":\"签约\",\"totalInvestmentWan\":4000",
            square(121.06, 30.06, 0.005)));
    return ids;
  }

  @Test
  void countsAndInvestmentPerZoneAndYearMatchTheHandWorkedFixture() {
    Map<String, Long> ids = figureFixture();

    // No year: T = P1 + P2 + P3 + P5 (P4 has no place): 4 projects, 1000+2000+500+4000 = 7500.
    Map<String, JsonNode> all =
        byCode(http.get("/api/projects/figures?by=zone&planId=" + PLAN).json().get("groups"));
    assertThat(all.get("T").get("projects").longValue()).isEqualTo(4);
    assertThat(all.get("T").get("byZoneField").longValue()).isEqualTo(1);
    assertThat(all.get("T").get("byLocation").longValue()).isEqualTo(3);
    assertDecimal(all.get("T").get("totalInvestmentWan"), "7500");
    // T-A = P1 (location) + P3 (field, though it lies in T-B): 1500. T-B = P2 + P5: 6000.
    assertThat(all.get("T-A").get("projects").longValue()).isEqualTo(2);
    assertDecimal(all.get("T-A").get("totalInvestmentWan"), "1500");
    assertThat(all.get("T-B").get("projects").longValue()).isEqualTo(2);
    assertDecimal(all.get("T-B").get("totalInvestmentWan"), "6000");

    // 2031: signed then are P1, P3 (and P4, outside); investment made in 2031: P1 300 + P3 100.
    Map<String, JsonNode> y2031 =
        byCode(
            http.get("/api/projects/figures?by=zone&planId=" + PLAN + "&year=2031")
                .json()
                .get("groups"));
    assertThat(y2031.get("T").get("projects").longValue()).isEqualTo(2);
    assertDecimal(y2031.get("T").get("totalInvestmentWan"), "1500");
    assertDecimal(y2031.get("T").get("investmentWan"), "400");
    assertDecimal(y2031.get("T-A").get("investmentWan"), "400");
    assertThat(y2031.get("T-B").get("projects").longValue()).isEqualTo(0);
    assertDecimal(y2031.get("T-B").get("investmentWan"), "0");

    // 2032: signed is P2 (T-B); investment P1 700 (T-A) + P2 500 (T-B).
    Map<String, JsonNode> y2032 =
        byCode(
            http.get("/api/projects/figures?by=zone&planId=" + PLAN + "&year=2032")
                .json()
                .get("groups"));
    assertThat(y2032.get("T").get("projects").longValue()).isEqualTo(1);
    assertDecimal(y2032.get("T").get("totalInvestmentWan"), "2000");
    assertDecimal(y2032.get("T").get("investmentWan"), "1200");
    assertThat(y2032.get("T-A").get("projects").longValue()).isEqualTo(0);
    assertDecimal(y2032.get("T-A").get("investmentWan"), "700");
    assertDecimal(y2032.get("T-B").get("investmentWan"), "500");

    // By year over every project: 2031 = P1, P3, P4 signed; P4's total unknown, never 0.
    JsonNode years = http.get("/api/projects/figures?by=year&year=2031").json().get("groups");
    assertThat(years).hasSize(1);
    assertThat(years.get(0).get("projects").longValue()).isEqualTo(3);
    assertDecimal(years.get(0).get("totalInvestmentWan"), "1500");
    assertThat(years.get(0).get("withoutTotalInvestment").longValue()).isEqualTo(1);
    assertDecimal(years.get(0).get("investmentWan"), "450");

    // The map layer: zone T-A of the plan (by field or location), and a bbox around T-B.
    assertThat(names(http.get("/api/projects?planId=" + PLAN + "&zone=T-A")))
        .containsExactlyInAnyOrder("甲一", "甲二");
    assertThat(names(http.get("/api/projects?bbox=121.05,30.05,121.10,30.10")))
        .containsExactlyInAnyOrder("乙一", "甲二", "乙二");
    assertThat(names(http.get("/api/projects?planId=" + PLAN + "&zone=T&year=2032")))
        .containsExactly("乙一");
    JsonNode p3 = http.get("/api/projects?planId=" + PLAN + "&zone=T-A").json().get("features");
    for (JsonNode f : p3) {
      if (f.get("properties").get("name").asString().equals("甲二")) {
        assertThat(f.get("properties").get("zoneBy").asString()).isEqualTo("FIELD");
        assertThat(f.get("properties").get("zones").toString()).isEqualTo("[\"T-A\",\"T\"]");
      }
    }
    assertThat(ids).hasSize(5);
  }

  static List<String> names(Http.Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/geo+json");
    List<String> out = new ArrayList<>();
    r.json().get("features").forEach(f -> out.add(f.get("properties").get("name").asString()));
    return out;
  }

  @Test
  void figuresPerDivisionPlaceAProjectByItsLocation() {
    // 浦江县 (330726) covers the point; no other division of the sample data does. Year 2033 is
    // used by no other data.
    create(
        "\"name\":\"浦江测试\",\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2033-02-01\"},"
            + "\"totalInvestmentWan\":123.5",
        point(119.97306, 29.43127));
    Map<String, JsonNode> divisions =
        byCode(http.get("/api/projects/figures?by=division&year=2033").json().get("groups"));
    assertThat(divisions.get("330726").get("projects").longValue()).isEqualTo(1);
    assertDecimal(divisions.get("330726").get("totalInvestmentWan"), "123.5");
    long elsewhere =
        divisions.entrySet().stream()
            .filter(e -> !e.getKey().equals("330726"))
            .mapToLong(e -> e.getValue().get("projects").longValue())
            .sum();
    assertThat(elsewhere).isZero();
  }

  @Test
  void theIllustrativeSampleProjectsLieInTheZonesTheirNamesSay() {
    Http.Response r = http.get("/api/projects?planId=pujiang-2021");
    Map<String, String> expected =
        Map.of(
            "示意项目一(核心区, 非真实项目)", "PJ-1-CORE",
            "示意项目二(水晶小镇, 非真实项目)", "PJ-1-X1",
            "示意项目三(黄宅片区, 非真实项目)", "PJ-HZ",
            "示意项目四(郑家坞片区, 非真实项目)", "PJ-ZJW");
    int found = 0;
    for (JsonNode f : r.json().get("features")) {
      JsonNode p = f.get("properties");
      String zone = expected.get(p.get("name").asString());
      if (zone != null) {
        found++;
        assertThat(p.get("illustrative").booleanValue()).isTrue();
        List<String> zones = new ArrayList<>();
        p.get("zones").forEach(z -> zones.add(z.asString()));
        assertThat(zones).as(p.get("name").asString()).contains(zone, "PJ");
      }
    }
    assertThat(found).isEqualTo(4);
  }

  @Test
  void aProjectIsCheckedFieldByField() {
    String before = fingerprint();
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put(
        "\"name\":\"坏代码\",\"stage\":\"签约\",\"creditCode\":\"91330000000000000X\"", "creditCode");
    cases.put("\"name\":\"\",\"stage\":\"签约\"", "name");
    cases.put("\"name\":\"阶段错\",\"stage\":\"规划\"", "stage");
    cases.put(
        "\"name\":\"未到阶段\",\"stage\":\"签约\",\"stageDates\":{\"开工\":\"2030-01-01\"}",
        "stageDates.开工");
    cases.put(
        "\"name\":\"日期倒置\",\"stage\":\"开工\",\"stageDates\":{\"签约\":\"2030-05-01\",\"开工\":\"2030-01-01\"}",
        "stageDates.开工");
    cases.put("\"name\":\"方式错\",\"stage\":\"签约\",\"landingMode\":\"随便\"", "landingMode");
    cases.put("\"name\":\"负投资\",\"stage\":\"签约\",\"totalInvestmentWan\":-1", "totalInvestmentWan");
    cases.put(
        "\"name\":\"无此区块\",\"stage\":\"签约\",\"planId\":\"" + PLAN + "\",\"zoneCode\":\"NOPE\"",
        "zoneCode");
    cases.put("\"name\":\"缺方案\",\"stage\":\"签约\",\"zoneCode\":\"T-A\"", "planId");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Http.Response r = http.post("/api/projects", feature(c.getKey(), "null"));
      assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(422);
      assertThat(r.json().get("property").asString()).as(c.getKey()).isEqualTo(c.getValue());
    }
    // Swapped axes and a self-intersecting polygon: 422 with the reason.
    Http.Response swapped =
        http.post(
            "/api/projects", feature("\"name\":\"颠倒\",\"stage\":\"签约\"", point(30.02, 121.02)));
    assertThat(swapped.status()).isEqualTo(422);
    assertThat(swapped.text()).contains("latitude");
    Http.Response bowtie =
        http.post(
            "/api/projects",
            feature(
                "\"name\":\"自交\",\"stage\":\"签约\"",
                "{\"type\":\"Polygon\",\"coordinates\":[[[121,30],[121.01,30.01],[121.01,30],[121,30.01],[121,30]]]}"));
    assertThat(bowtie.status()).as(bowtie.text()).isEqualTo(422);
    assertThat(fingerprint()).isEqualTo(before);

    // A good one, read back as written.
    long id =
        create(
            "\"name\":\"富芯测试\",\"creditCode\":\"91330100MA2B0XXXX0\",\"stage\":\"投产\","
                    .replace("91330100MA2B0XXXX0", validCreditCode())
                + "\"stageDates\":{\"签约\":\"2021-01-05\",\"投产\":\"2023-09-30\"},"
                + "\"landingMode\":\"合作导入\",\"lists\":[\"省千项万亿工程\",\"省重大项目\"],"
                + "\"illustrative\":true,\"totalInvestmentWan\":12345.6789",
            point(121.01, 30.01));
    JsonNode p = http.get("/api/projects/" + id).json().get("properties");
    assertThat(p.get("stage").asString()).isEqualTo("投产");
    assertThat(p.get("landingMode").asString()).isEqualTo("合作导入");
    assertThat(p.get("stageDates").get("投产").asString()).isEqualTo("2023-09-30");
    assertThat(p.get("lists").toString()).isEqualTo("[\"省千项万亿工程\",\"省重大项目\"]");
    assertDecimal(p.get("totalInvestmentWan"), "12345.6789");
    assertThat(http.get("/api/projects/987654321").status()).isEqualTo(404);
  }

  /** A credit code with a correct check character, worked by hand from GB 32100-2015. */
  static String validCreditCode() {
    String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    String first = "91330108MA2CFA3B7";
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += chars.indexOf(first.charAt(i)) * weights[i];
    }
    return first + chars.charAt((31 - sum % 31) % 31);
  }

  // ---------------------------------------------------------------- import and export

  static final String HEADER =
      "项目名称,统一社会信用代码,总投资(万元),阶段,签约日期,开工日期,竣工日期,投产日期,落地方式,所在区块,经度,纬度,清单,2034年投资(万元)\r\n";

  static byte[] csv(String... rows) {
    return (HEADER + String.join("\r\n", rows) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anImportWithBadRowsIs422WithTheRowReportAndWritesNothing() {
    String before = fingerprint();
    byte[] file =
        csv(
            "好项目,,100,签约,2034-01-01,,,,合作导入,T-A,121.01,30.01,省重大项目,50",
            "坏投资,,一百,签约,,,,,,,,,,",
            "坏阶段,,100,规划,,,,,,,,,,",
            "坏区块,,100,签约,,,,,,NOPE,,,,",
            "缺纬度,,100,签约,,,,,,,121.0,,,");
    Http.Response r =
        Upload.post(
            port,
            "/api/projects/import",
            Credentials.ADMIN,
            "projects.csv",
            file,
            Map.of("planId", PLAN));
    assertThat(r.status()).as(r.text()).isEqualTo(422);
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:invalid-rows");
    assertThat(r.json().get("problemCount").longValue()).isEqualTo(4);
    List<String> where = new ArrayList<>();
    r.json()
        .get("problems")
        .forEach(p -> where.add(p.get("row").longValue() + p.get("columnLetter").asString()));
    // Row 3 column C (总投资), row 4 D (阶段), row 5 J (所在区块), row 6 L (纬度).
    assertThat(where).containsExactly("3C", "4D", "5J", "6L");
    assertThat(r.json().get("problems").get(0).get("reason").asString()).contains("一百");
    assertThat(fingerprint()).isEqualTo(before);

    // An unknown header: row 1, its column, nothing written.
    byte[] unknown = "项目名称,阶段,备注\r\n甲,签约,x\r\n".getBytes(StandardCharsets.UTF_8);
    Http.Response h =
        Upload.post(port, "/api/projects/import", Credentials.ADMIN, "p.csv", unknown, Map.of());
    assertThat(h.status()).isEqualTo(422);
    JsonNode first = h.json().get("problems").get(0);
    assertThat(first.get("row").longValue()).isEqualTo(1);
    assertThat(first.get("columnLetter").asString()).isEqualTo("C");
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aDryRunWritesNothingAndARealRunWritesEveryRow() {
    String before = fingerprint();
    byte[] file =
        csv(
            "导入甲,,100.5,开工,2034-01-01,2034-06-01,,,合作导入,T-A,121.01,30.01,省重大项目、省千项万亿工程,50",
            "\"导入乙, 含逗号\",,,签约,,,,,整体迁入,ptest/T-B,,,,");
    Http.Response dry =
        Upload.post(
            port,
            "/api/projects/import",
            LAND,
            "projects.csv",
            file,
            Map.of("planId", PLAN, "dryRun", "true"));
    assertThat(dry.status()).as(dry.text()).isEqualTo(200);
    assertThat(dry.json().get("rows").longValue()).isEqualTo(2);
    assertThat(dry.json().get("written").longValue()).isZero();
    assertThat(dry.json().propertyNames())
        .containsExactly("dryRun", "rows", "problemCount", "problems", "written");
    assertThat(fingerprint()).isEqualTo(before);

    Http.Response real =
        Upload.post(
            port, "/api/projects/import", LAND, "projects.csv", file, Map.of("planId", PLAN));
    assertThat(real.status()).as(real.text()).isEqualTo(201);
    assertThat(real.json().get("written").longValue()).isEqualTo(2);
    assertThat(real.json().propertyNames())
        .containsExactly("dryRun", "rows", "problemCount", "problems", "written", "ids");
    assertThat(real.json().get("ids")).hasSize(2);
    long id = real.json().get("ids").get(0).longValue();
    JsonNode p = http.get("/api/projects/" + id).json().get("properties");
    assertThat(p.get("name").asString()).isEqualTo("导入甲");
    assertThat(p.get("zoneCode").asString()).isEqualTo("T-A");
    assertDecimal(p.get("yearlyInvestmentWan").get("2034"), "50");
    assertThat(p.get("lists")).hasSize(2);
    assertThat(p.get("createdBy").asString()).isEqualTo(LAND.username());

    // The export carries them back with the same headers (CSV with a BOM, and .xlsx).
    HttpResponse<byte[]> csv = Upload.get(port, "/api/projects/export?format=csv", LAND);
    assertThat(csv.statusCode()).isEqualTo(200);
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF项目名称,统一社会信用代码,总投资(万元),阶段");
    assertThat(text).contains("导入甲,,100.5,开工,2034-01-01,2034-06-01,,,合作导入,ptest/T-A,121.01,30.01,");
    assertThat(text).contains("\"导入乙, 含逗号\"");
    HttpResponse<byte[]> xlsx = Upload.get(port, "/api/projects/export?format=xlsx", LAND);
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.body()[0]).isEqualTo((byte) 'P'); // a zip
    assertThat(Upload.get(port, "/api/projects/export", VIEWER).statusCode()).isEqualTo(403);
    // Exports are in the audit log, by who asked.
    assertThat(
            jdbc.sql("SELECT actor FROM audit_log WHERE action = 'export' AND target = 'projects'")
                .query(String.class)
                .list())
        .containsOnly(LAND.username())
        .hasSize(2);
  }

  @Test
  void anXlsxTableImportsLikeACsv() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XlsxTableWriter w = new XlsxTableWriter()) {
      w.sheet("项目", List.of("项目名称", "阶段", "总投资（万元）", "签约日期", "经度", "纬度", "示意位置"));
      w.row(List.of("表格甲", "签约", 321.25, "2035-03-03", 121.02, 30.02, "是"));
      w.row(List.of("表格乙", "竣工", 10, "2035-01-01", 121.03, 30.03, "否"));
      w.write(out);
    }
    String before = fingerprint();
    Http.Response bad =
        Upload.post(
            port,
            "/api/projects/import",
            Credentials.ADMIN,
            "p.xlsx",
            java.util.Arrays.copyOf(out.toByteArray(), 100),
            Map.of());
    assertThat(bad.status()).as(bad.text()).isEqualTo(422);
    assertThat(fingerprint()).isEqualTo(before);
    Http.Response r =
        Upload.post(
            port, "/api/projects/import", Credentials.ADMIN, "p.xlsx", out.toByteArray(), Map.of());
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    Set<String> names = new TreeSet<>();
    JsonNode year = http.get("/api/projects/figures?by=year&year=2035").json().get("groups").get(0);
    assertThat(year.get("projects").longValue()).isEqualTo(2);
    assertDecimal(year.get("totalInvestmentWan"), "331.25");
    http.get("/api/projects?bbox=121.015,30.015,121.035,30.035")
        .json()
        .get("features")
        .forEach(f -> names.add(f.get("properties").get("name").asString()));
    assertThat(names).contains("表格甲", "表格乙");
  }

  @Test
  void aProjectReachingTheNextStageIsReplacedAndAudited() {
    long id =
        create(
            "\"name\":\"进展测试\",\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2036-01-01\"},"
                + "\"totalInvestmentWan\":800",
            point(121.03, 30.03));
    String started =
        feature(
            "\"name\":\"进展测试\",\"stage\":\"开工\",\"stageDates\":{\"签约\":\"2036-01-01\","
                + "\"开工\":\"2036-04-01\"},\"totalInvestmentWan\":900,"
                + "\"yearlyInvestmentWan\":{\"2036\":200}",
            point(121.03, 30.03));
    String before = fingerprint();
    Http.Response viewer = http.as(VIEWER).put("/api/projects/" + id, started);
    assertThat(viewer.status()).isEqualTo(403);
    Http.Response bad =
        http.put("/api/projects/" + id, started.replace("2036-04-01", "2035-12-31"));
    assertThat(bad.status()).as(bad.text()).isEqualTo(422);
    assertThat(bad.json().get("property").asString()).isEqualTo("stageDates.开工");
    assertThat(fingerprint()).isEqualTo(before);
    assertThat(http.put("/api/projects/987654321", started).status()).isEqualTo(404);

    Http.Response r = http.as(LAND).put("/api/projects/" + id, started);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode p = http.get("/api/projects/" + id).json().get("properties");
    assertThat(p.get("stage").asString()).isEqualTo("开工");
    assertThat(p.get("stageDates").get("开工").asString()).isEqualTo("2036-04-01");
    assertDecimal(p.get("totalInvestmentWan"), "900");
    assertDecimal(p.get("yearlyInvestmentWan").get("2036"), "200");
    assertThat(p.get("createdBy").asString()).isEqualTo("admin");
    JsonNode year = http.get("/api/projects/figures?by=year&year=2036").json().get("groups").get(0);
    assertThat(year.get("projects").longValue()).isEqualTo(1);
    assertDecimal(year.get("totalInvestmentWan"), "900");
    assertDecimal(year.get("investmentWan"), "200");
    assertThat(
            jdbc.sql("SELECT actor FROM audit_log WHERE action = 'project.update' AND target = ?")
                .param("project/" + id)
                .query(String.class)
                .list())
        .containsExactly(LAND.username());
  }

  @Test
  void aViewerCannotWriteProjects() {
    String before = fingerprint();
    Http.Response r =
        http.as(VIEWER).post("/api/projects", feature("\"name\":\"越权\",\"stage\":\"签约\"", "null"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:forbidden");
    Http.Response upload =
        Upload.post(
            port, "/api/projects/import", VIEWER, "p.csv", csv("越权,,1,签约,,,,,,,,,,"), Map.of());
    assertThat(upload.status()).isEqualTo(403);
    assertThat(fingerprint()).isEqualTo(before);
    assertThat(http.as(VIEWER).get("/api/projects").status()).isEqualTo(200);
    assertThat(http.as(VIEWER).get("/api/projects/figures?by=year").status()).isEqualTo(200);
  }
}
