package org.zoneplan.parks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Csv;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cooperation parks on a store with the sample data, unchanged on H2GIS and PostGIS: the sample
 * figures compared with {@code ../shared/domain/hangzhou-cooperation-parks.csv} read here;
 * territorial shares of every park recomputed by independent PostGIS SQL ({@link #reference()}: the
 * store itself on PostGIS, a PostGIS database of its own beside H2GIS) from the geometries the API
 * serves; the sharing rules worked by hand on fixtures; bad input refused with nothing written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ParkApiContract {
  static final Path CSV = Path.of("../shared/domain/hangzhou-cooperation-parks.csv");
  static final Credentials VIEWER = new Credentials("park-viewer", "park-pass-1");
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A square across the 富阳 (330111) / 萧山 (330109) border, about 58% : 42%. */
  static final String STRADDLING =
      "{\"type\":\"Polygon\",\"coordinates\":[[[120.09,29.97],[120.12,29.97],[120.12,29.99],"
          + "[120.09,29.99],[120.09,29.97]]]}";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  Http http;

  /** Independent PostGIS SQL: a connection to a PostGIS database (aborts without PostGIS). */
  abstract JdbcClient reference();

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

  // ---------------------------------------------------------------- sample data

  @Test
  void hangzhouDistrictsAreLoadedRepairedUnderTheCity() {
    Map<String, JsonNode> byCode = new HashMap<>();
    for (JsonNode d : http.get("/api/divisions").json()) {
      byCode.put(d.get("code").asString(), d);
    }
    List<String> codes =
        List.of(
            "330102", "330103", "330104", "330105", "330106", "330108", "330109", "330110",
            "330111", "330122", "330127", "330182", "330185");
    for (String code : codes) {
      JsonNode d = byCode.get(code);
      assertThat(d).as(code).isNotNull();
      assertThat(d.get("level").asString()).isEqualTo("COUNTY");
      assertThat(d.get("parent").asString()).isEqualTo("330100");
      assertThat(d.get("repaired").booleanValue()).as(code).isTrue();
      assertThat(d.get("repairNote").asString()).contains("GeometryFixer");
    }
    assertThat(byCode.get("330108").get("name").asString()).isEqualTo("滨江区");
    JsonNode city = byCode.get("330100");
    assertThat(city.get("name").asString()).isEqualTo("杭州市");
    assertThat(city.get("level").asString()).isEqualTo("CITY");
    // Pujiang unchanged beside them
    assertThat(byCode.get("330726").get("name").asString()).isEqualTo("浦江县");
    assertThat(byCode.get("330726").get("parent").asString()).isNotEqualTo("330100");
  }

  @Test
  void cityOutlineIsTheUnionOfTheDistrictsByPostgis() {
    StringBuilder districts = new StringBuilder();
    for (JsonNode f : http.get("/api/divisions?format=geojson").json().get("features")) {
      if ("330100".equals(f.get("properties").get("parent").asString(null))) {
        districts.append(districts.isEmpty() ? "" : ";").append(f.get("geometry").toString());
      }
    }
    JsonNode city = http.get("/api/divisions/330100").json();
    double expected =
        reference()
            .sql(
                "SELECT ST_Area(ST_Union(ST_GeomFromGeoJSON(g))::geography) FROM"
                    + " unnest(string_to_array(?, ';')) AS g")
            .param(districts.toString())
            .query(Double.class)
            .single();
    assertThat(city.get("properties").get("areaM2").doubleValue())
        .isCloseTo(expected, within(expected * 1e-6));
  }

  @Test
  void sampleFiguresAreExactlyThoseOfTheCsv() throws Exception {
    List<Map<String, String>> rows = Csv.read(CSV);
    Map<String, JsonNode> parksByName = new HashMap<>();
    for (JsonNode p : http.get("/api/parks").json()) {
      parksByName.put(p.get("name").asString(), p);
    }
    assertThat(parksByName).containsKeys("滨富特别合作区", "滨萧特别合作园");
    Map<String, Integer> counts = new HashMap<>();
    Map<String, String> lastPhrase = new HashMap<>();
    int checked = 0;
    for (Map<String, String> row : rows) {
      String park = row.get("park");
      if (park.equals("(both parks)")) {
        // the 116 亩 quota: a grant in the ledger
        JsonNode balance =
            http.get(
                    "/api/quota/balances?body="
                        + enc(row.get("promoter"))
                        + "&year="
                        + row.get("year"))
                .json()
                .get(0);
        assertThat(balance.get("grantedMu").decimalValue()).isEqualByComparingTo(row.get("value"));
        checked++;
        continue;
      }
      JsonNode p = parksByName.get(park);
      assertThat(p.get("promoter").get("name").asString()).isEqualTo(row.get("promoter"));
      assertThat(p.get("hosts").get(0).asString()).isEqualTo(row.get("host_code"));
      assertThat(p.get("illustrative").booleanValue()).isTrue();
      String key = park + "/" + row.get("item");
      // the source states a series in one phrase; the csv gives it on the series' first row
      String phrase =
          row.get("source_phrase").isEmpty() ? lastPhrase.get(key) : row.get("source_phrase");
      lastPhrase.put(key, phrase);
      JsonNode found = null;
      for (JsonNode f : p.get("figures")) {
        if (f.get("item").asString().equals(row.get("item"))
            && f.get("period").asString().equals(row.get("year"))) {
          found = f;
        }
      }
      assertThat(found).as(key + " " + row.get("year")).isNotNull();
      assertThat(found.get("valueText").asString()).isEqualTo(row.get("value"));
      // the JSON number keeps the published scale: 32.0 is written 32.0
      assertThat(found.get("value").toString()).isEqualTo(row.get("value"));
      assertThat(found.get("unit").asString()).isEqualTo(row.get("unit"));
      assertThat(found.get("sourcePhrase").asString()).isEqualTo(phrase);
      counts.merge(park, 1, Integer::sum);
      checked++;
    }
    assertThat(checked).isEqualTo(rows.size());
    for (var e : counts.entrySet()) {
      assertThat(parksByName.get(e.getKey()).get("figures").size()).isEqualTo(e.getValue());
      JsonNode figures =
          http.get("/api/parks/" + parksByName.get(e.getKey()).get("id").asString() + "/figures")
              .json();
      assertThat(figures.size()).isEqualTo(e.getValue());
    }
  }

  @Test
  void sampleBoundariesLieInsideTheirHostNearBinjiang() {
    for (String id : List.of("binfu", "binxiao")) {
      JsonNode park = http.get("/api/parks/" + id).json();
      String host = park.get("hosts").get(0).asString();
      String hostGeometry = http.get("/api/divisions/" + host).json().get("geometry").toString();
      String binjiang = http.get("/api/divisions/330108").json().get("geometry").toString();
      Map<String, Object> r =
          reference()
              .sql(
                  "SELECT ST_Within(ST_GeomFromGeoJSON(?), ST_GeomFromGeoJSON(?)) AS inside,"
                      + " ST_Distance(ST_GeomFromGeoJSON(?)::geography,"
                      + " ST_GeomFromGeoJSON(?)::geography) AS metres")
              .params(
                  park.get("geometry").toString(),
                  hostGeometry,
                  park.get("geometry").toString(),
                  binjiang)
              .query()
              .singleRow();
      assertThat((Boolean) r.get("inside")).as(id).isTrue();
      assertThat(((Number) r.get("metres")).doubleValue()).as(id).isLessThan(6000);
      assertThat(park.get("boundaryNote").asString()).contains("示意");
    }
  }

  // ---------------------------------------------------------------- territory

  @Test
  void territorialSharesAgreeWithPostgis() {
    create(park("share-fixture", STRADDLING, List.of("330111", "330109"), allShared(), "[]"));
    for (String id : List.of("binfu", "binxiao", "share-fixture")) {
      JsonNode park = http.get("/api/parks/" + id).json();
      JsonNode shares = park.get("territorialShares");
      Map<String, Double> expected = referenceShares(park.get("geometry").toString());
      assertThat(shares.size()).as(id).isEqualTo(expected.size());
      expected.forEach(
          (code, share) ->
              assertThat(shares.get(code).doubleValue())
                  .as(id + " in " + code)
                  .isCloseTo(share, within(1e-6)));
    }
    Map<String, Double> straddling = referenceShares(STRADDLING);
    assertThat(straddling.get("330111")).isBetween(0.5, 0.7);
    assertThat(straddling.get("330109")).isBetween(0.3, 0.5);
  }

  /** Every county-level division's share of the geometry, by PostGIS. */
  Map<String, Double> referenceShares(String geometry) {
    Map<String, Double> shares = new LinkedHashMap<>();
    for (JsonNode f : http.get("/api/divisions?format=geojson").json().get("features")) {
      if (!f.get("properties").get("level").asString().equals("COUNTY")) {
        continue;
      }
      double share =
          reference()
              .sql(
                  "SELECT ST_Area(ST_Intersection(ST_GeomFromGeoJSON(?), ST_GeomFromGeoJSON(?))::geography)"
                      + " / ST_Area(ST_GeomFromGeoJSON(?)::geography)")
              .params(geometry, f.get("geometry").toString(), geometry)
              .query(Double.class)
              .single();
      if (share > 0) {
        shares.put(f.get("id").asString(), share);
      }
    }
    return shares;
  }

  // ---------------------------------------------------------------- sharing rules by hand

  @Test
  void allSharedCountsTheWholeForPromoterAndHostsByTerritory() {
    create(
        park(
            "all-shared",
            STRADDLING,
            List.of("330111", "330109"),
            allShared(),
            "[{\"item\":\"tax\",\"period\":\"2023\",\"value\":100,\"unit\":\"亿元\"}]"));
    Map<String, Double> s = referenceShares(STRADDLING);
    double fy = s.get("330111");
    double xs = s.get("330109");
    JsonNode a = http.get("/api/parks/assessment?period=2023&park=all-shared").json();
    JsonNode tax = figure(a.get("parks").get(0), "tax");
    // by territory: 100 亿元 × the share of the park's area in each district
    assertThat(cell(tax, "330111", "territorial")).isCloseTo(100 * fy, within(1e-4));
    assertThat(cell(tax, "330109", "territorial")).isCloseTo(100 * xs, within(1e-4));
    assertThat(cell(tax, "330108", "territorial")).isCloseTo(0, within(1e-9));
    // 两两共享: the promoter counts all 100; the hosts together 100, split by their areas
    assertThat(cell(tax, "330108", "shared")).isCloseTo(100, within(1e-9));
    assertThat(cell(tax, "330111", "shared")).isCloseTo(100 * fy / (fy + xs), within(1e-4));
    assertThat(cell(tax, "330109", "shared")).isCloseTo(100 * xs / (fy + xs), within(1e-4));
  }

  @Test
  void landingModeSplitWorkedByHand() {
    String rule =
        "{\"kind\":\"BY_LANDING_MODE\",\"splits\":["
            + "{\"landingMode\":\"合作导入\",\"promoterPercent\":60,\"hostPercent\":40},"
            + "{\"landingMode\":\"整体迁入\",\"promoterPercent\":30,\"hostPercent\":70}]}";
    create(
        park(
            "by-mode",
            STRADDLING,
            List.of("330111", "330109"),
            rule,
            "[{\"item\":\"tax\",\"period\":\"2023\",\"value\":8,\"unit\":\"亿元\"}]"));
    // A, C in 富阳 330111; B, D in 萧山 330109 (each ≥ 590 m from the border, by PostGIS)
    project("测试项目A", 120.095, 29.986, "合作导入", "2023-03-01", 10000, 3000);
    project("测试项目B", 120.115, 29.974, "整体迁入", "2023-05-01", 5000, 1000);
    project("测试项目C", 120.093, 29.975, "产业共育", "2023-07-01", 2000, 500);
    project("测试项目D", 120.116, 29.972, "合作导入", "2022-07-01", 4000, 800);
    JsonNode park =
        http.get("/api/parks/assessment?period=2023&park=by-mode").json().get("parks").get(0);

    // total investment of the projects signed in 2023 (A, B, C), 万元
    JsonNode total = figure(park, "project_total_investment");
    assertThat(total.get("value").doubleValue()).isEqualTo(17000);
    assertThat(cell(total, "330111", "territorial")).isCloseTo(12000, within(1e-6)); // A + C
    assertThat(cell(total, "330109", "territorial")).isCloseTo(5000, within(1e-6)); // B
    assertThat(cell(total, "330108", "territorial")).isCloseTo(0, within(1e-6));
    // promoter: 60% of A + 30% of B (C's mode has no split) = 6000 + 1500
    assertThat(cell(total, "330108", "shared")).isCloseTo(7500, within(1e-6));
    // 富阳: 40% of A + all of C = 4000 + 2000; 萧山: 70% of B = 3500
    assertThat(cell(total, "330111", "shared")).isCloseTo(6000, within(1e-6));
    assertThat(cell(total, "330109", "shared")).isCloseTo(3500, within(1e-6));

    // number of projects signed in 2023
    JsonNode count = figure(park, "projects");
    assertThat(cell(count, "330111", "territorial")).isCloseTo(2, within(1e-9));
    assertThat(cell(count, "330109", "territorial")).isCloseTo(1, within(1e-9));
    assertThat(cell(count, "330108", "shared")).isCloseTo(0.6 + 0.3, within(1e-9));
    assertThat(cell(count, "330111", "shared")).isCloseTo(0.4 + 1, within(1e-9));
    assertThat(cell(count, "330109", "shared")).isCloseTo(0.7, within(1e-9));

    // investment of 2023, every project located in the park (D signed in 2022 but invested)
    JsonNode invest = figure(park, "project_investment");
    assertThat(invest.get("value").doubleValue()).isEqualTo(5300);
    assertThat(cell(invest, "330111", "territorial")).isCloseTo(3500, within(1e-6));
    assertThat(cell(invest, "330109", "territorial")).isCloseTo(1800, within(1e-6));
    // promoter 0.6·3000 + 0.3·1000 + 0.6·800; 富阳 0.4·3000 + 500; 萧山 0.7·1000 + 0.4·800
    assertThat(cell(invest, "330108", "shared")).isCloseTo(2580, within(1e-6));
    assertThat(cell(invest, "330111", "shared")).isCloseTo(1700, within(1e-6));
    assertThat(cell(invest, "330109", "shared")).isCloseTo(1020, within(1e-6));

    // a published total has no landing mode: the hosts count it by territory, the promoter not
    JsonNode tax = figure(park, "tax");
    assertThat(cell(tax, "330108", "shared")).isCloseTo(0, within(1e-9));
    assertThat(cell(tax, "330111", "shared") + cell(tax, "330109", "shared"))
        .isCloseTo(8, within(1e-9));
  }

  @Test
  void assessmentSumsThePromotersParksAndShowsBothViews() {
    JsonNode a = http.get("/api/parks/assessment?period=2023").json();
    JsonNode binjiang = null;
    JsonNode fuyang = null;
    for (JsonNode d : a.get("districts")) {
      if (d.get("code").asString().equals("330108")) {
        binjiang = d;
      }
      if (d.get("code").asString().equals("330111")) {
        fuyang = d;
      }
    }
    assertThat(binjiang.get("promoter").booleanValue()).isTrue();
    assertThat(binjiang.get("promoterNames").get(0).asString()).isEqualTo("高新区(滨江)");
    // 2023 固投: 44.8 (滨富) + 17.7 (滨萧) 亿元 for the promoter with sharing, none by territory
    JsonNode fai = bodyFigure(binjiang, "fixed_asset_investment");
    assertThat(fai.get("shared").doubleValue()).isCloseTo(44.8 + 17.7, within(1e-9));
    assertThat(fai.get("territorial").doubleValue()).isCloseTo(0, within(1e-9));
    // 富阳 hosts 滨富 wholly: 44.8 both ways (by territory: × its share, 1 here)
    JsonNode fyFai = bodyFigure(fuyang, "fixed_asset_investment");
    assertThat(fyFai.get("shared").doubleValue()).isCloseTo(44.8, within(1e-9));
    assertThat(fyFai.get("territorial").doubleValue()).isCloseTo(44.8, within(1e-6));
    assertThat(http.get("/api/parks/periods").json().toString())
        .contains("\"2021\"", "\"2023\"", "\"to-2024-06\"");
  }

  // ---------------------------------------------------------------- CRUD and bad input

  @Test
  void aParkOnAZoneIsCreatedReplacedAndDeleted() {
    String body =
        "{\"id\":\"zone-park\",\"name\":\"测试合作园\",\"promoter\":{\"name\":\"浦江县\",\"code\":\"330726\"},"
            + "\"hosts\":[\"330726\"],\"zone\":{\"planId\":\"pujiang-2021\",\"code\":\"PJ-HZ\"},"
            + "\"sharingRule\":"
            + allShared()
            + "}";
    Http.Response created = http.post("/api/parks", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("zone").get("code").asString()).isEqualTo("PJ-HZ");
    assertThat(created.json().get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
    assertThat(http.post("/api/parks", body).status()).isEqualTo(409);
    Http.Response replaced = http.put("/api/parks/zone-park", body.replace("测试合作园", "测试合作园二"));
    assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
    assertThat(http.get("/api/parks/zone-park").json().get("name").asString()).isEqualTo("测试合作园二");
    Http.Response figures =
        http.put(
            "/api/parks/zone-park/figures",
            "[{\"item\":\"tax\",\"period\":\"to-2024-06\",\"value\":\"1.50\",\"unit\":\"亿元\",\"sourcePhrase\":\"某句\"}]");
    assertThat(figures.status()).as(figures.text()).isEqualTo(200);
    assertThat(figures.json().get(0).get("valueText").asString()).isEqualTo("1.50");
    assertThat(http.as(VIEWER).get("/api/parks/zone-park").status()).isEqualTo(200);
    assertThat(http.as(VIEWER).delete("/api/parks/zone-park").status()).isEqualTo(403);
    assertThat(http.delete("/api/parks/zone-park").status()).isEqualTo(204);
    assertProblem(http.get("/api/parks/zone-park"), 404, "park-not-found");
  }

  @Test
  void badInputIsRefusedNamingWhatIsWrongAndNothingIsWritten() {
    String before = fingerprint();
    String geometry = STRADDLING;
    List<String> hosts = List.of("330111", "330109");
    assertProblem(
        http.post(
            "/api/parks", park("bad-1", geometry, List.of("330111", "999999"), allShared(), "[]")),
        422,
        "unknown-district");
    assertProblem(
        http.post(
            "/api/parks",
            park(
                "bad-2",
                geometry,
                hosts,
                "{\"kind\":\"BY_LANDING_MODE\",\"splits\":[{\"landingMode\":\"合作导入\","
                    + "\"promoterPercent\":60,\"hostPercent\":30}]}",
                "[]")),
        422,
        "shares-do-not-add-up");
    assertProblem(
        http.post(
            "/api/parks",
            park(
                "bad-3",
                geometry,
                hosts,
                "{\"kind\":\"BY_LANDING_MODE\",\"splits\":[{\"landingMode\":\"飞地\","
                    + "\"promoterPercent\":60,\"hostPercent\":40}]}",
                "[]")),
        422,
        "unknown-landing-mode");
    assertProblem(
        http.post(
            "/api/parks", park("bad-4", geometry, List.of("330111", "330102"), allShared(), "[]")),
        422,
        "host-not-reached");
    assertProblem(
        http.post(
            "/api/parks",
            park(
                "bad-5",
                geometry,
                hosts,
                allShared(),
                "[{\"item\":\"tax\",\"period\":\"2023\",\"value\":1,\"unit\":\"亿元\"},"
                    + "{\"item\":\"tax\",\"period\":\"2023\",\"value\":2,\"unit\":\"亿元\"}]")),
        422,
        "duplicate-figure");
    assertProblem(
        http.post(
            "/api/parks",
            park(
                "bad-6",
                geometry,
                hosts,
                allShared(),
                "[{\"item\":\"tax\",\"period\":\"2023年\",\"value\":1,\"unit\":\"亿元\"}]")),
        422,
        "invalid-period");
    assertProblem(
        http.post("/api/parks", park("bad-7", geometry, hosts, "{\"kind\":\"HALF\"}", "[]")),
        422,
        "unknown-sharing-rule");
    assertProblem(
        http.post(
            "/api/parks",
            "{\"id\":\"bad-8\",\"name\":\"x\",\"promoter\":{\"name\":\"x\",\"code\":\"330108\"},"
                + "\"hosts\":[\"330111\"],\"sharingRule\":"
                + allShared()
                + "}"),
        422,
        "boundary-required");
    assertProblem(
        http.post(
            "/api/parks",
            "{\"id\":\"bad-9\",\"name\":\"x\",\"promoter\":{\"name\":\"x\",\"code\":\"330108\"},"
                + "\"hosts\":[\"330111\"],\"zone\":{\"planId\":\"pujiang-2021\",\"code\":\"NOPE\"},"
                + "\"sharingRule\":"
                + allShared()
                + "}"),
        422,
        "unknown-zone");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      many.add(String.valueOf(330200 + i));
    }
    assertProblem(
        http.post("/api/parks", park("bad-10", geometry, many, allShared(), "[]")),
        422,
        "too-many-hosts");
    assertProblem(
        http.post("/api/parks", park("Bad Id", geometry, hosts, allShared(), "[]")),
        422,
        "invalid-id");
    assertProblem(
        http.post(
            "/api/parks",
            park(
                "bad-11",
                geometry,
                hosts,
                allShared(),
                "[{\"item\":\"tax\",\"period\":\"2023\",\"value\":1e16,\"unit\":\"亿元\"}]")),
        422,
        "invalid-value");
    assertProblem(
        http.put(
            "/api/parks/no-such-park", park("no-such-park", geometry, hosts, allShared(), "[]")),
        404,
        "park-not-found");
    assertProblem(http.get("/api/parks/assessment"), 422, "missing-parameter");
    assertProblem(http.get("/api/parks/assessment?period=soon"), 422, "invalid-period");
    assertThat(http.post("/api/parks", "{not json").status()).isEqualTo(400);
    assertThat(
            http.as(VIEWER)
                .post("/api/parks", park("viewer-park", geometry, hosts, allShared(), "[]"))
                .status())
        .isEqualTo(403);
    assertThat(fingerprint()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- helpers

  String fingerprint() {
    return jdbc.sql("SELECT COUNT(*) FROM coop_park").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM coop_park_host").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM coop_park_figure").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
  }

  static String allShared() {
    return "{\"kind\":\"ALL_SHARED\",\"label\":\"两两共享\"}";
  }

  static String park(String id, String geometry, List<String> hosts, String rule, String figures) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"测试园"
        + id
        + "\",\"promoter\":{\"name\":\"高新区(滨江)\",\"code\":\"330108\"},\"hosts\":"
        + JSON.writeValueAsString(hosts)
        + ",\"geometry\":"
        + geometry
        + ",\"sharingRule\":"
        + rule
        + ",\"figures\":"
        + figures
        + "}";
  }

  void create(String body) {
    Http.Response r = http.post("/api/parks", body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  void project(
      String name, double lon, double lat, String mode, String signed, int totalWan, int wan2023) {
    Http.Response r =
        http.post(
            "/api/projects",
            "{\"type\":\"Feature\",\"properties\":{\"name\":\""
                + name
                + "\",\"stage\":\"签约\",\"stageDates\":{\"签约\":\""
                + signed
                + "\"},\"landingMode\":\""
                + mode
                + "\",\"totalInvestmentWan\":"
                + totalWan
                + ",\"yearlyInvestmentWan\":{\"2023\":"
                + wan2023
                + "}},\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                + lon
                + ","
                + lat
                + "]}}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  static JsonNode figure(JsonNode park, String item) {
    for (JsonNode f : park.get("figures")) {
      if (f.get("item").asString().equals(item)) {
        return f;
      }
    }
    throw new AssertionError("no figure " + item + " in " + park);
  }

  static double cell(JsonNode figure, String code, String which) {
    for (JsonNode a : figure.get("byDistrict")) {
      if (a.get("code").asString().equals(code)) {
        return a.get(which).doubleValue();
      }
    }
    return 0;
  }

  static JsonNode bodyFigure(JsonNode district, String item) {
    for (JsonNode f : district.get("figures")) {
      if (f.get("item").asString().equals(item)) {
        return f;
      }
    }
    throw new AssertionError("no figure " + item + " in " + district);
  }

  static void assertProblem(Http.Response r, int status, String slug) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).contains("application/problem+json");
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + slug);
    assertThat(r.json().get("detail").asString()).isNotBlank();
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
