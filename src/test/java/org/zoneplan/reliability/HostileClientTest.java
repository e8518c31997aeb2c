package org.zoneplan.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.TestDirs;

/**
 * Issue 13's acceptance test, bounded in time, on loopback against the embedded store: for {@code
 * zoneplan.test.hostile-seconds} (20 s) one client sends each of the bombs in turn, in a
 * loop, while another times {@code GET /api/plans} and a cached tile. Every bomb must get a 4xx (or
 * 503) problem; the reader's 99th percentile must stay under 500 ms; the heap after GC must come
 * back to within 10% of where it started; and no row of the store may change.
 */
@Tag("slow")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"zoneplan.sample-data.parcels=2000"})
class HostileClientTest {
  static final String PLAN = "pujiang-2021";
  static final String TILE = "/tiles/zones/12/3398/1722.png?plan=" + PLAN;
  static final List<String> TABLES =
      List.of(
          "plan_version",
          "zone",
          "zone_history",
          "division",
          "parcel",
          "proposal",
          "proposal_change",
          "app_user",
          "audit_log",
          "evaluation_rule_set");

  /** Bombs whose body is over the request body limit (refused on Content-Length). */
  static final List<String> OVERSIZED = List.of("1M-vertex measure", "12 MB attribute");

  /** The embedded store's demo viewer. */
  static final Credentials VIEWER = new Credentials("viewer", Credentials.DEMO_PASSWORD);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Value("${zoneplan.test.hostile-seconds:20}")
  int seconds;

