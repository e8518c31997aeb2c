package org.zoneplan.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.zoneplan.enterprises.EnterpriseStoreContract.code;
import static org.zoneplan.enterprises.EnterpriseStoreContract.square;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.codecs.CsvTableReader;
import org.zoneplan.codecs.TableLimits;
import org.zoneplan.codecs.XlsxTableReader;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.LibreOffice;
import org.zoneplan.testsupport.Multipart;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import tools.jackson.databind.JsonNode;

/**
 * The enterprise API on an empty store (no sample data): imports from CSV and .xlsx with Chinese
 * headers, the report of bad rows, dry runs, upserts, shares, export, and files written and read by
 * LibreOffice. Runs unchanged on H2GIS and PostGIS (subclasses). Expected values are written out
 * here, never taken from the code under test.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "zoneplan.sample-data.enabled=false")
abstract class EnterpriseApiContract {
  static final String PLAN = "test-plan";
  static final String ZONE = "TZ-1";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ParcelRepository parcels;
  @Autowired ZoneRepository zones;
  @TempDir Path dir;
  Http http;

  final String a = code(101);
  final String b = code(102);

  @BeforeEach
  void empty() {
    http = new Http(port);
    jdbc.sql("DELETE FROM zone_stat").update();
    jdbc.sql("DELETE FROM enterprise").update();
    jdbc.sql("DELETE FROM parcel_supply").update();
    jdbc.sql("DELETE FROM parcel").update();
    if (zones.findPlan(PLAN).isEmpty()) {
      zones.insertPlan(new PlanVersion(PLAN, "测试规划", LocalDate.of(2024, 1, 1), PlanStatus.DRAFT));
      MultiPolygon g = square(119.89, 29.44, 0.05);
      zones.insertZone(
          new Zone(PLAN, ZONE, "测试园区", ZoneKind.ZONE, null, null, Map.of(), g, AreaFigures.of(g)));
    }
  }

  long parcel(double lon, double lat, double size) {
    MultiPolygon g = square(lon, lat, size);
    return parcels
        .insert(new Parcel(0, LandUseScheme.SANDIAO, "0601", g, EllipsoidalArea.squareMetres(g)))
        .id();
  }

  Http.Response upload(String fileName, byte[] bytes, String table, boolean dryRun)
      throws Exception {
    Multipart u = new Multipart().file(fileName, bytes).field("dryRun", String.valueOf(dryRun));
    if (table != null) {
      u.field("table", table);
    }
    return u.post(port, "/api/enterprises/import");
  }

  Http.Response csv(String table, boolean dryRun, String... lines) throws Exception {
    return upload(
        table + ".csv", String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8), table, dryRun);
  }

  long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  String fingerprint() {
    return List.of("enterprise", "enterprise_land", "enterprise_stat", "zone_stat", "parcel_supply")
            .stream()
            .map(t -> t + "=" + count(t))
            .toList()
        + jdbc.sql("SELECT credit_code, stat_year, tax_wan FROM enterprise_stat ORDER BY 1, 2")
            .query()
            .listOfRows()
            .toString();
  }

  void enterprises() throws Exception {
    Http.Response r =
        csv(
            "enterprises",
            false,
            "统一社会信用代码,企业名称,行业代码,规模,成立年份",
            a + ",浦江县晶彩水晶有限公司,3051,规上,2008",
            b + ",浦江县恒通锁业有限公司,3351,规下,2015");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
  }

  record Problem(long row, String column, String reasonPart) {}

  static void assertProblems(Http.Response r, Problem... expected) {
    assertThat(r.status()).as(r.text()).isEqualTo(422);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:invalid-rows");
    JsonNode problems = r.json().get("problems");
    assertThat(problems).as(r.text()).hasSize(expected.length);
    assertThat(r.json().get("problemCount").longValue()).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      JsonNode p = problems.get(i);
      assertThat(p.get("row").longValue()).as(p.toString()).isEqualTo(expected[i].row());
      if (expected[i].column() == null) {
        assertThat(p.get("column").isNull()).as(p.toString()).isTrue();
      } else {
        assertThat(p.get("column").asString()).as(p.toString()).isEqualTo(expected[i].column());
      }
      assertThat(p.get("reason").asString()).as(p.toString()).contains(expected[i].reasonPart());
    }
  }

  // ---------------------------------------------------------------- bad rows

  @Test
  void badRowsAreRefusedWithRowColumnAndReasonAndNothingIsWritten() throws Exception {
    enterprises();
    String before = fingerprint();
    String badCheck = a.substring(0, 17) + (a.charAt(17) == '0' ? '1' : '0');
    Http.Response r =
        csv(
            "statistics",
            false,
            "统一社会信用代码,企业名称,年度,税收（万元）,工业增加值(万元),年平均职工人数",
            a + ",浦江县晶彩水晶有限公司,2024,12.5,30,100",
            badCheck + ",乙,2024,1,1,1",
            a + ",,1989,1,1,1",
            a + ",,2023,-5,1,1",
            a + ",,2022,abc,1,1",
            a + ",,2024,1,1,1",
            a + ",,2021,1,1,10.5",
            code(999) + ",,2021,1,1,1");
    assertProblems(
        r,
        new Problem(3, "统一社会信用代码", "check character"),
        new Problem(4, "年度", "1989"),
        new Problem(5, "税收（万元）", "负"),
        new Problem(6, "税收（万元）", "不是数字"),
        new Problem(7, null, "与第 2 行重复"),
        new Problem(8, "年平均职工人数", "不是整数"),
        new Problem(9, "统一社会信用代码", "未知企业"));
    assertThat(fingerprint()).isEqualTo(before);

    long p = parcel(119.90, 29.45, 0.002);
    Http.Response land =
        csv(
            "land",
            false,
            "统一社会信用代码,地块编号,用地方式,用地份额",
            a + "," + p + ",自有,1",
            b + ",987654321,租用,0.5",
            b + "," + p + ",出租,0.5");
    assertProblems(
        land, new Problem(4, "用地方式", "自有 or 租用"), new Problem(3, "地块编号", "地块 987654321 不存在"));
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aMissingColumnIsReportedOnTheHeaderRow() throws Exception {
    Http.Response r = csv("statistics", false, "企业名称,税收(万元)", "甲,1");
    assertProblems(r, new Problem(1, "统一社会信用代码", "缺少列"), new Problem(1, "年度", "缺少列"));
  }

  @Test
  void theListOfProblemsIsBoundedAndCountsTheRest() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("统一社会信用代码,年度,税收(万元)");
    for (int i = 0; i < 1500; i++) {
      lines.add("BAD" + i + ",2024,1");
    }
    Http.Response r = csv("statistics", false, lines.toArray(String[]::new));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().get("problems")).hasSize(1000);
    assertThat(r.json().get("problemCount").longValue()).isEqualTo(1500);
    assertThat(r.json().get("problemsNotListed").longValue()).isEqualTo(500);
    assertThat(r.json().get("problems").get(999).get("row").longValue()).isEqualTo(1001);
  }

  // ---------------------------------------------------------------- dry run, upsert

  @Test
  void aDryRunChecksAndCountsButWritesNothing() throws Exception {
    enterprises();
    String before = fingerprint();
    String[] file = {"统一社会信用代码,年度,税收(万元)", a + ",2023,10", a + ",2024,12", b + ",2024,3"};
    Http.Response dry = csv("statistics", true, file);
    assertThat(dry.status()).as(dry.text()).isEqualTo(200);
    assertThat(dry.json().get("dryRun").booleanValue()).isTrue();
    assertThat(dry.json().get("tables").get(0).get("inserted").intValue()).isEqualTo(3);
    assertThat(fingerprint()).isEqualTo(before);
    Http.Response real = csv("statistics", false, file);
    assertThat(real.json().get("tables").get(0).get("inserted").intValue()).isEqualTo(3);
    assertThat(count("enterprise_stat")).isEqualTo(3);
  }

  @Test
  void statisticsAreUpsertedByCreditCodeAndYear() throws Exception {
    enterprises();
    csv(
        "statistics",
        false,
        "统一社会信用代码,年度,税收(万元),工业增加值(万元),用电量(万kWh)",
        a + ",2023,10,40,100",
        a + ",2024,12,45,110");
    // The same key again: 2024 changes, 2022 is new; 工业增加值 is absent (kept), 用电量 empty
    // (cleared).
    Http.Response r =
        csv(
            "statistics",
            false,
            "统一社会信用代码,年度,评价税收(万元),用电量（万千瓦时）",
            a + ",2024,13.5,",
            a + ",2022,8,90");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("tables").get(0).get("inserted").intValue()).isEqualTo(1);
    assertThat(r.json().get("tables").get(0).get("updated").intValue()).isEqualTo(1);
    assertThat(
            jdbc.sql(
                    "SELECT stat_year, tax_wan, value_added_wan, electricity_wan_kwh"
                        + " FROM enterprise_stat WHERE credit_code = ? ORDER BY stat_year")
                .param(a)
                .query(
                    (rs, n) ->
                        rs.getInt(1)
                            + " "
                            + rs.getObject(2)
                            + " "
                            + rs.getObject(3)
                            + " "
                            + rs.getObject(4))
                .list())
        .containsExactly("2022 8.0 null 90.0", "2023 10.0 40.0 100.0", "2024 13.5 45.0 null");
  }

  @Test
  void anUnknownEnterpriseWithANameIsCreatedByItsStatistics() throws Exception {
    Http.Response r = csv("statistics", false, "统一社会信用代码,企业名称,年度,税收(万元)", a + ",新企业,2024,1");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("enterprisesCreated").intValue()).isEqualTo(1);
    assertThat(http.get("/api/enterprises/" + a).json().get("enterprise").get("name").asString())
        .isEqualTo("新企业");
  }

  // ---------------------------------------------------------------- land and shares

  @Test
  void sharesOfAParcelOverOneAreRefusedOnImportAndOnWriteNamingTheParcel() throws Exception {
    enterprises();
    long p = parcel(119.90, 29.45, 0.002);
    Http.Response r =
        csv(
            "land",
            false,
            "统一社会信用代码,地块编号,用地方式,用地份额",
            a + "," + p + ",自有,0.6",
            b + "," + p + ",租用,0.5");
    assertProblems(r, new Problem(3, "用地份额", "地块 " + p + " 的用地份额合计 1.1 超过 1"));
    assertThat(count("enterprise_land")).isZero();

    assertThat(csv("land", false, "统一社会信用代码,地块编号,用地方式,用地份额", a + "," + p + ",自有,0.6").status())
        .isEqualTo(200);
    Http.Response over =
        http.send(
            "PUT",
            "/api/enterprises/" + b + "/land",
            "application/json",
            "[{\"parcelId\":" + p + ",\"role\":\"租用\",\"share\":0.5}]");
    assertThat(over.status()).as(over.text()).isEqualTo(422);
    assertThat(over.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:share-exceeded");
    assertThat(over.json().get("parcelId").longValue()).isEqualTo(p);
    Http.Response above =
        http.send(
            "PUT",
            "/api/enterprises/" + b + "/land",
            "application/json",
            "[{\"parcelId\":" + p + ",\"role\":\"租用\",\"share\":1.2}]");
    assertThat(above.status()).isEqualTo(422);
    Http.Response fits =
        http.send(
            "PUT",
            "/api/enterprises/" + b + "/land",
            "application/json",
            "[{\"parcelId\":" + p + ",\"role\":\"租用\",\"share\":0.4}]");
    assertThat(fits.status()).as(fits.text()).isEqualTo(200);

    JsonNode one = http.get("/api/enterprises/" + b + "?year=2024").json();
    double parcelArea =
        jdbc.sql("SELECT area_m2 FROM parcel WHERE id = ?").param(p).query(Double.class).single();
    assertThat(one.get("land").get(0).get("roleName").asString()).isEqualTo("租用");
    assertThat(one.get("enterprise").get("landAreaM2").doubleValue())
        .isCloseTo(0.4 * parcelArea, within(1e-6));
    assertThat(one.get("enterprise").get("landAreaMu").doubleValue())
        .isCloseTo(0.4 * parcelArea * 15 / 10_000, within(1e-9));
  }

  @Test
  void landSupplyDecidesTheLandOfAYear() throws Exception {
    enterprises();
    long early = parcel(119.90, 29.45, 0.002);
    long late = parcel(119.91, 29.45, 0.002);
    csv(
        "land",
        false,
        "统一社会信用代码,地块编号,用地方式,用地份额",
        a + "," + early + ",自有,1",
        a + "," + late + ",自有,1");
    Http.Response supply =
        csv(
            "supply",
            false,
            "地块编号,供地日期,供地方式,供地状态,建成,竣工日期,建筑面积(㎡),建筑基底面积(m²),闲置",
            late + ",2023年6月1日,出让,已供,是,2024/3/1,12000,5000,否");
    assertThat(supply.status()).as(supply.text()).isEqualTo(200);
    double earlyArea = area(early);
    double lateArea = area(late);
    assertThat(landArea(a, 2022)).isCloseTo(earlyArea, within(1e-6));
    assertThat(landArea(a, 2023)).isCloseTo(earlyArea + lateArea, within(1e-6));
    assertThat(
            jdbc.sql("SELECT supply_date FROM parcel_supply WHERE parcel_id = ?")
                .param(late)
                .query(java.sql.Date.class)
                .single()
                .toLocalDate())
        .isEqualTo(LocalDate.of(2023, 6, 1));
  }

  double area(long parcelId) {
    return jdbc.sql("SELECT area_m2 FROM parcel WHERE id = ?")
        .param(parcelId)
        .query(Double.class)
        .single();
  }

  double landArea(String code, int year) {
    for (JsonNode e :
        http.get("/api/enterprises/land-areas?year=" + year).json().get("enterprises")) {
      if (e.get("creditCode").asString().equals(code)) {
        return e.get("areaM2").doubleValue();
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- lists

  @Test
  void listsFilterByIndustryZoneAndYear() throws Exception {
    enterprises();
    long inside = parcel(119.90, 29.45, 0.002);
    long outside = parcel(119.99, 29.45, 0.002);
    csv(
        "land",
        false,
        "统一社会信用代码,地块编号,用地方式,用地份额",
        a + "," + inside + ",自有,1",
        b + "," + outside + ",自有,1");
    JsonNode all = http.get("/api/enterprises").json();
    assertThat(all.get("numberMatched").longValue()).isEqualTo(2);
    JsonNode inZone =
        http.get("/api/enterprises?plan=" + PLAN + "&zone=" + ZONE + "&year=2024").json();
    assertThat(inZone.get("enterprises")).hasSize(1);
    JsonNode e = inZone.get("enterprises").get(0);
    assertThat(e.get("creditCode").asString()).isEqualTo(a);
    assertThat(e.get("industryName").asString()).isEqualTo("技术玻璃制品制造");
    assertThat(e.get("sizeClassName").asString()).isEqualTo("规上");
    assertThat(e.get("landAreaM2").doubleValue()).isCloseTo(area(inside), within(1e-6));
    assertThat(http.get("/api/enterprises?industry=33").json().get("numberMatched").longValue())
        .isEqualTo(1);
    assertThat(http.get("/api/enterprises?year=2010").json().get("numberMatched").longValue())
        .isEqualTo(1);
    assertThat(http.get("/api/enterprises?limit=0").status()).isEqualTo(400);
    assertThat(http.get("/api/enterprises?plan=" + PLAN + "&zone=nope").status()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- zone totals

  @Test
  void zoneTotalsNeedAKnownZone() throws Exception {
    Http.Response bad =
        csv(
            "zone-statistics",
            false,
            "规划版本,园区代码,年度,指标,数值,单位,来源",
            PLAN + ",NOPE,2024,investment_wan,5000,万元,统计公报");
    assertProblems(bad, new Problem(2, "园区代码", "没有园区 NOPE"));
    Http.Response ok =
        csv(
            "zone-statistics",
            false,
            "规划版本,园区代码,年度,指标,数值,单位,来源",
            PLAN + "," + ZONE + ",2024,investment_wan,5000,万元,统计公报");
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    assertThat(count("zone_stat")).isEqualTo(1);
    JsonNode listed = http.get("/api/plans/" + PLAN + "/zone-statistics?year=2024").json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("indicator").asString()).isEqualTo("investment_wan");
    assertThat(listed.get(0).get("value").doubleValue()).isEqualTo(5000.0);
    assertThat(listed.get(0).get("source").asString()).isEqualTo("统计公报");
    assertThat(http.get("/api/plans/" + PLAN + "/zone-statistics?year=2023").json()).isEmpty();
    assertThat(http.get("/api/plans/nope/zone-statistics").status()).isEqualTo(404);
  }

  @Test
  void oneEnterpriseIsWrittenAndCheckedThroughTheApi() {
    String path = "/api/enterprises/" + a;
    Http.Response created =
        http.send(
            "PUT",
            path,
            "application/json",
            "{\"name\":\"浦江县晶彩水晶有限公司\",\"industryCode\":\"3051\",\"sizeClass\":\"规上\",\"foundedYear\":2008}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("industryName").asString()).isEqualTo("技术玻璃制品制造");
    Http.Response replaced =
        http.send("PUT", path, "application/json", "{\"name\":\"浦江县晶彩水晶股份有限公司\"}");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(http.get(path).json().get("enterprise").get("name").asString())
        .isEqualTo("浦江县晶彩水晶股份有限公司");
    Http.Response badIndustry =
        http.send("PUT", path, "application/json", "{\"name\":\"甲\",\"industryCode\":\"3880\"}");
    assertThat(badIndustry.status()).isEqualTo(422);
    assertThat(badIndustry.json().get("detail").asString()).contains("3880");
    String badCode = a.substring(0, 17) + (a.charAt(17) == '0' ? '1' : '0');
    assertThat(
            http.send("PUT", "/api/enterprises/" + badCode, "application/json", "{\"name\":\"甲\"}")
                .status())
        .isEqualTo(422);
    assertThat(http.get("/api/enterprises/" + code(777)).status()).isEqualTo(404);
  }

  // ---------------------------------------------------------------- export

  @Test
  void theExportHoldsEveryTableAndImportsBackUnchanged() throws Exception {
    enterprises();
    long p = parcel(119.90, 29.45, 0.002);
    csv("land", false, "统一社会信用代码,地块编号,用地方式,用地份额", a + "," + p + ",租用,0.25");
    csv(
        "statistics",
        false,
        "统一社会信用代码,年度,税收(万元),年平均职工人数,R&D经费(万元)",
        a + ",2024,12.5,100,3.75",
        b + ",2023,0,7,");
    String before = fingerprint();
    byte[] xlsx = download("/api/enterprises/export.xlsx");
    Path file = Files.write(dir.resolve("export.xlsx"), xlsx);
    XlsxTableReader reader = new XlsxTableReader(TableLimits.DEFAULT);
    assertThat(reader.sheetNames(file)).containsExactly("企业", "供地", "用地", "年度统计", "园区统计");
    List<List<String>> stats = new ArrayList<>();
    reader.read(file, 3, (row, cells) -> stats.add(List.copyOf(cells)));
    assertThat(stats.get(0))
        .containsExactly(
            "统一社会信用代码",
            "企业名称",
            "年度",
            "税收(万元)",
            "工业增加值(万元)",
            "营业收入(万元)",
            "综合能耗(吨标准煤)",
            "主要污染物排放(吨)",
            "R&D经费(万元)",
            "年平均职工人数",
            "用电量(万kWh)",
            "固定资产投资(万元)");
    assertThat(stats.get(1))
        .containsExactly(a, "浦江县晶彩水晶有限公司", "2024", "12.5", "", "", "", "", "3.75", "100");
    assertThat(stats.get(2))
        .containsExactly(b, "浦江县恒通锁业有限公司", "2023", "0", "", "", "", "", "", "7");
    List<List<String>> land = new ArrayList<>();
    reader.read(file, 2, (row, cells) -> land.add(List.copyOf(cells)));
    assertThat(land.get(1)).containsExactly(a, String.valueOf(p), "租用", "0.25");

    // The whole workbook imports back (sheets by name): every row an update, nothing changes.
    Http.Response back = upload("export.xlsx", xlsx, null, false);
    assertThat(back.status()).as(back.text()).isEqualTo(200);
    for (JsonNode t : back.json().get("tables")) {
      assertThat(t.get("inserted").intValue()).as(t.toString()).isZero();
    }
    assertThat(fingerprint()).isEqualTo(before);
  }

  byte[] download(String path) throws Exception {
    var r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", org.zoneplan.testsupport.Credentials.ADMIN.header())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return r.body();
  }

  // ---------------------------------------------------------------- LibreOffice

  /**
   * A CSV with Chinese headers, converted to .xlsx by LibreOffice, imports; the export, converted
   * back to CSV by LibreOffice, equals the data.
   */
  @Test
  void anXlsxWrittenByLibreOfficeImportsAndTheExportReadsBackInLibreOffice() throws Exception {
    LibreOffice.requireAvailable();
    enterprises();
    List<String> data =
        List.of(
            "统一社会信用代码,企业名称,年度,税收(万元),工业增加值(万元),营业收入(万元),综合能耗(吨标准煤),主要污染物排放(吨),R&D经费(万元),年平均职工人数,用电量(万kWh),固定资产投资(万元)",
            a + ",浦江县晶彩水晶有限公司,2023,11.25,40,320.5,120,1.5,9,96,55.5,200",
            a + ",浦江县晶彩水晶有限公司,2024,12.5,45,350,118,1.25,10.5,100,60,0",
            b + ",浦江县恒通锁业有限公司,2024,3,8,60,20,,0.5,12,7.75,");
    Path csv = Files.writeString(dir.resolve("统计.csv"), String.join("\n", data) + "\n");
    Path xlsx = LibreOffice.convert(csv, "xlsx", "CSV:" + LibreOffice.CSV_UTF8, dir, "xlsx");
    Http.Response r = upload("统计.xlsx", Files.readAllBytes(xlsx), "statistics", false);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("tables").get(0).get("inserted").intValue()).isEqualTo(3);
    assertThat(
            jdbc.sql(
                    "SELECT tax_wan, revenue_wan, emissions_t, employees, investment_wan FROM enterprise_stat"
                        + " WHERE credit_code = ? AND stat_year = 2023")
                .param(a)
                .query(
                    (rs, n) ->
                        rs.getDouble(1)
                            + " "
                            + rs.getDouble(2)
                            + " "
                            + rs.getDouble(3)
                            + " "
                            + rs.getInt(4)
                            + " "
                            + rs.getDouble(5))
                .single())
        .isEqualTo("11.25 320.5 1.5 96 200.0");

    Path exported =
        Files.write(
            dir.resolve("导出.xlsx"), download("/api/enterprises/export.xlsx?table=statistics"));
    Path back =
        LibreOffice.convert(
            exported, "csv:Text - txt - csv (StarCalc):" + LibreOffice.CSV_UTF8, null, dir, "csv");
    List<List<String>> rows = new ArrayList<>();
    try (var in = Files.newInputStream(back)) {
      new CsvTableReader(TableLimits.DEFAULT)
          .read(in, StandardCharsets.UTF_8, (row, cells) -> rows.add(List.copyOf(cells)));
    }
    List<List<String>> expected = new ArrayList<>();
    for (String line : data) {
      expected.add(List.of(line.split(",", -1)));
    }
    assertThat(rows).isEqualTo(expected);
  }
}
