package org.zoneplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.ServerProcess;
import tools.jackson.databind.JsonNode;

/**
 * The server is killed with SIGKILL part-way through approving a large proposal, or part-way
 * through importing 40,000 parcels; after a restart on the same store the approval or the import
 * has happened entirely or not at all.
 *
 * <p>Each kill is aimed, not timed: the server is started with DEBUG progress lines of {@code
 * ProposalService} and {@code ParcelImporter} on, which those classes write from inside the writing
 * transaction after every 50 changes or 1,000 parcels; the test reads the server's log and kills as
 * soon as the chosen line appears. Before the kill, a subclass may add its engine's own evidence
 * ({@link #openWriteTransaction}: PostGIS names the server's open transaction and the rows it has
 * written that no one else can see yet). A kill counts as landed inside the transaction when that
 * evidence was seen before it and the restart finds nothing written (the transaction was rolled
 * back); when the restart finds everything instead, the commit won the race with the kill and the
 * case is tried again on a fresh store, at most {@value #ATTEMPTS} times, then fails. The number of
 * kills that landed inside is printed at the end. One more case kills the server after the approval
 * was answered: an acknowledged commit survives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow") // SIGKILL tests: minutes each: left out by the fast command (README)
abstract class CrashConsistencyContract {
  static final int CHANGES = 400;
  static final int ATTEMPTS = 3;

  /** The server's progress lines, written inside the writing transactions (DEBUG only). */
  static final String[] PROGRESS_LOGGING = {
    "--logging.level.org.zoneplan.proposals.ProposalService=DEBUG",
    "--logging.level.org.zoneplan.imports.ParcelImporter=DEBUG"
  };

  private final AtomicInteger kills = new AtomicInteger();
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicInteger commitWon = new AtomicInteger();

  /** Spring arguments that point a fresh server at this test's store. */
  abstract String[] storeArguments(String name) throws Exception;

  /**
   * The engine's own evidence, seen from outside the server, that a transaction is open right now
   * and has written rows of {@code table} that are not committed; {@code null} when the engine
   * cannot be looked into from another process (the embedded H2 file is locked by the server: only
   * the server's progress line shows the writes then). Called just before the kill, for the store
   * last named by {@link #storeArguments}. Throws when the engine shows no open write transaction.
   */
  String openWriteTransaction(String table) throws Exception {
    return null;
  }

  /** Changes of the 400 after which the approval is killed: early and late in its writes. */
  IntStream approvalKillPoints() {
    return IntStream.of(50, 300);
  }

  /** Parcels of the 40,000 after which the import is killed: early and late in its writes. */
  IntStream importKillPoints() {
    return IntStream.of(2_000, 30_000);
  }

  @AfterAll
  void reportKills() {
    System.err.printf(
        Locale.ROOT,
        "crash test (%s): %d of %d kills landed inside the writing transaction"
            + " (%d retried: the commit came first)%n",
        getClass().getSimpleName(),
        inside.get(),
        kills.get(),
        commitWon.get());
  }

  @ParameterizedTest(name = "killed after {0} of 400 changes written")
  @MethodSource("approvalKillPoints")
  void approvalIsAllOrNothingAfterSigkill(int killAfterChanges) throws Exception {
    for (int attempt = 1; ; attempt++) {
      if (approvalKilledInside("crash" + killAfterChanges + "-" + attempt, killAfterChanges)) {
        return;
      }
      assertThat(attempt)
          .as("the approval committed before the kill in %d attempts", attempt)
          .isLessThan(ATTEMPTS);
    }
  }

  /** An approval that was answered is kept when the server is killed afterwards. */
  @Test
  void answeredApprovalSurvivesSigkill() throws Exception {
    String[] store = storeArguments("crash-answered");
    Path log = Files.createTempFile("zoneplan-crash", ".log");
    long id;
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      Http http = new Http(server.port());
      id = submittedProposal(http);
      assertThat(http.post("/api/proposals/" + id + "/approve", "").status()).isEqualTo(200);
      server.kill();
    }
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      Http http = new Http(server.port());
      assertThat(http.get("/api/proposals/" + id).json().get("status").asString())
          .isEqualTo("APPROVED");
      assertThat(crashZones(http)).isEqualTo(CHANGES);
    }
  }

  /**
   * One approval killed after {@code killAfter} changes were written; true when the kill landed
   * inside the transaction (nothing written after the restart), false when the commit came first.
   */
  private boolean approvalKilledInside(String name, int killAfter) throws Exception {
    String[] store = withProgress(storeArguments(name));
    Path log = Files.createTempFile("zoneplan-crash", ".log");
    long id;
    Evidence evidence;
    HttpResponse<String> answered;
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      Http http = new Http(server.port());
      id = submittedProposal(http);
      long mark = Files.size(log);
      // Approve without waiting for the answer; kill once the chosen progress line is logged.
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
      String line =
          awaitProgress(
              log,
              mark,
              Pattern.compile("proposal " + id + ": (\\d+) of " + CHANGES + " changes written"),
              killAfter,
              approval);
      evidence = engineEvidence(line, "zone");
      server.kill();
      answered = approval.handle((r, e) -> r).join();
    }
    kills.incrementAndGet();
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      Http http = new Http(server.port());
      String status = http.get("/api/proposals/" + id).json().get("status").asString();
      int created = crashZones(http);
      int history = 0;
      for (int i = 0; i < CHANGES; i += 97) {
        if (http.get("/api/plans/pujiang-2021/zones/CRASH-" + i + "/history").status() == 200) {
          history++;
        }
      }
      if (status.equals("APPROVED")) {
        // Entire: the commit came before the kill, so this kill proves nothing about a rollback.
        assertThat(created).isEqualTo(CHANGES);
        assertThat(history).isEqualTo(5);
        commitWon.incrementAndGet();
        System.err.printf(
            Locale.ROOT,
            "crash test: approval committed before the kill (%s); again%n",
            evidence.text());
        return false;
      }
      // An answer that came before the kill other than the commit's would be a rollback of its own.
      assertThat(answered == null ? 0 : answered.statusCode())
          .as("answered before the kill: %s", answered == null ? "" : answered.body())
          .isZero();
      assertThat(status).isEqualTo("SUBMITTED");
      assertThat(created).isZero();
      assertThat(history).isZero();
      assertThat(evidence.open())
          .as("rolled back, but the engine showed no open transaction: %s", evidence.text())
          .isTrue();
      inside.incrementAndGet();
      System.err.printf(
          Locale.ROOT, "crash test: approval killed inside its transaction: %s%n", evidence.text());
      // And it can still be approved, completely.
      long started = System.nanoTime();
      assertThat(http.post("/api/proposals/" + id + "/approve", "").status()).isEqualTo(200);
      System.err.printf(
          Locale.ROOT,
          "crash test: a whole approval takes %d ms%n",
          (System.nanoTime() - started) / 1_000_000);
      assertThat(crashZones(http)).isEqualTo(CHANGES);
      return true;
    }
  }

  static final int IMPORTED = 40_000;

  @ParameterizedTest(name = "killed after {0} of 40,000 parcels written")
  @MethodSource("importKillPoints")
  void importIsAllOrNothingAfterSigkill(int killAfterParcels) throws Exception {
    for (int attempt = 1; ; attempt++) {
      if (importKilledInside("import" + killAfterParcels + "-" + attempt, killAfterParcels)) {
        return;
      }
      assertThat(attempt)
          .as("the import committed before the kill in %d attempts", attempt)
          .isLessThan(ATTEMPTS);
    }
  }

  private boolean importKilledInside(String name, int killAfter) throws Exception {
    String[] store = withProgress(storeArguments(name));
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
    Evidence evidence;
    HttpResponse<String> answered;
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      assertThat(countImported(new Http(server.port()))).isZero();
      long mark = Files.size(log);
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
      String line =
          awaitProgress(
              log,
              mark,
              Pattern.compile("import: (\\d+) of " + IMPORTED + " parcels written"),
              killAfter,
              running);
      evidence = engineEvidence(line, "parcel");
      server.kill();
      answered = running.handle((r, e) -> r).join();
    }
    kills.incrementAndGet();
    try (ServerProcess server = new ServerProcess(log, store).start()) {
      int found = countImported(new Http(server.port()));
      assertThat(found).as("parcels after the restart").isIn(0, IMPORTED);
      if (found == IMPORTED) {
        commitWon.incrementAndGet();
        System.err.printf(
            Locale.ROOT,
            "crash test: import committed before the kill (%s); again%n",
            evidence.text());
        return false;
      }
      // An answer that came before the kill other than the commit's would be a rollback of its own.
      assertThat(answered == null ? 0 : answered.statusCode())
          .as("answered before the kill: %s", answered == null ? "" : answered.body())
          .isZero();
      assertThat(evidence.open())
          .as("rolled back, but the engine showed no open transaction: %s", evidence.text())
          .isTrue();
      inside.incrementAndGet();
      System.err.printf(
          Locale.ROOT, "crash test: import killed inside its transaction: %s%n", evidence.text());
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
      return true;
    }
  }

  /** What the engine showed just before a kill, and whether it showed an open write. */
  private record Evidence(String text, boolean open) {}

  private Evidence engineEvidence(String line, String table) throws Exception {
    try {
      String seen = openWriteTransaction(table);
      return new Evidence(line + (seen == null ? "" : "; " + seen), true);
    } catch (AssertionError closed) {
      // The commit may have come between the progress line and this look: the restart shows it.
      return new Evidence(line + "; " + closed.getMessage(), false);
    }
  }

  private static String[] withProgress(String[] store) {
    String[] all = Arrays.copyOf(store, store.length + PROGRESS_LOGGING.length);
    System.arraycopy(PROGRESS_LOGGING, 0, all, store.length, PROGRESS_LOGGING.length);
    return all;
  }

  /**
   * Reads the server's log from {@code mark} until a progress line matching {@code progress}
   * reports at least {@code atLeast} rows written, and returns it. Fails when the request was
   * answered first (the writes were over before the line came) or after two minutes.
   */
  private static String awaitProgress(
      Path log,
      long mark,
      Pattern progress,
      int atLeast,
      CompletableFuture<HttpResponse<String>> request)
      throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    StringBuilder pending = new StringBuilder();
    try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
      in.seek(mark);
      byte[] buffer = new byte[65_536];
      while (System.nanoTime() < deadline) {
        int n = in.read(buffer);
        if (n > 0) {
          pending.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          int end;
          while ((end = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, end);
            pending.delete(0, end + 1);
            Matcher m = progress.matcher(line);
            if (m.find() && Integer.parseInt(m.group(1)) >= atLeast) {
              return "the server logged \"" + line.substring(m.start()) + "\"";
            }
          }
          continue;
        }
        if (request.isDone()) {
          HttpResponse<String> answer = request.handle((r, e) -> r).join();
          throw new AssertionError(
              "answered before the progress line ("
                  + (answer == null ? "no answer" : answer.statusCode() + " " + answer.body())
                  + "); see "
                  + log);
        }
        Thread.sleep(2);
      }
    }
    throw new AssertionError("no progress line " + progress + " within 2 minutes; see " + log);
  }

  private static long submittedProposal(Http http) {
    Http.Response created = http.post("/api/proposals", bigProposal());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    long id = created.json().get("id").longValue();
    assertThat(http.post("/api/proposals/" + id + "/submit", "").status()).isEqualTo(200);
    return id;
  }

  private static int crashZones(Http http) {
    int created = 0;
    for (JsonNode f : http.get("/api/plans/pujiang-2021/zones").json().get("features")) {
      if (f.get("properties").get("code").asString().startsWith("CRASH-")) {
        created++;
      }
    }
    return created;
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
