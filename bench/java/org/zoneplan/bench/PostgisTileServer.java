package org.zoneplan.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zoneplan.testsupport.PostgisTestDatabase;

/**
 * The thinnest tile server that can be written on PostGIS, as pg_tileserv works: the JDK's {@code
 * com.sun.net.httpserver} answering {@code /parcels/{z}/{x}/{y}.mvt} with one SQL statement per
 * tile ({@code ST_AsMVT(ST_AsMVTGeom(...))}, prepared, from a Hikari pool), no authentication, no
 * cache, no compression. It is zoneplan's peer in {@link TileServingBenchmark}.
 *
 * <p>The SQL leaves out the parcels zoneplan leaves out: below zoom 15, those whose area in Web
 * Mercator is below one pixel of a 256-pixel tile (zoneplan's {@code
 * TileService.KEEP_SMALL_PARCELS_FROM_ZOOM}, measured as zoneplan measures it: the projected,
 * unclipped polygon). So both sides must hold the same features, which the benchmark checks.
 */
final class PostgisTileServer implements AutoCloseable {
  /** Web Mercator's circumference (EPSG:3857 metres, the sphere of radius 6378137 m). */
  private static final double WORLD_M = 2 * Math.PI * 6378137.0;

  private static final Pattern TILE =
      Pattern.compile("/parcels/(\\d{1,2})/(\\d{1,9})/(\\d{1,9})\\.mvt");

  /**
   * One tile: parcels meeting the tile widened by 64/4096 (zoneplan's buffer, through the GiST
   * index), above the sub-pixel area below zoom 15 (parameter 7: the minimum area in m² of
   * EPSG:3857, 0 from zoom 15), clipped, snapped and encoded by PostGIS with the same extent and
   * buffer.
   */
  static final String SQL =
      "WITH b AS (SELECT ST_TileEnvelope(?, ?, ?) AS env,"
          + " ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4490) AS q)"
          + " SELECT ST_AsMVT(t, 'parcels', 4096, 'geom', 'id') FROM ("
          + "  SELECT p.id, p.land_use_code AS \"landUseCode\","
          + "   left(p.land_use_code, 2) AS \"landUseClass\", p.scheme, round(p.area_m2::numeric, 1)"
          + "   AS \"areaM2\", ST_AsMVTGeom(m.g, b.env, 4096, 64, true) AS geom"
          + "  FROM parcel p CROSS JOIN b CROSS JOIN LATERAL (SELECT ST_Transform(p.geom, 3857) AS g) m"
          + "  WHERE p.geom && b.q AND (? = 0 OR ST_Area(m.g) >= ?)) t";

  private final HikariDataSource pool;
  private final HttpServer server;
  private final ExecutorService threads;

  PostgisTileServer(PostgisTestDatabase.Database db, int threads) throws IOException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.username());
    config.setPassword(db.password());
    config.setMaximumPoolSize(threads);
    config.setMinimumIdle(threads);
    config.setPoolName("postgis-tile-server");
    this.pool = new HikariDataSource(config);
    this.threads = Executors.newFixedThreadPool(threads);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.createContext("/parcels/", this::handle);
    server.setExecutor(this.threads);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The area (m² of EPSG:3857) of one pixel of a 256-pixel tile at zoom z. */
  static double pixelArea3857(int z) {
    double pixel = WORLD_M / (256.0 * (1L << z));
    return pixel * pixel;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher m = TILE.matcher(exchange.getRequestURI().getPath());
      if (!m.matches()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      int z = Integer.parseInt(m.group(1));
      int x = Integer.parseInt(m.group(2));
      int y = Integer.parseInt(m.group(3));
      byte[] tile;
      try (Connection c = pool.getConnection();
          PreparedStatement ps = c.prepareStatement(SQL)) {
        ps.setInt(1, z);
        ps.setInt(2, x);
        ps.setInt(3, y);
        ps.setInt(4, z);
        ps.setInt(5, x);
        ps.setInt(6, y);
        double minArea = z < 15 ? pixelArea3857(z) : 0;
        ps.setDouble(7, minArea);
        ps.setDouble(8, minArea);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          tile = rs.getBytes(1);
        }
      } catch (SQLException e) {
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      if (tile == null || tile.length == 0) {
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/vnd.mapbox-vector-tile");
      exchange.sendResponseHeaders(200, tile.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(tile);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    pool.close();
  }
}
