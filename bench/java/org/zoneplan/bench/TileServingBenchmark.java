package org.zoneplan.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.tiles.MvtTestSupport;
import org.zoneplan.tiles.TileCoord;
import org.zoneplan.tiles.TileService;

/**
 * Tiles served over HTTP, like for like (issue 16): zoneplan (Tomcat, Spring Security with HTTP
 * Basic on every request, its tile engine) against {@link PostgisTileServer} (PostGIS {@code
 * ST_AsMVT} behind the JDK's minimal HTTP server, one SQL statement per tile, as pg_tileserv), on
 * the same 200,000 parcels in the same PostGIS, and cached zoneplan tiles against nginx serving the
 * same bytes as static files.
 *
 * <ol>
 *   <li><b>Same features</b>: every z14 tile over the county and 360 z16 tiles, from both servers,
 *       decoded with an independent library (mapbox-vector-tile-java); feature ids compared, and
 *       each common feature's area in tile units. The peer's SQL leaves out the sub-pixel parcels
 *       below zoom 15 by zoneplan's rule.
 *   <li><b>Uncached</b>: the same tiles at 1 and at 16 concurrent connections (keep-alive, a Java
 *       client: each tile requested once per pass, so zoneplan's cache is cleared before each pass
 *       and never hit), passes of both servers alternated, the median of three after a warm-up.
 *   <li><b>Cached</b>: {@code wrk} over every non-empty z14 tile (a Lua script cycles through them)
 *       at 16 connections (2 threads) and at 1, against zoneplan (Basic credentials on every
 *       request, all tiles cached) and against nginx (started here on a free port with a generated
 *       configuration, {@code worker_processes auto}, {@code sendfile on}, access log off) serving
 *       the same identity bytes as files; runs alternated, the median of three.
 * </ol>
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:java -Dbench=serving} ({@code
 * -Dbench.wrk.seconds=10}; {@code -Dbench.serving.hold=idle} loads the data, starts both servers
 * and keeps them up for profiling by hand, {@code =z14} or {@code =z16} then also times uncached
 * passes of those tiles on both, over and over, at {@code -Dbench.serving.connections=1}). Needs
 * PostGIS ({@code ZONEPLAN_TEST_PG} or a throwaway cluster), {@code wrk} and {@code nginx}
 * (Debian's nginx-light) on the PATH or in /usr/sbin. All servers and the Java client share the
 * machine; figures are printed, never asserted.
 */
public final class TileServingBenchmark {
  private static final int PASSES = 3;
  private static final int[] CONNECTIONS = {1, 16};

  private TileServingBenchmark() {}

  public static void main(String[] args) throws Exception {
    // HttpURLConnection keeps at most 5 idle connections per host unless told otherwise.
    System.setProperty("http.maxConnections", "64");
    // The JDK's HTTP server writes headers and body apart: without TCP_NODELAY a kept-alive client
    // waits for the delayed ACK (about 40 ms a tile), which no tile server would ship with.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    SyntheticCounty county = GridCounty.pujiang200k();
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("bench-serving");
    System.out.println("zoneplan tile serving benchmark (issue 16)");
    System.out.println("  " + county.description());
    System.out.println(
        "  machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + Runtime.version()
            + ", load average at start "
            + loadAverage());
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ZoneplanApplication.class)
            .run(
                "--zoneplan.store=postgis",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
    try (Connection sql = db.connect();
        PostgisTileServer peer = new PostgisTileServer(db, 16)) {
      String zoneplan = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      TileBenchmark.load(county, app.getBean(ParcelRepository.class), sql);
      // written past ParcelService (no event): drop what was built from the parcels before, as an
      // import does (the analysis's parcel index, which the tiles read when it is built)
      app.publishEvent(new org.zoneplan.parcels.ParcelsChangedEvent(null));
      TileService service = app.getBean(TileService.class);
      List<TileCoord> z14 = TileBenchmark.tilesOver(county.extent(), 14);
      List<TileCoord> z16 =
          TileBenchmark.sample(TileBenchmark.tilesOver(county.extent(), 16), 360, new Random(16));
      System.out.println("  zoneplan " + zoneplan + ", PostGIS tile server " + peer.base());
      System.out.println();
      String hold = System.getProperty("bench.serving.hold");
      if (hold != null) {
        hold(hold, zoneplan, peer.base(), service, hold.equals("z14") ? z14 : z16);
      }

      for (List<TileCoord> tiles : List.of(z14, z16)) {
        String name = "z" + tiles.get(0).z();
        Map<TileCoord, byte[]> ours = fetchAll(zoneplan + "/tiles", tiles, 16, true);
        Map<TileCoord, byte[]> theirs = fetchAll(peer.base(), tiles, 16, false);
        compare(name, tiles, ours, theirs);
        for (int connections : CONNECTIONS) {
          double[] zp = new double[PASSES];
          double[] pg = new double[PASSES];
          for (int pass = 0; pass < PASSES; pass++) {
            service.clearCache();
            zp[pass] = time(zoneplan + "/tiles", tiles, connections, true);
            pg[pass] = time(peer.base(), tiles, connections, false);
          }
          double zpMedian = median(zp);
          double pgMedian = median(pg);
          System.out.printf(
              Locale.ROOT,
              "  %s uncached, %2d connection(s): zoneplan %7.1f tiles/s, PostGIS server %7.1f"
                  + " tiles/s: ratio %.2f× (goal ≥ 1.0×: %s)%n",
              name,
              connections,
              tiles.size() / zpMedian,
              tiles.size() / pgMedian,
              pgMedian / zpMedian,
              pgMedian / zpMedian >= 1.0 ? "met" : "MISSED");
        }
        System.out.println();
      }

      cached(zoneplan, z14, service);
    } finally {
      app.close();
    }
  }

