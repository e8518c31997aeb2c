package org.zoneplan.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.tiles.TileCoord;
import org.zoneplan.tiles.TileLayer;
import org.zoneplan.tiles.TileService;

/**
 * Map tile throughput on a 200,000-parcel synthetic county, zoneplan against PostGIS {@code
 * ST_AsMVT(ST_AsMVTGeom(...))} on the same tiles from the same table, in the same run.
 *
 * <p>Run from the checkout: {@code mvn -B -Pbench test-compile exec:java}. PostGIS comes from
 * {@code ZONEPLAN_TEST_PG} or a throwaway cluster, as for the tests. zoneplan runs on that database
 * ({@code zoneplan.store=postgis}), served over HTTP on a local port; tiles are requested one at a
 * time (no concurrency), uncompressed, so both sides do the same work: read the parcels meeting the
 * buffered tile through the spatial index, project, clip, simplify, snap and encode.
 *
 * <p>Prints tiles per second for PostGIS and zoneplan (uncached, cached) and PNG, with the ratios.
 * Each figure is the median of three passes after a warm-up pass.
 */
public final class TileBenchmark {
  private static final int PASSES = 3;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private TileBenchmark() {}

  public static void main(String[] args) throws Exception {
    SyntheticCounty county = GridCounty.pujiang200k();
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
      run("z14 (every tile over the county)", z14, base, tiles, sql);
      run("z16 (a sample)", z16, base, tiles, sql);
    } finally {
      app.close();
    }
  }

  private static void run(
      String name, List<TileCoord> tiles, String base, TileService service, Connection sql)
      throws Exception {
    // Warm-up: JIT, the database's buffers, the font.
    postgisPass(tiles, sql);
    service.clearCache();
    httpPass(tiles, base, "mvt");
    service.clearCache();
    httpPass(tiles.subList(0, Math.min(20, tiles.size())), base, "png");

    long[] bytes = new long[1];
    double postgis = median(() -> postgisPass(tiles, sql), bytes);
    long postgisBytes = bytes[0];
    double engine = median(() -> enginePass(tiles, service), bytes);
    double uncached =
        median(
            () -> {
              service.clearCache();
              return httpPass(tiles, base, "mvt");
            },
            bytes);
    long zoneplanBytes = bytes[0];
    double cached = median(() -> httpPass(tiles, base, "mvt"), bytes);
    double cachedEngine = median(() -> cachedEnginePass(tiles, service), bytes);
    double pngUncached =
        median(
            () -> {
              service.clearCache();
              return httpPass(tiles, base, "png");
            },
            bytes);
    double pngCached = median(() -> httpPass(tiles, base, "png"), bytes);

    int n = tiles.size();
    System.out.printf(Locale.ROOT, "%s: %d parcel tiles%n", name, n);
    line("PostGIS ST_AsMVT (SQL over JDBC)", n, postgis, postgisBytes);
    line("zoneplan MVT uncached (HTTP)", n, uncached, zoneplanBytes);
    line("zoneplan MVT uncached (engine, in-process)", n, engine, -1);
    line("zoneplan MVT cached (HTTP)", n, cached, -1);
    line("zoneplan MVT cached (engine, in-process)", n, cachedEngine, -1);
    line("zoneplan PNG uncached (HTTP)", n, pngUncached, -1);
    line("zoneplan PNG cached (HTTP)", n, pngCached, -1);
    double vsPostgis = postgis / uncached;
    double cachedRatio = uncached / cached;
    double cachedEngineRatio = engine / cachedEngine;
    System.out.printf(
        Locale.ROOT,
        "  ratio zoneplan uncached / PostGIS: %.2f× (goal ≥ 1.0×: %s)%n",
        vsPostgis,
        vsPostgis >= 1.0 ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "  ratio zoneplan cached / uncached, over HTTP: %.1f× (goal ≥ 20×: %s)%n",
        cachedRatio,
        cachedRatio >= 20 ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "  ratio zoneplan cached / uncached, in-process: %.0f× (goal ≥ 20×: %s)%n",
        cachedEngineRatio,
        cachedEngineRatio >= 20 ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT, "  ratio PNG cached / uncached: %.1f×%n%n", pngUncached / pngCached);
  }

  private static void line(String what, int tiles, double seconds, long bytes) {
    System.out.printf(
        Locale.ROOT,
        "  %-44s %8.1f tiles/s  %7.2f ms/tile%s%n",
        what,
        tiles / seconds,
        seconds * 1000 / tiles,
        bytes >= 0 ? String.format(Locale.ROOT, "  %6.1f KB/tile", bytes / 1024.0 / tiles) : "");
  }

  /** A timed pass: returns seconds, and the bytes produced in {@code bytes[0]}. */
  @FunctionalInterface
  private interface Pass {
    long[] run() throws Exception;
  }

  private static double median(Pass pass, long[] bytes) throws Exception {
    double[] seconds = new double[PASSES];
    for (int i = 0; i < PASSES; i++) {
      long start = System.nanoTime();
      long[] result = pass.run();
      seconds[i] = (System.nanoTime() - start) / 1e9;
      bytes[0] = result[0];
    }
    Arrays.sort(seconds);
    return seconds[PASSES / 2];
  }

  /** PostGIS's own tiles: ST_AsMVTGeom (transform, clip, snap, validate) and ST_AsMVT. */
  private static long[] postgisPass(List<TileCoord> tiles, Connection sql) throws SQLException {
    String query =
        "WITH b AS (SELECT ST_TileEnvelope(?, ?, ?) AS env,"
            + " ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4490) AS q)"
            + " SELECT ST_AsMVT(t, 'parcels', 4096, 'geom', 'id') FROM ("
            + "  SELECT p.id, p.land_use_code AS \"landUseCode\","
            + "   left(p.land_use_code, 2) AS \"landUseClass\", p.scheme, p.area_m2 AS \"areaM2\","
            + "   ST_AsMVTGeom(ST_Transform(p.geom, 3857), b.env, 4096, 64, true) AS geom"
            + "  FROM parcel p, b WHERE p.geom && b.q) t";
    long bytes = 0;
    try (PreparedStatement ps = sql.prepareStatement(query)) {
      for (TileCoord t : tiles) {
        ps.setInt(1, t.z());
        ps.setInt(2, t.x());
        ps.setInt(3, t.y());
        ps.setInt(4, t.z());
        ps.setInt(5, t.x());
        ps.setInt(6, t.y());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          byte[] mvt = rs.getBytes(1);
          bytes += mvt == null ? 0 : mvt.length;
        }
      }
    }
    return new long[] {bytes};
  }

  private static long[] enginePass(List<TileCoord> tiles, TileService service) {
    long bytes = 0;
    for (TileCoord t : tiles) {
      byte[] mvt = service.renderMvt(TileLayer.PARCELS, "", t);
      bytes += mvt == null ? 0 : mvt.length;
    }
    return new long[] {bytes};
  }

  private static long[] cachedEnginePass(List<TileCoord> tiles, TileService service) {
    long bytes = 0;
    for (TileCoord t : tiles) {
      byte[] mvt = service.mvt(TileLayer.PARCELS, "", t);
      bytes += mvt == null ? 0 : mvt.length;
    }
    return new long[] {bytes};
  }

  private static long[] httpPass(List<TileCoord> tiles, String base, String format)
      throws IOException, InterruptedException {
    long bytes = 0;
    for (TileCoord t : tiles) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/tiles/parcels/" + t + "." + format))
              .header("Accept-Encoding", "identity")
              .build();
      HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200 && response.statusCode() != 204) {
        throw new IllegalStateException(t + ": HTTP " + response.statusCode());
      }
      bytes += response.body().length;
    }
    return new long[] {bytes};
  }

  private static void load(SyntheticCounty county, ParcelRepository parcels, Connection sql)
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

  private static List<TileCoord> sample(List<TileCoord> all, int n, Random random) {
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
