package org.zoneplan.programmes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Programmes and carriers on a store with the sample data, on H2GIS and PostGIS alike: union areas
 * by category and status against one independent PostGIS query ({@code ST_Area(ST_Union(…)::
 * geography)}, on the shapes read straight from the zone table); the "5个80%" shares on a fixture
 * worked by hand below (years 2030/2031, where the sample data has nothing); null shares with a
 * reason where data is absent; 422 and 409 cases with nothing written; who may write; the Xiaoshan
 * sample as published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProgrammeApiContract {
  static final Credentials VIEWER = new Credentials("p-viewer", "programme-pass-1");
  static final Credentials PLANNER = new Credentials("p-planner", "programme-pass-1");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PLAN = "prog-test";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  Http http;

  /** A PostGIS database for the reference queries (the store itself on PostGIS). */
  abstract PostgisTestDatabase.Database reference();

  @BeforeEach
  void connect() {
    http = new Http(port);
    for (var user : Map.of(VIEWER, "VIEWER", PLANNER, "PLANNER").entrySet()) {
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
                      "{\"id\":\"" + PLAN + "\",\"name\":\"计划测试方案\",\"date\":\"2030-01-01\"}")
                  .status())
          .isEqualTo(201);
      // A and B overlap (a quarter of each); C and D apart. D is never a member.
      zone("A", "测试甲", rect(120.50, 30.50, 120.52, 30.52));
      zone("B", "测试乙", rect(120.51, 30.51, 120.53, 30.53));
      zone("C", "测试丙", rect(120.60, 30.50, 120.62, 30.52));
      zone("D", "测试丁", rect(120.70, 30.50, 120.72, 30.52));
    }
  }

  void zone(String code, String name, String geometry) {
    Http.Response r =
        http.post(
            "/api/plans/" + PLAN + "/zones/" + code,
            "{\"type\":\"Feature\",\"properties\":{\"name\":\""
                + name
                + "\",\"kind\":\"ZONE\"},\"geometry\":"
                + geometry
                + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
  }

  static String rect(double x0, double y0, double x1, double y1) {
    return "{\"type\":\"Polygon\",\"coordinates\":[[["
        + x0
        + ","
        + y0
        + "],["
        + x1
        + ","
        + y0
        + "],["
        + x1
        + ","
        + y1
        + "],["
        + x0
        + ","
        + y1
        + "],["
        + x0
        + ","
        + y0
        + "]]]}";
  }

  static String wkt(double x0, double y0, double x1, double y1) {
    return String.format(
        java.util.Locale.ROOT,
        "MULTIPOLYGON(((%s %s, %s %s, %s %s, %s %s, %s %s)))",
        x0,
        y0,
        x1,
        y0,
        x1,
        y1,
        x0,
        y1,
        x0,
        y0);
  }

  static String programmeJson(String id) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"测试计划\",\"issuer\":\"测试区政府\",\"level\":\"区\","
        + "\"categories\":[{\"name\":\"产业新城\",\"targetCount\":2},{\"name\":\"特色小镇\",\"targetCount\":1}],"
        + "\"statuses\":[\"基本建设完成\",\"建设初具规模\"],"
        + "\"targets\":[{\"key\":\"quota\",\"ratio\":0.8},{\"key\":\"projects\",\"ratio\":0.8},"
        + "{\"key\":\"investment\",\"ratio\":0.8},{\"key\":\"valueAdded\",\"ratio\":0.8},"
        + "{\"key\":\"tax\",\"ratio\":0.8}]}";
  }

  static String member(String zone, String category, String status, String industries) {
    return "{\"planId\":\""
        + PLAN
        + "\",\"zoneCode\":\""
        + zone
        + "\",\"category\":\""
        + category
        + "\""
        + (status == null ? "" : ",\"status\":\"" + status + "\"")
        + ",\"industries\":"
        + industries
        + "}";
  }

  /** A programme with members A (产业新城, 基本建设完成), B (产业新城, 建设初具规模), C (特色小镇, 基本建设完成). */
  String programmeWithMembers(String id) {
    Http.Response r = http.as(PLANNER).post("/api/programmes", programmeJson(id));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    for (String m :
        List.of(
            member("A", "产业新城", "基本建设完成", "[\"3911\",\"39\"]"),
            member("B", "产业新城", "建设初具规模", "[]"),
            member("C", "特色小镇", "基本建设完成", "[\"27\"]"))) {
      Http.Response mr = http.as(PLANNER).post("/api/programmes/" + id + "/members", m);
      assertThat(mr.status()).as(mr.text()).isEqualTo(201);
    }
    return id;
  }

  static void assertProblem(Http.Response r, int status, String slug) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + slug);
  }

  // ---------------------------------------------------------------------------------------------
  // Union areas against PostGIS

  /** ST_Area(ST_Union(…)::geography) in PostGIS of the given zones' stored shapes, m². */
  double postgisUnionArea(List<String> codes) throws Exception {
    List<String> hex = new ArrayList<>();
    for (String code : codes) {
      byte[] wkb =
          jdbc.sql("SELECT ST_AsBinary(geom) FROM zone WHERE plan_id = ? AND code = ?")
              .params(PLAN, code)
              .query(byte[].class)
              .single();
      hex.add(HexFormat.of().formatHex(wkb));
    }
    StringBuilder sql = new StringBuilder("SELECT ST_Area(ST_Union(g)::geography) FROM (");
    for (int i = 0; i < hex.size(); i++) {
      sql.append(i == 0 ? "" : " UNION ALL ")
          .append("SELECT ST_GeomFromWKB(decode(?, 'hex'), 4490) AS g");
    }
    sql.append(") s");
    try (Connection c = reference().connect();
        PreparedStatement st = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < hex.size(); i++) {
        st.setString(i + 1, hex.get(i));
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }
  }

  static double area(JsonNode group) {
    return group.get("areaM2").doubleValue();
  }

  static JsonNode named(JsonNode groups, String name) {
    for (JsonNode g : groups) {
      if (name.equals(g.get("name").asString())) {
        return g;
      }
    }
    throw new AssertionError("no group " + name + " in " + groups);
  }

  @Test
  void unionAreasByCategoryAndStatusEqualPostgisTo1e11() throws Exception {
    String id = programmeWithMembers("union-" + System.nanoTime() % 1_000_000);
    Http.Response r = http.as(VIEWER).get("/api/programmes/" + id + "/figures");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode f = r.json();
    Map<JsonNode, List<String>> expected = new LinkedHashMap<>();
    expected.put(f.get("total"), List.of("A", "B", "C"));
    expected.put(named(f.get("byCategory"), "产业新城"), List.of("A", "B"));
    expected.put(named(f.get("byCategory"), "特色小镇"), List.of("C"));
    expected.put(named(f.get("byStatus"), "基本建设完成"), List.of("A", "C"));
    expected.put(named(f.get("byStatus"), "建设初具规模"), List.of("B"));
    for (var e : expected.entrySet()) {
      double reference = postgisUnionArea(e.getValue());
      // 1e-11 relative: PostGIS's ST_Area(geography) rounds by some 1e-5 m² whatever the size
      // (docs/geodesy.md), 1e-12 of these 10 km².
      assertThat(area(e.getKey()))
          .as("union of " + e.getValue())
          .isCloseTo(reference, within(reference * 1e-11));
      assertThat(e.getKey().get("areaMu").doubleValue())
          .isCloseTo(reference * 15 / 10_000, within(reference * 15 / 10_000 * 1e-11));
      assertThat(e.getKey().get("count").intValue()).isEqualTo(e.getValue().size());
    }
    // The union is not the sum: A and B overlap by a quarter of each.
    double sum = postgisUnionArea(List.of("A")) + postgisUnionArea(List.of("B"));
    assertThat(area(named(f.get("byCategory"), "产业新城"))).isLessThan(sum - 1e6);
    assertThat(named(f.get("byCategory"), "产业新城").get("targetCount").intValue()).isEqualTo(2);
  }

  // ---------------------------------------------------------------------------------------------
  // The 5个80% shares on a hand-computed fixture

  long parcel(String marker, double x0, double y0, double x1, double y1, double areaM2) {
    jdbc.sql(
            "INSERT INTO parcel (scheme, land_use_code, area_m2, geom)"
                + " VALUES ('GBT21010_2017', '0601', ?, ST_GeomFromText(?, 4490))")
        .params(areaM2, wkt(x0, y0, x1, y1))
        .update();
    // The newest parcel is this one (the fixture's marker names it in the test's own words only).
    return jdbc.sql("SELECT MAX(id) FROM parcel").query(Long.class).single();
  }

  static String creditCode(int n) {
    String first17 = String.format("91330109MA%07d", n);
    return first17 + CreditCode.checkCharacter(first17);
  }

  void enterprise(String code, Map<Long, Double> land, Map<Integer, Double[]> stats) {
    jdbc.sql("INSERT INTO enterprise (credit_code, name) VALUES (?, ?)")
        .params(code, "测试企业" + code)
        .update();
    land.forEach(
        (parcel, share) ->
            jdbc.sql(
                    "INSERT INTO enterprise_land (credit_code, parcel_id, role, share)"
                        + " VALUES (?, ?, 'OWNER', ?)")
                .params(code, parcel, share)
                .update());
    stats.forEach(
        (year, vaTax) ->
            jdbc.sql(
                    "INSERT INTO enterprise_stat (credit_code, stat_year, value_added_wan, tax_wan)"
                        + " VALUES (?, ?, ?, ?)")
                .params(code, year, vaTax[0], vaTax[1])
                .update());
  }

  long project(String name, String properties, String geometry) {
    Http.Response r =
        http.post(
            "/api/projects",
            "{\"type\":\"Feature\",\"properties\":{\"name\":\""
                + name
                + "\","
                + properties
                + "},\"geometry\":"
                + geometry
                + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("properties").get("id").longValue();
  }

  static String point(double lon, double lat) {
    return "{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}";
  }

  long quota(String kind, String body) {
    Http.Response r = http.post("/api/quota/" + kind, body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("entry").get("id").longValue();
  }

  @Test
  void fiveSharesOfAHandComputedFixture() {
    String id = programmeWithMembers("shares-" + System.nanoTime() % 1_000_000);
    // Carriers: A ∪ B ∪ C. D is outside. Year 2031 (and 2030 for the increases): the sample data
    // has nothing in these years, so the whole store's totals are the fixture's.

    // Projects. New in 2031: P1 (signed 2031, point in A: inside), P2 (no signed date, started
    // 2031, zone field C: inside), P3 (signed 2031, point in D: outside); P4 signed 2030 (not new),
    // P5 signed 2032 (not new). → projects = 2 / 3.
    // Investment of 2031: P1 600 (in), P2 400 (in), P3 1000 (out), P4 200 (point in B: in), P5
    // none. → investment = 1200 / 2200 = 6/11.
    long p1 =
        project(
            "测试项目1",
            "\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2031-03-01\"},"
                + "\"yearlyInvestmentWan\":{\"2031\":600}",
            point(120.505, 30.505));
    project(
        "测试项目2",
        "\"stage\":\"开工\",\"stageDates\":{\"开工\":\"2031-05-01\"},\"planId\":\""
            + PLAN
            + "\",\"zoneCode\":\"C\",\"yearlyInvestmentWan\":{\"2031\":400}",
        "null");
    long p3 =
        project(
            "测试项目3",
            "\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2031-01-10\"},"
                + "\"yearlyInvestmentWan\":{\"2031\":1000}",
            point(120.705, 30.505));
    project(
        "测试项目4",
        "\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2030-06-01\"},"
            + "\"yearlyInvestmentWan\":{\"2031\":200}",
        point(120.525, 30.525));
    project(
        "测试项目5", "\"stage\":\"签约\",\"stageDates\":{\"签约\":\"2032-02-01\"}", point(120.705, 30.515));

    // Quota of 2031: consumption 20 亩 on parcel q1 (in A), 5 亩 on q2 (in D), and 4 亩 on q1
    // reversed. → quota = 20 / 25 = 0.8.
    long q1 = parcel("q1-" + id, 120.501, 30.501, 120.502, 30.502, 10_000);
    long q2 = parcel("q2-" + id, 120.701, 30.501, 120.702, 30.502, 10_000);
    String body = "测试主体-" + id;
    quota("grants", "{\"body\":\"" + body + "\",\"year\":2031,\"areaMu\":100,\"reason\":\"测试\"}");
    for (long[] a : new long[][] {{p1, 50}, {p3, 30}}) {
      quota(
          "allocations",
          "{\"body\":\""
              + body
              + "\",\"year\":2031,\"areaMu\":"
              + a[1]
              + ",\"projectId\":"
              + a[0]
              + ",\"reason\":\"测试\"}");
    }
    for (long[] c : new long[][] {{p1, q1, 20}, {p3, q2, 5}}) {
      quota(
          "consumptions",
          "{\"body\":\""
              + body
              + "\",\"year\":2031,\"areaMu\":"
              + c[2]
              + ",\"projectId\":"
              + c[0]
              + ",\"parcelId\":"
              + c[1]
              + ",\"reason\":\"供地\"}");
    }
    long wrong =
        quota(
            "consumptions",
            "{\"body\":\""
                + body
                + "\",\"year\":2031,\"areaMu\":4,\"projectId\":"
                + p1
                + ",\"parcelId\":"
                + q1
                + ",\"reason\":\"误记\"}");
    quota("reversals", "{\"entryId\":" + wrong + ",\"reason\":\"冲正\"}");

    // Enterprises. E1: parcel in C → inside; VA 100 → 160, tax 10 → 13. E2: parcel in D; VA 200 →
    // 220, tax 20 → 19. E3: a 100 m² parcel in A and half of a 10,000 m² parcel in D: its main
    // parcel (5,000 m² of land) is in D → outside; VA 50 → 70, tax only 2031: 5. E4: no land, VA
    // only 2031: 10.
    // VA increase: (160 + 220 + 70 + 10) − (100 + 200 + 50) = 110; inside 60 → 6/11.
    // Tax increase: (13 + 19 + 5) − (10 + 20) = 7; inside 3 → 3/7.
    long e1 = parcel("e1-" + id, 120.601, 30.501, 120.602, 30.502, 10_000);
    long e2 = parcel("e2-" + id, 120.703, 30.503, 120.704, 30.504, 10_000);
    long e3a = parcel("e3a-" + id, 120.503, 30.503, 120.5031, 30.5031, 100);
    long e3b = parcel("e3b-" + id, 120.705, 30.505, 120.706, 30.506, 10_000);
    int base = (int) (System.nanoTime() % 1_000_000);
    enterprise(
        creditCode(base + 1),
        Map.of(e1, 1.0),
        Map.of(2030, new Double[] {100.0, 10.0}, 2031, new Double[] {160.0, 13.0}));
    enterprise(
        creditCode(base + 2),
        Map.of(e2, 1.0),
        Map.of(2030, new Double[] {200.0, 20.0}, 2031, new Double[] {220.0, 19.0}));
    enterprise(
        creditCode(base + 3),
        Map.of(e3a, 1.0, e3b, 0.5),
        Map.of(2030, new Double[] {50.0, null}, 2031, new Double[] {70.0, 5.0}));
    enterprise(creditCode(base + 4), Map.of(), Map.of(2031, new Double[] {10.0, null}));

    Http.Response r = http.as(VIEWER).get("/api/programmes/" + id + "/shares?year=2031");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    Map<String, JsonNode> shares = new LinkedHashMap<>();
    r.json().get("shares").forEach(s -> shares.put(s.get("key").asString(), s));
    assertThat(shares.keySet())
        .containsExactly("quota", "projects", "investment", "valueAdded", "tax");
    assertShare(shares.get("quota"), 20, 25, 0.8);
    assertShare(shares.get("projects"), 2, 3, 2.0 / 3);
    assertShare(shares.get("investment"), 1200, 2200, 6.0 / 11);
    assertShare(shares.get("valueAdded"), 60, 110, 6.0 / 11);
    assertShare(shares.get("tax"), 3, 7, 3.0 / 7);
    assertThat(shares.get("quota").get("met").booleanValue()).isTrue();
    assertThat(shares.get("tax").get("met").booleanValue()).isFalse();
    assertThat(shares.get("tax").get("target").doubleValue()).isEqualTo(0.8);

    // The same carriers in a programme of a jurisdiction far from them (a division of the county
    // sample, in Jinhua): nothing of the fixture is in its outline, so no share can be had.
    String division =
        jdbc.sql("SELECT code FROM division WHERE geom IS NOT NULL ORDER BY code")
            .query(String.class)
            .list()
            .get(0);
    String scoped = "scoped-" + System.nanoTime() % 1_000_000;
    Http.Response created =
        http.as(PLANNER)
            .post(
                "/api/programmes",
                programmeJson(scoped)
                    .replace(
                        "\"level\":\"区\"",
                        "\"level\":\"区\",\"divisionCode\":\"" + division + "\""));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    http.as(PLANNER)
        .post("/api/programmes/" + scoped + "/members", member("A", "产业新城", null, "[]"));
    JsonNode scopedShares = http.get("/api/programmes/" + scoped + "/shares?year=2031").json();
    assertThat(scopedShares.get("jurisdiction").asString()).startsWith(division);
    for (JsonNode s : scopedShares.get("shares")) {
      assertThat(s.get("share").isNull()).as(s.toString()).isTrue();
      assertThat(s.get("reason").asString()).as(s.toString()).startsWith("not available");
    }

    // A year without data: every share null with a reason, never 0.
    Http.Response none = http.as(VIEWER).get("/api/programmes/" + id + "/shares?year=2045");
    assertThat(none.status()).isEqualTo(200);
    for (JsonNode s : none.json().get("shares")) {
      assertThat(s.get("share").isNull()).as(s.toString()).isTrue();
      assertThat(s.get("reason").asString()).as(s.toString()).startsWith("not available");
    }
    assertProblem(http.get("/api/programmes/" + id + "/shares"), 422, "invalid-year");
    assertProblem(http.get("/api/programmes/" + id + "/shares?year=99999"), 422, "invalid-year");
  }

  static void assertShare(JsonNode s, double inside, double total, double share) {
    assertThat(s.get("inside").doubleValue()).as(s.toString()).isCloseTo(inside, within(1e-9));
    assertThat(s.get("total").doubleValue()).as(s.toString()).isCloseTo(total, within(1e-9));
    assertThat(s.get("share").doubleValue()).as(s.toString()).isCloseTo(share, within(1e-12));
    assertThat(s.get("reason").isNull()).as(s.toString()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Bad input, conflicts, roles

  String fingerprint(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM programme_member WHERE programme_id = ?")
            .param(id)
            .query(Long.class)
            .single()
        + "/"
        + jdbc.sql(
                "SELECT plan_id, zone_code, category, status, industries FROM programme_member"
                    + " WHERE programme_id = ? ORDER BY zone_code")
            .param(id)
            .query()
            .listOfRows()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single();
  }

  @Test
  void badMembersAreRefusedWithProblemDetailsAndNothingWritten() {
    String id = programmeWithMembers("bad-" + System.nanoTime() % 1_000_000);
    String before = fingerprint(id);
    Http planner = http.as(PLANNER);
    String path = "/api/programmes/" + id + "/members";
    assertProblem(planner.post(path, member("NOPE", "产业新城", null, "[]")), 422, "unknown-zone");
    assertProblem(planner.post(path, member("D", "产业社区", null, "[]")), 422, "unknown-category");
    assertProblem(planner.post(path, member("D", "产业新城", "已完成", "[]")), 422, "unknown-status");
    assertProblem(
        planner.post(path, member("D", "产业新城", null, "[\"9999\"]")), 422, "unknown-industry");
    assertProblem(
        planner.post(path, member("D", "产业新城", null, "[\"13\",\"14\",\"15\",\"17\"]")),
        422,
        "invalid-programme");
    Http.Response dup = planner.post(path, member("A", "特色小镇", null, "[]"));
    assertProblem(dup, 409, "duplicate-member");
    assertThat(dup.json().get("zoneCode").asString()).isEqualTo("A");
    assertProblem(
        planner.post(path, "{\"planId\":\"" + PLAN + "\",\"zoneCode\":\"D\"}"),
        422,
        "invalid-programme");
    assertProblem(
        planner.put(path + "/" + PLAN + "/D", member("D", "产业新城", null, "[]")),
        404,
        "member-not-found");
    assertProblem(
        planner.post(
            path, member("D", "产业新城", null, "[]").replace("\"D\"", "\"" + "x".repeat(65) + "\"")),
        422,
        "invalid-programme");
    assertThat(fingerprint(id)).isEqualTo(before);

    // Programmes: duplicate id 409; a category or status still used cannot go (409).
    assertProblem(planner.post("/api/programmes", programmeJson(id)), 409, "duplicate-programme");
    assertProblem(
        planner.put(
            "/api/programmes/" + id,
            programmeJson(id).replace(",{\"name\":\"特色小镇\",\"targetCount\":1}", "")),
        409,
        "category-in-use");
    assertProblem(
        planner.put("/api/programmes/" + id, programmeJson(id).replace(",\"建设初具规模\"", "")),
        409,
        "status-in-use");
    assertProblem(
        planner.post("/api/programmes", programmeJson("Bad Id")), 422, "invalid-programme");
    assertProblem(
        planner.post("/api/programmes", programmeJson("lvl-x").replace("\"区\"", "\"乡\"")),
        422,
        "invalid-programme");
    assertProblem(
        planner.post(
            "/api/programmes",
            programmeJson("tgt-x").replace("\"ratio\":0.8}]", "\"ratio\":1.5}]")),
        422,
        "invalid-programme");
    assertThat(fingerprint(id)).isEqualTo(before);
    assertProblem(http.get("/api/programmes/nope"), 404, "programme-not-found");

    // A member's category and status change; removal; the zone keeps its place in its plan.
    Http.Response put =
        planner.put(path + "/" + PLAN + "/B", member("B", "特色小镇", "基本建设完成", "[\"3911\"]"));
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(http.get(path + "/" + PLAN + "/B").json().get("category").asString())
        .isEqualTo("特色小镇");
    assertThat(planner.send("DELETE", path + "/" + PLAN + "/B", null, null).status())
        .isEqualTo(204);
    assertThat(http.get(path + "/" + PLAN + "/B").status()).isEqualTo(404);
    assertThat(http.get("/api/plans/" + PLAN + "/zones/B").status()).isEqualTo(200);
  }

  @Test
  void viewersReadAndOnlyPlannersWrite() {
    String id = programmeWithMembers("roles-" + System.nanoTime() % 1_000_000);
    Http viewer = http.as(VIEWER);
    assertThat(viewer.get("/api/programmes").status()).isEqualTo(200);
    Http.Response layer = viewer.get("/api/programmes/" + id + "/members");
    assertThat(layer.status()).isEqualTo(200);
    assertThat(layer.contentType()).startsWith("application/geo+json");
    assertThat(layer.json().get("features").size()).isEqualTo(3);
    JsonNode a = layer.json().get("features").get(0).get("properties");
    assertThat(a.get("zoneCode").asString()).isEqualTo("A");
    assertThat(a.get("category").asString()).isEqualTo("产业新城");
    assertThat(a.get("status").asString()).isEqualTo("基本建设完成");
    assertThat(a.get("industries").get(0).get("code").asString()).isEqualTo("3911");
    assertThat(a.get("industries").get(0).get("name").asString()).isEqualTo("计算机整机制造");
    assertThat(viewer.post("/api/programmes", programmeJson("v-x")).status()).isEqualTo(403);
    assertThat(
            viewer
                .post("/api/programmes/" + id + "/members", member("D", "产业新城", null, "[]"))
                .status())
        .isEqualTo(403);
    assertThat(viewer.send("DELETE", "/api/programmes/" + id, null, null).status()).isEqualTo(403);
    assertThat(http.anonymous().get("/api/programmes").status()).isEqualTo(401);
    assertThat(http.as(PLANNER).send("DELETE", "/api/programmes/" + id, null, null).status())
        .isEqualTo(204);
    assertThat(http.get("/api/programmes/" + id).status()).isEqualTo(404);
    assertThat(http.get("/api/plans/" + PLAN + "/zones/A").status()).isEqualTo(200);
  }

  // ---------------------------------------------------------------------------------------------
  // The Xiaoshan sample

  @Test
  void xiaoshanSampleHasTheCsvCarriersInsideXiaoshanWithoutOverlaps() throws Exception {
    JsonNode p = http.as(VIEWER).get("/api/programmes/xiaoshan-4286").json();
    assertThat(p.get("name").asString()).isEqualTo("萧山区\"4286\"产业载体");
    assertThat(p.get("illustrative").booleanValue()).isTrue();
    List<String> cats = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    p.get("categories")
        .forEach(
            c -> {
              cats.add(c.get("name").asString());
              counts.add(c.get("targetCount").intValue());
            });
    assertThat(cats).containsExactly("产业新城", "产业基地", "特色小镇", "产业社区");
    assertThat(counts).containsExactly(4, 2, 8, 6);

    // The csv, read here on its own: name and group per carrier; the phrase of each group.
    List<String> lines =
        java.nio.file.Files.readAllLines(
            java.nio.file.Path.of("src/main/resources/programmes/xiaoshan-4286-carriers.csv"));
    JsonNode layer = http.as(VIEWER).get("/api/programmes/xiaoshan-4286/members").json();
    assertThat(layer.get("features").size()).isEqualTo(lines.size() - 1).isEqualTo(20);
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    layer
        .get("features")
        .forEach(f -> byName.put(f.get("properties").get("zoneName").asString(), f));
    String phrase = null;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (!cells[2].isEmpty()) {
        phrase = cells[2];
      }
      JsonNode f = byName.get(cells[0]);
      assertThat(f).as(cells[0]).isNotNull();
      assertThat(f.get("properties").get("status").asString()).isEqualTo(cells[1]);
      assertThat(f.get("properties").get("statusPhrase").asString()).isEqualTo(phrase);
      assertThat(f.get("properties").get("illustrative").booleanValue()).isTrue();
    }
    JsonNode figures = http.get("/api/programmes/xiaoshan-4286/figures").json();
    List<Integer> members = new ArrayList<>();
    figures.get("byCategory").forEach(g -> members.add(g.get("count").intValue()));
    assertThat(members).containsExactly(4, 2, 8, 6);
    assertThat(named(figures.get("byStatus"), "基本建设完成").get("count").intValue()).isEqualTo(6);
    assertThat(named(figures.get("byStatus"), "建设初具规模").get("count").intValue()).isEqualTo(8);
    assertThat(named(figures.get("byStatus"), "更新改造取得明显成效").get("count").intValue()).isEqualTo(5);
    assertThat(named(figures.get("byStatus"), "有实质性推进").get("count").intValue()).isEqualTo(1);

    // Its shares: the sample holds no figure in 萧山区 (and, before the divisions of issue 14 are
    // loaded, no outline of 330109): each not available, never 0, whatever the county sample holds.
    for (JsonNode s :
        http.get("/api/programmes/xiaoshan-4286/shares?year=2024").json().get("shares")) {
      assertThat(s.get("share").isNull()).as(s.toString()).isTrue();
      assertThat(s.get("reason").asString()).as(s.toString()).startsWith("not available");
    }

    // Inside 萧山区's outline (the shared file, repaired here with JTS on its own) and apart.
    List<Geometry> shapes = new ArrayList<>();
    WKBReader reader = new WKBReader();
    for (byte[] wkb :
        jdbc.sql("SELECT ST_AsBinary(geom) FROM zone WHERE plan_id = 'xiaoshan-4286'")
            .query(byte[].class)
            .list()) {
      shapes.add(reader.read(wkb));
    }
    assertThat(shapes).hasSize(20);
    Geometry outline = xiaoshanOutline();
    for (int i = 0; i < shapes.size(); i++) {
      assertThat(outline.covers(shapes.get(i))).as("carrier " + i + " inside 萧山区").isTrue();
      for (int j = i + 1; j < shapes.size(); j++) {
        assertThat(shapes.get(i).intersects(shapes.get(j))).as(i + " meets " + j).isFalse();
      }
    }
  }

  static Geometry xiaoshanOutline() throws Exception {
    java.nio.file.Path shared = java.nio.file.Path.of("../shared/data/hangzhou-districts.geojson");
    if (!java.nio.file.Files.exists(shared)) {
      shared = java.nio.file.Path.of("/work/shared/data/hangzhou-districts.geojson");
    }
    JsonNode fc = JSON.readTree(java.nio.file.Files.readString(shared));
    for (JsonNode f : fc.get("features")) {
      if ("330109".equals(f.get("id").asString())) {
        var factory = new org.locationtech.jts.geom.GeometryFactory();
        JsonNode rings = f.get("geometry").get("coordinates");
        org.locationtech.jts.geom.LinearRing[] rs =
            new org.locationtech.jts.geom.LinearRing[rings.size()];
        for (int r = 0; r < rings.size(); r++) {
          org.locationtech.jts.geom.Coordinate[] cs =
              new org.locationtech.jts.geom.Coordinate[rings.get(r).size()];
          for (int i = 0; i < cs.length; i++) {
            JsonNode c = rings.get(r).get(i);
            cs[i] =
                new org.locationtech.jts.geom.Coordinate(c.get(0).asDouble(), c.get(1).asDouble());
          }
          rs[r] = factory.createLinearRing(cs);
        }
        Geometry g = factory.createPolygon(rs[0], java.util.Arrays.copyOfRange(rs, 1, rs.length));
        return org.locationtech.jts.geom.util.GeometryFixer.fix(g);
      }
    }
    throw new AssertionError("no feature 330109");
  }
}
