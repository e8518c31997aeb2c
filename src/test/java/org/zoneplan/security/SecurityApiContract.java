package org.zoneplan.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users, roles, CSRF, SQL injection and HTML in names, on a store loaded with the sample data.
 * Every endpoint is found from Spring MVC's own mappings, so a new endpoint is checked without
 * anyone remembering to list it, and a new write endpoint fails {@link #WRITE_RULES} until its
 * roles are decided there. Runs unchanged on H2GIS and on PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SecurityApiContract {
  static final String PLAN = "pujiang-2021";
  static final String PASSWORD = "test-pass-1";
  static final Credentials VIEWER = new Credentials("t-viewer", PASSWORD);
  static final Credentials PLANNER = new Credentials("t-planner", PASSWORD);
  static final Credentials APPROVER = new Credentials("t-approver", PASSWORD);
  static final Credentials LAND_BUREAU = new Credentials("t-landbureau", PASSWORD);
  static final Map<Role, Credentials> USERS =
      Map.of(
          Role.VIEWER, VIEWER,
          Role.PLANNER, PLANNER,
          Role.APPROVER, APPROVER,
          Role.LAND_BUREAU, LAND_BUREAU);

  /** Which role each write endpoint needs; {@code null}: anyone signed in (it writes nothing). */
  static final Map<String, Role> WRITE_RULES = new LinkedHashMap<>();

  static {
    WRITE_RULES.put("POST /api/plans/{planId}/zones/{code}", Role.PLANNER);
    WRITE_RULES.put("PUT /api/plans/{planId}/zones/{code}", Role.PLANNER);
    WRITE_RULES.put("DELETE /api/plans/{planId}/zones/{code}", Role.PLANNER);
    WRITE_RULES.put("POST /api/plans/{planId}/zones/{code}/restore", Role.PLANNER);
    WRITE_RULES.put("POST /ogc/collections/{id}/items", Role.PLANNER);
    WRITE_RULES.put("PUT /ogc/collections/{id}/items/{featureId}", Role.PLANNER);
    WRITE_RULES.put("DELETE /ogc/collections/{id}/items/{featureId}", Role.PLANNER);
    WRITE_RULES.put("POST /api/proposals", Role.PLANNER);
    WRITE_RULES.put("POST /api/proposals/{id}/submit", Role.PLANNER);
    WRITE_RULES.put("POST /api/proposals/{id}/withdraw", Role.PLANNER);
    WRITE_RULES.put("POST /api/proposals/{id}/approve", Role.APPROVER);
    WRITE_RULES.put("POST /api/proposals/{id}/reject", Role.APPROVER);
    WRITE_RULES.put("POST /api/import", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/parcels", Role.LAND_BUREAU);
    WRITE_RULES.put("DELETE /api/parcels/{id}", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/enterprises/import", Role.LAND_BUREAU);
    WRITE_RULES.put("PUT /api/enterprises/{creditCode}", Role.LAND_BUREAU);
    WRITE_RULES.put("PUT /api/enterprises/{creditCode}/land", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/plans", Role.ADMIN);
    WRITE_RULES.put("PUT /api/plans/{planId}", Role.ADMIN);
    WRITE_RULES.put("DELETE /api/plans/{planId}", Role.ADMIN);
    WRITE_RULES.put("POST /api/users", Role.ADMIN);
    WRITE_RULES.put("PUT /api/users/{username}", Role.ADMIN);
    WRITE_RULES.put("PUT /api/users/{username}/password", Role.ADMIN);
    WRITE_RULES.put("POST /api/measure", null);
    WRITE_RULES.put("POST /api/plans/{planId}/zones/{code}/what-if", null);
    WRITE_RULES.put("POST /api/me/password", null);
    WRITE_RULES.put("POST /api/evaluation/rule-sets", Role.ADMIN);
    WRITE_RULES.put("POST /api/evaluation/run", null);
    WRITE_RULES.put("PUT /api/indicators/city-targets", Role.ADMIN);
    WRITE_RULES.put("PUT /api/plans/{planId}/indicators/targets", Role.ADMIN);
    WRITE_RULES.put("POST /api/projects", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/projects/import", Role.LAND_BUREAU);
    WRITE_RULES.put("PUT /api/projects/{id}", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/quota/grants", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/quota/allocations", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/quota/consumptions", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/quota/reversals", Role.LAND_BUREAU);
    WRITE_RULES.put("POST /api/parks", Role.ADMIN);
    WRITE_RULES.put("PUT /api/parks/{id}", Role.ADMIN);
    WRITE_RULES.put("PUT /api/parks/{id}/figures", Role.ADMIN);
    WRITE_RULES.put("DELETE /api/parks/{id}", Role.ADMIN);
    WRITE_RULES.put("POST /api/programmes", Role.PLANNER);
    WRITE_RULES.put("PUT /api/programmes/{id}", Role.PLANNER);
    WRITE_RULES.put("DELETE /api/programmes/{id}", Role.PLANNER);
    WRITE_RULES.put("POST /api/programmes/{id}/members", Role.PLANNER);
    WRITE_RULES.put("PUT /api/programmes/{id}/members/{planId}/{zoneCode}", Role.PLANNER);
    WRITE_RULES.put("DELETE /api/programmes/{id}/members/{planId}/{zoneCode}", Role.PLANNER);
    WRITE_RULES.put("POST /api/plans/{planId}/zones/{code}/baopan", Role.PLANNER);
    WRITE_RULES.put("POST /api/plans/{planId}/baopan", Role.PLANNER);
  }

  static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "pujiang-2021' OR 1=1 --",
          "1; DROP TABLE zone; --",
          "x'); DELETE FROM zone_history; --",
          "1 UNION SELECT username, password_hash FROM app_user --",
          "\" OR \"\"=\"");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  Http admin;
  String zoneCode;

  @BeforeEach
  void users() {
    admin = new Http(port);
    for (Map.Entry<Role, Credentials> user : USERS.entrySet()) {
      if (admin.get("/api/users/" + user.getValue().username()).status() == 404) {
        Http.Response created =
            admin.post(
                "/api/users",
                "{\"username\":\""
                    + user.getValue().username()
                    + "\",\"password\":\""
                    + PASSWORD
                    + "\",\"roles\":[\""
                    + user.getKey()
                    + "\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
      }
    }
    zoneCode =
        admin
            .get("/api/plans/" + PLAN + "/zones")
            .json()
            .get("features")
            .get(0)
            .get("properties")
            .get("code")
            .asString();
  }

  // ---------------------------------------------------------------- endpoints

  record Endpoint(String method, String pattern, HandlerMethod handler) {
    String key() {
      return method + " " + pattern;
    }
  }

  List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
      Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
      for (String pattern : e.getKey().getPatternValues()) {
        if (pattern.startsWith("/error") || pattern.equals("/login")) {
          continue; // Spring Boot's error page, and the login form (open to all, of course)
        }
        for (RequestMethod m : methods.isEmpty() ? EnumSet.of(RequestMethod.GET) : methods) {
          all.add(new Endpoint(m.name(), pattern, e.getValue()));
        }
      }
    }
    return all;
  }

  List<Endpoint> writeEndpoints() {
    return endpoints().stream().filter(e -> !e.method().equals("GET")).toList();
  }

  /** A concrete path for a pattern: real plan and zone, ids that do not exist. */
  String path(String pattern) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("planId", PLAN);
    values.put("code", pattern.startsWith("/api/divisions") ? "330726" : zoneCode);
    values.put("featureId", zoneCode);
    values.put("username", "nobody-here");
    values.put("version", "1");
    values.put("layer", "zones");
    values.put("z", "12");
    values.put("x", "3398");
    values.put("file", "1722.mvt");
    values.put("document", "zones.json");
    values.put("id", pattern.startsWith("/ogc") ? "zones-" + PLAN : "999999999");
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "1")));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String contentType(Endpoint e) {
    return isUpload(e) ? "multipart/form-data; boundary=x" : "application/json";
  }

  static String body(Endpoint e) {
    return isUpload(e) ? "--x--\r\n" : "{}";
  }

  static boolean isUpload(Endpoint e) {
    return e.pattern().equals("/api/import")
        || e.pattern().equals("/api/enterprises/import")
        || e.pattern().equals("/api/projects/import");
  }

  /** Row counts of every table and every zone's version: what "nothing was written" means. */
  String storeFingerprint() {
    StringBuilder s = new StringBuilder();
    for (String table :
        List.of(
            "plan_version",
            "zone",
            "division",
            "parcel",
            "zone_history",
            "proposal",
            "proposal_change",
            "app_user",
            "evaluation_rule_set",
            "city_target",
            "zone_target",
            "enterprise",
            "enterprise_land",
            "enterprise_stat",
            "zone_stat",
            "parcel_supply",
            "project",
            "project_investment",
            "quota_account",
            "quota_entry",
            "coop_park",
            "coop_park_host",
            "coop_park_figure")) {
      s.append(table)
          .append('=')
          .append(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single())
          .append(' ');
    }
    s.append(
        jdbc.sql("SELECT plan_id, code, version, name FROM zone ORDER BY plan_id, code")
            .query()
            .listOfRows());
    s.append(
        jdbc.sql("SELECT username, roles, enabled, password_hash FROM app_user ORDER BY username")
            .query()
            .listOfRows());
    return s.toString();
  }

  static void assertProblem(Http.Response r, int status, String type, String what) {
    assertThat(r.status()).as("%s: %s", what, r.text()).isEqualTo(status);
    assertThat(r.contentType()).as(what).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).as(what).isEqualTo(type);
  }

  // ---------------------------------------------------------------- 401 / 403

  @Test
  void everyWriteEndpointHasItsRolesDecided() {
    Set<String> found = new TreeSet<>();
    writeEndpoints().forEach(e -> found.add(e.key()));
    assertThat(found)
        .as("write endpoints without a rule in WRITE_RULES (decide their roles)")
        .isSubsetOf(WRITE_RULES.keySet());
    assertThat(WRITE_RULES.keySet())
        .as("rules for endpoints that no longer exist")
        .isSubsetOf(found);
  }

  @Test
  void everyEndpointWithoutCredentialsIs401AndWritesNothing() {
    String before = storeFingerprint();
    Http anonymous = admin.anonymous();
    List<Endpoint> all = endpoints();
    assertThat(all).hasSizeGreaterThan(40);
    for (Endpoint e : all) {
      Http.Response r =
          anonymous.send(
              e.method(),
              path(e.pattern()),
              e.method().equals("GET") ? null : contentType(e),
              e.method().equals("GET") ? null : body(e));
      assertProblem(r, 401, "urn:zoneplan:problem:unauthenticated", e.key());
    }
    assertThat(storeFingerprint()).isEqualTo(before);
  }

  @Test
  void headFollowsGetAndEveryOtherMethodIsDeniedByDefault() {
    String before = storeFingerprint();
    Http anonymous = admin.anonymous();
    Http viewer = admin.as(VIEWER);
    int checked = 0;
    for (Endpoint e : endpoints()) {
      String path = path(e.pattern());
      if (e.method().equals("GET")) {
        assertThat(anonymous.send("HEAD", path, null, null).status())
            .as("anonymous HEAD " + e.key())
            .isEqualTo(401);
        int get = viewer.get(path).status();
        int head = viewer.send("HEAD", path, null, null).status();
        assertThat(head).as("viewer HEAD vs GET " + e.key()).isEqualTo(get);
        checked++;
      }
      assertThat(anonymous.send("OPTIONS", path, null, null).status())
          .as("anonymous OPTIONS " + e.key())
          .isEqualTo(401);
      assertThat(viewer.send("OPTIONS", path, null, null).status())
          .as("viewer OPTIONS " + e.key())
          .isEqualTo(403);
    }
    assertThat(checked).isGreaterThan(20);
    assertThat(storeFingerprint()).isEqualTo(before);
  }

  @Test
  void pagesCarryAContentSecurityPolicyWithoutInlineScript() throws Exception {
    HttpResponse<String> login =
        HttpClient.newHttpClient().send(get("http://127.0.0.1:" + port + "/login"), ofString());
    String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(csp).contains("script-src 'self';", "frame-ancestors 'none'");
    assertThat(login.body()).doesNotContain("<script");
    assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void wrongPasswordIs401() {
    Http.Response r = admin.as(new Credentials("admin", "wrong-password")).get("/api/plans");
    assertProblem(r, 401, "urn:zoneplan:problem:bad-credentials", "wrong password");
    Http.Response nobody = admin.as(new Credentials("nobody-here", "x")).get("/api/plans");
    assertProblem(nobody, 401, "urn:zoneplan:problem:bad-credentials", "unknown user");
  }

  @Test
  void everyWriteEndpointWithTheWrongRoleIs403AndWritesNothing() {
    String before = storeFingerprint();
    int checked = 0;
    for (Endpoint e : writeEndpoints()) {
      if (!WRITE_RULES.containsKey(e.key()) || WRITE_RULES.get(e.key()) == null) {
        continue;
      }
      Role needed = WRITE_RULES.get(e.key());
      for (Map.Entry<Role, Credentials> user : USERS.entrySet()) {
        // The sample plan must survive the administrator's turn: delete one that is not there.
        String path =
            e.key().equals("DELETE /api/plans/{planId}")
                ? "/api/plans/no-such-plan"
                : path(e.pattern());
        Http.Response r = admin.as(user.getValue()).send(e.method(), path, contentType(e), body(e));
        String what = e.key() + " as " + user.getKey();
        if (user.getKey() == needed) {
          // The right role gets past security (whatever the endpoint then says of "{}").
          assertThat(r.status()).as("%s: %s", what, r.text()).isNotEqualTo(401);
          if (r.status() == 403) {
            assertThat(r.json().get("type").asString())
                .as(what)
                .isNotEqualTo("urn:zoneplan:problem:forbidden");
          }
        } else {
          assertProblem(r, 403, "urn:zoneplan:problem:forbidden", what);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
    assertThat(storeFingerprint()).isEqualTo(before);
  }

  /**
   * The GET endpoints that not every signed-in user may read, with the role they need (ADMIN, who
   * holds every role, is not among the users tried). Every other GET endpoint is for VIEWER.
   */
  static final Map<String, Role> READ_RULES = new LinkedHashMap<>();

  static {
    READ_RULES.put("GET /api/users", Role.ADMIN);
    READ_RULES.put("GET /api/users/{username}", Role.ADMIN);
    READ_RULES.put("GET /api/audit", Role.ADMIN);
    READ_RULES.put("GET /api/plans/{planId}/export", Role.LAND_BUREAU);
    READ_RULES.put("GET /api/projects/export", Role.LAND_BUREAU);
  }

  /**
   * Every GET endpoint, enumerated from Spring's mappings as the write checks are: one in {@link
   * #READ_RULES} answers 403 to each user without its role (and not to the one with it); any other
   * answers no 403 to VIEWER. A new role-limited GET endpoint fails here until it is listed.
   */
  @Test
  void everyRoleLimitedGetEndpointIs403ForTheOtherRolesAndNoOtherIs() {
    Http viewer = admin.as(VIEWER);
    Set<String> limited = new TreeSet<>();
    int open = 0;
    for (Endpoint e : endpoints()) {
      if (!e.method().equals("GET")) {
        continue;
      }
      String path = path(e.pattern());
      Role needed = READ_RULES.get(e.key());
      if (needed == null) {
        Http.Response r = viewer.get(path);
        if (r.status() == 403) {
          limited.add(e.key());
        } else {
          open++;
        }
        continue;
      }
      limited.add(e.key());
      for (Map.Entry<Role, Credentials> user : USERS.entrySet()) {
        Http.Response r = admin.as(user.getValue()).get(path);
        String what = e.key() + " as " + user.getKey();
        if (user.getKey() == needed) {
          assertThat(r.status()).as("%s: %s", what, r.text()).isNotIn(401, 403);
        } else {
          assertProblem(r, 403, "urn:zoneplan:problem:forbidden", what);
        }
      }
    }
    assertThat(limited)
        .as("GET endpoints a viewer may not read must be listed in READ_RULES")
        .isEqualTo(READ_RULES.keySet());
    assertThat(open).isGreaterThan(20);
  }

  @Test
  void aViewerCannotExportButTheLandBureauCan() {
    for (String layer : List.of("zones", "parcels", "divisions")) {
      for (String format : List.of("shapefile", "geopackage", "geojson", "kml", "csv")) {
        String path = "/api/plans/" + PLAN + "/export?layer=" + layer + "&format=" + format;
        assertProblem(
            admin.as(VIEWER).get(path), 403, "urn:zoneplan:problem:forbidden", layer + format);
        assertProblem(
            admin.as(PLANNER).get(path), 403, "urn:zoneplan:problem:forbidden", layer + format);
        // HEAD runs the GET handler: the same rule (issue 13).
        for (Credentials user : List.of(VIEWER, PLANNER, APPROVER)) {
          assertThat(admin.as(user).send("HEAD", path, null, null).status())
              .as("HEAD %s as %s", path, user.username())
              .isEqualTo(403);
        }
      }
    }
    assertThat(
            admin
                .as(LAND_BUREAU)
                .send(
                    "HEAD", "/api/plans/" + PLAN + "/export?layer=zones&format=geojson", null, null)
                .status())
        .isEqualTo(200);
    assertThat(
            admin
                .as(LAND_BUREAU)
                .get("/api/plans/" + PLAN + "/export?layer=zones&format=geojson")
                .status())
        .isEqualTo(200);
  }

  @Test
  void viewerReadsMapsAndIndicators() {
    Http viewer = admin.as(VIEWER);
    assertThat(viewer.get("/api/plans/" + PLAN + "/zones").status()).isEqualTo(200);
    assertThat(viewer.get("/api/plans/" + PLAN + "/indicators").status()).isEqualTo(200);
    assertThat(viewer.get("/api/plans/" + PLAN + "/concentration").status()).isEqualTo(200);
    assertThat(viewer.get("/tiles/zones/12/3398/1722.png?plan=" + PLAN).status()).isEqualTo(200);
    assertThat(viewer.get("/api/proposals").status()).isEqualTo(200);
    assertProblem(viewer.get("/api/audit"), 403, "urn:zoneplan:problem:forbidden", "audit");
    assertProblem(viewer.get("/api/users"), 403, "urn:zoneplan:problem:forbidden", "users");
  }

  // ---------------------------------------------------------------- who did it

  @Test
  void historyAndAuditNameTheSignedInUser() {
    Http planner = admin.as(PLANNER);
    String path = "/api/plans/" + PLAN + "/zones/" + zoneCode;
    String etag = planner.etag(path);
    JsonNode feature = planner.get(path).json();
    Http.Response saved = planner.put(path + "?reason=" + enc("签名测试"), feature.toString(), etag);
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    JsonNode history = planner.get(path + "/history").json();
    JsonNode newest = history.get(history.size() - 1);
    assertThat(newest.get("changedBy").asString()).isEqualTo("t-planner");
    assertThat(newest.get("reason").asString()).isEqualTo("签名测试");
    List<String> actors =
        jdbc.sql("SELECT actor FROM audit_log WHERE target LIKE ? ORDER BY id DESC")
            .param("%" + zoneCode)
            .query(String.class)
            .list();
    assertThat(actors).first().isEqualTo("t-planner");
  }

  // ---------------------------------------------------------------- users

  @Test
  void passwordsAreStoredAsBcryptHashesAndNeverServed() {
    List<String> hashes = jdbc.sql("SELECT password_hash FROM app_user").query(String.class).list();
    assertThat(hashes).isNotEmpty().allMatch(h -> h.startsWith("{bcrypt}$2"));
    assertThat(hashes).noneMatch(h -> h.contains(PASSWORD) || h.contains("demo"));
    String listing = admin.get("/api/users").text();
    assertThat(listing).contains("t-planner").doesNotContain("bcrypt").doesNotContain("$2a$");
  }

  @Test
  void adminManagesUsers() {
    String name = "t-user-" + System.nanoTime();
    Http.Response created =
        admin.post(
            "/api/users",
            "{\"username\":\""
                + name
                + "\",\"displayName\":\"测试用户\",\"password\":\"first-pass-1\",\"roles\":[\"VIEWER\"]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    Http user = admin.as(new Credentials(name, "first-pass-1"));
    assertThat(user.get("/api/me").json().get("displayName").asString()).isEqualTo("测试用户");
    // A weak password, an unknown role, a duplicate: 4xx naming what is wrong, nothing written.
    assertProblem(
        admin.post(
            "/api/users", "{\"username\":\"weak\",\"password\":\"short\",\"roles\":[\"VIEWER\"]}"),
        422,
        "urn:zoneplan:problem:weak-password",
        "weak");
    assertProblem(
        admin.post(
            "/api/users", "{\"username\":\"r\",\"password\":\"long-enough\",\"roles\":[\"BOSS\"]}"),
        422,
        "urn:zoneplan:problem:unknown-role",
        "role");
    assertProblem(
        admin.post(
            "/api/users",
            "{\"username\":\"" + name + "\",\"password\":\"long-enough\",\"roles\":[\"VIEWER\"]}"),
        409,
        "urn:zoneplan:problem:duplicate-username",
        "duplicate");
    assertThat(admin.get("/api/users/weak").status()).isEqualTo(404);
    // Promoted to planner: the new role works at once.
    assertThat(admin.put("/api/users/" + name, "{\"roles\":[\"PLANNER\"]}", null).status())
        .isEqualTo(200);
    assertThat(user.get("/api/me").json().get("roles").toString()).contains("PLANNER");
    // A changed password and a disabled account take effect at once.
    assertThat(
            user.post(
                    "/api/me/password",
                    "{\"currentPassword\":\"first-pass-1\",\"newPassword\":\"second-pass-2\"}")
                .status())
        .isEqualTo(204);
    assertProblem(user.get("/api/me"), 401, "urn:zoneplan:problem:bad-credentials", "old pw");
    Http renewed = admin.as(new Credentials(name, "second-pass-2"));
    assertThat(renewed.get("/api/me").status()).isEqualTo(200);
    assertThat(admin.put("/api/users/" + name, "{\"enabled\":false}", null).status())
        .isEqualTo(200);
    assertProblem(renewed.get("/api/me"), 401, "urn:zoneplan:problem:bad-credentials", "disabled");
  }

  @Test
  void repeatedFailedSignInsAreThrottledPerUserAndAddress() {
    String name = "t-guess-" + System.nanoTime();
    assertThat(
            admin
                .post(
                    "/api/users",
                    "{\"username\":\""
                        + name
                        + "\",\"password\":\"right-pass-1\",\"roles\":[\"VIEWER\"]}")
                .status())
        .isEqualTo(201);
    Http guesser = admin.as(new Credentials(name, "wrong-pass-1"));
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertProblem(
          guesser.get("/api/me"), 401, "urn:zoneplan:problem:bad-credentials", "guess " + i);
    }
    // Now even the right password is refused from here, before any password check.
    Http.Response locked = admin.as(new Credentials(name, "right-pass-1")).get("/api/me");
    assertProblem(locked, 429, "urn:zoneplan:problem:too-many-failures", "locked");
    // Other users are not affected.
    assertThat(admin.as(VIEWER).get("/api/me").status()).isEqualTo(200);
    assertThat(admin.get("/api/me").status()).isEqualTo(200);
  }

  @Test
  void wrongCurrentPasswordsOnPasswordChangeAreThrottledLikeSignIns() {
    String name = "t-pwguess-" + System.nanoTime();
    assertThat(
            admin
                .post(
                    "/api/users",
                    "{\"username\":\""
                        + name
                        + "\",\"password\":\"right-pass-1\",\"roles\":[\"VIEWER\"]}")
                .status())
        .isEqualTo(201);
    // signed in with the right password (as a borrowed session would be), guessing the current one
    Http user = admin.as(new Credentials(name, "right-pass-1"));
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      assertProblem(
          user.post(
              "/api/me/password",
              "{\"currentPassword\":\"guess-" + i + "\",\"newPassword\":\"taken-over-9\"}"),
          403,
          "urn:zoneplan:problem:wrong-password",
          "guess " + i);
    }
    // Now even the right current password is refused, before any check, and nothing changes.
    assertProblem(
        user.post(
            "/api/me/password",
            "{\"currentPassword\":\"right-pass-1\",\"newPassword\":\"taken-over-9\"}"),
        429,
        "urn:zoneplan:problem:too-many-failures",
        "locked");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'user.password' AND target = ?")
                .param(name)
                .query(Long.class)
                .single())
        .isZero();
    // the guesses count as failed sign-ins from this address too
    assertProblem(user.get("/api/me"), 429, "urn:zoneplan:problem:too-many-failures", "sign-in");
    assertThat(admin.get("/api/me").status()).isEqualTo(200);
  }

  @Test
  void weakPasswordsAreRefused() {
    for (String weak : List.of("short1", "onlyletters", "1234567890")) {
      assertProblem(
          admin.post(
              "/api/users",
              "{\"username\":\"t-weak\",\"password\":\"" + weak + "\",\"roles\":[\"VIEWER\"]}"),
          422,
          "urn:zoneplan:problem:weak-password",
          weak);
    }
    assertThat(admin.get("/api/users/t-weak").status()).isEqualTo(404);
  }

  @Test
  void theLastAdminCannotBeRemoved() {
    List<String> admins =
        jdbc.sql("SELECT username FROM app_user WHERE roles LIKE '%ADMIN%' AND enabled = TRUE")
            .query(String.class)
            .list();
    assertThat(admins).containsExactly("admin");
    assertProblem(
        admin.put("/api/users/admin", "{\"roles\":[\"VIEWER\"]}", null),
        409,
        "urn:zoneplan:problem:last-admin",
        "last admin");
    assertThat(admin.get("/api/me").json().get("roles").toString()).contains("ADMIN");
  }

  // ---------------------------------------------------------------- CSRF

  @Test
  void pageSessionsNeedTheCsrfTokenForTheLoginFormAndEveryWrite() throws Exception {
    HttpClient browser = browser();
    String base = "http://127.0.0.1:" + port;
    String token = loginFormToken(browser);
    // The login form without its token is refused, with the right password.
    HttpResponse<String> noToken =
        browser.send(formPost(base + "/login", "username=admin&password=demo"), ofString());
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("urn:zoneplan:problem:csrf");
    HttpResponse<String> signedIn =
        browser.send(
            formPost(base + "/login", "username=admin&password=demo&_csrf=" + enc(token)),
            ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

    // Signed in with the session cookie: a write without the token is refused and writes nothing.
    String before = storeFingerprint();
    String zonePath = base + "/api/plans/" + PLAN + "/zones/CSRF-TEST";
    String zone =
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"跨站\",\"kind\":\"COOPERATION\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[119.75,29.52],[119.77,29.52],"
            + "[119.77,29.54],[119.75,29.54],[119.75,29.52]]]}}";
    HttpResponse<String> forged =
        browser.send(
            HttpRequest.newBuilder(URI.create(zonePath))
                .header("Content-Type", "application/geo+json")
                .POST(HttpRequest.BodyPublishers.ofString(zone))
                .build(),
            ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("urn:zoneplan:problem:csrf");
    assertThat(storeFingerprint()).isEqualTo(before);

    // With the token the page gets from /api/me, the same session may write.
    JsonNode me =
        JsonMapper.builder()
            .build()
            .readTree(browser.send(get(base + "/api/me"), ofString()).body());
    JsonNode csrf = me.get("csrf");
    HttpResponse<String> measured =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + "/api/measure"))
                .header("Content-Type", "application/geo+json")
                .header(csrf.get("header").asString(), csrf.get("token").asString())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"Polygon\",\"coordinates\":[[[119.75,29.52],[119.77,29.52],"
                            + "[119.77,29.54],[119.75,29.54],[119.75,29.52]]]}"))
                .build(),
            ofString());
    assertThat(measured.statusCode()).as(measured.body()).isEqualTo(200);
    // Signing out needs the token too; afterwards the session is gone.
    HttpResponse<String> logout =
        browser.send(
            formPost(base + "/logout", "_csrf=" + enc(csrf.get("token").asString())), ofString());
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(browser.send(get(base + "/api/me"), ofString()).statusCode()).isEqualTo(401);
  }

  @Test
  void disablingAUserEndsTheirPageSessionsAtOnce() throws Exception {
    String name = "t-session-" + System.nanoTime();
    assertThat(
            admin
                .post(
                    "/api/users",
                    "{\"username\":\""
                        + name
                        + "\",\"password\":\"session-pass-1\",\"roles\":[\"PLANNER\"]}")
                .status())
        .isEqualTo(201);
    HttpClient browser = browser();
    String base = "http://127.0.0.1:" + port;
    String token = loginFormToken(browser);
    HttpResponse<String> signedIn =
        browser.send(
            formPost(
                base + "/login",
                "username=" + name + "&password=session-pass-1&_csrf=" + enc(token)),
            ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(browser.send(get(base + "/api/me"), ofString()).statusCode()).isEqualTo(200);

    assertThat(admin.put("/api/users/" + name, "{\"enabled\":false}", null).status())
        .isEqualTo(200);
    HttpResponse<String> after = browser.send(get(base + "/api/me"), ofString());
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).contains("urn:zoneplan:problem:unauthenticated");
  }

  // ---------------------------------------------------------------- sessions (issue 13.1)

  /** The session cookies a response sets, if any. */
  static List<String> sessionCookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .toList();
  }

  @Test
  void noRequestWithoutASuccessfulSignInCreatesASession() throws Exception {
    // No cookie jar: every request is a new stranger, as in a flood.
    HttpClient stranger =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String base = "http://127.0.0.1:" + port;
    List<String> paths =
        List.of(
            "/",
            "/index.html",
            "/api/plans",
            "/api/plans/" + PLAN + "/zones",
            "/tiles/zones/12/3398/1722.mvt?plan=" + PLAN,
            "/ogc/collections",
            "/login",
            "/login?error");
    for (int round = 0; round < 5; round++) {
      for (String path : paths) {
        for (String accept : List.of("text/html", "*/*")) {
          HttpResponse<String> r =
              stranger.send(
                  HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).build(),
                  ofString());
          assertThat(r.statusCode()).as(path).isIn(200, 302, 401);
          assertThat(sessionCookies(r)).as("%s (Accept %s)", path, accept).isEmpty();
        }
      }
    }
    // A failed sign-in (with the form's token) creates none either.
    HttpClient browser = browser();
    String token = loginFormToken(browser);
    HttpResponse<String> failed =
        browser.send(
            formPost(base + "/login", "username=admin&password=wrong-1&_csrf=" + enc(token)),
            ofString());
    assertThat(failed.statusCode()).isEqualTo(302);
    assertThat(failed.headers().firstValue("Location").orElse("")).contains("error");
    assertThat(sessionCookies(failed)).isEmpty();
    // HTTP Basic calls are stateless: no session, whatever they read or write.
    String basic = Credentials.ADMIN.header();
    for (String path :
        List.of("/api/me", "/api/plans", "/tiles/zones/12/3398/1722.mvt?plan=" + PLAN, "/")) {
      HttpResponse<String> r =
          stranger.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Authorization", basic)
                  .build(),
              ofString());
      assertThat(r.statusCode()).as(path).isIn(200, 204);
      assertThat(sessionCookies(r)).as("Basic " + path).isEmpty();
    }
    HttpResponse<String> measured =
        stranger.send(
            HttpRequest.newBuilder(URI.create(base + "/api/measure"))
                .header("Authorization", basic)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"Polygon\",\"coordinates\":[[[119.75,29.52],[119.77,29.52],"
                            + "[119.77,29.54],[119.75,29.54],[119.75,29.52]]]}"))
                .build(),
            ofString());
    assertThat(measured.statusCode()).as(measured.body()).isEqualTo(200);
    assertThat(sessionCookies(measured)).isEmpty();
    // A successful form sign-in does create one (and only then).
    HttpResponse<String> signedIn =
        browser.send(
            formPost(base + "/login", "username=admin&password=demo&_csrf=" + enc(token)),
            ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
    assertThat(sessionCookies(signedIn)).hasSize(1);
  }

  @Test
  void aSessionCookieBesideAnAuthorizationHeaderDoesNotAuthenticate() throws Exception {
    HttpClient browser = browser();
    String base = "http://127.0.0.1:" + port;
    String token = loginFormToken(browser);
    String user = "t-both-" + System.nanoTime();
    assertThat(
            admin
                .post(
                    "/api/users",
                    "{\"username\":\""
                        + user
                        + "\",\"password\":\"both-pass-1\",\"roles\":[\"PLANNER\"]}")
                .status())
        .isEqualTo(201);
    HttpResponse<String> signedIn =
        browser.send(
            formPost(
                base + "/login", "username=" + user + "&password=both-pass-1&_csrf=" + enc(token)),
            ofString());
    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
    String before = storeFingerprint();
    // The session cookie with junk credentials: no CSRF token, so this must not write.
    HttpResponse<String> r =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + "/api/plans/" + PLAN + "/zones/BOTH-1"))
                .header("Authorization", "Bearer junk")
                .header("Content-Type", "application/geo+json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"Feature\",\"properties\":{\"name\":\"x\",\"kind\":"
                            + "\"COOPERATION\"},\"geometry\":{\"type\":\"Polygon\","
                            + "\"coordinates\":[[[119.75,29.52],[119.77,29.52],[119.77,29.54],"
                            + "[119.75,29.54],[119.75,29.52]]]}}"))
                .build(),
            ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(storeFingerprint()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- SQL injection

  @Test
  void sqlInjectionInEveryFilterParameterChangesNothing() {
    String before = storeFingerprint();
    int requests = 0;
    for (Endpoint e : endpoints()) {
      if (!e.method().equals("GET")) {
        continue;
      }
      List<String> params = new ArrayList<>();
      for (MethodParameter p : e.handler().getMethodParameters()) {
        RequestParam rp = p.getParameterAnnotation(RequestParam.class);
        if (rp != null) {
          String name = !rp.name().isEmpty() ? rp.name() : rp.value();
          params.add(name.isEmpty() ? p.getParameterName() : name);
        }
      }
      String path = path(e.pattern());
      for (String param : params) {
        for (String payload : INJECTIONS) {
          Http.Response r = admin.get(path + "?" + param + "=" + enc(payload));
          requests++;
          assertThat(r.status())
              .as("%s ?%s=%s: %s", e.key(), param, payload, r.text())
              .isLessThan(500);
          assertThat(r.text()).as(e.key() + " " + param).doesNotContain("$2a$");
        }
      }
      // Path variables are filters too.
      Matcher vars = Pattern.compile("\\{([^}]+)}").matcher(e.pattern());
      while (vars.find()) {
        for (String payload : INJECTIONS) {
          String injected = e.pattern().replace(vars.group(), enc(payload).replace("+", "%20"));
          Http.Response r = admin.get(path(injected));
          requests++;
          assertThat(r.status()).as("%s {%s}=%s", e.key(), vars.group(1), payload).isLessThan(500);
        }
      }
    }
    assertThat(requests).isGreaterThan(300);
    assertThat(storeFingerprint()).isEqualTo(before);
    // And the filters still filter: an injected status matches nothing rather than everything.
    Http.Response all = admin.get("/api/proposals");
    Http.Response injected = admin.get("/api/proposals?status=" + enc("DRAFT' OR '1'='1"));
    assertThat(injected.status()).isBetween(400, 499);
    assertThat(all.status()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- HTML in names

  @Test
  void htmlInAZoneNameIsStoredAsTextAndServedEscaped() {
    String name = "<script>alert('x')</script><img src=x onerror=alert(1)>恶意 & \"名称\"";
    String code = "XSS-" + (System.nanoTime() % 100000);
    String body =
        "{\"type\":\"Feature\",\"properties\":{\"name\":"
            + JsonMapper.builder().build().writeValueAsString(name)
            + ",\"kind\":\"COOPERATION\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[119.75,29.52],[119.77,29.52],[119.77,29.54],[119.75,29.54],[119.75,29.52]]]}}";
    String path = "/api/plans/" + PLAN + "/zones/" + code;
    Http planner = admin.as(PLANNER);
    assertThat(planner.post(path, body).status()).isEqualTo(201);
    try {
      // Stored as the text it is.
      assertThat(
              jdbc.sql("SELECT name FROM zone WHERE plan_id = ? AND code = ?")
                  .params(PLAN, code)
                  .query(String.class)
                  .single())
          .isEqualTo(name);
      // JSON carries the text unchanged (a JSON string is not HTML).
      assertThat(planner.get(path).json().get("properties").get("name").asString()).isEqualTo(name);
      // HTML (the OGC API's pages) shows it escaped.
      for (String html :
          List.of(
              "/ogc/collections/zones-" + PLAN + "/items/" + code + "?f=html",
              "/ogc/collections/zones-" + PLAN + "/items?f=html&limit=1000")) {
        String page = planner.get(html).text();
        assertThat(page).as(html).contains("&lt;script&gt;alert(").doesNotContain("<script>alert");
        assertThat(page).as(html).doesNotContain("<img src=x");
      }
      // KML is XML: escaped too.
      String kml =
          admin.as(LAND_BUREAU).get("/api/plans/" + PLAN + "/export?layer=zones&format=kml").text();
      assertThat(kml).doesNotContain("<script>").doesNotContain("<img src=x");
    } finally {
      admin.delete(path, "*");
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A cookie-keeping client that does not follow redirects, as a browser page session. */
  static HttpClient browser() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Opens the login form in {@code browser}'s session and answers its CSRF token. */
  String loginFormToken(HttpClient browser) throws Exception {
    String form = browser.send(get("http://127.0.0.1:" + port + "/login"), ofString()).body();
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
    assertThat(token.find()).as(form).isTrue();
    return token.group(1);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("X-Requested-With", "test").build();
  }

  static HttpRequest formPost(String url, String form) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }
}
