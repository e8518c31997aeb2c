package org.zoneplan.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Envelope;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.tiles.TileCoord;
import org.zoneplan.tiles.TileLayer;
import org.zoneplan.tiles.TileService;

/**
 * Map tile throughput on a 200,000-parcel synthetic county, zoneplan against PostGIS {@code
 * ST_AsMVT(ST_AsMVTGeom(...))} on the same tiles from the same table, in the same run.
 *
 * <p>Run from the checkout: {@code mvn -B -Pbench test-compile exec:java} ({@code
 * -Dbench.parcels=n} for another count than 200,000). PostGIS comes from {@code ZONEPLAN_TEST_PG}
 * or a throwaway cluster, as for the tests. zoneplan runs on that database ({@code
 * zoneplan.store=postgis}), served over HTTP on a local port; tiles are requested one at a time (no
 * concurrency), uncompressed, so both sides do the same work: read the parcels meeting the buffered
 * tile through the spatial index, project, clip, simplify, snap and encode.
 *
 * <p>Prints tiles per second for PostGIS and zoneplan (uncached, cached) and PNG, with the ratios.
 * Each figure is the median of three passes after a warm-up pass.
 */
public final class TileBenchmark {
  private static final int PASSES = 3;

  private TileBenchmark() {}

  public static void main(String[] args) throws Exception {
    // -Dbench.parcels=n: another size at the same density, over Jinhua (GridCounty.jinhua)
    int count = Integer.getInteger("bench.parcels", 200_000);
    SyntheticCounty county = count == 200_000 ? GridCounty.pujiang200k() : GridCounty.jinhua(count);
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("bench");
    System.out.println("zoneplan tile benchmark");
    System.out.println("  " + county.description());
    System.out.println(
        "  machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + Runtime.version());

    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(ZoneplanApplication.class)
            // Command-line arguments: they override application.properties (defaults would not).
            .run(
                "--zoneplan.store=postgis",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
    try (Connection sql = db.connect()) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      load(county, app.getBean(ParcelRepository.class), sql);
      TileService tiles = app.getBean(TileService.class);

      List<TileCoord> z14 = tilesOver(county.extent(), 14);
      List<TileCoord> z16 = sample(tilesOver(county.extent(), 16), 360, new Random(16));
      System.out.printf(Locale.ROOT, "  server: %s, PostgreSQL %s%n", base, version(sql));
      System.out.println();
      if (Boolean.getBoolean("bench.explain")) {
        explain(z14.get(z14.size() / 2), sql);
      }
      run("z14 (every tile over the county)", z14, base, tiles, sql);
      run("z16 (a sample)", z16, base, tiles, sql);
    } finally {
      app.close();
    }
  }

  /** What is timed for every tile, in this order, tile after tile (see {@link #run}). */
  private static final String[] MEASURES = {
    "PostGIS ST_AsMVT (SQL over JDBC)",
    "zoneplan MVT uncached (HTTP)",
    "zoneplan MVT uncached (engine, in-process)",
    "  its read of the parcels alone (same SQL, JDBC)",
    "zoneplan MVT cached (HTTP)",
    "zoneplan MVT cached (engine, in-process)",
    "zoneplan PNG uncached (HTTP)",
    "zoneplan PNG cached (HTTP)"
  };

  /**
   * Times every measure tile by tile, interleaved (PostGIS, then zoneplan on the same tile, ...),
   * so that a change in the machine's load during the run weighs on all of them alike; three passes
   * after a warm-up, the median pass of each measure reported.
   */
  private static void run(
      String name, List<TileCoord> tiles, String base, TileService service, Connection sql)
      throws Exception {
    long[][] nanos = new long[PASSES + 1][MEASURES.length];
    long[] bytes = new long[MEASURES.length];
    try (PreparedStatement postgis = sql.prepareStatement(POSTGIS_MVT);
        PreparedStatement read = sql.prepareStatement(ZONEPLAN_READ)) {
      for (int pass = 0; pass <= PASSES; pass++) { // pass 0: warm-up (JIT, buffers, font)
        service.clearCache();
        Arrays.fill(bytes, 0);
        for (TileCoord t : tiles) {
          long[] times = nanos[pass];
          long t0 = System.nanoTime();
          bytes[0] += postgisTile(postgis, t);
          long t1 = System.nanoTime();
          bytes[1] += http(base, t, "mvt");
          long t2 = System.nanoTime();
          bytes[2] += length(service.renderMvt(TileLayer.PARCELS, "", t));
          long t3 = System.nanoTime();
          bytes[3] += readTile(read, t);
          long t4 = System.nanoTime();
          bytes[4] += http(base, t, "mvt");
          long t5 = System.nanoTime();
          bytes[5] += length(service.mvt(TileLayer.PARCELS, "", t));
          long t6 = System.nanoTime();
          bytes[6] += http(base, t, "png");
          long t7 = System.nanoTime();
          bytes[7] += http(base, t, "png");
          long t8 = System.nanoTime();
          times[0] += t1 - t0;
          times[1] += t2 - t1;
          times[2] += t3 - t2;
          times[3] += t4 - t3;
          times[4] += t5 - t4;
          times[5] += t6 - t5;
          times[6] += t7 - t6;
          times[7] += t8 - t7;
        }
      }
    }
    double[] seconds = new double[MEASURES.length];
    for (int m = 0; m < MEASURES.length; m++) {
      double[] passes = new double[PASSES];
      for (int pass = 1; pass <= PASSES; pass++) {
        passes[pass - 1] = nanos[pass][m] / 1e9;
      }
      Arrays.sort(passes);
      seconds[m] = passes[PASSES / 2];
    }
    int n = tiles.size();
    System.out.printf(Locale.ROOT, "%s: %d parcel tiles%n", name, n);
    for (int m = 0; m < MEASURES.length; m++) {
      line(MEASURES[m], n, seconds[m], m <= 1 || m == 6 ? bytes[m] : -1);
    }
    ratio("zoneplan uncached vs PostGIS, over HTTP", seconds[0] / seconds[1], 1.0);
    ratio("zoneplan uncached vs PostGIS, in-process", seconds[0] / seconds[2], 1.0);
    ratio("zoneplan cached vs uncached, over HTTP", seconds[1] / seconds[4], 20);
    ratio("zoneplan cached vs uncached, in-process", seconds[2] / seconds[5], 20);
    ratio("PNG cached vs uncached, over HTTP", seconds[6] / seconds[7], 0);
    System.out.println();
  }

  private static void ratio(String what, double ratio, double goal) {
    System.out.printf(
        Locale.ROOT,
        "  ratio %-42s %9.2f×%s%n",
        what,
        ratio,
        goal <= 0
            ? ""
            : String.format(
                Locale.ROOT, "  (goal ≥ %s×: %s)", goal, ratio >= goal ? "met" : "MISSED"));
  }

  private static void line(String what, int tiles, double seconds, long bytes) {
    System.out.printf(
        Locale.ROOT,
        "  %-48s %10.1f tiles/s %8.3f ms/tile%s%n",
        what,
        tiles / seconds,
        seconds * 1000 / tiles,
        bytes >= 0 ? String.format(Locale.ROOT, "  %6.1f KB/tile", bytes / 1024.0 / tiles) : "");
  }

  private static long length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /** PostGIS's own tiles: ST_AsMVTGeom (transform, clip, snap, validate) and ST_AsMVT. */
  private static final String POSTGIS_MVT =
      "WITH b AS (SELECT ST_TileEnvelope(?, ?, ?) AS env,"
          + " ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4490) AS q)"
          + " SELECT ST_AsMVT(t, 'parcels', 4096, 'geom', 'id') FROM ("
          + "  SELECT p.id, p.land_use_code AS \"landUseCode\","
          + "   left(p.land_use_code, 2) AS \"landUseClass\", p.scheme, p.area_m2 AS \"areaM2\","
          + "   ST_AsMVTGeom(ST_Transform(p.geom, 3857), b.env, 4096, 64, true) AS geom"
          + "  FROM parcel p, b WHERE p.geom && b.q) t";

  /** The read zoneplan does for a parcel tile (the SQL of {@code TileFeatures.parcels}). */
  private static final String ZONEPLAN_READ =
      "SELECT id, scheme, land_use_code, area_m2, ST_AsBinary(geom) AS wkb FROM parcel"
          + " WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490) ORDER BY id";

  private static long postgisTile(PreparedStatement ps, TileCoord t) throws SQLException {
    ps.setInt(1, t.z());
    ps.setInt(2, t.x());
    ps.setInt(3, t.y());
    ps.setInt(4, t.z());
    ps.setInt(5, t.x());
    ps.setInt(6, t.y());
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return length(rs.getBytes(1));
    }
  }

