package org.zoneplan.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.testsupport.ServerProcess;
import org.zoneplan.testsupport.Shapes;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16's acceptance test of replicas: two zoneplan processes (separate JVMs, {@link
 * ServerProcess}) on one PostGIS database, each with its own caches. Tiles are warmed on both; a
 * zone edited through the first changes, on both, the ETags of exactly the cached tiles whose
 * buffered box meets the zone's old or new bounding box, and no other; then a plain SQL {@code
 * UPDATE} of a parcel's geometry through the real {@code psql} does the same for the parcel tiles,
 * and the industrial-land concentration both answer drops by the parcel's area. A user disabled
 * through one is refused by the other at once, though the other had just verified the password.
 *
 * <p>The expected tiles are worked out here with the XYZ tile formulas and the MVT buffer (64 of
 * 4096 units), independently of the server's tile code; the parcel's area is PostGIS's own
 * ellipsoidal area ({@code ST_Area(geography)}). Changes must reach the other process within a
 * second of the write's commit.
 */
@Tag("slow") // two server JVMs: left out by the fast command (README)
class ReplicasAcceptanceTest {
  static final String PLAN = "pujiang-2021";
  static final double BUFFER = 64.0 / 4096;
  static final long ONE_SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

  @Test
  void editsThroughOneReplicaAndInTheDatabaseReachBothReplicasExactly() throws Exception {
    String psql = psql();
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("replicas");
    String[] store = {
      "--zoneplan.store=postgis",
      "--spring.datasource.url=" + db.jdbcUrl(),
      "--spring.datasource.username=" + db.username(),
      "--spring.datasource.password=" + db.password(),
      "--spring.datasource.hikari.maximum-pool-size=4",
      "--zoneplan.sample-data.parcels=3000"
    };
    Path log = Files.createTempFile("zoneplan-replicas", ".log");
    // One after the other: the first loads the sample data into the empty store.
    try (ServerProcess first = new ServerProcess(log, store).start();
        ServerProcess second = new ServerProcess(log, store).start()) {
      Http a = new Http(first.port());
      Http b = new Http(second.port());

      // ---- a zone edited through the first replica
      double lon = 119.83;
      double lat = 29.47;
      double size = 0.01;
      assertThat(a.post(zone("REPL-1"), feature("副本测试", lon, lat, size)).status()).isEqualTo(201);
      List<String> zoneTiles = new ArrayList<>();
      for (int z : new int[] {14, 15}) {
        zoneTiles.addAll(
            grid(z, lon - 0.02, lat - 0.02, lon + 0.06, lat + 0.03, ".mvt?plan=" + PLAN, "zones"));
      }
      Map<String, String> beforeA = etags(a, zoneTiles);
      Map<String, String> beforeB = etags(b, zoneTiles);
      assertThat(etags(b, zoneTiles)).as("cached on B").isEqualTo(beforeB);
      double moved = lon + 0.03;
      Set<String> expected = new LinkedHashSet<>();
      for (String t : zoneTiles) {
        if (meets(t, box(lon, lat, size)) || meets(t, box(moved, lat, size))) {
          expected.add(t);
        }
      }
      assertThat(expected).isNotEmpty();
      assertThat(expected.size()).isLessThan(zoneTiles.size());

      String etag = a.etag(zone("REPL-1"));
      Http.Response put =
          a.put(zone("REPL-1") + "?reason=replica", feature("副本测试", moved, lat, size), etag);
      assertThat(put.status()).as(put.text()).isEqualTo(200);
      long committed = System.nanoTime();
      String probe = expected.iterator().next();
      waitForChange(b, probe, beforeB.get(probe), committed, "zone edit on B");
      assertChangedExactly(a, beforeA, expected, "A after the zone edit through A");
      assertChangedExactly(b, beforeB, expected, "B after the zone edit through A");

      // ---- a user disabled through the first replica is refused by the second at once, though
      // the second had verified (and cached) the password a moment before
      assertThat(
              a.post(
                      "/api/users",
                      "{\"username\":\"repl-viewer\",\"password\":\"repl-pass-1\","
                          + "\"roles\":[\"VIEWER\"]}")
                  .status())
          .isEqualTo(201);
      Http viewerOnB = b.as(new Credentials("repl-viewer", "repl-pass-1"));
      assertThat(viewerOnB.get("/api/plans").status()).isEqualTo(200);
      assertThat(a.put("/api/users/repl-viewer", "{\"enabled\":false}").status()).isEqualTo(200);
      long disabled = System.nanoTime();
      while (viewerOnB.get("/api/plans").status() == 200) {
        assertThat(System.nanoTime() - disabled)
            .as("the disabled user refused by B within a second")
            .isLessThan(ONE_SECOND_NANOS);
        Thread.sleep(20);
      }
      assertThat(viewerOnB.get("/api/plans").status()).isEqualTo(401);

      // ---- a parcel moved by psql, outside zoneplan
      JsonNode concentrationA = a.get("/api/plans/" + PLAN + "/concentration").json();
      JsonNode concentrationB = b.get("/api/plans/" + PLAN + "/concentration").json();
      double inside = concentrationA.get("industrialInsideM2").doubleValue();
      double total = concentrationA.get("industrialTotalM2").doubleValue();
      assertThat(concentrationB.get("industrialInsideM2").doubleValue())
          .isCloseTo(inside, within(1e-6));
      String division = concentrationA.get("division").get("code").asString();
      Moved parcel = pickParcel(db, division, industrialCondition(concentrationA));

      List<String> parcelTiles = new ArrayList<>();
      double[] oldBox = parcel.box();
      double[] newBox = {oldBox[0] + parcel.dx(), oldBox[1], oldBox[2] + parcel.dx(), oldBox[3]};
      parcelTiles.addAll(
          grid(
              14,
              Math.min(oldBox[0], newBox[0]) - 0.02,
              oldBox[1] - 0.02,
              Math.max(oldBox[2], newBox[2]) + 0.02,
              oldBox[3] + 0.02,
              ".mvt",
              "parcels"));
      for (double[] box : new double[][] {oldBox, newBox}) {
        parcelTiles.addAll(
            grid(
                16, box[0] - 0.01, box[1] - 0.01, box[2] + 0.01, box[3] + 0.01, ".mvt", "parcels"));
      }
      Map<String, String> parcelsA = etags(a, parcelTiles);
      Map<String, String> parcelsB = etags(b, parcelTiles);
      Set<String> expectedParcels = new LinkedHashSet<>();
      for (String t : parcelTiles) {
        if (meets(t, oldBox) || meets(t, newBox)) {
          expectedParcels.add(t);
        }
      }
      assertThat(expectedParcels).isNotEmpty();
      assertThat(expectedParcels.size()).isLessThan(parcelTiles.size());

      runPsql(
          psql,
          db,
          String.format(
              Locale.ROOT,
              "UPDATE parcel SET geom = ST_Translate(geom, %s, 0) WHERE id = %d",
              parcel.dx(),
              parcel.id()));
      long updated = System.nanoTime();
      String parcelProbe = expectedParcels.iterator().next();
      waitForChange(a, parcelProbe, parcelsA.get(parcelProbe), updated, "psql UPDATE on A");
      waitForChange(b, parcelProbe, parcelsB.get(parcelProbe), updated, "psql UPDATE on B");
      assertChangedExactly(a, parcelsA, expectedParcels, "A after the psql UPDATE");
      assertChangedExactly(b, parcelsB, expectedParcels, "B after the psql UPDATE");

      for (Http replica : List.of(a, b)) {
        JsonNode after = replica.get("/api/plans/" + PLAN + "/concentration").json();
        assertThat(after.get("industrialInsideM2").doubleValue())
            .as("industrial land inside the zones, less the moved parcel")
            .isCloseTo(inside - parcel.areaM2(), within(0.05));
        assertThat(after.get("industrialTotalM2").doubleValue())
            .as("the division's industrial land: the parcel stayed in it")
            .isCloseTo(total, within(0.05));
      }
    }
  }

