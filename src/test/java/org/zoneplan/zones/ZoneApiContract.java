package org.zoneplan.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoneplan.testsupport.Shapes.square;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zoneplan.testsupport.Csv;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;

/**
 * The zone API on a store loaded with the Pujiang sample data. Runs unchanged on H2GIS and on
 * PostGIS (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ZoneApiContract {
  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  Http http;

  @BeforeEach
  void connect() {
    http = new Http(port);
  }

  @ParameterizedTest(name = "{0}: every zone''s areaKm2 rounds to the published {1}")
  @CsvSource({"pujiang-2020, area_before_km2", "pujiang-2021, area_after_km2"})
  void areasReproduceThePublishedTable(String planId, String column) throws Exception {
    List<Map<String, String>> published = Csv.read(Csv.sharedDomain("pujiang-zones.csv"));
    Http.Response response = http.get("/api/plans/" + planId + "/zones");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/geo+json");
    Map<String, JsonNode> byCode = new HashMap<>();
    response
        .json()
        .get("features")
        .forEach(f -> byCode.put(f.get("properties").get("code").asString(), f.get("properties")));

    assertThat(byCode).hasSameSizeAs(published);
    for (Map<String, String> row : published) {
      JsonNode zone = byCode.get(row.get("code"));
      assertThat(zone).as(row.get("code")).isNotNull();
      assertThat(zone.get("name").asString()).isEqualTo(row.get("name_zh"));
      assertThat(zone.get("kind").asString()).isEqualTo(row.get("kind"));
      assertThat(textOrEmpty(zone.get("parent"))).isEqualTo(row.get("parent_code"));
      assertThat(textOrEmpty(zone.get("managedBy"))).isEqualTo(row.get("managed_by"));
      BigDecimal km2 =
          BigDecimal.valueOf(zone.get("areaKm2").doubleValue()).setScale(2, RoundingMode.HALF_UP);
      assertThat(km2)
          .as("%s %s km²", planId, row.get("code"))
          .isEqualByComparingTo(row.get(column));
      double m2 = zone.get("areaM2").doubleValue();
      assertThat(zone.get("areaHa").doubleValue()).isCloseTo(m2 / 1e4, near(m2 / 1e4, 1e-12));
      assertThat(zone.get("areaMu").doubleValue())
          .isCloseTo(m2 * 15 / 1e4, near(m2 * 15 / 1e4, 1e-12));
      // Pujiang lies near 120°E, the central meridian of GK zone 40 (EPSG:4549): a few ppm apart.
      assertThat(zone.get("gkEpsg").intValue()).isEqualTo(4549);
      assertThat(zone.get("planarAreaM2").doubleValue()).isCloseTo(m2, near(m2, 1e-4));
    }
  }

  @ParameterizedTest(name = "{0}: the platform rolls up to {1} km², the zone to {2}")
  @CsvSource({"pujiang-2020, 33.86, 23.00", "pujiang-2021, 42.20, 28.64"})
  void treeRollsUpTheUnionOfTheParts(String planId, String platformKm2, String zoneKm2) {
    Http.Response response = http.get("/api/plans/" + planId + "/tree");
    assertThat(response.status()).isEqualTo(200);
    JsonNode roots = response.json().get("roots");
    assertThat(roots).hasSize(1);
    JsonNode platform = roots.get(0);
    assertThat(platform.get("code").asString()).isEqualTo("PJ");
    assertThat(round(platform.get("rolledUp").get("areaKm2"))).isEqualByComparingTo(platformKm2);
    JsonNode zone = null;
    for (JsonNode child : platform.get("children")) {
      if (child.get("code").asString().equals("PJ-1")) {
        zone = child;
      }
    }
    assertThat(zone).isNotNull();
    assertThat(round(zone.get("rolledUp").get("areaKm2"))).isEqualByComparingTo(zoneKm2);
    assertThat(zone.get("children")).hasSize(3);
  }

  @Test
  void overlappingChildrenCountOnceInTheRollUp() {
    // A child of PJ-ZJW that covers part of PJ-ZJW itself: the union must not count it twice.
    String planId = "pujiang-2021";
    JsonNode parent = http.get("/api/plans/" + planId + "/zones/PJ-ZJW").json();
    double parentM2 = parent.get("properties").get("areaM2").doubleValue();
    String body = feature("TEST-OVERLAP", "测试重叠", "FUNCTIONAL", "PJ-ZJW", insideOf(parent));
    assertThat(http.post("/api/plans/" + planId + "/zones/TEST-OVERLAP", body).status())
        .isEqualTo(201);
    try {
      JsonNode zjw =
          findNode(http.get("/api/plans/" + planId + "/tree").json().get("roots"), "PJ-ZJW");
      assertThat(zjw.get("rolledUp").get("areaM2").doubleValue())
          .isCloseTo(parentM2, near(parentM2, 1e-9));
    } finally {
      assertThat(http.delete("/api/plans/" + planId + "/zones/TEST-OVERLAP", "*").status())
          .isEqualTo(204);
    }
  }

  @Test
  void createReadReplaceDelete() {
    String path = "/api/plans/pujiang-2021/zones/TEST-CRUD";
    String square = square(119.70, 29.55, 0.01);
    Http.Response created =
        http.post(path, feature("TEST-CRUD", "测试区<b>粗体</b>", "COOPERATION", "PJ", square));
    assertThat(created.status()).isEqualTo(201);
    JsonNode properties = created.json().get("properties");
    assertThat(properties.get("name").asString()).isEqualTo("测试区<b>粗体</b>");
    double firstM2 = properties.get("areaM2").doubleValue();
    // 0.01° × 0.01° at 29.55°N: about 1113 m × 968 m.
    assertThat(firstM2).isBetween(1.0e6, 1.2e6);

    Http.Response read = http.get(path);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("geometry").get("type").asString()).isEqualTo("MultiPolygon");

    Http.Response replaced =
        http.put(
            path,
            feature("TEST-CRUD", "测试区", "COOPERATION", "PJ", square(119.70, 29.55, 0.02)),
            http.etag(path));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().get("properties").get("areaM2").doubleValue())
        .isCloseTo(4 * firstM2, near(4 * firstM2, 0.01));

    assertThat(http.delete(path, http.etag(path)).status()).isEqualTo(204);
    assertThat(http.get(path).status()).isEqualTo(404);
  }

  static Stream<Arguments> badInput() {
    String ok = square(119.70, 29.55, 0.01);
    return Stream.of(
        Arguments.of(
            "malformed JSON", "{\"type\": \"Feature\", ", 400, "malformed-json", null, null),
        Arguments.of("not a Feature", ok, 400, "malformed-geojson", "Feature", null),
        Arguments.of(
            "a LineString",
            feature(
                "X",
                "线",
                "ZONE",
                "PJ",
                "{\"type\":\"LineString\",\"coordinates\":[[119.7,29.5],[119.8,29.6]]}"),
            422,
            "invalid-geometry",
            "not a Polygon",
            null),
        Arguments.of(
            "a self-intersecting ring",
            feature(
                "X",
                "自交",
                "ZONE",
                "PJ",
                polygon(
                    "[119.70,29.50],[119.72,29.52],[119.72,29.50],[119.70,29.52],[119.70,29.50]")),
            422,
            "invalid-geometry",
            "Self-intersection",
            "[119.71,29.51]"),
        Arguments.of(
            "an unclosed ring",
            feature(
                "X",
                "未闭合",
                "ZONE",
                "PJ",
                polygon("[119.70,29.50],[119.72,29.50],[119.72,29.52],[119.70,29.52]")),
            422,
            "invalid-geometry",
            "not closed",
            "[119.7,29.52]"),
        Arguments.of(
            "coordinates outside China",
            feature("X", "境外", "ZONE", "PJ", square(10.0, 50.0, 0.01)),
            422,
            "invalid-geometry",
            "outside China",
            "[10.0,50.0]"),
        Arguments.of(
            "swapped (lat, lon)",
            feature("X", "颠倒", "ZONE", "PJ", square(29.45, 119.89, 0.01)),
            422,
            "invalid-geometry",
            "(latitude, longitude)",
            "[29.45,119.89]"),
        Arguments.of(
            "an unknown parent",
            feature("X", "无父", "ZONE", "NO-SUCH", ok),
            422,
            "unknown-parent",
            "NO-SUCH",
            null),
        Arguments.of(
            "a missing name",
            feature("X", "", "ZONE", "PJ", ok),
            422,
            "missing-property",
            "name",
            null),
        Arguments.of(
            "an unknown kind",
            feature("X", "类型", "PARK", "PJ", ok),
            422,
            "invalid-kind",
            "PARK",
            null));
  }

  @ParameterizedTest(name = "{0} → {2} {3}, nothing written")
  @MethodSource("badInput")
  void badInputIsRefusedAndNothingIsWritten(
      String what, String body, int status, String type, String detail, String coordinate) {
    int before = zoneCount("pujiang-2021");
    Http.Response response = http.post("/api/plans/pujiang-2021/zones/X", body);
    assertProblem(response, status, type, detail);
    if (coordinate != null) {
      String[] expected = coordinate.replaceAll("[\\[\\]]", "").split(",");
      JsonNode actual = response.json().get("coordinate");
      assertThat(actual.get(0).doubleValue())
          .isCloseTo(Double.parseDouble(expected[0]), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(actual.get(1).doubleValue())
          .isCloseTo(Double.parseDouble(expected[1]), org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(zoneCount("pujiang-2021")).isEqualTo(before);
    assertThat(http.get("/api/plans/pujiang-2021/zones/X").status()).isEqualTo(404);
  }

  @Test
  void duplicateCodeIsRefusedAndTheExistingZoneIsUnchanged() {
    JsonNode before = http.get("/api/plans/pujiang-2021/zones/PJ-1-CORE").json();
    Http.Response response =
        http.post(
            "/api/plans/pujiang-2021/zones/PJ-1-CORE",
            feature("PJ-1-CORE", "重复", "CORE", "PJ-1", square(119.70, 29.55, 0.01)));
    assertProblem(response, 409, "duplicate-code", "PJ-1-CORE");
    assertThat(http.get("/api/plans/pujiang-2021/zones/PJ-1-CORE").json()).isEqualTo(before);
  }

  @Test
  void invalidReplacementLeavesTheZoneUnchanged() {
    JsonNode before = http.get("/api/plans/pujiang-2021/zones/PJ-HZ").json();
    String bowtie =
        polygon("[119.90,29.40],[119.92,29.42],[119.92,29.40],[119.90,29.42],[119.90,29.40]");
    assertProblem(
        http.put(
            "/api/plans/pujiang-2021/zones/PJ-HZ",
            feature("PJ-HZ", "黄宅片区", "SUBAREA", "PJ", bowtie),
            "*"),
        422,
        "invalid-geometry",
        "Self-intersection");
    // PJ-1 under its own child would be a cycle.
    JsonNode pj1 = http.get("/api/plans/pujiang-2021/zones/PJ-1").json();
    assertProblem(
        http.put(
            "/api/plans/pujiang-2021/zones/PJ-1",
            feature("PJ-1", "一区", "ZONE", "PJ-1-CORE", pj1.get("geometry").toString()),
            "*"),
        422,
        "invalid-parent",
        "ancestor");
    assertThat(http.get("/api/plans/pujiang-2021/zones/PJ-HZ").json()).isEqualTo(before);
    assertThat(http.get("/api/plans/pujiang-2021/zones/PJ-1").json()).isEqualTo(pj1);
  }

  @Test
  void deletingAParentWithChildrenIsRefused() {
    assertProblem(
        http.delete("/api/plans/pujiang-2021/zones/PJ-1", "*"), 409, "zone-has-children", "PJ-1");
    assertThat(http.get("/api/plans/pujiang-2021/zones/PJ-1").status()).isEqualTo(200);
  }

  @Test
  void unknownPlanAndZoneAre404Problems() {
    assertProblem(http.get("/api/plans/no-such-plan/zones"), 404, "plan-not-found", "no-such-plan");
    assertProblem(
        http.post(
            "/api/plans/no-such-plan/zones/X",
            feature("X", "区", "ZONE", null, square(119.7, 29.55, 0.01))),
        404,
        "plan-not-found",
        "no-such-plan");
    assertProblem(
        http.get("/api/plans/pujiang-2021/zones/NO-SUCH"), 404, "zone-not-found", "NO-SUCH");
  }

  @Test
  void plansAreListed() {
    JsonNode plans = http.get("/api/plans").json();
    // The sample versions first (by date: Pujiang before and after the merger, the illustrative
    // Xiaoshan carriers and Xihu platforms dated between them); versions other tests open come
    // after them.
    assertThat(plans.size()).isGreaterThanOrEqualTo(4);
    assertThat(plans.get(0).get("id").asString()).isEqualTo("pujiang-2020");
    assertThat(plans.get(1).get("id").asString()).isEqualTo("xiaoshan-4286");
    assertThat(plans.get(2).get("id").asString()).isEqualTo("xihu-platforms");
    assertThat(plans.get(3).get("id").asString()).isEqualTo("pujiang-2021");
    assertThat(plans.get(3).get("name").asString()).contains("浦江");
    assertThat(plans.get(3).get("status").asString()).isEqualTo("APPROVED");
  }

  @Test
  void divisionsHaveAreasAndRepairedOutlines() {
    JsonNode divisions = http.get("/api/divisions").json();
    JsonNode pujiang = null;
    int counties = 0;
    int cities = 0;
    int towns = 0;
    for (JsonNode d : divisions) {
      if (d.get("level").asString().equals("CITY")) {
        cities++;
      } else if (d.get("level").asString().equals("COUNTY")) {
        counties++;
        // Every ring of the source outlines self-intersects: each was repaired, and says so.
        assertThat(d.get("repaired").booleanValue()).as(d.get("name").asString()).isTrue();
        assertThat(d.get("repairNote").asString()).contains("GeometryFixer");
      } else {
        towns++;
      }
      if (d.get("code").asString().equals("330726")) {
        pujiang = d;
      }
    }
    // Jinhua's 9 counties and Hangzhou's 13 districts (issue 14), Hangzhou itself, Pujiang's towns
    assertThat(counties).isEqualTo(9 + 13);
    assertThat(cities).isEqualTo(1);
    assertThat(towns).isEqualTo(15);
    assertThat(pujiang.get("name").asString()).isEqualTo("浦江县");
    // DOMAIN.md: about 916.5 km² from this outline (official figure about 920 km²).
    assertThat(pujiang.get("areaKm2").doubleValue())
        .isCloseTo(916.5, org.assertj.core.data.Offset.offset(1.0));
    JsonNode feature = http.get("/api/divisions/330726").json();
    assertThat(feature.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
    assertProblem(http.get("/api/divisions/999999"), 404, "division-not-found", "999999");
  }

  @Test
  void measureComputesAreasWithoutStoringAndRefusesInvalidRings() {
    int before = zoneCount("pujiang-2021");
    Http.Response measured = http.post("/api/measure", square(119.70, 29.55, 0.01));
    assertThat(measured.status()).isEqualTo(200);
    double m2 = measured.json().get("areaM2").doubleValue();
    Http.Response stored =
        http.post(
            "/api/plans/pujiang-2021/zones/TEST-MEASURE",
            feature("TEST-MEASURE", "测量", "ZONE", "PJ", square(119.70, 29.55, 0.01)));
    try {
      // The same figure a save computes.
      assertThat(m2).isEqualTo(stored.json().get("properties").get("areaM2").doubleValue());
    } finally {
      http.delete("/api/plans/pujiang-2021/zones/TEST-MEASURE", "*");
    }
    assertThat(measured.json().get("areaMu").doubleValue())
        .isCloseTo(m2 * 15 / 1e4, near(m2, 1e-12));
    assertProblem(
        http.post(
            "/api/measure",
            polygon("[119.70,29.50],[119.72,29.52],[119.72,29.50],[119.70,29.52],[119.70,29.50]")),
        422,
        "invalid-geometry",
        "Self-intersection");
    assertThat(zoneCount("pujiang-2021")).isEqualTo(before);
  }

  /**
   * Writers that keep writing one zone with "If-Match: *" (no version check): the version each
   * answer names (its ETag and body) is the version of that writer's own change in the history,
   * never a later writer's, so a client that sends it back cannot overwrite a change it never saw.
   */
  @Test
  void theVersionAWriteAnswersIsThatWritesOwnVersion() throws Exception {
    String path = "/api/plans/pujiang-2021/zones/TEST-OWNVER";
    assertThat(
            http.post(
                    path,
                    feature("TEST-OWNVER", "起点", "COOPERATION", "PJ", square(119.74, 29.55, 0.01)))
                .status())
        .isEqualTo(201);
    int writers = 4;
    int rounds = 15;
    java.util.Map<Integer, String> answered = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        work.add(
            pool.submit(
                () -> {
                  Http mine = new Http(port);
                  for (int n = 0; n < rounds; n++) {
                    String name = "写" + writer + "-" + n;
                    Http.Response r =
                        mine.put(
                            path,
                            feature(
                                "TEST-OWNVER",
                                name,
                                "COOPERATION",
                                "PJ",
                                square(119.74, 29.55, 0.008 + 0.0001 * n)),
                            "*");
                    assertThat(r.status()).as(r.text()).isEqualTo(200);
                    answered.put(r.json().get("properties").get("version").intValue(), name);
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(answered).hasSize(writers * rounds);
    JsonNode history = http.get(path + "/history").json();
    java.util.Map<Integer, String> stored = new java.util.HashMap<>();
    history.forEach(
        h -> {
          if (h.hasNonNull("name")) {
            stored.put(h.get("version").intValue(), h.get("name").asString());
          }
        });
    answered.forEach(
        (version, name) ->
            assertThat(stored.get(version)).as("version %d", version).isEqualTo(name));
    assertThat(http.delete(path, "*").status()).isEqualTo(204);
  }

  @Test
  void writesWithoutIfMatchAre428AndStaleOnesAre412SoNoChangeIsLost() {
    String path = "/api/plans/pujiang-2021/zones/TEST-ETAG";
    Http.Response created =
        http.post(
            path, feature("TEST-ETAG", "并发", "COOPERATION", "PJ", square(119.70, 29.55, 0.01)));
    assertThat(created.status()).isEqualTo(201);
    String etag = http.etag(path);
    assertThat(etag).isEqualTo("\"v1\"");
    try {
      String planner1 =
          feature("TEST-ETAG", "甲的修改", "COOPERATION", "PJ", square(119.70, 29.55, 0.012));
      String planner2 =
          feature("TEST-ETAG", "乙的修改", "COOPERATION", "PJ", square(119.70, 29.55, 0.008));
      assertProblem(http.put(path, planner1, null), 428, "precondition-required", "If-Match");
      assertProblem(http.delete(path, null), 428, "precondition-required", "If-Match");
      // Both planners read version 1; the first write wins, the second is refused, not merged away.
      assertThat(http.put(path, planner1, etag).status()).isEqualTo(200);
      Http.Response second = http.put(path, planner2, etag);
      assertProblem(second, 412, "stale-version", "changed by someone else");
      assertThat(second.json().get("currentETag").asString()).isEqualTo("\"v2\"");
      assertThat(http.get(path).json().get("properties").get("name").asString()).isEqualTo("甲的修改");
      assertProblem(http.delete(path, etag), 412, "stale-version", null);
      assertProblem(http.put(path, planner2, "\"bogus\""), 412, "stale-version", null);
    } finally {
      assertThat(http.delete(path, http.etag(path)).status()).isEqualTo(204);
    }
  }

  @Test
  void historyKeepsEveryVersionWithAsOfRestoreAndDiff() throws Exception {
    String path = "/api/plans/pujiang-2021/zones/TEST-HIST";
    assertThat(
            http.post(
                    path
                        + "?reason="
                        + java.net.URLEncoder.encode("新设", java.nio.charset.StandardCharsets.UTF_8),
                    feature("TEST-HIST", "历史一", "COOPERATION", "PJ", square(119.70, 29.55, 0.01)))
                .status())
        .isEqualTo(201);
    java.time.OffsetDateTime afterV1 = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
    Thread.sleep(20);
    assertThat(
            http.put(
                    path,
                    feature("TEST-HIST", "历史二", "COOPERATION", "PJ", square(119.70, 29.55, 0.02)),
                    "\"v1\"")
                .status())
        .isEqualTo(200);
    assertThat(http.delete(path + "?reason=test", "\"v2\"").status()).isEqualTo(204);
    assertThat(http.get(path).status()).isEqualTo(404);

    JsonNode history = http.get(path + "/history").json();
    assertThat(history).hasSize(3);
    assertThat(history.get(0).get("operation").asString()).isEqualTo("CREATE");
    assertThat(history.get(0).get("reason").asString()).isEqualTo("新设");
    assertThat(history.get(0).get("changedBy").asString()).isNotBlank();
    assertThat(history.get(1).get("operation").asString()).isEqualTo("UPDATE");
    assertThat(history.get(1).get("name").asString()).isEqualTo("历史二");
    assertThat(history.get(2).get("operation").asString()).isEqualTo("DELETE");
    double v1 = history.get(0).get("area").get("areaM2").doubleValue();
    double v2 = history.get(1).get("area").get("areaM2").doubleValue();

    // asOf: the zone as it was after version 1, and the plan's zones then.
    JsonNode then = http.get(path + "?asOf=" + afterV1).json();
    assertThat(then.get("properties").get("name").asString()).isEqualTo("历史一");
    JsonNode planThen = http.get("/api/plans/pujiang-2021/zones?asOf=" + afterV1).json();
    assertThat(planThen.get("features").size()).isEqualTo(zoneCount("pujiang-2021") + 1);

    // diff between versions 1 and 2: a 0.01° square grew to 0.02°.
    JsonNode diff = http.get(path + "/diff?from=1&to=2").json();
    assertThat(diff.get("deltaM2").doubleValue()).isCloseTo(v2 - v1, near(v2, 1e-12));
    // Not exactly v2 − v1: the added L-shape has vertices in the middle of the big square's
    // edges, and splitting a geodesic edge changes the ellipsoidal area (here by ~1e-5).
    assertThat(diff.get("addedM2").doubleValue()).isCloseTo(v2 - v1, near(v2, 1e-4));
    assertThat(diff.get("removedM2").doubleValue()).isLessThan(1e-3);

    // Restore the deleted zone to version 1: a new version, recorded as RESTORE.
    Http.Response restored = http.post(path + "/restore?version=1", "");
    assertThat(restored.status()).as(restored.text()).isEqualTo(200);
    try {
      assertThat(http.etag(path)).isEqualTo("\"v4\"");
      assertThat(http.get(path).json().get("properties").get("name").asString()).isEqualTo("历史一");
      JsonNode after = http.get(path + "/history").json();
      assertThat(after).hasSize(4);
      assertThat(after.get(3).get("operation").asString()).isEqualTo("CREATE");
      assertThat(after.get(3).get("reason").asString()).isEqualTo("恢复至第 1 版");
    } finally {
      http.delete(path, "*");
    }
    assertProblem(http.get(path + "?asOf=yesterday"), 422, "invalid-asof", "ISO-8601");
    assertProblem(http.get(path + "/diff?from=1&to=99"), 404, "zone-version-not-found", "99");
  }

  @Test
  void everyWriteIsInTheAuditLog() {
    String path = "/api/plans/pujiang-2021/zones/TEST-AUDIT";
    http.post(path, feature("TEST-AUDIT", "审计", "COOPERATION", "PJ", square(119.70, 29.55, 0.01)));
    http.delete(path, "*");
    JsonNode log = http.get("/api/audit?limit=5").json();
    assertThat(log.get(0).get("action").asString()).isEqualTo("zone.delete");
    assertThat(log.get(0).get("target").asString()).isEqualTo("pujiang-2021/TEST-AUDIT");
    assertThat(log.get(1).get("action").asString()).isEqualTo("zone.create");
  }

  // ---- helpers

  void assertProblem(Http.Response response, int status, String type, String detail) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + type);
    assertThat(response.json().get("status").intValue()).isEqualTo(status);
    if (detail != null) {
      assertThat(response.json().get("detail").asString()).contains(detail);
    }
  }

  int zoneCount(String planId) {
    return http.get("/api/plans/" + planId + "/zones").json().get("features").size();
  }

  static JsonNode findNode(JsonNode nodes, String code) {
    for (JsonNode node : nodes) {
      if (node.get("code").asString().equals(code)) {
        return node;
      }
      JsonNode found = findNode(node.get("children"), code);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  // ------------------------------------- bounds on attributes and text (issue 13, points 4, 7)

  static String withAttributes(String name, String managedBy, String attributes) {
    return "{\"type\":\"Feature\",\"properties\":{\"name\":"
        + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(name)
        + ",\"kind\":\"COOPERATION\",\"managedBy\":"
        + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(managedBy)
        + ",\"attributes\":"
        + attributes
        + "},\"geometry\":"
        + square(119.70, 29.58, 0.01)
        + "}";
  }

  /** {"a":{"a":…{"a":1}…}} with {@code levels} objects below the attributes object. */
  static String nested(int levels) {
    return "{\"a\":".repeat(levels + 1) + "1" + "}".repeat(levels + 1);
  }

  String zoneRows() {
    return jdbc.sql("SELECT COUNT(*) FROM zone").query(Long.class).single()
        + " "
        + jdbc.sql("SELECT COUNT(*) FROM zone_history").query(Long.class).single();
  }

  static void assertProblem(Http.Response r, int status, String slug) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + slug);
  }

  @Test
  void deepOrLargeAttributesAre422AndNothingIsStored() {
    String path = "/api/plans/pujiang-2021/zones/TEST-ATTR";
    String before = zoneRows();
    Http.Response deep = http.post(path, withAttributes("属性", null, nested(400)));
    assertProblem(deep, 422, "invalid-attributes");
    assertThat(deep.json().get("limit").asString()).isEqualTo("attributes-depth");
    assertThat(deep.json().get("max").intValue()).isEqualTo(8);
    assertProblem(
        http.post(path, withAttributes("属性", null, nested(9))), 422, "invalid-attributes");
    Http.Response large =
        http.post(path, withAttributes("属性", null, "{\"note\":\"" + "长".repeat(30_000) + "\"}"));
    assertProblem(large, 422, "invalid-attributes");
    assertThat(large.json().get("limit").asString()).isEqualTo("attributes-size");
    assertThat(large.json().get("max").intValue()).isEqualTo(65_536);
    assertThat(zoneRows()).isEqualTo(before);
    // Eight levels are within the limit.
    Http.Response ok = http.post(path, withAttributes("属性", null, nested(8)));
    assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    assertThat(http.delete(path, "*").status()).isEqualTo(204);
  }

  @Test
  void oneUnreadableStoredRowDoesNotBreakTheListings() {
    String path = "/api/plans/pujiang-2021/zones/TEST-ROW";
    assertThat(http.post(path, withAttributes("坏行", null, "{}")).status()).isEqualTo(201);
    try {
      // Written around the API (an older version, a database tool): too deep, then not JSON.
      for (String stored : List.of(nested(495), "{not json")) {
        jdbc.sql("UPDATE zone SET attributes = ? WHERE plan_id = 'pujiang-2021' AND code = ?")
            .params(stored, "TEST-ROW")
            .update();
        for (String listing :
            List.of(
                "/api/plans/pujiang-2021/zones",
                "/api/plans/pujiang-2021/tree",
                "/ogc/collections/zones-pujiang-2021/items?limit=1000",
                path)) {
          Http.Response r = http.get(listing);
          assertThat(r.status())
              .as("%s with %s…: %s", listing, stored.substring(0, 8), r.text())
              .isEqualTo(200);
        }
      }
    } finally {
      jdbc.sql("UPDATE zone SET attributes = '{}' WHERE plan_id = 'pujiang-2021' AND code = ?")
          .params("TEST-ROW")
          .update();
      http.delete(path, "*");
    }
  }

  @Test
  void overlongTextIs422NamingTheFieldAndNoProblemShowsSqlOrCode() {
    String path = "/api/plans/pujiang-2021/zones/TEST-LONG";
    String before = zoneRows();
    Http.Response name = http.post(path, withAttributes("名".repeat(100_000), null, "{}"));
    assertProblem(name, 422, "too-long");
    assertThat(name.json().get("property").asString()).isEqualTo("name");
    assertThat(name.json().get("max").intValue()).isEqualTo(200);
    Http.Response managedBy = http.post(path, withAttributes("长", "管".repeat(201), "{}"));
    assertProblem(managedBy, 422, "too-long");
    assertThat(managedBy.json().get("property").asString()).isEqualTo("managedBy");
    Http.Response code =
        http.post(
            "/api/plans/pujiang-2021/zones/" + "C".repeat(65), withAttributes("长", null, "{}"));
    assertProblem(code, 422, "invalid-code");
    Http.Response reason =
        http.post(path + "?reason=" + "r".repeat(2001), withAttributes("长", null, "{}"));
    assertProblem(reason, 422, "too-long");
    assertThat(zoneRows()).isEqualTo(before);
    for (Http.Response r : List.of(name, managedBy, code, reason)) {
      assertThat(r.text()).doesNotContainIgnoringCase("insert").doesNotContain("org.zoneplan");
    }
    // A missing or mistyped body names no Java class or method.
    for (String body : List.of("", "{\"type\":", "[1,2]")) {
      Http.Response r = http.send("POST", "/api/measure", "application/json", body);
      assertThat(r.status()).as(body + ": " + r.text()).isBetween(400, 422);
      assertThat(r.text())
          .as(body)
          .doesNotContain("org.zoneplan")
          .doesNotContain("Controller")
          .doesNotContain("java.")
          .doesNotContain("tools.jackson");
    }
  }

  static String feature(String code, String name, String kind, String parent, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":{\"code\":\""
        + code
        + "\",\"name\":\""
        + name
        + "\",\"kind\":\""
        + kind
        + "\",\"parent\":"
        + (parent == null ? "null" : "\"" + parent + "\"")
        + ",\"managedBy\":\"测试\",\"attributes\":{\"leadingIndustries\":[\"水晶\"]}},\"geometry\":"
        + geometry
        + "}";
  }

  static String polygon(String ring) {
    return "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}";
  }

  /** A small square around an interior point of a zone feature. */
  static String insideOf(JsonNode feature) {
    JsonNode first = feature.get("geometry").get("coordinates").get(0).get(0);
    double sumX = 0;
    double sumY = 0;
    for (JsonNode p : first) {
      sumX += p.get(0).doubleValue();
      sumY += p.get(1).doubleValue();
    }
    // Vertex centroid of the exterior ring; the sample polygons are star-shaped around it.
    return square(sumX / first.size() - 0.002, sumY / first.size() - 0.002, 0.004);
  }

  static BigDecimal round(JsonNode km2) {
    return BigDecimal.valueOf(km2.doubleValue()).setScale(2, RoundingMode.HALF_UP);
  }

  static String textOrEmpty(JsonNode node) {
    return node == null || node.isNull() ? "" : node.asString();
  }

  /** An offset of {@code relative} times the expected value. */
  static org.assertj.core.data.Offset<Double> near(double expected, double relative) {
    return org.assertj.core.data.Offset.offset(Math.abs(expected) * relative);
  }

  @Test
  void adminOpensPlanVersionsEmptyOrAsACopy() {
    String id = "test-plan-" + (System.nanoTime() % 1_000_000);
    Http.Response empty =
        http.post(
            "/api/plans", "{\"id\":\"" + id + "\",\"name\":\"测试规划\",\"date\":\"2026-06-30\"}");
    assertThat(empty.status()).as(empty.text()).isEqualTo(201);
    assertThat(empty.json().get("status").asString()).isEqualTo("DRAFT");
    assertThat(http.get("/api/plans/" + id + "/zones").json().get("features").size()).isZero();

    Http.Response copy =
        http.post(
            "/api/plans?reason="
                + java.net.URLEncoder.encode("调区方案", java.nio.charset.StandardCharsets.UTF_8),
            "{\"id\":\""
                + id
                + "-b\",\"name\":\"调区方案\",\"date\":\"2026-07-01\",\"copyFrom\":\"pujiang-2021\"}");
    assertThat(copy.status()).as(copy.text()).isEqualTo(201);
    JsonNode original = http.get("/api/plans/pujiang-2021/zones").json().get("features");
    JsonNode copied = http.get("/api/plans/" + id + "-b/zones").json().get("features");
    assertThat(copied.size()).isEqualTo(original.size());
    for (int i = 0; i < original.size(); i++) {
      assertThat(copied.get(i).get("properties").get("code"))
          .isEqualTo(original.get(i).get("properties").get("code"));
      assertThat(copied.get(i).get("properties").get("areaM2").doubleValue())
          .isEqualTo(original.get(i).get("properties").get("areaM2").doubleValue());
    }

    // Status and name change; bad input is a 4xx naming it, nothing written.
    Http.Response approved =
        http.put("/api/plans/" + id, "{\"status\":\"APPROVED\",\"name\":\"测试规划(批复)\"}", null);
    assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    assertThat(http.get("/api/plans/" + id).json().get("name").asString()).isEqualTo("测试规划(批复)");
    assertThat(
            http.put("/api/plans/" + id, "{\"status\":\"FINAL\"}", null)
                .json()
                .get("type")
                .asString())
        .isEqualTo("urn:zoneplan:problem:invalid-status");
    assertThat(http.post("/api/plans", "{\"id\":\"" + id + "\",\"name\":\"again\"}").status())
        .isEqualTo(409);
    assertThat(
            http.post("/api/plans", "{\"id\":\"Bad Id\",\"name\":\"x\"}")
                .json()
                .get("type")
                .asString())
        .isEqualTo("urn:zoneplan:problem:invalid-plan-id");
    assertThat(http.get("/api/plans/" + id).json().get("status").asString()).isEqualTo("APPROVED");
  }

  @org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource;

  @Test
  void aWriteBlockedByAnotherForTooLongIsA503AndWritesNothing() throws Exception {
    String code =
        http.get("/api/plans/pujiang-2020/zones")
            .json()
            .get("features")
            .get(0)
            .get("properties")
            .get("code")
            .asString();
    String path = "/api/plans/pujiang-2020/zones/" + code;
    String etag = http.etag(path);
    JsonNode feature = http.get(path).json();
    // Another writer holds the zone's row, uncommitted, for longer than the store waits (10 s).
    try (java.sql.Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (java.sql.PreparedStatement lock =
          other.prepareStatement(
              "UPDATE zone SET managed_by = managed_by WHERE plan_id = ? AND code = ?")) {
        lock.setString(1, "pujiang-2020");
        lock.setString(2, code);
        assertThat(lock.executeUpdate()).isEqualTo(1);
      }
      Http.Response blocked = http.put(path + "?reason=blocked", feature.toString(), etag);
      assertProblem(blocked, 503, "store-busy", "try again");
      other.rollback();
    }
    assertThat(http.etag(path)).isEqualTo(etag);
    assertThat(http.get(path + "/history").json().toString()).doesNotContain("blocked");
    // Once the other writer is gone, the same request goes through.
    assertThat(http.put(path + "?reason=unblocked", feature.toString(), etag).status())
        .isEqualTo(200);
  }
}
