package org.zoneplan.headquarters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;

/**
 * Xihu's headquarters economy and open-economy indicators on a store with the sample data, on H2GIS
 * and PostGIS alike: the published totals exactly as published in the API, the stored rewards
 * adding up to them (summed by SQL, not by the code), the illustrative platforms and firms inside
 * 西湖区 and the platforms not overlapping (the store's own spatial SQL), the 科创飞地 outside its
 * promoter's territory, the indicator system's shape, the lagging ranking of a fixture written
 * through the API and worked by hand, the .xlsx files read back with POI, and 4xx answers with
 * nothing written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class XihuApiContract {
  static final Credentials VIEWER = new Credentials("x-viewer", "xihu-pass-1");
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired HeadquartersRepository repository;
  Http http;

  @BeforeEach
  void connect() {
    http = new Http(port);
    if (http.get("/api/users/" + VIEWER.username()).status() == 404) {
      Http.Response r =
          http.post(
              "/api/users",
              "{\"username\":\""
                  + VIEWER.username()
                  + "\",\"password\":\""
                  + VIEWER.password()
                  + "\",\"roles\":[\"VIEWER\"]}");
      assertThat(r.status()).as(r.text()).isEqualTo(201);
    }
  }

  @Test
  void listsShowThePublishedCountsAsPublishedBesideTheStoredOnes() {
    JsonNode r = ok(http.as(VIEWER).get("/api/headquarters/lists"));
    assertThat(r.get("lists")).hasSize(3);
    List<String> kinds = new ArrayList<>();
    r.get("lists").forEach(l -> kinds.add(l.get("kind").asString()));
    assertThat(kinds).containsExactly("动员", "培育", "招引");
    assertThat(r.get("stored").get("firms").asInt()).isEqualTo(120);
    assertThat(r.get("stored").get("projects").asInt()).isEqualTo(5);
    Map<String, String> published = new java.util.HashMap<>();
    for (JsonNode f : r.get("published")) {
      published.put(f.get("item").asString(), f.get("value").asString());
      assertThat(f.get("sourcePhrase").asString())
          .isEqualTo("动员, 培育, 招引 — 120 firms and 5 projects");
    }
    assertThat(published).containsEntry("firms", "120").containsEntry("projects", "5");
    // the same counts straight from the table
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM hq_entry WHERE entry_type = 'FIRM'")
                .query(Long.class)
                .single())
        .isEqualTo(120L);
    // one list with its entries: the list's own fields beside them, each entry's counts per list
    JsonNode first = r.get("lists").get(0);
    JsonNode one = ok(http.as(VIEWER).get("/api/headquarters/lists/" + first.get("id").asString()));
    assertThat(one.get("kind").asString()).isEqualTo(first.get("kind").asString());
    assertThat(one.get("name").asString()).isEqualTo(first.get("name").asString());
    long firms = 0;
    for (JsonNode e : one.get("entries")) {
      assertThat(e.get("listId").asString()).isEqualTo(first.get("id").asString());
      firms += "FIRM".equals(e.get("type").asString()) ? 1 : 0;
    }
    assertThat(firms).isEqualTo(first.get("firms").asLong());
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM hq_entry WHERE list_id = ?")
                .param(first.get("id").asString())
                .query(Long.class)
                .single())
        .isEqualTo((long) one.get("entries").size());
  }

  @Test
  void rewardsOf2023AddUpToThePublishedTotalsKeptExactly() {
    JsonNode r = ok(http.as(VIEWER).get("/api/headquarters/rewards?year=2023"));
    assertThat(r.get("unit").asString()).isEqualTo("万元");
    assertThat(r.get("total").get("amountWan").decimalValue()).isEqualByComparingTo("1700");
    assertThat(r.get("total").get("districtWan").decimalValue()).isEqualByComparingTo("850");
    Map<String, JsonNode> published = new java.util.HashMap<>();
    r.get("published").forEach(f -> published.put(f.get("item").asString(), f));
    assertThat(published.get("star_reward").get("value").asString()).isEqualTo("1700");
    assertThat(published.get("star_reward").get("unit").asString()).isEqualTo("万元");
    assertThat(published.get("star_reward_district").get("value").asString()).isEqualTo("850");
    assertThat(published.get("star_reward").get("sourcePhrase").asString())
        .isEqualTo("2023: 1,700万元 of 星级培育奖励, 850万元 from the district");
    r.get("checks").forEach(c -> assertThat(c.get("equal").asBoolean()).as(c.toString()).isTrue());
    // summed by SQL, independently of the service
    BigDecimal amount =
        jdbc.sql("SELECT SUM(amount_wan) FROM hq_reward WHERE reward_year = 2023")
            .query(BigDecimal.class)
            .single();
    BigDecimal district =
        jdbc.sql("SELECT SUM(district_wan) FROM hq_reward WHERE reward_year = 2023")
            .query(BigDecimal.class)
            .single();
    assertThat(amount).isEqualByComparingTo("1700");
    assertThat(district).isEqualByComparingTo("850");
    // per star level: the levels' sums add up to the total (5×80 + 10×50 + 15×30 + 10×20 + 10×15)
    BigDecimal byStar = BigDecimal.ZERO;
    for (JsonNode s : r.get("byStar")) {
      byStar = byStar.add(s.get("amountWan").decimalValue());
    }
    assertThat(byStar).isEqualByComparingTo("1700");
    assertThat(r.get("byStar").get(0).get("starLevel").asInt()).isEqualTo(5);
    assertThat(r.get("byStar").get(0).get("amountWan").decimalValue()).isEqualByComparingTo("400");
    assertThat(r.get("firms")).hasSize(50);
  }

  @Test
  void platformsAndFirmsLieInsideXihuAndPlatformsDoNotOverlap() {
    // the store's own spatial SQL (H2GIS or PostGIS), not the layout code
    long platformsInside =
        jdbc.sql(
                "SELECT COUNT(*) FROM zone z, division d WHERE z.plan_id = 'xihu-platforms'"
                    + " AND d.code = '330106' AND ST_Within(z.geom, d.geom)")
            .query(Long.class)
            .single();
    assertThat(platformsInside).isEqualTo(10L);
    long overlapping =
        jdbc.sql(
                "SELECT COUNT(*) FROM zone a, zone b WHERE a.plan_id = 'xihu-platforms'"
                    + " AND b.plan_id = 'xihu-platforms' AND a.code < b.code"
                    + " AND ST_Intersects(a.geom, b.geom)")
            .query(Long.class)
            .single();
    assertThat(overlapping).isZero();
    long firmsInPlatform =
        jdbc.sql(
                "SELECT COUNT(*) FROM hq_entry e JOIN zone z ON z.plan_id = e.plan_id"
                    + " AND z.code = e.zone_code WHERE ST_Contains(z.geom, e.geom)")
            .query(Long.class)
            .single();
    assertThat(firmsInPlatform).isEqualTo(125L);

    JsonNode programme = ok(http.as(VIEWER).get("/api/programmes/xihu-3c1g6t"));
    assertThat(programme.get("illustrative").asBoolean()).isTrue();
    assertThat(programme.get("divisionCode").asString()).isEqualTo("330106");
    JsonNode members = ok(http.as(VIEWER).get("/api/programmes/xihu-3c1g6t/members"));
    List<String> names = new ArrayList<>();
    members.get("features").forEach(f -> names.add(f.get("properties").get("zoneName").asString()));
    assertThat(names).contains("紫金港科技城", "西溪谷", "云栖小镇", "龙坞茶镇", "艺创小镇").hasSize(10);

    JsonNode layer = ok(http.as(VIEWER).get("/api/headquarters/firms?format=geojson&star=5"));
    assertThat(layer.get("type").asString()).isEqualTo("FeatureCollection");
    long fiveStars =
        jdbc.sql("SELECT COUNT(*) FROM hq_entry WHERE star_level = 5").query(Long.class).single();
    assertThat(layer.get("features")).hasSize((int) fiveStars);
    JsonNode first = layer.get("features").get(0);
    assertThat(first.get("geometry").get("type").asString()).isEqualTo("Point");
    assertThat(first.get("properties").get("illustrative").asBoolean()).isTrue();
  }

  @Test
  void theEnclaveLiesOutsideItsPromotersTerritory() {
    JsonNode park = ok(http.as(VIEWER).get("/api/parks/pujiang-xihu-enclave"));
    assertThat(park.get("promoter").get("code").asString()).isEqualTo("330726");
    assertThat(park.get("hosts").get(0).asString()).isEqualTo("330106");
    assertThat(park.get("illustrative").asBoolean()).isTrue();
    long outside =
        jdbc.sql(
                "SELECT COUNT(*) FROM coop_park p, division d WHERE p.id = 'pujiang-xihu-enclave'"
                    + " AND d.code = '330726' AND NOT ST_Intersects(p.geom, d.geom)")
            .query(Long.class)
            .single();
    long insideHost =
        jdbc.sql(
                "SELECT COUNT(*) FROM coop_park p, division d WHERE p.id = 'pujiang-xihu-enclave'"
                    + " AND d.code = '330106' AND ST_Within(p.geom, d.geom)")
            .query(Long.class)
            .single();
    assertThat(outside).isEqualTo(1L);
    assertThat(insideHost).isEqualTo(1L);
    // by territory all of it counts in 西湖区, none in 浦江县 (shared in assessment by its rule)
    JsonNode shares = park.get("territorialShares");
    assertThat(shares.get("330106").asDouble()).isCloseTo(1.0, within(1e-9));
    assertThat(shares.has("330726") ? shares.get("330726").asDouble() : 0.0).isZero();
    // no overlap with the platforms
    long onPlatforms =
        jdbc.sql(
                "SELECT COUNT(*) FROM coop_park p, zone z WHERE p.id = 'pujiang-xihu-enclave'"
                    + " AND z.plan_id = 'xihu-platforms' AND ST_Intersects(p.geom, z.geom)")
            .query(Long.class)
            .single();
    assertThat(onPlatforms).isZero();
  }

  @Test
  void theIndicatorSystemHasSixCategoriesAndThirtyIndicatorsEachWithALeadDepartment() {
    JsonNode s = ok(http.as(VIEWER).get("/api/open-indicators"));
    assertThat(s.get("categories")).hasSize(6);
    assertThat(s.get("indicatorCount").asInt()).isEqualTo(30);
    assertThat(s.get("illustrative").asBoolean()).isTrue();
    int n = 0;
    for (JsonNode c : s.get("categories")) {
      for (JsonNode i : c.get("indicators")) {
        n++;
        assertThat(i.get("leadDepartment").asString()).isNotBlank();
        assertThat(i.get("better").asString()).isIn("HIGHER", "LOWER");
        assertThat(i.get("reviews")).isNotEmpty();
        i.get("reviews")
            .forEach(
                r -> assertThat(r.asString()).isIn("WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY"));
      }
    }
    assertThat(n).isEqualTo(30);
    List<String> reviews = new ArrayList<>();
    s.get("reviews").forEach(r -> reviews.add(r.get("name").asString()));
    assertThat(reviews).containsExactly("周例会", "月调度", "季分析", "年总结");
    assertThat(s.get("talkGrades")).hasSize(4);
    assertThat(ok(http.as(VIEWER).get("/api/open-indicators/units?kind=镇街"))).hasSize(12);
    assertThat(ok(http.as(VIEWER).get("/api/open-indicators/units?kind=平台"))).hasSize(10);
  }

  @Test
  void laggingUnitsOfAPeriodWrittenThroughTheApiAreRankedAndGradedAsWorkedByHand() {
    // K01 货物进出口总额 (higher is better), K02 出口额 (higher), K20 总部企业外迁数 (lower is better)
    String body =
        "{\"values\":["
            + "{\"indicator\":\"K01\",\"unit\":\"T01\",\"period\":\"2030\",\"target\":100,\"actual\":50},"
            + "{\"indicator\":\"K20\",\"unit\":\"T01\",\"period\":\"2030\",\"target\":2,\"actual\":4},"
            + "{\"indicator\":\"K01\",\"unit\":\"P01\",\"period\":\"2030\",\"target\":100,\"actual\":75},"
            + "{\"indicator\":\"K02\",\"unit\":\"P01\",\"period\":\"2030\",\"target\":10,\"actual\":12},"
            + "{\"indicator\":\"K01\",\"unit\":\"T02\",\"period\":\"2030\",\"target\":100,\"actual\":100}"
            + "]}";
    Http.Response put = http.put("/api/open-indicators/values", body);
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(put.json().get("written").asInt()).isEqualTo(5);

    JsonNode r = ok(http.as(VIEWER).get("/api/open-indicators/lagging?period=2030"));
    JsonNode list = r.get("lagging");
    // T01: (0.5 + 2/4) / 2 = 0.5 → 一级 (below 0.6); P01: (0.75 + min(1.2, 1)) / 2 = 0.875 → 三级
    // (below 0.9); T02 meets its one target.
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("unitCode").asString()).isEqualTo("T01");
    assertThat(list.get(0).get("unitName").asString()).isEqualTo("北山街道");
    assertThat(list.get(0).get("completion").asDouble()).isCloseTo(0.5, within(1e-12));
    assertThat(list.get(0).get("lagging").asInt()).isEqualTo(2);
    assertThat(list.get(0).get("grade").asString()).isEqualTo("一级约谈");
    assertThat(list.get(1).get("unitCode").asString()).isEqualTo("P01");
    assertThat(list.get(1).get("completion").asDouble()).isCloseTo(0.875, within(1e-12));
    assertThat(list.get(1).get("grade").asString()).isEqualTo("三级约谈");
    assertThat(list.get(1).get("lags").get(0).get("leadDepartment").asString()).isEqualTo("区商务局");

    JsonNode platforms =
        ok(http.as(VIEWER).get("/api/open-indicators/lagging?period=2030&kind=平台"));
    assertThat(platforms.get("lagging")).hasSize(1);
    assertThat(platforms.get("lagging").get(0).get("rank").asInt()).isEqualTo(1);

    // a second write replaces the row: T01's K01 now met → T01 completion (1 + 0.5) / 2 = 0.75, 二级
    Http.Response again =
        http.put(
            "/api/open-indicators/values",
            "{\"values\":[{\"indicator\":\"K01\",\"unit\":\"T01\",\"period\":\"2030\","
                + "\"target\":100,\"actual\":100}]}");
    assertThat(again.status()).as(again.text()).isEqualTo(200);
    JsonNode after = ok(http.as(VIEWER).get("/api/open-indicators/lagging?period=2030"));
    assertThat(after.get("lagging").get(0).get("unitCode").asString()).isEqualTo("T01");
    assertThat(after.get("lagging").get(0).get("completion").asDouble())
        .isCloseTo(0.75, within(1e-12));
    assertThat(after.get("lagging").get(0).get("grade").asString()).isEqualTo("二级约谈");
  }

  @Test
  void theRepositoryReadsBackWhatItStoresOnThisEngine() {
    // points: the repository's lon/lat against the engine's ST_X/ST_Y of the stored geometry
    List<HqEntry> entries = repository.entries("xihu-hq-attract");
    assertThat(entries).hasSize(35);
    assertThat(entries.subList(30, 35)).allMatch(e -> e.type().equals(HqEntry.PROJECT));
    assertThat(entries.subList(30, 35)).allMatch(e -> e.starLevel() == null);
    for (HqEntry e : entries.subList(0, 5)) {
      double[] xy =
          jdbc.sql("SELECT ST_X(geom), ST_Y(geom) FROM hq_entry WHERE id = ?")
              .param(e.id())
              .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
              .single();
      assertThat(e.location().getX()).isEqualTo(xy[0]);
      assertThat(e.location().getY()).isEqualTo(xy[1]);
      assertThat(e.location().getSRID()).isEqualTo(4490);
    }
    // decimals keep their value and lose the column's trailing zeros; null stays null
    String period = "2040-07";
    repository.putValue(
        new OpenValue("K03", "T05", period, new BigDecimal("12.5"), null, false),
        "test",
        java.time.OffsetDateTime.now());
    repository.putValue(
        new OpenValue(
            "K03", "T05", period, new BigDecimal("12.5"), new BigDecimal("0.1234"), false),
        "test",
        java.time.OffsetDateTime.now());
    List<OpenValue> back = repository.values(period);
    assertThat(back).hasSize(1);
    assertThat(back.get(0).target().toPlainString()).isEqualTo("12.5");
    assertThat(back.get(0).actual().toPlainString()).isEqualTo("0.1234");
    assertThat(repository.periods()).contains(period);
    // reviews and grades in their order, thresholds as stored
    assertThat(repository.reviews())
        .extracting(OpenReview::cadence)
        .containsExactly("WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY");
    assertThat(repository.grades())
        .extracting(g -> g.belowRatio().toPlainString())
        .containsExactly("0.6", "0.8", "0.9", "1");
  }

  @Test
  void theListsAndTheLaggingListComeAsXlsx() throws Exception {
    try (Workbook w = xlsx("/api/headquarters/lists.xlsx")) {
      assertThat(w.getNumberOfSheets()).isEqualTo(4);
      Sheet cultivate = w.getSheet("培育名单");
      assertThat(cultivate.getLastRowNum()).isEqualTo(50);
      assertThat(cultivate.getRow(0).getCell(4).getStringCellValue()).isEqualTo("星级");
      Sheet rewards = w.getSheet("星级培育奖励");
      double sum = 0;
      for (int i = 1; i <= rewards.getLastRowNum(); i++) {
        sum += rewards.getRow(i).getCell(3).getNumericCellValue();
      }
      assertThat(sum).isCloseTo(1700.0, within(1e-9));
    }
    try (Workbook w = xlsx("/api/open-indicators/lagging.xlsx?period=2024")) {
      assertThat(w.getSheet("落后名单")).isNotNull();
      assertThat(w.getSheet("指标体系").getLastRowNum()).isEqualTo(30);
    }
  }

  @Test
  void badInputIsAProblemNamingWhatIsWrongAndWritesNothing() {
    Http viewer = http.as(VIEWER);
    problem(viewer.get("/api/headquarters/rewards?year=abc"), 422, "invalid-year");
    problem(viewer.get("/api/headquarters/rewards?year=1800"), 422, "invalid-year");
    problem(viewer.get("/api/headquarters/rewards"), 422, "invalid-year");
    problem(viewer.get("/api/headquarters/firms?star=6"), 422, "invalid-star");
    problem(viewer.get("/api/headquarters/firms?format=kml"), 422, "invalid-format");
    problem(viewer.get("/api/headquarters/firms?list=nope"), 404, "hq-list-not-found");
    problem(viewer.get("/api/headquarters/lists/nope"), 404, "hq-list-not-found");
    problem(viewer.get("/api/open-indicators/lagging?period=2024-13"), 422, "invalid-period");
    problem(viewer.get("/api/open-indicators/lagging"), 422, "invalid-period");
    problem(viewer.get("/api/open-indicators/lagging.xlsx?period=24"), 422, "invalid-period");
    problem(viewer.get("/api/open-indicators/lagging?period=2024&kind=县"), 422, "invalid-kind");
    problem(
        viewer.get("/api/open-indicators/values?period=2024&unit=X99"), 404, "open-unit-not-found");

    long before = jdbc.sql("SELECT COUNT(*) FROM open_value").query(Long.class).single();
    String good =
        "{\"indicator\":\"K01\",\"unit\":\"T04\",\"period\":\"2031\",\"target\":1,\"actual\":1}";
    // the good first row is not written when a later row is refused; the last case repeats it
    for (var bad :
        Map.of(
                "{\"indicator\":\"K99\",\"unit\":\"T03\",\"period\":\"2031\"}",
                "indicator",
                "{\"indicator\":\"K01\",\"unit\":\"T99\",\"period\":\"2031\"}",
                "unit",
                "{\"indicator\":\"K01\",\"unit\":\"T03\",\"period\":\"2031-Q5\"}",
                "period",
                "{\"indicator\":\"K01\",\"unit\":\"T03\",\"period\":\"2031\",\"target\":\"abc\"}",
                "target",
                "{\"indicator\":\"K01\",\"unit\":\"T03\",\"period\":\"2031\",\"actual\":1e20}",
                "actual",
                "{\"indicator\":\"K01\",\"unit\":\"T03\",\"period\":\"2031\",\"target\":1.00001}",
                "target",
                good,
                "indicator")
            .entrySet()) {
      Http.Response r =
          http.put(
              "/api/open-indicators/values", "{\"values\":[" + good + "," + bad.getKey() + "]}");
      problem(r, 422, "invalid-value");
      assertThat(r.json().get("property").asString()).as(bad.getKey()).isEqualTo(bad.getValue());
      assertThat(r.json().get("row").asInt()).isEqualTo(1);
    }
    problem(http.put("/api/open-indicators/values", "{\"values\":[]}"), 422, "invalid-value");
    problem(http.put("/api/open-indicators/values", "{}"), 422, "invalid-value");
    // only ADMIN writes values
    assertThat(viewer.put("/api/open-indicators/values", "{\"values\":[" + good + "]}").status())
        .isEqualTo(403);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM open_value").query(Long.class).single())
        .isEqualTo(before);
  }

  private static void problem(Http.Response r, int status, String slug) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).contains("application/problem+json");
    assertThat(r.json().get("type").asString()).as(r.text()).endsWith(slug);
    assertThat(r.json().get("detail").asString()).isNotBlank();
  }

  private static JsonNode ok(Http.Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  private Workbook xlsx(String path) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (VIEWER.username() + ":" + VIEWER.password()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + auth)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(XLSX);
    assertThat(Set.of(r.headers().firstValue("Content-Disposition").orElse("")))
        .allMatch(d -> d.contains("attachment"));
    return new XSSFWorkbook(new ByteArrayInputStream(r.body()));
  }
}
