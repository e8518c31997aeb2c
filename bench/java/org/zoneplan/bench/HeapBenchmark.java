package org.zoneplan.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.HttpURLConnection;
import java.net.URI;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.session.HttpSessionCreatedEvent;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.tiles.TileCoord;

/**
 * Heap against requests served (issue 16's goal "heap after a full GC does not grow with the number
 * of requests served"): zoneplan on PostGIS with {@link GridCounty#jinhua} parcels serves a mix of
 * requests from 16 keep-alive clients, and the heap in use after a full GC is printed after a
 * warm-up, after 10,000 and after 100,000 requests.
 *
 * <p>The mix, in turn: cached z14 parcel tiles (MVT, HTTP Basic), z15 parcel tiles (rendered on
 * their first request, cached after), zone tiles as MVT and PNG, the plan's indicators (JSON), and
 * two anonymous requests (a tile and an API call, both answered 401). Sessions are counted through
 * Spring Security's {@link HttpSessionCreatedEvent}.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:java -Dbench=heap} ({@code
 * -Dbench.parcels=20000}, {@code -Dbench.requests=100000}). The server runs in this JVM: the full
 * GC is {@code System.gc()} (a stop-the-world full collection with G1 unless {@code
 * -XX:+ExplicitGCInvokesConcurrent}, which is off by default), three times; the heap figure is the
 * smallest "used" seen after them. The clients' own objects are in the same heap (bounded: 16
 * threads and their connections).
 */
public final class HeapBenchmark {
  private static final int CLIENTS = 16;

  private HeapBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("http.maxConnections", "64");
    int parcels = Integer.getInteger("bench.parcels", 20_000);
    int total = Integer.getInteger("bench.requests", 100_000);
    int first = Math.min(10_000, total);
    GridCounty county = GridCounty.jinhua(parcels);
    System.out.println("zoneplan heap against requests served (issue 16)");
    System.out.println("  " + county.description());
    AnalysisBenchmark.machine("start");
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("bench-heap");
    ConfigurableApplicationContext app = AnalysisBenchmark.startOnPostgis(db);
    AtomicLong sessions = new AtomicLong();
    app.addApplicationListener(
        (ApplicationListener<HttpSessionCreatedEvent>) e -> sessions.incrementAndGet());
    try (Connection sql = db.connect()) {
      TileBenchmark.load(county, app.getBean(ParcelRepository.class), sql);
      // written past ParcelService (no event): drop what was built from the parcels before, as an
      // import does (the analysis's parcel index, which the tiles read when it is built)
      app.publishEvent(new org.zoneplan.parcels.ParcelsChangedEvent(null));
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      List<Request> mix = mix(county);
      System.out.printf(
          Locale.ROOT,
          "  %d distinct requests in the mix, %d clients, server %s%n",
          mix.size(),
          CLIENTS,
          base);
      Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

      serve(base, mix, 2_000, statuses); // warm-up: JIT, caches filled, pools at size
      long warm = heapAfterFullGc();
      serve(base, mix, first, statuses);
      long afterFirst = heapAfterFullGc();
      serve(base, mix, total - first, statuses);
      long afterTotal = heapAfterFullGc();

      System.out.printf(
          Locale.ROOT, "  statuses %s; HTTP sessions created %d%n", statuses, sessions.get());
      System.out.printf(
          Locale.ROOT, "  heap after a full GC, after the warm-up (2,000):   %8.1f MB%n", mb(warm));
      System.out.printf(
          Locale.ROOT,
          "  heap after a full GC, after %,7d requests:        %8.1f MB%n",
          first,
          mb(afterFirst));
      System.out.printf(
          Locale.ROOT,
          "  heap after a full GC, after %,7d requests:        %8.1f MB%n",
          total,
          mb(afterTotal));
      double growth = afterTotal - afterFirst;
      // "Does not grow": less than 1 MB more after nine times as many requests (a leak of even
      // 12 bytes a request would show), and no session.
      boolean met = growth < 1024 * 1024 && sessions.get() == 0 && !statuses.containsKey(500);
      System.out.printf(
          Locale.ROOT,
          "  growth from %,d to %,d requests: %+.2f MB (%+.1f bytes a request): %s%n",
          first,
          total,
          growth / 1048576.0,
          growth / (total - first),
          met ? "does not grow (goal met)" : "GROWS (goal missed)");
    } finally {
      app.close();
    }
  }

  record Request(String path, boolean signIn, int expected) {}

  private static List<Request> mix(GridCounty county) {
    List<TileCoord> z14 = TileBenchmark.tilesOver(county.extent(), 14);
    List<TileCoord> z15 = TileBenchmark.tilesOver(county.extent(), 15);
    List<Request> out = new ArrayList<>();
    for (int i = 0; i < Math.max(z14.size(), 64); i++) {
      TileCoord a = z14.get(i % z14.size());
      TileCoord b = z15.get(i % z15.size());
      out.add(new Request("/tiles/parcels/" + a + ".mvt", true, 0));
      out.add(new Request("/tiles/parcels/" + b + ".mvt", true, 0));
      out.add(new Request("/tiles/zones/" + a + ".mvt?plan=pujiang-2021", true, 0));
      out.add(new Request("/tiles/zones/" + a + ".png?plan=pujiang-2021", true, 0));
      out.add(new Request("/api/plans/pujiang-2021/indicators", true, 200));
      out.add(new Request("/tiles/parcels/" + a + ".mvt", false, 401));
      out.add(new Request("/api/plans", false, 401));
    }
    return out;
  }

  /** {@code count} requests from the mix, in turn, over {@link #CLIENTS} keep-alive clients. */
  private static void serve(
      String base, List<Request> mix, int count, Map<Integer, AtomicLong> statuses)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> clients = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < CLIENTS; c++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    Request r = mix.get(i % mix.size());
                    int status = get(base + r.path(), r.signIn());
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    boolean ok =
                        r.expected() == 0 ? status == 200 || status == 204 : status == r.expected();
                    if (!ok) {
                      throw new IllegalStateException(r.path() + ": HTTP " + status);
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      clients.add(t);
      t.start();
    }
    for (Thread t : clients) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a request failed", failures.get(0));
    }
    System.out.printf(
        Locale.ROOT, "  served %,d requests in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
  }

  private static int get(String url, boolean signIn) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    if (signIn) {
      c.setRequestProperty("Authorization", Credentials.ADMIN.header());
    }
    int status = c.getResponseCode();
    // read to the end either way, so that the connection is kept alive
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }

  /** Heap in use after a full collection: the smallest of three. */
  private static long heapAfterFullGc() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      long used = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          used += pool.getUsage().getUsed();
        }
      }
      best = Math.min(best, used);
    }
    return best;
  }

  private static double mb(long bytes) {
    return bytes / 1048576.0;
  }
}