  /** Keeps both servers up until killed (profiling by hand), timing uncached passes unless idle. */
  private static void hold(
      String mode, String zoneplan, String peer, TileService service, List<TileCoord> tiles)
      throws Exception {
    System.out.println("  holding (-Dbench.serving.hold=" + mode + "): " + zoneplan + "/tiles");
    if (mode.equals("idle")) {
      Thread.sleep(Long.MAX_VALUE);
    }
    int connections = Integer.getInteger("bench.serving.connections", 1);
    while (true) {
      service.clearCache();
      double zp = time(zoneplan + "/tiles", tiles, connections, true);
      double pg = time(peer, tiles, connections, false);
      System.out.printf(
          Locale.ROOT,
          "  %s uncached, %d connection(s): zoneplan %.1f tiles/s, PostGIS %.1f: %.2f×, load %s%n",
          mode,
          connections,
          tiles.size() / zp,
          tiles.size() / pg,
          pg / zp,
          loadAverage());
    }
  }

  // ---------------------------------------------------------------- same features

  /** Compares the decoded tiles of both servers and prints what differs. */
  private static void compare(
      String name,
      List<TileCoord> tiles,
      Map<TileCoord, byte[]> ours,
      Map<TileCoord, byte[]> theirs) {
    int features = 0;
    int onlyOurs = 0;
    int onlyTheirs = 0;
    int shapeDiffers = 0;
    int tilesDiffering = 0;
    double worstShare = 0;
    long bytesOurs = 0;
    long bytesTheirs = 0;
    List<String> examples = new ArrayList<>();
    for (TileCoord t : tiles) {
      Map<Long, Double> a = areas(ours.get(t));
      Map<Long, Double> b = areas(theirs.get(t));
      bytesOurs += ours.get(t).length;
      bytesTheirs += theirs.get(t).length;
      features += a.size();
      boolean differs = false;
      for (Map.Entry<Long, Double> e : a.entrySet()) {
        Double other = b.get(e.getKey());
        if (other == null) {
          onlyOurs++;
          differs = true;
          if (examples.size() < 5) {
            examples.add(t + ": parcel " + e.getKey() + " only in zoneplan's tile");
          }
          continue;
        }
        double diff = Math.abs(e.getValue() - other);
        double share = diff / Math.max(1, Math.max(e.getValue(), other));
        // a quarter pixel (16 × 16 / 4 tile units²) or 2%: what snapping both to the grid allows
        if (diff > Math.max(64, 0.02 * Math.max(e.getValue(), other))) {
          shapeDiffers++;
          differs = true;
          worstShare = Math.max(worstShare, share);
        }
      }
      for (Long id : b.keySet()) {
        if (!a.containsKey(id)) {
          onlyTheirs++;
          differs = true;
          if (examples.size() < 5) {
            examples.add(t + ": parcel " + id + " only in PostGIS's tile");
          }
        }
      }
      if (differs) {
        tilesDiffering++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "  %s, %d tiles: same features: %s (zoneplan %,d features; only in zoneplan %d, only in"
            + " PostGIS %d, area differing by more than 2%% and a quarter pixel %d; %d tiles"
            + " differ); %.1f KB/tile zoneplan, %.1f KB/tile PostGIS%n",
        name,
        tiles.size(),
        onlyOurs == 0 && onlyTheirs == 0 && shapeDiffers == 0 ? "YES" : "NO",
        features,
        onlyOurs,
        onlyTheirs,
        shapeDiffers,
        tilesDiffering,
        bytesOurs / 1024.0 / tiles.size(),
        bytesTheirs / 1024.0 / tiles.size());
    if (shapeDiffers > 0) {
      System.out.printf(Locale.ROOT, "    largest area difference %.1f%%%n", worstShare * 100);
    }
    examples.forEach(e -> System.out.println("    e.g. " + e));
  }

  /** Feature id to polygon area in tile units² (the tile decoded independently). */
  private static Map<Long, Double> areas(byte[] tile) {
    Map<Long, Double> out = new HashMap<>();
    if (tile.length == 0) {
      return out;
    }
    for (MvtTestSupport.Feature f : MvtTestSupport.decode(tile, "parcels")) {
      long id = ((Number) f.attributes().get("id")).longValue();
      out.merge(id, f.geometry().getArea(), Double::sum);
    }
    return out;
  }

  // ---------------------------------------------------------------- uncached, over HTTP

  private static Map<TileCoord, byte[]> fetchAll(
      String base, List<TileCoord> tiles, int connections, boolean signIn) throws Exception {
    Map<TileCoord, byte[]> out = new ConcurrentHashMap<>();
    run(base, tiles, connections, signIn, out);
    return out;
  }

  /** Seconds to fetch every tile once with {@code connections} concurrent clients. */
  private static double time(String base, List<TileCoord> tiles, int connections, boolean signIn)
      throws Exception {
    long start = System.nanoTime();
    run(base, tiles, connections, signIn, null);
    return (System.nanoTime() - start) / 1e9;
  }

  private static void run(
      String base,
      List<TileCoord> tiles,
      int connections,
      boolean signIn,
      Map<TileCoord, byte[]> keep)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int c = 0; c < connections; c++) {
      Thread client =
          new Thread(
              () -> {
                try {
                  for (int i = next.getAndIncrement();
                      i < tiles.size();
                      i = next.getAndIncrement()) {
                    TileCoord t = tiles.get(i);
                    byte[] body = get(base + "/parcels/" + t + ".mvt", signIn);
                    if (keep != null) {
                      keep.put(t, body);
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      clients.add(client);
      client.start();
    }
    for (Thread client : clients) {
      client.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a tile request failed", failures.get(0));
    }
  }

  /** One tile, uncompressed, on a kept-alive connection; empty for 204. */
  private static byte[] get(String url, boolean signIn) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestProperty("Accept-Encoding", "identity");
    if (signIn) {
      c.setRequestProperty("Authorization", Credentials.ADMIN.header());
    }
    int status = c.getResponseCode();
    try (InputStream in = c.getInputStream()) {
      byte[] body = in.readAllBytes();
      if (status == 204) {
        return new byte[0];
      }
      if (status != 200) {
        throw new IllegalStateException(url + ": HTTP " + status);
      }
      return body;
    }
  }

  // ---------------------------------------------------------------- cached, against nginx

  private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  private static void cached(String zoneplan, List<TileCoord> z14, TileService service)
      throws Exception {
    int seconds = Integer.getInteger("bench.wrk.seconds", 10);
    // readable by nginx's workers, which run as another user when the benchmark runs as root
    Path dir =
        Files.createTempDirectory(
            "zoneplan-bench-nginx",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    Path root = dir.resolve("www");
    service.clearCache();
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    for (TileCoord t : z14) {
      byte[] body = get(zoneplan + "/tiles/parcels/" + t + ".mvt", true); // now cached
      if (body.length == 0) {
        continue;
      }
      String path = "/tiles/parcels/" + t + ".mvt";
      Path file = root.resolve(path.substring(1));
      Files.createDirectories(file.getParent());
      Files.write(file, body);
      paths.add(path);
      bytes += body.length;
    }
    Path list = dir.resolve("paths.txt");
    Files.write(list, paths);
    Path script = dir.resolve("tiles.lua");
    Files.writeString(
        script,
        "local paths = {}\n"
            + "for line in io.lines(\""
            + list
            + "\") do paths[#paths + 1] = line end\n"
            + "local i = 0\n"
            + "request = function()\n"
            + "  i = i % #paths + 1\n"
            + "  return wrk.format(nil, paths[i])\n"
            + "end\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("nginx.conf"),
        String.join(
            "\n",
            "worker_processes auto;",
            "daemon off;",
            "pid " + dir.resolve("nginx.pid") + ";",
            "error_log " + dir.resolve("error.log") + ";",
            "events { worker_connections 1024; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + dir.resolve("tmp-body") + ";",
            "  proxy_temp_path " + dir.resolve("tmp-proxy") + ";",
            "  fastcgi_temp_path " + dir.resolve("tmp-fastcgi") + ";",
            "  uwsgi_temp_path " + dir.resolve("tmp-uwsgi") + ";",
            "  scgi_temp_path " + dir.resolve("tmp-scgi") + ";",
            "  types { application/vnd.mapbox-vector-tile mvt; }",
            "  sendfile on;",
            "  tcp_nopush on;",
            "  server { listen 127.0.0.1:" + port + "; root " + root + "; }",
            "}",
            ""));
    Process nginx =
        new ProcessBuilder(
                program("nginx"), "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    try {
      String nginxBase = "http://127.0.0.1:" + port;
      waitFor(nginxBase + paths.get(0));
      int same = 0;
      for (String p : paths) {
        if (Arrays.equals(get(zoneplan + p, true), get(nginxBase + p, false))) {
          same++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  cached: %d non-empty z14 tiles (%.1f KB on average); nginx serves the same bytes for"
              + " %d of them%n",
          paths.size(),
          bytes / 1024.0 / paths.size(),
          same);
      String auth = "Authorization: " + Credentials.ADMIN.header();
      for (int connections : new int[] {16, 1}) {
        double[] zp = new double[PASSES];
        double[] ng = new double[PASSES];
        for (int pass = 0; pass < PASSES; pass++) {
          zp[pass] = wrk(zoneplan, connections, seconds, script, auth);
          ng[pass] = wrk(nginxBase, connections, seconds, script, null);
        }
        double goal = connections == 16 ? 0.5 : 0.3;
        double ratio = median(zp) / median(ng);
        System.out.printf(
            Locale.ROOT,
            "  cached, %2d connection(s), wrk %d s × %d: zoneplan (Basic) %,9.0f req/s, nginx"
                + " %,9.0f req/s: ratio %.2f× (goal ≥ %.1f×: %s)%n",
            connections,
            seconds,
            PASSES,
            median(zp),
            median(ng),
            ratio,
            goal,
            ratio >= goal ? "met" : "MISSED");
      }
    } finally {
      nginx.destroy();
      nginx.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Requests per second of one wrk run; fails on any non-2xx answer. */
  private static double wrk(String base, int connections, int seconds, Path script, String header)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            program("wrk"),
            "-t",
            Integer.toString(Math.min(2, connections)),
            "-c",
            Integer.toString(connections),
            "-d",
            seconds + "s",
            "-s",
            script.toString()));
    if (header != null) {
      command.add("-H");
      command.add(header);
    }
    command.add(base);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Matcher bad = NON_2XX.matcher(out);
    if (bad.find()) {
      throw new IllegalStateException(base + ": " + bad.group(0) + "\n" + out);
    }
    Matcher m = REQUESTS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk printed no rate:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static void waitFor(String url) throws Exception {
    for (int i = 0; i < 100; i++) {
      try {
        get(url, false);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nginx did not start: " + url);
  }

  /** A program on the PATH or in /usr/sbin (nginx). */
  private static String program(String name) {
    for (String dir : (System.getenv("PATH") + ":/usr/sbin:/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(
        name + " is not installed (Debian: apt-get install " + name + ")");
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