  private static long readTile(PreparedStatement ps, TileCoord t) throws SQLException {
    Envelope e = t.lonLatEnvelope(64.0 / 4096);
    ps.setDouble(1, e.getMinX());
    ps.setDouble(2, e.getMinY());
    ps.setDouble(3, e.getMaxX());
    ps.setDouble(4, e.getMaxY());
    long bytes = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rs.getLong(1);
        rs.getString(2);
        rs.getString(3);
        rs.getDouble(4);
        bytes += rs.getBytes(5).length;
      }
    }
    return bytes;
  }

  /**
   * One tile over HTTP (uncompressed), with the JDK's blocking HttpURLConnection on a kept-alive
   * connection: java.net.http's asynchronous client adds a thread hand-off per exchange.
   */
  private static long http(String base, TileCoord t, String format) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create(base + "/tiles/parcels/" + t + "." + format).toURL().openConnection();
    c.setRequestProperty("Accept-Encoding", "identity");
    // Signed in as a real client is (HTTP Basic; the verified password is cached by the server).
    c.setRequestProperty("Authorization", Credentials.ADMIN.header());
    int status = c.getResponseCode();
    if (status == 204) {
      return 0;
    }
    if (status != 200) {
      throw new IllegalStateException(t + ": HTTP " + status);
    }
    try (InputStream in = c.getInputStream()) {
      return in.readAllBytes().length;
    }
  }

  /** Server-side plans and times of both queries for one tile ({@code -Dbench.explain=true}). */
  private static void explain(TileCoord t, Connection sql) throws SQLException {
    Envelope e = t.lonLatEnvelope(64.0 / 4096);
    String read =
        String.format(
            Locale.ROOT,
            "SELECT id, scheme, land_use_code, area_m2, ST_AsBinary(geom) AS wkb FROM parcel"
                + " WHERE geom && ST_MakeEnvelope(%s, %s, %s, %s, 4490) ORDER BY id",
            e.getMinX(),
            e.getMinY(),
            e.getMaxX(),
            e.getMaxY());
    String mvt =
        String.format(
            Locale.ROOT,
            "SELECT ST_AsMVT(t, 'parcels', 4096, 'geom', 'id') FROM (SELECT p.id, p.land_use_code,"
                + " ST_AsMVTGeom(ST_Transform(p.geom, 3857), ST_TileEnvelope(%d, %d, %d), 4096, 64,"
                + " true) AS geom FROM parcel p WHERE p.geom && ST_Transform(ST_TileEnvelope(%d, %d,"
                + " %d, margin => 64.0 / 4096), 4490)) t",
            t.z(),
            t.x(),
            t.y(),
            t.z(),
            t.x(),
            t.y());
    for (String q : List.of(read, mvt)) {
      for (int i = 0; i < 3; i++) {
        try (Statement s = sql.createStatement();
            ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + q)) {
          while (rs.next()) {
            if (i == 2) {
              System.out.println("    " + rs.getString(1));
            }
          }
        }
      }
    }
  }

  static void load(SyntheticCounty county, ParcelRepository parcels, Connection sql)
      throws SQLException {
    long start = System.nanoTime();
    List<Parcel> batch = new ArrayList<>(10_000);
    long[] count = {0};
    county.generate(
        p -> {
          batch.add(p);
          if (batch.size() == 10_000) {
            parcels.insertAll(batch);
            count[0] += batch.size();
            batch.clear();
          }
        });
    parcels.insertAll(batch);
    count[0] += batch.size();
    try (Statement s = sql.createStatement()) {
      s.execute("ANALYZE parcel");
    }
    System.out.printf(
        Locale.ROOT,
        "  loaded %,d parcels into PostGIS in %.1f s%n",
        count[0],
        (System.nanoTime() - start) / 1e9);
  }

  /** Every tile at zoom z that meets the box. */
  static List<TileCoord> tilesOver(Envelope lonLat, int z) {
    TileCoord nw = TileCoord.containing(lonLat.getMinX(), lonLat.getMaxY(), z);
    TileCoord se = TileCoord.containing(lonLat.getMaxX(), lonLat.getMinY(), z);
    List<TileCoord> out = new ArrayList<>();
    for (int y = nw.y(); y <= se.y(); y++) {
      for (int x = nw.x(); x <= se.x(); x++) {
        out.add(new TileCoord(z, x, y));
      }
    }
    return out;
  }

  static List<TileCoord> sample(List<TileCoord> all, int n, Random random) {
    List<TileCoord> copy = new ArrayList<>(all);
    Collections.shuffle(copy, random);
    return copy.subList(0, Math.min(n, copy.size()));
  }

  private static String version(Connection sql) throws SQLException {
    try (Statement s = sql.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('server_version') || ', PostGIS ' || postgis_lib_version()")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