  @TempDir Path tmp;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws Exception {
    String dir = TestDirs.create("zoneplan-hostile").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** One bomb: a name and a request that must be refused. */
  record Bomb(String name, Supplier<HttpRequest> request) {}

  record Refusal(String bomb, int status, String contentType, String body) {}

  @Test
  void bombsAreRefusedWhileOthersAreServedAndNothingStays() throws Exception {
    List<Bomb> bombs = bombs();
    // Warm up: every bomb once, the tile into the cache, the plans; then the baseline.
    for (Bomb b : bombs) {
      Refusal r = send(b);
      if (r.status() == 0 && OVERSIZED.contains(b.name())) {
        r = send(b);
      }
      assertRefused(r);
    }
    assertThat(get(TILE, Credentials.ADMIN).statusCode()).isEqualTo(200);
    assertThat(get("/api/plans", Credentials.ADMIN).statusCode()).isEqualTo(200);
    Map<String, Long> rowsBefore = rowCounts();
    long heapBefore = heapAfterGc();

    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    // Only what is needed is kept (a failure's message, counts): the answers' bodies would weigh
    // on the heap that is measured, the server's and this client's being the same JVM.
    ConcurrentLinkedQueue<String> bombFailures = new ConcurrentLinkedQueue<>();
    Map<String, Integer> perBomb = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger unanswered =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger oversized =
        new java.util.concurrent.atomic.AtomicInteger();
    ConcurrentLinkedQueue<String> readerFailures = new ConcurrentLinkedQueue<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> hostile =
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  for (Bomb b : bombs) {
                    Refusal r = send(b);
                    perBomb.merge(b.name(), 1, Integer::sum);
                    if (OVERSIZED.contains(b.name())) {
                      oversized.incrementAndGet();
                      if (r.status() == 0) {
                        unanswered.incrementAndGet();
                        continue;
                      }
                    }
                    try {
                      assertRefused(r);
                    } catch (AssertionError e) {
                      bombFailures.add(e.getMessage());
                    }
                  }
                }
                return null;
              });
      Future<?> reader =
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  for (String path : List.of("/api/plans", TILE)) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> r = get(path, VIEWER);
                    latencies.add((System.nanoTime() - start) / 1_000);
                    if (r.statusCode() != 200) {
                      readerFailures.add(path + " " + r.statusCode());
                    }
                  }
                }
                return null;
              });
      hostile.get(seconds + 300L, TimeUnit.SECONDS);
      reader.get(seconds + 300L, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long p50 = sorted.get(sorted.size() / 2) / 1_000;
    long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1_000;
    long heapAfter = heapAfterGc();
    System.out.printf(
        "hostile client: %d s, bombs sent %s; reader %d requests, p50 %d ms, p99 %d ms, max %d ms;"
            + " heap after GC %d MB before, %d MB after%n",
        seconds,
        perBomb,
        sorted.size(),
        p50,
        p99,
        sorted.get(sorted.size() - 1) / 1_000,
        heapBefore >> 20,
        heapAfter >> 20);
    // A body over the limit is refused on its Content-Length while the client is still sending
    // it; Tomcat reads and discards the rest (server.tomcat.max-swallow-size), so the client must
    // read the 413, never a reset (JDK 17's HttpClient cannot use 100-continue here).
    System.out.printf(
        "hostile client: %d of %d bodies over the limit got a reset instead of the 413%n",
        unanswered.get(), oversized.get());
    assertThat(bombFailures).as("bombs not refused with a problem").isEmpty();
    assertThat(unanswered.get()).as("resets of %d oversized sends", oversized.get()).isZero();
    assertThat(perBomb.keySet()).hasSize(bombs.size());
    assertThat(readerFailures).as("the reader's failures").isEmpty();
    assertThat(rowCounts()).as("rows per table").isEqualTo(rowsBefore);
    assertThat(heapAfter)
        .as("heap after GC, bytes")
        .isLessThanOrEqualTo((long) (heapBefore * 1.10));
    assertThat(p99).as("reader p99, ms (p50 %d ms)", p50).isLessThan(500);
  }

  // ------------------------------------------------------------------ the bombs

  List<Bomb> bombs() throws Exception {
    String base = "http://127.0.0.1:" + port;
    List<Bomb> bombs = new ArrayList<>();
    // 1. the anonymous session flood: a page and an API call without credentials
    bombs.add(
        new Bomb(
            "anonymous page",
            () ->
                HttpRequest.newBuilder(URI.create(base + "/"))
                    .header("Accept", "text/html")
                    .GET()
                    .build()));
    bombs.add(
        new Bomb(
            "anonymous api",
            () -> HttpRequest.newBuilder(URI.create(base + "/api/plans")).GET().build()));
    // 2. a GeoPackage whose feature table is a recursive view without end
    byte[] gpkg = recursiveViewGeoPackage();
    bombs.add(
        new Bomb(
            "recursive gpkg view",
            () ->
                multipart(
                    base + "/api/import",
                    Map.of("layer", "parcels", "dryRun", "true"),
                    "view.gpkg",
                    gpkg)));
    // 3. a measure of a 1,000,000-vertex polygon (about 29 MB)
    byte[] million = polygon(1_000_000, 119.8, 29.45).getBytes(StandardCharsets.UTF_8);
    bombs.add(new Bomb("1M-vertex measure", () -> json(base + "/api/measure", "POST", million)));
    // 4. a zone whose attributes nest 498 deep
    StringBuilder nested = new StringBuilder();
    for (int i = 0; i < 498; i++) {
      nested.append("{\"a\":");
    }
    nested.append("1");
    nested.append("}".repeat(498));
    byte[] deepZone = zone("深层", nested.toString());
    bombs.add(
        new Bomb(
            "deep attributes",
            () -> json(base + "/api/plans/" + PLAN + "/zones/HOSTILE-DEEP", "POST", deepZone)));
    // 5. HEAD on the export as a viewer (GET's rule holds)
    bombs.add(
        new Bomb(
            "HEAD export",
            () ->
                HttpRequest.newBuilder(
                        URI.create(
                            base + "/api/plans/" + PLAN + "/export?layer=parcels&format=shapefile"))
                    .header("Authorization", VIEWER.header())
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build()));
    // 6. huge attributes: 100 KB (over the 64 KB bound) and 12 MB (over the body limit)
    byte[] large = zone("大属性", "{\"note\":\"" + "x".repeat(100_000) + "\"}");
    bombs.add(
        new Bomb(
            "100 KB attribute",
            () -> json(base + "/api/plans/" + PLAN + "/zones/HOSTILE-BIG", "POST", large)));
    byte[] huge = zone("巨属性", "{\"note\":\"" + "x".repeat(12_000_000) + "\"}");
    bombs.add(
        new Bomb(
            "12 MB attribute",
            () -> json(base + "/api/plans/" + PLAN + "/zones/HOSTILE-HUGE", "POST", huge)));
    // 7. an import of 20,000 features without geometry: one error each
    StringBuilder many = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < 20_000; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"type\":\"Feature\",\"properties\":{\"code\":\"E-")
          .append(i)
          .append("\",\"name\":\"错\",\"kind\":\"ZONE\"},\"geometry\":null}");
    }
    byte[] manyErrors = many.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    bombs.add(
        new Bomb(
            "many-error import",
            () ->
                multipart(
                    base + "/api/import",
                    Map.of("layer", "zones", "plan", PLAN),
                    "errors.geojson",
                    manyErrors)));
    return bombs;
  }

  /** 4xx or 503, as a problem (HEAD has no body); no session for anyone. */
  static void assertRefused(Refusal r) {
    String what = r.bomb() + ": " + (r.body() == null ? "" : abbreviate(r.body()));
    if (r.bomb().equals("anonymous page")) {
      // the page itself redirects to the login form; what counts is that no session is made
      assertThat(r.status()).as(what).isIn(302, 401);
      return;
    }
    assertThat(r.status()).as(what).isBetween(400, 499).isNotEqualTo(404);
    if (!r.bomb().equals("HEAD export")) {
      assertThat(r.contentType()).as(what).startsWith("application/problem+json");
    }
    if (r.bomb().equals("many-error import")) {
      assertThat(r.body()).as(what).contains("\"problemCount\":20000", "\"listed\":1000");
      assertThat(r.body().length()).as(what).isLessThan(400_000);
    }
  }

  static String abbreviate(String s) {
    return s.length() < 300 ? s : s.substring(0, 300) + "…";
  }

  Refusal send(Bomb b) {
    try {
      HttpResponse<String> r =
          client.send(
              b.request().get(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID="))) {
        return new Refusal(b.name(), 999, "", "a session was created");
      }
      return new Refusal(
          b.name(), r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (java.io.IOException e) {
      // no answer at all (the connection closed under a large body): not a problem, a failure
      return new Refusal(b.name(), 0, "", "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> get(String path, Credentials user) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Authorization", user.header())
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(path, e);
    }
  }

  static HttpRequest json(String url, String method, byte[] body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", Credentials.ADMIN.header())
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  static HttpRequest multipart(
      String url, Map<String, String> fields, String fileName, byte[] file) {
    String boundary = "----hostile" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + e.getKey()
                  + "\"\r\n\r\n"
                  + e.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", Credentials.ADMIN.header())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }

  static byte[] zone(String name, String attributes) {
    return ("{\"type\":\"Feature\",\"properties\":{\"name\":\""
            + name
            + "\",\"kind\":\"COOPERATION\",\"attributes\":"
            + attributes
            + "},\"geometry\":"
            + polygon(5, 119.75, 29.53)
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A closed ring of {@code n} positions around (cx, cy), as a GeoJSON Polygon. */
  static String polygon(int n, double cx, double cy) {
    StringBuilder s = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i < n - 1; i++) {
      double a = 2 * Math.PI * i / (n - 1);
      s.append(i == 0 ? "" : ",")
          .append('[')
          .append((float) (cx + 0.01 * Math.cos(a)))
          .append(',')
          .append((float) (cy + 0.01 * Math.sin(a)))
          .append(']');
    }
    s.append(",[").append((float) (cx + 0.01)).append(',').append((float) cy).append("]]]}");
    return s.toString();
  }

  byte[] recursiveViewGeoPackage() throws Exception {
    Path file = tmp.resolve("hostile.gpkg");
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = db.createStatement()) {
      s.execute("PRAGMA application_id = 1196444487"); // 'GPKG'
      s.execute(
          "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
              + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
              + " definition TEXT NOT NULL, description TEXT)");
      s.execute(
          "INSERT INTO gpkg_spatial_ref_sys VALUES ('CGCS2000', 4490, 'EPSG', 4490, 'undefined',"
              + " NULL)");
      s.execute(
          "CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL,"
              + " identifier TEXT, description TEXT, last_change DATETIME, min_x DOUBLE, min_y"
              + " DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)");
      s.execute(
          "INSERT INTO gpkg_contents VALUES ('parcels', 'features', 'parcels', '', "
              + "'2026-01-01T00:00:00Z', 119, 29, 120, 30, 4490)");
      s.execute(
          "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT"
              + " NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT"
              + " NULL, m TINYINT NOT NULL)");
      s.execute(
          "INSERT INTO gpkg_geometry_columns VALUES ('parcels', 'geom', 'MULTIPOLYGON', 4490, 0, 0)");
      s.execute(
          "CREATE VIEW parcels AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM"
              + " r) SELECT n AS fid, NULL AS geom, '0601' AS dlbm FROM r");
    }
    return Files.readAllBytes(file);
  }

  // ------------------------------------------------------------------ measurements

  Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  /** Used heap after full collections, in bytes: the lowest of a few tries. */
  static long heapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
    }
    return lowest;
  }
}
