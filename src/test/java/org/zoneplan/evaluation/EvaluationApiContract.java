package org.zoneplan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rule-set store and {@code /api/evaluation}: the sample rule sets on first start, new versions
 * by ADMIN only, every bad rule set refused with 422 naming the field and nothing written, and the
 * what-if run. Runs unchanged on H2GIS and on PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EvaluationApiContract {
  static final Credentials VIEWER = new Credentials("t-eval-viewer", "test-pass-1");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  Http admin;

  @BeforeEach
  void viewer() {
    admin = new Http(port);
    if (admin.get("/api/users/" + VIEWER.username()).status() == 404) {
      Http.Response created =
          admin.post(
              "/api/users",
              "{\"username\":\""
                  + VIEWER.username()
                  + "\",\"password\":\""
                  + VIEWER.password()
                  + "\",\"roles\":[\"VIEWER\"]}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
    }
  }

  /** Row counts of the rule sets and the audit log: what "nothing was written" means here. */
  String fingerprint() {
    return jdbc.sql("SELECT COUNT(*) FROM evaluation_rule_set").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT MAX(id) FROM evaluation_rule_set").query(Long.class).optional();
  }

  long idOf(String division, int year, int version) {
    return jdbc.sql(
            "SELECT id FROM evaluation_rule_set WHERE division_code = ? AND \"year\" = ? AND"
                + " version = ?")
        .params(division, year, version)
        .query(Long.class)
        .single();
  }

  ObjectNode huangyan() {
    JsonNode stored = admin.get("/api/evaluation/rule-sets/" + idOf("331003", 2023, 1)).json();
    return (ObjectNode) stored.get("rules").deepCopy();
  }

  @Test
  void theSampleRuleSetsAreStoredOnFirstStart() {
    Http.Response list = admin.as(VIEWER).get("/api/evaluation/rule-sets");
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    list.json()
        .forEach(
            r ->
                keys.add(
                    r.get("divisionCode").asString()
                        + "/"
                        + r.get("year").asInt()
                        + "/v"
                        + r.get("version").asInt()
                        + "/"
                        + r.get("createdBy").asString()));
    assertThat(keys).contains("331003/2023/v1/system", "320800/2024/v1/system");

    Http.Response one =
        admin.as(VIEWER).get("/api/evaluation/rule-sets/" + idOf("331003", 2023, 1));
    assertThat(one.status()).isEqualTo(200);
    JsonNode rules = one.json().get("rules");
    assertThat(rules.get("version").asInt()).isEqualTo(1);
    assertThat(rules.get("source").asString()).contains("NOT published", "淮安");
    JsonNode above = rules.get("populations").get(0).get("indicators");
    assertThat(above.get(0).get("benchmark").asDouble()).isEqualTo(24.097);
    assertThat(above.get(3).get("ifMissing").asString()).isEqualTo("POPULATION_AVERAGE");
    assertThat(
            admin
                .get("/api/evaluation/rule-sets/" + idOf("320800", 2024, 1))
                .json()
                .get("rules")
                .get("illustrative")
                .asBoolean())
        .isTrue();
    Http.Response missing = admin.get("/api/evaluation/rule-sets/99999999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("type").asString())
        .isEqualTo("urn:zoneplan:problem:rule-set-not-found");
  }

  @Test
  void anAdminStoresANewVersionAndTheOldOneStays() {
    ObjectNode rules = huangyan();
    ((ObjectNode) rules.get("populations").get(1).get("indicators").get(0)).put("weight", 60);
    ((ObjectNode) rules.get("populations").get(1).get("indicators").get(1)).put("weight", 40);
    rules.put("version", 77); // ignored: the store assigns the next version
    int before =
        jdbc.sql(
                "SELECT MAX(version) FROM evaluation_rule_set WHERE division_code = '331003' AND"
                    + " \"year\" = 2023")
            .query(Integer.class)
            .single();
    Http.Response created = admin.post("/api/evaluation/rule-sets", rules.toString());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("version").asInt()).isEqualTo(before + 1);
    assertThat(created.json().get("rules").get("version").asInt()).isEqualTo(before + 1);
    assertThat(created.json().get("createdBy").asString()).isEqualTo("admin");
    long id = created.json().get("id").asLong();
    assertThat(
            admin
                .get("/api/evaluation/rule-sets/" + id)
                .json()
                .get("rules")
                .get("populations")
                .get(1)
                .get("indicators")
                .get(0)
                .get("weight")
                .asDouble())
        .isEqualTo(60.0);
    assertThat(
            admin
                .get("/api/evaluation/rule-sets/" + idOf("331003", 2023, 1))
                .json()
                .get("rules")
                .get("populations")
                .get(1)
                .get("indicators")
                .get(0)
                .get("weight")
                .asDouble())
        .isEqualTo(50.0);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE target = ?")
                .param("evaluation-rule-set/" + id)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  /** A mutation of the 黄岩 rules and the field the 422 must name. */
  record Bad(String field, Consumer<ObjectNode> change) {}

  static ObjectNode indicator(ObjectNode rules, int population, int k) {
    return (ObjectNode) rules.get("populations").get(population).get("indicators").get(k);
  }

  static List<Bad> badRuleSets() {
    return List.of(
        new Bad("populations[0].indicators[1].weight", r -> indicator(r, 0, 1).put("weight", -1)),
        new Bad(
            "populations[1].indicators[0].benchmark", r -> indicator(r, 1, 0).put("benchmark", 0)),
        new Bad(
            "populations[0].indicators[2].benchmark",
            r -> indicator(r, 0, 2).put("benchmark", -2.694)),
        new Bad(
            "populations[0].indicators[0].formula",
            r -> indicator(r, 0, 0).put("formula", "TAX_PER_HECTARE")),
        new Bad(
            "grading.cumulativePercent[1]",
            r -> {
              ArrayNode p = (ArrayNode) r.get("grading").get("cumulativePercent");
              p.set(1, 10); // 20, 10, 95: not ascending
            }),
        new Bad(
            "grading.cumulativePercent[2]",
            r -> ((ArrayNode) r.get("grading").get("cumulativePercent")).set(2, 120)),
        new Bad(
            "grading.minScores[1]",
            r -> {
              ObjectNode g = (ObjectNode) r.get("grading");
              g.removeAll();
              g.put("method", "THRESHOLDS");
              g.putArray("minScores").add(100).add(120).add(60);
            }),
        new Bad("divisionCode", r -> r.put("divisionCode", "33")),
        new Bad(
            "populations[1].indicators[0].benchmarkk",
            r -> {
              indicator(r, 1, 0).put("benchmarkk", 11.5932);
            }),
        new Bad("populations[0].indicators[0].cap", r -> indicator(r, 0, 0).put("cap", 0)),
        new Bad(
            "exemptions.industryPrefixes[0]",
            r -> {
              ((ArrayNode) r.get("exemptions").get("industryPrefixes")).set(0, "D");
            }));
  }

  @Test
  void aBadRuleSetIs422NamingTheFieldAndNothingIsWritten() {
    String before = fingerprint();
    for (Bad bad : badRuleSets()) {
      ObjectNode rules = huangyan();
      bad.change().accept(rules);
      Http.Response r = admin.post("/api/evaluation/rule-sets", rules.toString());
      assertThat(r.status()).as("%s: %s", bad.field(), r.text()).isEqualTo(422);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().get("type").asString())
          .isEqualTo("urn:zoneplan:problem:invalid-rule-set");
      assertThat(r.json().get("field").asString()).as(r.text()).isEqualTo(bad.field());
      assertThat(r.json().get("detail").asString()).contains(bad.field());
    }
    Http.Response notJson = admin.post("/api/evaluation/rule-sets", "{\"divisionCode\": ");
    assertThat(notJson.status()).isEqualTo(400);
    Http.Response notObject = admin.post("/api/evaluation/rule-sets", "[1, 2]");
    assertThat(notObject.status()).isEqualTo(422);
    ObjectNode huge = huangyan();
    huge.put("source", "很长".repeat(200_000)); // 1.2 MB of UTF-8: over the 1 MB limit
    Http.Response tooLarge = admin.post("/api/evaluation/rule-sets", huge.toString());
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().get("type").asString())
        .isEqualTo("urn:zoneplan:problem:body-too-large");
    ObjectNode longSource = huangyan();
    longSource.put("source", "长".repeat(4001)); // within 1 MB, but a source has at most 4000
    Http.Response tooLong = admin.post("/api/evaluation/rule-sets", longSource.toString());
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.json().get("field").asString()).isEqualTo("source");
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aViewerCannotPostARuleSetButMayReadAndRunOne() {
    String before = fingerprint();
    Http.Response r = admin.as(VIEWER).post("/api/evaluation/rule-sets", huangyan().toString());
    assertThat(r.status()).as(r.text()).isEqualTo(403);
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:forbidden");
    assertThat(fingerprint()).isEqualTo(before);
    assertThat(admin.anonymous().post("/api/evaluation/rule-sets", "{}").status()).isEqualTo(401);
    assertThat(admin.as(VIEWER).get("/api/evaluation/rule-sets").status()).isEqualTo(200);
    assertThat(admin.as(VIEWER).post("/api/evaluation/run", runBody(twoSmallFirms())).status())
        .isEqualTo(200);
    assertThat(fingerprint()).isEqualTo(before);
  }

  static List<Map<String, Object>> twoSmallFirms() {
    List<Map<String, Object>> firms = new ArrayList<>();
    firms.add(firm("92331003MA2A00008T", "规下", 10, Map.of("TAX", 115.932, "ELECTRICITY", 500)));
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("评价税收", 46.3728);
    figures.put("用电量", 400);
    figures.put("主要污染物排放", null); // null: missing data
    firms.add(firm("92331003MA2A00009X", "BELOW_SIZE", 8, figures));
    return firms;
  }

  static Map<String, Object> firm(String code, String size, double mu, Map<String, ?> figures) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("creditCode", code);
    f.put("name", "企业" + code.substring(14));
    f.put("industryCode", "3392");
    f.put("size", size);
    f.put("foundedYear", 2012);
    f.put("landMu", mu);
    f.put("figures", figures);
    return f;
  }

  String runBody(List<Map<String, Object>> firms) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ruleSetId", idOf("331003", 2023, 1));
    body.put("enterprises", firms);
    return JSON.writeValueAsString(body);
  }

  @Test
  void theRunScoresTheGivenEnterprisesOnTheStoredRules() {
    Http.Response r = admin.post("/api/evaluation/run", runBody(twoSmallFirms()));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode e = r.json().get("evaluation");
    assertThat(r.json().get("ruleSet").get("divisionCode").asString()).isEqualTo("331003");
    JsonNode b1 = e.get("enterprises").get(0);
    // 规下 by hand: 115.932 / 10 / 11.5932 × 50 = 50; 115.932 / 500 / 0.2352 × 50 = 49.290816
    assertThat(b1.get("items").get(0).get("score").asDouble()).isCloseTo(50, within(1e-9));
    assertThat(b1.get("items").get(0).get("label").asString()).isEqualTo("亩均税收");
    assertThat(b1.get("items").get(1).get("score").asDouble())
        .isCloseTo(115.932 / 500 / 0.2352 * 50, within(1e-9));
    assertThat(b1.get("population").asString()).isEqualTo("below-size");
    // n = 2, HALF_UP: A 0.4 → 0, A+B 1.2 → 1, A+B+C 1.9 → 2.
    assertThat(b1.get("grade").asString()).isEqualTo("B");
    JsonNode b2 = e.get("enterprises").get(1);
    assertThat(b2.get("totalScore").asDouble())
        .isCloseTo(46.3728 / 8 / 11.5932 * 50 + 46.3728 / 400 / 0.2352 * 50, within(1e-9));
    assertThat(b2.get("rank").asInt()).isEqualTo(2);
    assertThat(b2.get("grade").asString()).isEqualTo("C");
    assertThat(e.get("populations").get(1).get("countByGrade").get("B").asInt()).isEqualTo(1);
    assertThat(e.get("populations").get(1).get("landMuByGrade").get("C").asDouble()).isEqualTo(8.0);
  }

  @Test
  void aBadEnterpriseListIs422NamingTheField() {
    List<Map<String, Object>> firms = twoSmallFirms();
    firms.get(1).put("creditCode", "92331003MA2A00009Y"); // wrong check character
    Http.Response r = admin.post("/api/evaluation/run", runBody(firms));
    assertThat(r.status()).as(r.text()).isEqualTo(422);
    assertThat(r.json().get("type").asString())
        .isEqualTo("urn:zoneplan:problem:invalid-enterprises");
    assertThat(r.json().get("field").asString()).isEqualTo("enterprises[1].creditCode");

    List<Map<String, Object>> negative = twoSmallFirms();
    negative.get(0).put("figures", Map.of("TAX", -1));
    Http.Response n = admin.post("/api/evaluation/run", runBody(negative));
    assertThat(n.status()).isEqualTo(422);
    assertThat(n.json().get("field").asString()).isEqualTo("enterprises[0].figures.TAX");

    List<Map<String, Object>> twice = twoSmallFirms();
    twice.get(1).put("creditCode", twice.get(0).get("creditCode"));
    assertThat(admin.post("/api/evaluation/run", runBody(twice)).json().get("field").asString())
        .isEqualTo("enterprises[1].creditCode");

    Http.Response unknown =
        admin.post("/api/evaluation/run", "{\"ruleSetId\": 99999999, \"enterprises\": []}");
    assertThat(unknown.status()).isEqualTo(404);
    Http.Response noId = admin.post("/api/evaluation/run", "{\"enterprises\": []}");
    assertThat(noId.status()).isEqualTo(422);
    assertThat(noId.json().get("field").asString()).isEqualTo("ruleSetId");
  }
}