  // ---------------------------------------------------------------- tiles

  /** Tile paths of a layer at zoom z covering a longitude/latitude box. */
  static List<String> grid(
      int z,
      double minLon,
      double minLat,
      double maxLon,
      double maxLat,
      String suffix,
      String layer) {
    int x0 = tileX(z, minLon);
    int x1 = tileX(z, maxLon);
    int y0 = tileY(z, maxLat);
    int y1 = tileY(z, minLat);
    List<String> paths = new ArrayList<>();
    for (int x = x0; x <= x1; x++) {
      for (int y = y0; y <= y1; y++) {
        paths.add("/tiles/" + layer + "/" + z + "/" + x + "/" + y + suffix);
      }
    }
    return paths;
  }

  static int tileX(int z, double lon) {
    return (int) Math.floor((lon + 180) / 360 * (1 << z));
  }

  static int tileY(int z, double lat) {
    double r = Math.toRadians(lat);
    return (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * (1 << z));
  }

  /**
   * Whether the tile of a path, grown by the MVT buffer on each side (in tile units, so in Web
   * Mercator), meets a box {minLon, minLat, maxLon, maxLat} (edges touching count).
   */
  static boolean meets(String path, double[] box) {
    String[] p = path.split("[/.?]");
    // "", "tiles", layer, z, x, y, "mvt", ...
    int z = Integer.parseInt(p[3]);
    int x = Integer.parseInt(p[4]);
    int y = Integer.parseInt(p[5]);
    double n = 1 << z;
    double west = (x - BUFFER) / n * 360 - 180;
    double east = (x + 1 + BUFFER) / n * 360 - 180;
    double north = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (y - BUFFER) / n))));
    double south = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (y + 1 + BUFFER) / n))));
    return box[0] <= east && box[2] >= west && box[1] <= north && box[3] >= south;
  }

  static double[] box(double lon, double lat, double size) {
    return new double[] {lon, lat, lon + size, lat + size};
  }

  static Map<String, String> etags(Http http, List<String> paths) {
    Map<String, String> etags = new LinkedHashMap<>();
    for (String path : paths) {
      String etag = http.etag(path);
      assertThat(etag).as("ETag of %s", path).isNotNull();
      etags.put(path, etag);
    }
    return etags;
  }

  static void waitForChange(Http http, String path, String before, long since, String what)
      throws InterruptedException {
    long deadline = since + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!before.equals(http.etag(path))) {
        long ms = (System.nanoTime() - since) / 1_000_000;
        System.err.printf(Locale.ROOT, "replicas: %s seen after %d ms%n", what, ms);
        assertThat(System.nanoTime() - since)
            .as("%s within a second", what)
            .isLessThan(ONE_SECOND_NANOS);
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(what + ": " + path + " still has ETag " + before + " after 10 s");
  }

  static void assertChangedExactly(
      Http http, Map<String, String> before, Set<String> expected, String what) {
    Set<String> changed = new LinkedHashSet<>();
    Map<String, String> after = etags(http, new ArrayList<>(before.keySet()));
    before.forEach(
        (path, etag) -> {
          if (!etag.equals(after.get(path))) {
            changed.add(path);
          }
        });
    assertThat(changed).as("tiles whose ETag changed, %s", what).isEqualTo(expected);
  }

  // ---------------------------------------------------------------- zones and parcels

  static String zone(String code) {
    return "/api/plans/" + PLAN + "/zones/" + code;
  }

  static String feature(String name, double lon, double lat, double size) {
    return "{\"type\":\"Feature\",\"properties\":{\"name\":\""
        + name
        + "\",\"kind\":\"COOPERATION\",\"parent\":\"PJ\"},\"geometry\":"
        + Shapes.square(lon, lat, size)
        + "}";
  }

  /** The SQL condition on parcel p of the land-use codes the report counts as industrial. */
  static String industrialCondition(JsonNode concentration) {
    List<String> terms = new ArrayList<>();
    for (JsonNode scheme : concentration.get("countedCodes")) {
      for (JsonNode prefix : scheme.get("prefixes")) {
        terms.add(
            "(p.scheme = '"
                + scheme.get("scheme").asString().replace("'", "''")
                + "' AND p.land_use_code LIKE '"
                + prefix.asString().replace("'", "''")
                + "%')");
      }
    }
    assertThat(terms).isNotEmpty();
    return "(" + String.join(" OR ", terms) + ")";
  }

  /** A parcel and a shift east or west that takes it from inside the zones to outside them. */
  record Moved(long id, double dx, double areaM2, double[] box) {}

  /**
   * By PostGIS: an industrial parcel within the union of the plan's zones and a shift along the
   * parallel (which keeps its ellipsoidal area) after which it is still within the division and
   * meets no zone and no other parcel.
   */
  static Moved pickParcel(PostgisTestDatabase.Database db, String division, String industrial)
      throws Exception {
    String sql =
        "WITH z AS (SELECT ST_Union(geom) AS g FROM zone WHERE plan_id = ?),"
            + " d AS (SELECT geom AS g FROM division WHERE code = ?),"
            + " candidates AS (SELECT p.id, p.geom FROM parcel p, z WHERE "
            + industrial
            + " AND ST_Within(p.geom, z.g) ORDER BY p.id LIMIT 40)"
            + " SELECT c.id, s.dx, ST_Area(c.geom::geography, true),"
            + " ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)"
            + " FROM candidates c, z, d,"
            + " LATERAL (SELECT k * 0.004 AS dx FROM generate_series(-25, 25) k WHERE k <> 0) s"
            + " WHERE ST_Within(ST_Translate(c.geom, s.dx, 0), d.g)"
            + " AND NOT ST_Intersects(ST_Translate(c.geom, s.dx, 0), z.g)"
            + " AND NOT EXISTS (SELECT 1 FROM parcel o WHERE o.id <> c.id"
            + "   AND ST_Intersects(o.geom, ST_Translate(c.geom, s.dx, 0)))"
            + " ORDER BY abs(s.dx), c.id LIMIT 1";
    try (Connection c = db.connect();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, PLAN);
      q.setString(2, division);
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next())
            .as("an industrial parcel inside the zones that can be moved")
            .isTrue();
        return new Moved(
            rs.getLong(1),
            rs.getDouble(2),
            rs.getDouble(3),
            new double[] {rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)});
      }
    }
  }

  // ---------------------------------------------------------------- psql

  /** The psql program: skipped without it, failing under CI=true. */
  static String psql() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, "psql");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("psql missing under CI=true: install postgresql-client");
    }
    Assumptions.abort("psql not installed");
    return null;
  }

  static void runPsql(String psql, PostgisTestDatabase.Database db, String sql)
      throws IOException, InterruptedException {
    URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    ProcessBuilder pb =
        new ProcessBuilder(
                psql,
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                uri.getHost(),
                "-p",
                Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U",
                db.username(),
                "-d",
                uri.getPath().substring(1),
                "-c",
                sql)
            .redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).as("psql's answer").contains("UPDATE 1");
  }
}
