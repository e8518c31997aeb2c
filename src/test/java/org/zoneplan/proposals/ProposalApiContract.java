package org.zoneplan.proposals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoneplan.testsupport.Shapes.square;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;

/** Proposals from draft to decision, on a store with the sample data; H2GIS and PostGIS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProposalApiContract {
  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  Http http;

  @BeforeEach
  void connect() {
    http = new Http(port);
  }

  @Test
  void approvedProposalAppliesTheChangeWithItsReasonInTheHistory() {
    String zone = "/api/plans/pujiang-2021/zones/PJ-ZJW";
    JsonNode before = http.get(zone).json();
    double beforeM2 = before.get("properties").get("areaM2").doubleValue();
    String bigger = square(120.05, 29.52, 0.03);
    double expectedAfter = http.post("/api/measure", bigger).json().get("areaM2").doubleValue();

    JsonNode created =
        http.post(
                "/api/proposals",
                proposal(
                    "pujiang-2021",
                    "郑家坞片区调整",
                    "APPLY",
                    null,
                    change("UPDATE", "PJ-ZJW", "郑家坞片区", "SUBAREA", "PJ", bigger)))
            .json();
    long id = created.get("id").longValue();
    assertThat(created.get("status").asString()).isEqualTo("DRAFT");
    assertThat(created.get("changes").get(0).get("baseVersion").intValue()).isEqualTo(1);
    assertThat(created.get("changes").get(0).get("kind").asString()).isEqualTo("SUBAREA");
    assertThat(created.get("changes").get(0).get("parent").asString()).isEqualTo("PJ");
    // A draft changes nothing.
    assertThat(http.get(zone).json()).isEqualTo(before);

    JsonNode submitted = http.post("/api/proposals/" + id + "/submit", "").json();
    assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
    JsonNode frozen = submitted.get("effectAtSubmission").get("changes").get(0);
    assertThat(frozen.get("areaBeforeM2").doubleValue()).isEqualTo(beforeM2);
    assertThat(frozen.get("areaAfterM2").doubleValue()).isEqualTo(expectedAfter);
    assertThat(frozen.get("deltaM2").doubleValue()).isEqualTo(expectedAfter - beforeM2);
    // The analysis what-if rides along: concentration before and after, parcels gained and lost.
    assertThat(frozen.get("concentration").get("before").get("ratio").doubleValue())
        .isBetween(0.0, 1.0);
    assertThat(frozen.get("concentration").get("after").get("ratio").doubleValue())
        .isBetween(0.0, 1.0);
    assertThat(frozen.get("parcelsGained")).isNotNull();
    assertThat(http.get("/api/proposals?status=submitted").json())
        .anyMatch(p -> p.get("id").longValue() == id);

    JsonNode approved =
        http.post("/api/proposals/" + id + "/approve", "{\"comment\":\"同意\"}").json();
    assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
    assertThat(approved.get("decisionComment").asString()).isEqualTo("同意");
    assertThat(approved.get("effectAtDecision")).isNotNull();
    assertThat(http.get(zone).json().get("properties").get("areaM2").doubleValue())
        .isEqualTo(expectedAfter);

    JsonNode last = lastHistory("pujiang-2021", "PJ-ZJW");
    assertThat(last.get("operation").asString()).isEqualTo("UPDATE");
    assertThat(last.get("proposalId").longValue()).isEqualTo(id);
    assertThat(last.get("reason").asString()).isEqualTo("理由:测试");
    JsonNode log = http.get("/api/audit?limit=20").json();
    assertThat(log)
        .anyMatch(
            e ->
                e.get("action").asString().equals("proposal.approve")
                    && e.get("target").asString().equals("proposal/" + id));
  }

  @Test
  void newVersionTargetCopiesThePlanAndLeavesTheOriginalUnchanged() {
    int before = count("pujiang-2020");
    String body =
        proposal(
            "pujiang-2020",
            "新增合作园",
            "NEW_VERSION",
            "\"planId\":\"pujiang-2020-b\",\"name\":\"浦江整合前修订\"",
            change("CREATE", "PJ-COOP", "合作园", "COOPERATION", "PJ", square(119.75, 29.60, 0.01)));
    long id = http.post("/api/proposals", body).json().get("id").longValue();
    http.post("/api/proposals/" + id + "/submit", "");
    Http.Response approved = http.post("/api/proposals/" + id + "/approve", "");
    assertThat(approved.status()).as(approved.text()).isEqualTo(200);
    assertThat(count("pujiang-2020")).isEqualTo(before);
    assertThat(count("pujiang-2020-b")).isEqualTo(before + 1);
    assertThat(http.get("/api/plans/pujiang-2020-b/zones/PJ-COOP").status()).isEqualTo(200);
    // The copies are the same zones: the core area keeps its area.
    assertThat(
            http.get("/api/plans/pujiang-2020-b/zones/PJ-1-CORE")
                .json()
                .get("properties")
                .get("areaM2")
                .doubleValue())
        .isEqualTo(
            http.get("/api/plans/pujiang-2020/zones/PJ-1-CORE")
                .json()
                .get("properties")
                .get("areaM2")
                .doubleValue());
  }

  @Test
  void effectReportsTheOverlapsAProposalWouldCreate() {
    // PJ-HZ (黄宅片区) is a sibling of PJ-ZJW under the platform: they must not overlap.
    JsonNode hz = http.get("/api/plans/pujiang-2021/zones/PJ-HZ").json();
    var hzGeometry = org.zoneplan.geo.GeoJson.readPolygonal(hz.get("geometry"));
    var inside = hzGeometry.getInteriorPoint().getCoordinate();
    String square = square(inside.x - 0.002, inside.y - 0.002, 0.004);
    var squareGeometry =
        org.zoneplan.geo.GeoJson.readPolygonal(
            tools.jackson.databind.json.JsonMapper.builder().build().readTree(square));
    // Independent: the overlap is the part of the square inside PJ-HZ, measured by the API.
    var overlap =
        org.locationtech.jts.operation.overlayng.OverlayNGRobust.overlay(
            squareGeometry,
            hzGeometry,
            org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION);
    double expected =
        http.post("/api/measure", org.zoneplan.geo.GeoJson.write(overlap).toString())
            .json()
            .get("areaM2")
            .doubleValue();

    long id =
        http.post(
                "/api/proposals",
                proposal(
                    "pujiang-2021",
                    "重叠测试",
                    "APPLY",
                    null,
                    change("CREATE", "PJ-OVL", "重叠", "FUNCTIONAL", "PJ-ZJW", square)))
            .json()
            .get("id")
            .longValue();
    JsonNode effect =
        http.post("/api/proposals/" + id + "/submit", "")
            .json()
            .get("effectAtSubmission")
            .get("changes")
            .get(0);
    JsonNode overlaps = effect.get("overlapsCreated");
    assertThat(overlaps).anyMatch(o -> o.get("zone").asString().equals("PJ-HZ"));
    for (JsonNode o : overlaps) {
      if (o.get("zone").asString().equals("PJ-HZ")) {
        assertThat(o.get("areaM2").doubleValue())
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 1e-9));
      }
    }
    // Its own parent (PJ-ZJW) and the platform are not overlaps.
    assertThat(overlaps)
        .noneMatch(
            o ->
                o.get("zone").asString().equals("PJ-ZJW") || o.get("zone").asString().equals("PJ"));
    http.post("/api/proposals/" + id + "/reject", "{\"comment\":\"重叠\"}");
  }

  @Test
  void approvalIsRefusedWhenTheZoneChangedSinceAndNothingIsApplied() {
    String zone = "/api/plans/pujiang-2021/zones/PJ-BZ-GT";
    long id =
        http.post(
                "/api/proposals",
                proposal(
                    "pujiang-2021",
                    "高铁小镇",
                    "APPLY",
                    null,
                    change(
                        "UPDATE",
                        "PJ-BZ-GT",
                        "高铁小镇",
                        "FUNCTIONAL",
                        "PJ-BZ",
                        square(120.0, 29.60, 0.01))))
            .json()
            .get("id")
            .longValue();
    http.post("/api/proposals/" + id + "/submit", "");
    // Someone else edits the zone directly in the meantime.
    JsonNode current = http.get(zone).json();
    ((tools.jackson.databind.node.ObjectNode) current.get("properties")).put("managedBy", "白马镇");
    assertThat(http.put(zone, current.toString(), http.etag(zone)).status()).isEqualTo(200);
    JsonNode edited = http.get(zone).json();

    Http.Response refused = http.post("/api/proposals/" + id + "/approve", "");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("type").asString())
        .isEqualTo("urn:zoneplan:problem:proposal-outdated");
    assertThat(http.get(zone).json()).isEqualTo(edited);
    assertThat(http.get("/api/proposals/" + id).json().get("status").asString())
        .isEqualTo("SUBMITTED");
  }

  @Test
  void onlyTheAllowedTransitionsHappen() {
    long id =
        http.post(
                "/api/proposals",
                proposal(
                    "pujiang-2021",
                    "状态",
                    "APPLY",
                    null,
                    change("DELETE", "PJ-BZ-ZZ", null, null, null, null)))
            .json()
            .get("id")
            .longValue();
    assertProblem(http.post("/api/proposals/" + id + "/approve", ""), 409, "invalid-transition");
    http.post("/api/proposals/" + id + "/submit", "");
    assertProblem(http.post("/api/proposals/" + id + "/submit", ""), 409, "invalid-transition");
    assertProblem(http.post("/api/proposals/" + id + "/reject", "{}"), 422, "missing-property");
    assertThat(
            http.post("/api/proposals/" + id + "/reject", "{\"comment\":\"不同意\"}")
                .json()
                .get("status")
                .asString())
        .isEqualTo("REJECTED");
    assertProblem(http.post("/api/proposals/" + id + "/approve", ""), 409, "invalid-transition");
    assertThat(http.get("/api/plans/pujiang-2021/zones/PJ-BZ-ZZ").status()).isEqualTo(200);
  }

  @Test
  void onlyItsAuthorOrAnAdminWithdrawsAProposalAndTheListFiltersByPlanAndZone() {
    for (String planner : List.of("t-author", "t-other")) {
      if (http.get("/api/users/" + planner).status() == 404) {
        assertThat(
                http.post(
                        "/api/users",
                        "{\"username\":\""
                            + planner
                            + "\",\"password\":\"author-pass-1\",\"roles\":[\"PLANNER\"]}")
                    .status())
            .isEqualTo(201);
      }
    }
    Http author = http.as(new Credentials("t-author", "author-pass-1"));
    Http other = http.as(new Credentials("t-other", "author-pass-1"));
    String body =
        proposal(
            "pujiang-2021",
            "撤回测试",
            "APPLY",
            null,
            change("UPDATE", "PJ-BZ-BM", "白马-郑宅片区", "SUBAREA", "PJ", square(119.95, 29.55, 0.01)));
    long id = author.post("/api/proposals", body).json().get("id").longValue();
    assertThat(author.post("/api/proposals/" + id + "/submit", "").status()).isEqualTo(200);

    // Filters: by plan and by zone.
    assertThat(ids(http.get("/api/proposals?zone=PJ-BZ-BM"))).contains(id);
    assertThat(ids(http.get("/api/proposals?zone=PJ-ZJW"))).doesNotContain(id);
    assertThat(ids(http.get("/api/proposals?planId=pujiang-2020"))).doesNotContain(id);
    assertThat(ids(http.get("/api/proposals?planId=pujiang-2021&status=SUBMITTED"))).contains(id);

    // Another planner may not withdraw it; its author may, and then it cannot be decided.
    assertProblem(other.post("/api/proposals/" + id + "/withdraw", "{}"), 403, "not-author");
    Http.Response withdrawn =
        author.post("/api/proposals/" + id + "/withdraw", "{\"comment\":\"方案有误\"}");
    assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
    assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
    assertProblem(
        http.post("/api/proposals/" + id + "/approve", "{\"comment\":\"同意\"}"),
        409,
        "invalid-transition");
    assertProblem(
        author.post("/api/proposals/" + id + "/withdraw", "{}"), 409, "invalid-transition");
    assertThat(ids(http.get("/api/proposals?status=WITHDRAWN"))).contains(id);

    // An ADMIN may withdraw anyone's draft.
    long draft = author.post("/api/proposals", body).json().get("id").longValue();
    assertThat(http.post("/api/proposals/" + draft + "/withdraw", "").status()).isEqualTo(200);
  }

  private static List<Long> ids(Http.Response response) {
    List<Long> ids = new java.util.ArrayList<>();
    response.json().forEach(p -> ids.add(p.get("id").longValue()));
    return ids;
  }

  @Test
  void badProposalsAreRefused() {
    assertProblem(
        http.post(
            "/api/proposals",
            proposal(
                "no-such-plan",
                "x",
                "APPLY",
                null,
                change("DELETE", "PJ", null, null, null, null))),
        404,
        "plan-not-found");
    assertProblem(
        http.post(
            "/api/proposals",
            "{\"planId\":\"pujiang-2021\",\"title\":\"x\",\"reason\":\"y\",\"changes\":[]}"),
        422,
        "no-changes");
    assertProblem(
        http.post(
            "/api/proposals",
            proposal(
                "pujiang-2021",
                "x",
                "APPLY",
                null,
                change("UPDATE", "NO-SUCH", "无", "ZONE", "PJ", square(119.7, 29.55, 0.01)))),
        404,
        "zone-not-found");
    assertProblem(
        http.post(
            "/api/proposals",
            proposal(
                "pujiang-2021",
                "x",
                "APPLY",
                null,
                change(
                    "CREATE",
                    "BOW",
                    "自交",
                    "ZONE",
                    "PJ",
                    "{\"type\":\"Polygon\",\"coordinates\":[[[119.70,29.50],[119.72,29.52],[119.72,29.50],[119.70,29.52],[119.70,29.50]]]}"))),
        422,
        "invalid-geometry");
    assertProblem(http.get("/api/proposals/999999"), 404, "proposal-not-found");
    assertProblem(http.get("/api/proposals?status=MAYBE"), 422, "invalid-status");
  }

  // ---- helpers

  JsonNode lastHistory(String planId, String code) {
    JsonNode history = http.get("/api/plans/" + planId + "/zones/" + code + "/history").json();
    return history.get(history.size() - 1);
  }

  @Test
  void anAdminDeletesAPlanVersionWithEverythingInItButNotWhileAProposalIsOpen() {
    String plan = "del-test";
    Http.Response created =
        http.post(
            "/api/plans",
            "{\"id\":\""
                + plan
                + "\",\"name\":\"删除测试\",\"date\":\"2024-06-01\",\"status\":\"DRAFT\","
                + "\"copyFrom\":\"pujiang-2021\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    int zones = count(plan);
    assertThat(zones).isGreaterThan(5);
    // a change to one zone, so that it has two history versions
    String zone = "/api/plans/" + plan + "/zones/PJ-BZ-ZZ";
    JsonNode feature = http.get(zone).json();
    ((tools.jackson.databind.node.ObjectNode) feature.get("properties")).put("managedBy", "测试");
    assertThat(http.put(zone, feature.toString(), http.etag(zone)).status()).isEqualTo(200);
    long id =
        http.post(
                "/api/proposals",
                proposal(
                    plan,
                    "删除前",
                    "APPLY",
                    null,
                    change("DELETE", "PJ-BZ-ZZ", null, null, null, null)))
            .json()
            .get("id")
            .longValue();
    String others = rowsOfOtherPlans(plan);
    String mine = rowsOf(plan);
    assertThat(mine)
        .isEqualTo(
            "plan 1, zone " + zones + ", history " + (zones + 1) + ", proposals 1, changes 1");

    // an open proposal (draft, then submitted) keeps the plan
    assertProblem(http.delete("/api/plans/" + plan), 409, "plan-has-proposals");
    http.post("/api/proposals/" + id + "/submit", "");
    Http.Response refused = http.delete("/api/plans/" + plan);
    assertProblem(refused, 409, "plan-has-proposals");
    assertThat(refused.json().get("openProposals").intValue()).isEqualTo(1);
    assertThat(rowsOf(plan)).isEqualTo(mine);

    // only an administrator deletes a plan
    for (String role : List.of("PLANNER", "VIEWER", "LAND_BUREAU")) {
      String user = "t-del-" + role.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      if (http.get("/api/users/" + user).status() == 404) {
        http.post(
            "/api/users",
            "{\"username\":\""
                + user
                + "\",\"password\":\"del-pass-12\",\"roles\":[\""
                + role
                + "\"]}");
      }
      Http.Response forbidden =
          http.as(new Credentials(user, "del-pass-12")).delete("/api/plans/" + plan);
      assertThat(forbidden.status()).as(role + " " + forbidden.text()).isEqualTo(403);
    }
    assertThat(http.anonymous().delete("/api/plans/" + plan).status()).isEqualTo(401);
    assertThat(rowsOf(plan)).isEqualTo(mine);

    // once the proposal is decided the plan goes, with its zones, history and proposals
    http.post("/api/proposals/" + id + "/reject", "{\"comment\":\"不删\"}");
    Http.Response deleted = http.delete("/api/plans/" + plan);
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    assertThat(rowsOf(plan)).isEqualTo("plan 0, zone 0, history 0, proposals 0, changes 0");
    assertThat(rowsOfOtherPlans(plan)).isEqualTo(others);
    assertThat(http.get("/api/plans/" + plan).status()).isEqualTo(404);
    assertThat(http.get("/api/plans/" + plan + "/zones").status()).isEqualTo(404);
    assertThat(http.delete("/api/plans/" + plan).status()).isEqualTo(404);
    JsonNode log = http.get("/api/audit?limit=20").json();
    assertThat(log)
        .anyMatch(
            e ->
                e.get("action").asString().equals("plan.delete")
                    && e.get("target").asString().equals(plan)
                    && e.get("actor").asString().equals("admin")
                    && e.get("detail").asString().contains("zone " + zones));
  }

  /** Rows of one plan in every table that holds them, counted by SQL of the test's own. */
  String rowsOf(String plan) {
    return "plan "
        + countRows("SELECT COUNT(*) FROM plan_version WHERE id = ?", plan)
        + ", zone "
        + countRows("SELECT COUNT(*) FROM zone WHERE plan_id = ?", plan)
        + ", history "
        + countRows("SELECT COUNT(*) FROM zone_history WHERE plan_id = ?", plan)
        + ", proposals "
        + countRows("SELECT COUNT(*) FROM proposal WHERE plan_id = ?", plan)
        + ", changes "
        + countRows(
            "SELECT COUNT(*) FROM proposal_change c JOIN proposal p ON p.id = c.proposal_id"
                + " WHERE p.plan_id = ?",
            plan);
  }

  String rowsOfOtherPlans(String plan) {
    return countRows("SELECT COUNT(*) FROM plan_version WHERE id <> ?", plan)
        + "/"
        + countRows("SELECT COUNT(*) FROM zone WHERE plan_id <> ?", plan)
        + "/"
        + countRows("SELECT COUNT(*) FROM zone_history WHERE plan_id <> ?", plan)
        + "/"
        + countRows("SELECT COUNT(*) FROM proposal WHERE plan_id <> ?", plan);
  }

  long countRows(String sql, String plan) {
    return jdbc.sql(sql).param(plan).query(Long.class).single();
  }

  int count(String planId) {
    return http.get("/api/plans/" + planId + "/zones").json().get("features").size();
  }

  void assertProblem(Http.Response response, int status, String type) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + type);
  }

  static String proposal(String planId, String title, String mode, String target, String change) {
    return "{\"planId\":\""
        + planId
        + "\",\"title\":\""
        + title
        + "\",\"reason\":\"理由:测试\",\"target\":{\"mode\":\""
        + mode
        + "\""
        + (target == null ? "" : "," + target)
        + "},\"changes\":["
        + change
        + "]}";
  }

  static String change(
      String op, String code, String name, String kind, String parent, String geometry) {
    if (geometry == null) {
      return "{\"operation\":\"" + op + "\",\"code\":\"" + code + "\"}";
    }
    return "{\"operation\":\""
        + op
        + "\",\"code\":\""
        + code
        + "\",\"feature\":{\"type\":\"Feature\",\"properties\":{\"name\":\""
        + name
        + "\",\"kind\":\""
        + kind
        + "\",\"parent\":\""
        + parent
        + "\"},\"geometry\":"
        + geometry
        + "}}";
  }
}
