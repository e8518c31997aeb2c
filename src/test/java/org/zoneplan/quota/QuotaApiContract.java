package org.zoneplan.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Csv;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The land-quota ledger API on a store with the sample data: the published grant, balances,
 * over-allocation refused with nothing written (also under 16 concurrent allocations), consumption
 * and reversals, the append-only rule, and who may write. Runs unchanged on H2GIS and PostGIS.
 * Expected figures are worked by hand in each test; "nothing written" is checked in the store's
 * tables directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class QuotaApiContract {
  static final Credentials VIEWER = new Credentials("q-viewer", "quota-pass-1");
  static final Credentials LAND = new Credentials("q-land", "quota-pass-1");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  Http http;

  @BeforeEach
  void connect() {
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
  }

  /** A body of its own per test, so that tests do not share balances. */
  static String body(String what) {
    return "测试主体-" + what + "-" + System.nanoTime();
  }

  static String grant(String body, int year, String mu, String reason) {
    return "{\"body\":"
        + JSON.writeValueAsString(body)
        + ",\"year\":"
        + year
        + ",\"areaMu\":"
        + mu
        + ",\"reason\":"
        + JSON.writeValueAsString(reason)
        + "}";
  }

  static String allocation(String body, int year, String mu, long projectId) {
    return "{\"body\":"
        + JSON.writeValueAsString(body)
        + ",\"year\":"
        + year
        + ",\"areaMu\":"
        + mu
        + ",\"projectId\":"
        + projectId
        + ",\"reason\":\"分配到项目\"}";
  }

  long project(String name) {
    Http.Response r =
        http.post(
            "/api/projects",
            "{\"type\":\"Feature\",\"properties\":{\"name\":"
                + JSON.writeValueAsString(name)
                + ",\"stage\":\"签约\"},\"geometry\":null}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("properties").get("id").longValue();
  }

  /** The ledger's and the audit log's row counts, and every entry: "what was written". */
  String fingerprint() {
    return jdbc.sql("SELECT COUNT(*) FROM quota_entry").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM quota_account").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single()
        + "/"
        + jdbc.sql(
                "SELECT id, body, quota_year, kind, area_mu, signed_mu, project_id, reason"
                    + " FROM quota_entry ORDER BY id")
            .query()
            .listOfRows();
  }

  /** Sums straight from the table, by the balance each entry moves: the reference. */
  BigDecimal sum(String body, int year, String appliesTo) {
    BigDecimal s =
        jdbc.sql(
                "SELECT SUM(signed_mu) FROM quota_entry WHERE body = ? AND quota_year = ?"
                    + " AND applies_to = ?")
            .params(body, year, appliesTo)
            .query(BigDecimal.class)
            .optional()
            .orElse(null);
    return s == null ? BigDecimal.ZERO : s;
  }

  JsonNode balance(String body, int year) {
    Http.Response r = http.get("/api/quota/balances?year=" + year + "&body=" + enc(body));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json()).hasSize(1);
    return r.json().get(0);
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  static void assertMu(JsonNode node, String expected) {
    assertThat(node.decimalValue()).as(node.toString()).isEqualByComparingTo(expected);
  }

  @Test
  void theSampleGrantIsThePublishedFigureWithItsPhrase() throws Exception {
    Map<String, String> published =
        Csv.read(Csv.sharedDomain("hangzhou-cooperation-parks.csv")).stream()
            .filter(r -> r.get("item").equals("new_construction_land_quota"))
            .findFirst()
            .orElseThrow();
    String promoter = published.get("promoter");
    int year = Integer.parseInt(published.get("year"));
    JsonNode b = balance(promoter, year);
    assertMu(b.get("grantedMu"), published.get("value"));
    assertMu(b.get("availableMu"), published.get("value"));
    assertThat(published.get("unit")).isEqualTo("亩");
    JsonNode ledger = http.get("/api/quota/ledger?body=" + enc(promoter) + "&year=" + year).json();
    assertThat(ledger).hasSize(1);
    assertThat(ledger.get(0).get("kind").asString()).isEqualTo("GRANT");
    assertThat(ledger.get(0).get("reason").asString()).isEqualTo(published.get("source_phrase"));
    assertThat(ledger.get(0).get("recordedBy").asString()).isEqualTo("system");
  }

  @Test
  void anAllocationBeyondTheBalanceIs409AndWritesNothing() {
    String body = body("over");
    long project = project("超额分配测试项目");
    assertThat(http.post("/api/quota/grants", grant(body, 2030, "100", "下达")).status())
        .isEqualTo(201);
    Http.Response first =
        http.post("/api/quota/allocations", allocation(body, 2030, "60", project));
    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertMu(first.json().get("balance").get("availableMu"), "40");

    String before = fingerprint();
    Http.Response over =
        http.post("/api/quota/allocations", allocation(body, 2030, "40.0001", project));
    assertThat(over.status()).as(over.text()).isEqualTo(409);
    assertThat(over.contentType()).startsWith("application/problem+json");
    assertThat(over.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:quota-exceeded");
    assertMu(over.json().get("availableMu"), "40");
    // A year without any grant: 409 too, and no account row is created for it.
    Http.Response none = http.post("/api/quota/allocations", allocation(body, 2031, "1", project));
    assertThat(none.status()).as(none.text()).isEqualTo(409);
    assertThat(fingerprint()).isEqualTo(before);

    // Exactly the rest is allowed: 100 − 60 = 40.
    assertThat(http.post("/api/quota/allocations", allocation(body, 2030, "40", project)).status())
        .isEqualTo(201);
    JsonNode b = balance(body, 2030);
    assertMu(b.get("grantedMu"), "100");
    assertMu(b.get("allocatedMu"), "100");
    assertMu(b.get("availableMu"), "0");
  }

  @Test
  void sixteenConcurrentAllocationsOfTenFromAHundredLeaveExactlyZero() throws Exception {
    String body = body("race");
    long project = project("并发分配测试项目");
    assertThat(http.post("/api/quota/grants", grant(body, 2030, "100", "并发测试下达")).status())
        .isEqualTo(201);
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Http.Response>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return http.as(LAND)
                      .post("/api/quota/allocations", allocation(body, 2030, "10", project));
                }));
      }
      start.countDown();
      int created = 0;
      int refused = 0;
      for (Future<Http.Response> f : results) {
        Http.Response r = f.get(120, TimeUnit.SECONDS);
        if (r.status() == 201) {
          created++;
        } else {
          assertThat(r.status()).as(r.text()).isEqualTo(409);
          assertThat(r.json().get("type").asString())
              .isEqualTo("urn:zoneplan:problem:quota-exceeded");
          refused++;
        }
      }
      assertThat(created).isEqualTo(10);
      assertThat(refused).isEqualTo(6);
    } finally {
      pool.shutdownNow();
    }
    // The store itself: ten allocation entries of 10 亩, 100 allocated, nothing left, never below.
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM quota_entry WHERE body = ? AND kind = 'ALLOCATION'")
                .param(body)
                .query(Long.class)
                .single())
        .isEqualTo(10);
    assertThat(sum(body, 2030, "GRANT")).isEqualByComparingTo("100");
    assertThat(sum(body, 2030, "ALLOCATION")).isEqualByComparingTo("100");
    JsonNode b = balance(body, 2030);
    assertMu(b.get("availableMu"), "0");
    assertMu(b.get("allocatedMu"), "100");
  }

  @Test
  void consumptionAndReversalsKeepEveryBalanceCovered() {
    String body = body("use");
    long project = project("供地测试项目");
    long parcel = jdbc.sql("SELECT MIN(id) FROM parcel").query(Long.class).single();
    Http.Response granted = http.post("/api/quota/grants", grant(body, 2030, "50", "下达"));
    long grantId = granted.json().get("entry").get("id").longValue();
    Http.Response allocated =
        http.post("/api/quota/allocations", allocation(body, 2030, "30", project));
    long allocationId = allocated.json().get("entry").get("id").longValue();
    String use =
        "{\"body\":"
            + JSON.writeValueAsString(body)
            + ",\"year\":2030,\"areaMu\":%s,\"projectId\":"
            + project
            + ",\"parcelId\":"
            + parcel
            + ",\"reason\":\"供地\"}";
    Http.Response used = http.post("/api/quota/consumptions", use.formatted("20"));
    assertThat(used.status()).as(used.text()).isEqualTo(201);
    long useId = used.json().get("entry").get("id").longValue();
    // 30 allocated − 20 used = 10 left for the project: 15 is refused.
    String before = fingerprint();
    Http.Response tooMuch = http.post("/api/quota/consumptions", use.formatted("15"));
    assertThat(tooMuch.status()).as(tooMuch.text()).isEqualTo(409);
    assertThat(tooMuch.json().get("type").asString())
        .isEqualTo("urn:zoneplan:problem:allocation-exceeded");
    // Reversing the allocation would uncover the 20 used; reversing the grant the 30 allocated.
    assertThat(http.post("/api/quota/reversals", reversal(allocationId)).status()).isEqualTo(409);
    assertThat(http.post("/api/quota/reversals", reversal(grantId)).status()).isEqualTo(409);
    // A parcel that does not exist: 422.
    assertThat(
            http.post(
                    "/api/quota/consumptions",
                    use.formatted("1").replace("\"parcelId\":" + parcel, "\"parcelId\":-5"))
                .status())
        .isEqualTo(422);
    assertThat(fingerprint()).isEqualTo(before);

    JsonNode b = balance(body, 2030);
    assertMu(b.get("grantedMu"), "50");
    assertMu(b.get("allocatedMu"), "30");
    assertMu(b.get("consumedMu"), "20");
    assertMu(b.get("availableMu"), "20");
    assertMu(b.get("unusedAllocatedMu"), "10");

    // Undo in order: consumption, then allocation; each once only.
    Http.Response undoUse = http.post("/api/quota/reversals", reversal(useId));
    assertThat(undoUse.status()).as(undoUse.text()).isEqualTo(201);
    assertThat(undoUse.json().get("entry").get("reversesId").longValue()).isEqualTo(useId);
    assertMu(undoUse.json().get("entry").get("signedMu"), "-20");
    Http.Response again = http.post("/api/quota/reversals", reversal(useId));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("type").asString())
        .isEqualTo("urn:zoneplan:problem:already-reversed");
    long undoId = undoUse.json().get("entry").get("id").longValue();
    assertThat(http.post("/api/quota/reversals", reversal(undoId)).status()).isEqualTo(422);
    assertThat(http.post("/api/quota/reversals", reversal(allocationId)).status()).isEqualTo(201);
    b = balance(body, 2030);
    assertMu(b.get("allocatedMu"), "0");
    assertMu(b.get("consumedMu"), "0");
    assertMu(b.get("availableMu"), "50");
    // Five entries, none changed: the ledger keeps the whole story.
    JsonNode ledger = http.get("/api/quota/ledger?body=" + enc(body)).json();
    assertThat(ledger).hasSize(5);
    assertThat(ledger.get(2).get("kind").asString()).isEqualTo("CONSUMPTION");
    assertThat(ledger.get(2).get("kindName").asString()).isEqualTo(QuotaKind.CONSUMPTION.label());
    assertMu(ledger.get(2).get("areaMu"), "20");
    // the reversal: its own kind, the balance it moves, the time as ISO-8601 text with its offset
    JsonNode last = ledger.get(4);
    assertThat(last.get("kind").asString()).isEqualTo("REVERSAL");
    assertThat(last.get("appliesTo").asString()).isEqualTo("ALLOCATION");
    assertMu(last.get("signedMu"), "-30");
    assertThat(java.time.OffsetDateTime.parse(last.get("recordedAt").asString()))
        .isBetween(
            java.time.OffsetDateTime.now().minusMinutes(10),
            java.time.OffsetDateTime.now().plusMinutes(1));
  }

  static String reversal(long entryId) {
    return "{\"entryId\":" + entryId + ",\"reason\":\"冲正测试\"}";
  }

  @Test
  void badInputIs422NamingThePropertyAndWritesNothing() {
    String body = body("bad");
    String before = fingerprint();
    Map<String, String> cases =
        Map.of(
            grant(body, 2030, "0", "x"), "areaMu",
            grant(body, 2030, "-3", "x"), "areaMu",
            grant(body, 2030, "1.00001", "x"), "areaMu",
            grant(body, 1800, "1", "x"), "year",
            grant(body, 2030, "1", " "), "reason",
            grant(" ", 2030, "1", "x"), "body");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Http.Response r = http.post("/api/quota/grants", c.getKey());
      assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(422);
      assertThat(r.json().get("property").asString()).isEqualTo(c.getValue());
    }
    Http.Response noProject =
        http.post("/api/quota/allocations", allocation(body, 2030, "1", 987654321L));
    assertThat(noProject.status()).isEqualTo(422);
    assertThat(noProject.json().get("property").asString()).isEqualTo("projectId");
    assertThat(http.post("/api/quota/reversals", reversal(987654321L)).status()).isEqualTo(404);
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void theLedgerIsAppendOnly() throws Exception {
    // No endpoint changes or removes an entry: /api/quota has reads and appends only.
    for (Map.Entry<RequestMappingInfo, ?> e : mappings.getHandlerMethods().entrySet()) {
      for (String pattern : e.getKey().getPatternValues()) {
        if (pattern.startsWith("/api/quota")) {
          assertThat(e.getKey().getMethodsCondition().getMethods())
              .as(pattern)
              .isSubsetOf(RequestMethod.GET, RequestMethod.POST);
        }
      }
    }
    // The repository has no method that could change one.
    for (Method m : QuotaRepository.class.getDeclaredMethods()) {
      assertThat(m.getName().toLowerCase())
          .as(m.getName())
          .doesNotContain("update")
          .doesNotContain("delete")
          .doesNotContain("remove")
          .doesNotContain("set");
    }
    String before = fingerprint();
    long id = jdbc.sql("SELECT MIN(id) FROM quota_entry").query(Long.class).single();
    for (String method : List.of("PUT", "DELETE", "PATCH")) {
      Http.Response r =
          http.send(method, "/api/quota/ledger/" + id, "application/json", "{\"areaMu\":1}");
      assertThat(r.status()).as(method + " " + r.text()).isBetween(400, 499);
      Http.Response all = http.send(method, "/api/quota/ledger", "application/json", "{}");
      assertThat(all.status()).as(method).isBetween(400, 499);
    }
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aViewerMayReadButNotWriteTheLandBureauMayWrite() {
    String body = body("roles");
    String before = fingerprint();
    Http viewer = http.as(VIEWER);
    for (String path :
        List.of(
            "/api/quota/grants",
            "/api/quota/allocations",
            "/api/quota/consumptions",
            "/api/quota/reversals")) {
      Http.Response r = viewer.post(path, grant(body, 2030, "5", "越权"));
      assertThat(r.status()).as(path).isEqualTo(403);
      assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:forbidden");
    }
    assertThat(fingerprint()).isEqualTo(before);
    assertThat(viewer.get("/api/quota/balances").status()).isEqualTo(200);
    assertThat(viewer.get("/api/quota/ledger?year=2024").status()).isEqualTo(200);
    Http.Response land = http.as(LAND).post("/api/quota/grants", grant(body, 2030, "5", "下达"));
    assertThat(land.status()).as(land.text()).isEqualTo(201);
    assertThat(land.json().get("entry").get("recordedBy").asString()).isEqualTo(LAND.username());
    // The write is in the audit log, by its writer.
    assertThat(
            jdbc.sql("SELECT actor FROM audit_log WHERE action = 'quota.grant' AND target = ?")
                .param(body + "/2030")
                .query(String.class)
                .list())
        .containsExactly(LAND.username());
  }
}
