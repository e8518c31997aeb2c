package org.zoneplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.ServerProcess;
import tools.jackson.databind.JsonNode;

/**
 * The server is killed with SIGKILL while it approves a large proposal, or while it imports 40,000
 * parcels; after a restart on the same store the approval or the import has happened entirely or
 * not at all. Subclasses name the store, and may move the moments of the kill to where their engine
 * is writing (per-class instances: the moments come from overridable methods).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow") // SIGKILL tests: minutes each: left out by the fast command (README)
abstract class CrashConsistencyContract {
  static final int CHANGES = 400;

  /** Spring arguments that point a fresh server at this test's store. */
  abstract String[] storeArguments(String name) throws Exception;

  /** When to kill the server, in ms after the approval was sent. */
  IntStream approvalKillTimes() {
    return IntStream.of(150, 600, 1500);
  }

  /** When to kill the server, in ms after the upload was sent. */
  IntStream importKillTimes() {
    return IntStream.of(400, 1200, 2500);
  }

  @ParameterizedTest(name = "killed {0} ms into the approval")
  @MethodSource("approvalKillTimes")
  void approvalIsAllOrNothingAfterSigkill(int killAfterMs) throws Exception {
    String[] store = storeArguments("crash" + killAfterMs);
    Path log = Files.createTempFile("zoneplan-crash", ".log");
    long id;
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      Http http = new Http(server.port());
      Http.Response created = http.post("/api/proposals", bigProposal());
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      id = created.json().get("id").longValue();
      assertThat(http.post("/api/proposals/" + id + "/submit", "").status()).isEqualTo(200);
      // Approve without waiting for the answer, then kill the server mid-way.
      CompletableFuture<HttpResponse<String>> approval =
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.port()
                                  + "/api/proposals/"
                                  + id
                                  + "/approve"))
                      .header("Authorization", Credentials.ADMIN.header())
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Thread.sleep(killAfterMs);
      server.kill();
      approval.handle((r, e) -> null).join();
    }
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      Http http = new Http(server.port());
      String status = http.get("/api/proposals/" + id).json().get("status").asString();
      int created = 0;
      for (JsonNode f : http.get("/api/plans/pujiang-2021/zones").json().get("features")) {
        if (f.get("properties").get("code").asString().startsWith("CRASH-")) {
          created++;
        }
      }
      int history = 0;
      for (int i = 0; i < CHANGES; i += 97) {
        if (http.get("/api/plans/pujiang-2021/zones/CRASH-" + i + "/history").status() == 200) {
          history++;
        }
      }
      if (status.equals("APPROVED")) {
        assertThat(created).isEqualTo(CHANGES);
        assertThat(history).isEqualTo(5);
      } else {
        assertThat(status).isEqualTo("SUBMITTED");
        assertThat(created).isZero();
        assertThat(history).isZero();
        // And it can still be approved, completely.
        long started = System.nanoTime();
        assertThat(http.post("/api/proposals/" + id + "/approve", "").status()).isEqualTo(200);
        System.err.printf(
            Locale.ROOT,
            "crash test: a whole approval takes %d ms%n",
            (System.nanoTime() - started) / 1_000_000);
        int after = 0;
        for (JsonNode f : http.get("/api/plans/pujiang-2021/zones").json().get("features")) {
          if (f.get("properties").get("code").asString().startsWith("CRASH-")) {
            after++;
          }
        }
        assertThat(after).isEqualTo(CHANGES);
      }
      System.err.printf(Locale.ROOT, "crash test: killed after %d ms → %s%n", killAfterMs, status);
    }
  }

  static final int IMPORTED = 40_000;

  @ParameterizedTest(name = "killed {0} ms into the import")
  @MethodSource("importKillTimes")
  void importIsAllOrNothingAfterSigkill(int killAfterMs) throws Exception {
    String[] store = storeArguments("import" + killAfterMs);
    Path log = Files.createTempFile("zoneplan-crash-import", ".log");
    byte[] upload = parcelsGeoJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String boundary = "----zoneplan-crash";
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (String[] field : new String[][] {{"layer", "parcels"}, {"dryRun", "false"}}) {
      body.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field[0]
                  + "\"\r\n\r\n"
                  + field[1]
                  + "\r\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"parcels.geojson\"\r\n"
                + "Content-Type: application/geo+json\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.write(upload);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      assertThat(countImported(new Http(server.port()))).isZero();
      CompletableFuture<HttpResponse<String>> running =
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/api/import"))
                      .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                      .header("Authorization", Credentials.ADMIN.header())
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Thread.sleep(killAfterMs);
      server.kill();
      running.handle((r, e) -> null).join();
    }
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      int found = countImported(new Http(server.port()));
      System.err.printf(
          Locale.ROOT,
          "crash test: import killed after %d ms → %d of %d parcels%n",
          killAfterMs,
          found,
          IMPORTED);
      assertThat(found).isIn(0, IMPORTED);
      if (found == 0) {
        // Nothing half-written, and the same upload still goes through, completely.
        long started = System.nanoTime();
        HttpResponse<String> again =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/api/import"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", Credentials.ADMIN.header())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        System.err.printf(
            Locale.ROOT,
            "crash test: a whole import takes %d ms%n",
            (System.nanoTime() - started) / 1_000_000);
        assertThat(countImported(new Http(server.port()))).isEqualTo(IMPORTED);
      }
    }
  }

  /** Parcels inside the import's box (north-west of Pujiang, where the sample has none). */
  static int countImported(Http http) {
    int count = 0;
    for (int offset = 0; ; offset += 10_000) {
      JsonNode page =
          http.get("/api/parcels?bbox=119.60,29.58,119.75,29.66&limit=10000&offset=" + offset)
              .json();
      count += page.get("features").size();
      if (page.get("features").size() < 10_000) {
        return count;
      }
    }
  }

  /** 40,000 small industrial parcels as GeoJSON (三调 0601). */
  static String parcelsGeoJson() {
    StringBuilder features = new StringBuilder();
    for (int i = 0; i < IMPORTED; i++) {
      double lon = 119.61 + (i % 100) * 0.0012;
      double lat = 29.59 + (i / 100) * 0.00016;
      if (i > 0) {
        features.append(',');
      }
      features.append(
          String.format(
              Locale.ROOT,
              "{\"type\":\"Feature\",\"properties\":{\"scheme\":\"SANDIAO\",\"landUseCode\":\"0601\"},"
                  + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}",
              lon,
              lat,
              lon + 0.001,
              lat,
              lon + 0.001,
              lat + 0.0006,
              lon,
              lat + 0.0006,
              lon,
              lat));
    }
    return "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}";
  }

  /** 400 small new zones in a row in the north-west of the county, one proposal. */
  static String bigProposal() {
    StringBuilder changes = new StringBuilder();
    for (int i = 0; i < CHANGES; i++) {
      double lon = 119.70 + (i % 20) * 0.003;
      double lat = 29.58 + (i / 20) * 0.003;
      if (i > 0) {
        changes.append(',');
      }
      changes.append(
          String.format(
              Locale.ROOT,
              "{\"operation\":\"CREATE\",\"code\":\"CRASH-%d\",\"feature\":{\"type\":\"Feature\","
                  + "\"properties\":{\"name\":\"地块%d\",\"kind\":\"FUNCTIONAL\",\"parent\":\"PJ\"},"
                  + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}}",
              i,
              i,
              lon,
              lat,
              lon + 0.002,
              lat,
              lon + 0.002,
              lat + 0.002,
              lon,
              lat + 0.002,
              lon,
              lat));
    }
    return "{\"planId\":\"pujiang-2021\",\"title\":\"崩溃测试\",\"reason\":\"SIGKILL 测试\",\"changes\":["
        + changes
        + "]}";
  }
}
