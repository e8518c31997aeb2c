package org.zoneplan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
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
 * Issue 13, point 3: a bound on body size, vertices, parts and compute time, on both stores. The
 * limits are set low here where a default would make the test slow ({@code max-parts=50}, {@code
 * max-body-size=4MB}, an analysis timeout of 1 ms, a statement timeout of 5 s); the vertex limit
 * keeps its default (100,000).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "zoneplan.sample-data.parcels=2000",
      "zoneplan.analysis.warm-up=false",
      "zoneplan.limits.max-parts=50",
      "zoneplan.limits.max-body-size=4MB",
      "zoneplan.limits.analysis-timeout=1ms",
      "zoneplan.limits.statement-timeout=5s"
    })
abstract class LimitsContract {
  static final String PLAN = "pujiang-2021";
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  Http admin;

  @BeforeEach
  void client() {
    admin = new Http(port);
  }

  /** A ring of {@code n} positions around (119.8, 29.45), compact: about 30 bytes a position. */
  static String ring(int n, double radius, double cx, double cy) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < n - 1; i++) {
      double a = 2 * Math.PI * i / (n - 1);
      s.append(i == 0 ? "" : ",")
          .append('[')
          .append((float) (cx + radius * Math.cos(a)))
          .append(',')
          .append((float) (cy + radius * Math.sin(a)))
          .append(']');
    }
    s.append(",[").append((float) (cx + radius)).append(',').append((float) cy).append("]]");
    return s.toString();
  }

  static String polygon(int vertices) {
    return "{\"type\":\"Polygon\",\"coordinates\":[" + ring(vertices, 0.01, 119.8, 29.45) + "]}";
  }

  /** {@code parts} small squares side by side. */
  static String multiPolygon(int parts) {
    StringBuilder s = new StringBuilder("{\"type\":\"MultiPolygon\",\"coordinates\":[");
    for (int p = 0; p < parts; p++) {
      double x = 119.70 + p * 0.002;
      double y = 29.40;
      s.append(p == 0 ? "" : ",")
          .append(
              String.format(
                  java.util.Locale.ROOT,
                  "[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]",
                  x,
                  y,
                  x + 0.001,
                  y,
                  x + 0.001,
                  y + 0.001,
                  x,
                  y + 0.001,
                  x,
                  y));
    }
    return s.append("]}").toString();
  }

  HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", Credentials.ADMIN.header())
            .header("Content-Type", "application/json")
            .POST(body)
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static JsonNode problem(HttpResponse<String> r, int status, String slug) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body());
    assertThat(body.get("type").asString()).isEqualTo("urn:zoneplan:problem:" + slug);
    return body;
  }

  String zoneCounts() {
    return jdbc.sql("SELECT COUNT(*) FROM zone").query(Long.class).single()
        + " "
        + jdbc.sql("SELECT COUNT(*) FROM zone_history").query(Long.class).single();
  }

  // ------------------------------------------------------------------ body size

  @Test
  void aMillionVertexPolygonIsRefusedBeforeItIsRead() throws Exception {
    String body = polygon(1_000_000);
    assertThat(body.length()).isGreaterThan(20_000_000);
    long start = System.nanoTime();
    HttpResponse<String> r = post("/api/measure", HttpRequest.BodyPublishers.ofString(body));
    JsonNode p = problem(r, 413, "body-too-large");
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5_000);
    assertThat(p.get("property").asString()).isEqualTo("zoneplan.limits.max-body-size");
    assertThat(p.get("max").longValue()).isEqualTo(4L * 1024 * 1024);
  }

  @Test
  void aBodyWithoutContentLengthIsCountedAsItIsRead() throws Exception {
    byte[] body = polygon(200_000).getBytes(StandardCharsets.UTF_8);
    assertThat(body.length).isGreaterThan(4 * 1024 * 1024);
    // ofInputStream: sent chunked, so only counting finds the size.
    HttpResponse<String> r =
        post(
            "/api/measure",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    JsonNode p = problem(r, 413, "body-too-large");
    assertThat(p.get("property").asString()).isEqualTo("zoneplan.limits.max-body-size");
  }

  // ------------------------------------------------------------------ vertices, parts, holes

  @Test
  void aPolygonOverTheVertexLimitIs422NamingIt() throws Exception {
    String body = polygon(150_000);
    assertThat(body.length()).isLessThan(4 * 1024 * 1024);
    long start = System.nanoTime();
    JsonNode p =
        problem(
            post("/api/measure", HttpRequest.BodyPublishers.ofString(body)),
            422,
            "geometry-too-large");
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5_000);
    assertThat(p.get("limit").asString()).isEqualTo("vertices");
    assertThat(p.get("max").intValue()).isEqualTo(100_000);
    assertThat(p.get("actual").intValue()).isEqualTo(150_000);
    assertThat(p.get("property").asString()).isEqualTo("zoneplan.limits.max-vertices");
    assertThat(p.get("detail").asString()).contains("100000").contains("max-vertices");
    // Just under the limit is measured as usual.
    HttpResponse<String> ok =
        post("/api/measure", HttpRequest.BodyPublishers.ofString(polygon(100_000)));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
  }

  @Test
  void aZoneWithTooManyPartsIs422AndNothingIsStored() throws Exception {
    String before = zoneCounts();
    for (String path :
        java.util.List.of(
            "/api/plans/" + PLAN + "/zones/PARTS-1", "/ogc/collections/zones-" + PLAN + "/items")) {
      String feature =
          "{\"type\":\"Feature\",\"id\":\"PARTS-1\",\"properties\":{\"code\":\"PARTS-1\","
              + "\"name\":\"多块\",\"kind\":\"COOPERATION\"},\"geometry\":"
              + multiPolygon(51)
              + "}";
      JsonNode p =
          problem(
              post(path, HttpRequest.BodyPublishers.ofString(feature)), 422, "geometry-too-large");
      assertThat(p.get("limit").asString()).as(path).isEqualTo("parts");
      assertThat(p.get("max").intValue()).isEqualTo(50);
      assertThat(p.get("actual").intValue()).isEqualTo(51);
      assertThat(p.get("property").asString()).isEqualTo("zoneplan.limits.max-parts");
    }
    assertThat(zoneCounts()).isEqualTo(before);
    // 50 parts are within the limit (and stored), then removed again.
    String ok =
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"五十块\",\"kind\":\"COOPERATION\"},"
            + "\"geometry\":"
            + multiPolygon(50)
            + "}";
    String path = "/api/plans/" + PLAN + "/zones/PARTS-50";
    HttpResponse<String> stored = post(path, HttpRequest.BodyPublishers.ofString(ok));
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
    admin.delete(path, "*");
  }

  @Test
  void aWhatIfWithTooManyPolygonsIs422() throws Exception {
    String code =
        admin
            .get("/api/plans/" + PLAN + "/zones")
            .json()
            .get("features")
            .get(0)
            .get("properties")
            .get("code")
            .asString();
    for (String body :
        java.util.List.of(
            multiPolygon(51),
            "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + multiPolygon(5_000) + "}")) {
      long start = System.nanoTime();
      JsonNode p =
          problem(
              post(
                  "/api/plans/" + PLAN + "/zones/" + code + "/what-if",
                  HttpRequest.BodyPublishers.ofString(body)),
              422,
              "geometry-too-large");
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5_000);
      assertThat(p.get("limit").asString()).isEqualTo("parts");
      assertThat(p.get("property").asString()).isEqualTo("zoneplan.limits.max-parts");
    }
  }

  // ------------------------------------------------------------------ compute time

  @Test
  void anAnalysisPastItsDeadlineIs503AndStops() {
    for (String path :
        java.util.List.of(
            "/api/plans/" + PLAN + "/overlaps?tolerance=3",
            "/api/plans/" + PLAN + "/concentration",
            "/api/compare?from=pujiang-2021&to=pujiang-2024")) {
      long start = System.nanoTime();
      Http.Response r = admin.get(path);
      assertThat(r.status()).as("%s: %s", path, r.text()).isEqualTo(503);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().get("type").asString())
          .isEqualTo("urn:zoneplan:problem:analysis-timeout");
      assertThat(r.json().get("property").asString()).isEqualTo("zoneplan.limits.analysis-timeout");
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5_000);
    }
    // Requests outside the analysis have no such deadline.
    assertThat(admin.get("/api/plans/" + PLAN + "/zones").status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ statement timeout

  /** A statement of the engine that runs for about {@code seconds} (or far longer). */
  abstract String slowStatement(int seconds);

  /** The statement timeout a pooled connection has, in milliseconds. */
  abstract long statementTimeoutMs(Connection connection) throws SQLException;

  @Test
  void everyStoreConnectionHasTheStatementTimeoutAndASlowQueryIsCancelled() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      assertThat(statementTimeoutMs(c)).isEqualTo(5_000);
    }
    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> jdbc.sql(slowStatement(60)).query().singleValue());
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(thrown).isNotNull();
    assertThat(ProblemAdvice.isStatementTimeout(thrown)).as(thrown.toString()).isTrue();
    assertThat(ms).as("cancelled after ms").isBetween(4_000L, 20_000L);
  }

  static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
