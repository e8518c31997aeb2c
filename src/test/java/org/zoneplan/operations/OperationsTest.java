package org.zoneplan.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.analysis.AnalysisInputs;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.SampleStores;
import tools.jackson.databind.JsonNode;

/**
 * Health, readiness, metrics and the OpenAPI document, as a load balancer, Prometheus and an API
 * client see them, behind the security rules: health open (status only), the rest signed-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsTest {
  @LocalServerPort int port;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(registry, "zoneplan-operations");
  }

  private Http.Response waitFor(Http http, String path, int status) throws InterruptedException {
    Http.Response r = http.get(path);
    for (int i = 0; i < 600 && r.status() != status; i++) {
      Thread.sleep(100);
      r = http.get(path);
    }
    return r;
  }

  @Test
  void healthIsOpenAndSaysOnlyItsStatusReadinessWaitsForTheWarmUp() throws Exception {
    Http anonymous = new Http(port).anonymous();
    Http.Response ready = waitFor(anonymous, "/actuator/health/readiness", 200);
    assertThat(ready.status()).as(ready.text()).isEqualTo(200);
    assertThat(ready.json().get("status").asString()).isEqualTo("UP");
    Http.Response live = anonymous.get("/actuator/health/liveness");
    assertThat(live.status()).isEqualTo(200);
    Http.Response health = waitFor(anonymous, "/actuator/health", 200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    // Status only: no component details (database, disk) for strangers.
    assertThat(health.json().has("components")).isFalse();
    assertThat(health.json().has("details")).isFalse();
  }

  @Test
  void readinessIsOutOfServiceUntilTheAnalysisHasWarmedUp() {
    AnalysisInputs inputs = Mockito.mock(AnalysisInputs.class);
    AnalysisReadiness readiness = new AnalysisReadiness(inputs);
    Mockito.when(inputs.warmedUp()).thenReturn(false);
    assertThat(readiness.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    Mockito.when(inputs.warmedUp()).thenReturn(true);
    assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void prometheusMetricsForSignedInUsersWithRequestTimesTileCacheAndPool() throws Exception {
    Http anonymous = new Http(port).anonymous();
    assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
    Http viewer = new Http(port).as(new Credentials("viewer", Credentials.DEMO_PASSWORD));
    String tile = "/tiles/zones/14/13648/6747.mvt?plan=pujiang-2021";
    assertThat(viewer.get(tile).status()).isIn(200, 204);
    assertThat(viewer.get(tile).status()).isIn(200, 204); // from the cache
    Http.Response metrics = viewer.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    String text = metrics.text();
    assertThat(text).contains("http_server_requests_seconds_count", "hikaricp_connections");
    Matcher hits =
        Pattern.compile("cache_gets_total\\{cache=\"tiles\"[^}]*result=\"hit\"[^}]*} ([0-9.E]+)")
            .matcher(text);
    assertThat(hits.find()).as("tile cache hits in\n%s", text).isTrue();
    assertThat(Double.parseDouble(hits.group(1))).isGreaterThanOrEqualTo(1);
    assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/tiles/");
  }

  /** Tomcat's count of sessions created since start, from the Prometheus metrics. */
  private static double sessionsCreated(Http admin) {
    Matcher m =
        Pattern.compile("(?m)^tomcat_sessions_created_sessions_total(\\{[^}]*})? ([0-9.E]+)$")
            .matcher(admin.get("/actuator/prometheus").text());
    assertThat(m.find()).as("tomcat_sessions_created_sessions_total").isTrue();
    return Double.parseDouble(m.group(2));
  }

  /**
   * Issue 16.1: scripts, GDAL and QGIS send HTTP Basic with every request; none of those requests
   * may leave a session behind (each used to, for 30 minutes). 10,000 of them, to the API, tiles,
   * the OGC API and metrics, and Tomcat's own count of created sessions does not move.
   */
  @Test
  @org.junit.jupiter.api.Tag("slow") // 10,000 requests: left out by the fast command
  void tenThousandBasicRequestsCreateNoSession() throws Exception {
    Http viewer = new Http(port).as(new Credentials("viewer", Credentials.DEMO_PASSWORD));
    double before = sessionsCreated(viewer);
    String[] paths = {
      "/tiles/parcels/14/13648/6747.mvt",
      "/api/plans",
      "/ogc/collections",
      "/tiles/zones/14/13648/6747.png?plan=pujiang-2021"
    };
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.atomic.AtomicInteger cookies =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failed =
        new java.util.concurrent.atomic.AtomicInteger();
    try {
      java.util.List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
                  for (int i = 0; i < 1250; i++) {
                    String path = paths[(thread + i) % paths.length];
                    java.net.http.HttpResponse<Void> r =
                        client.send(
                            java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + path))
                                .header(
                                    "Authorization",
                                    new Credentials("viewer", Credentials.DEMO_PASSWORD).header())
                                .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() >= 300) {
                      failed.incrementAndGet();
                    }
                    if (r.headers().allValues("Set-Cookie").stream()
                        .anyMatch(c -> c.startsWith("JSESSIONID="))) {
                      cookies.incrementAndGet();
                    }
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
    assertThat(failed.get()).isZero();
    assertThat(cookies.get()).isZero();
    assertThat(sessionsCreated(viewer)).isEqualTo(before);
  }

  @Test
  void theOpenApiDocumentDescribesTheRestApiForSignedInUsers() {
    assertThat(new Http(port).anonymous().get("/v3/api-docs").status()).isEqualTo(401);
    Http viewer = new Http(port).as(new Credentials("viewer", Credentials.DEMO_PASSWORD));
    Http.Response docs = viewer.get("/v3/api-docs");
    assertThat(docs.status()).as(docs.text()).isEqualTo(200);
    JsonNode api = docs.json();
    assertThat(api.get("openapi").asString()).startsWith("3.");
    JsonNode paths = api.get("paths");
    assertThat(paths.has("/api/plans/{planId}/zones/{code}")).as(paths.toString()).isTrue();
    assertThat(paths.get("/api/plans/{planId}/zones/{code}").has("put")).isTrue();
    assertThat(paths.size()).isGreaterThan(40);
  }
}
