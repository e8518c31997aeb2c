package org.zoneplan.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.parks.CityBenchParks;
import org.zoneplan.programmes.CityBenchShares;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * City-wide figures of issue 14 on a synthetic Hangzhou: the territorial attribution (属地: each
 * project's and each zone-park's ellipsoidal area share per district) and the 5个80% shares of one
 * year, zoneplan's engine ({@code parks.TerritorialShares}, {@code programmes.ShareData} + {@code
 * FiveShares}) against ONE PostGIS query each, written independently, on the same data in the same
 * run.
 *
 * <p>Run from the checkout: {@code mvn -B -Pbench test-compile exec:java -Dbench=city}. PostGIS
 * comes from {@code ZONEPLAN_TEST_PG} or a throwaway cluster, as for the tests. Options: {@code
 * -Dbench.parcels=200000}, {@code -Dbench.projects=2000}, {@code -Dbench.zones=50}, {@code
 * -Dbench.reps=5} (zoneplan), {@code -Dbench.pgReps=3} (PostGIS, after a first run).
 *
 * <p>Data (deterministic, seed 330100): Hangzhou's 13 districts from {@code
 * classpath:sample/hangzhou-districts.geojson} (repaired as the sample loader does) and the city
 * 330100 as their union; 50 zones (about 1.6 km × 1.1 km, some across district lines) in plan
 * {@code citybench}, the carriers of the programme; parcels in 100 clusters of jittered grid cells
 * (about 60 m × 50 m), half around the zones, half elsewhere in the city; an enterprise on every
 * 8th parcel (owner, share 1) that also rents half of the next one, with 工业增加值 and 税收 of 2023 and
 * 2024 (some missing); 2,000 projects (85% points, 12% polygons, 3% without location; 40% near a
 * zone; 10% naming a member zone in their zone field) with 签约/开工 dates and investment of 2024;
 * 1,500 quota consumptions of 2024 (half on a parcel, half on a project). The schema is zoneplan's
 * own (Flyway, {@code db/migration/postgresql}, GiST indexes); {@code ANALYZE} after loading.
 *
 * <p>Exits with a failure when any figure differs between the two sides by more than 1e-6 relative.
 */
public final class CityBenchmark {
  static final String PLAN = "citybench";
  static final String CITY = "330100";
  static final int YEAR = 2024;
  static final String DISTRICTS = "/sample/hangzhou-districts.geojson";
  private static final double TOLERANCE = 1e-6;
  private static final GeometryFactory GF = Cgcs2000.GEOMETRY_FACTORY;

  /**
   * The territorial attribution in PostGIS's words: every located project and every zone (as a
   * park's boundary) against every district: a point counts 1 in the district it lies within
   * ({@code ST_Within}); an area counts {@code ST_Area(ST_Intersection(a, d)::geography) /
   * ST_Area(a::geography)}, rows of zero area left out.
   */
  static final String TERRITORIAL_QUERY =
      "WITH d AS MATERIALIZED (SELECT code, geom FROM division WHERE parent_code = ?),"
          + " a AS (SELECT 'project:' || id AS item, geom FROM project WHERE geom IS NOT NULL"
          + "   UNION ALL SELECT 'zone:' || code, geom FROM zone WHERE plan_id = ?),"
          + " s AS (SELECT a.item, d.code, CASE WHEN ST_Dimension(a.geom) = 0"
          + "     THEN CASE WHEN ST_Within(a.geom, d.geom) THEN 1.0 ELSE 0.0 END"
          + "     ELSE ST_Area(ST_Intersection(a.geom, d.geom)::geography)"
          + "       / ST_Area(a.geom::geography) END AS share"
          + "   FROM a JOIN d ON a.geom && d.geom AND ST_Intersects(a.geom, d.geom))"
          + " SELECT item, code, share FROM s WHERE share > 0";

  /**
   * The five shares in PostGIS's words (docs/programmes.md): the carriers are the union of the
   * plan's zones, the jurisdiction the city's outline; a place is a point or {@code
   * ST_PointOnSurface} of a polygon; "inside" is {@code ST_Covers}. One row per share: key, inside,
   * total, number of items in the jurisdiction.
   */
  static final String SHARES_QUERY =
      "WITH c AS MATERIALIZED (SELECT ST_Union(geom) AS g FROM zone WHERE plan_id = ?),"
          + " s AS MATERIALIZED (SELECT geom AS g FROM division WHERE code = ?),"
          + " mz AS MATERIALIZED (SELECT plan_id, code FROM zone WHERE plan_id = ?),"
          + " pj AS MATERIALIZED (SELECT j.id, j.signed_on, j.started_on,"
          + "     EXISTS (SELECT 1 FROM mz WHERE mz.plan_id = j.plan_id AND mz.code = j.zone_code)"
          + "       AS member,"
          + "     CASE WHEN j.geom IS NULL OR ST_IsEmpty(j.geom) THEN NULL"
          + "       WHEN ST_Dimension(j.geom) = 0 THEN j.geom ELSE ST_PointOnSurface(j.geom) END AS at"
          + "   FROM project j),"
          + " pl AS MATERIALIZED (SELECT pj.*,"
          + "     pj.member OR COALESCE(ST_Covers(c.g, pj.at), false) AS inside,"
          + "     COALESCE(ST_Covers(s.g, pj.at), false) AS in_scope FROM pj, c, s),"
          + " q AS (SELECT e.signed_mu::float8 AS v,"
          + "     COALESCE(ST_Covers(c.g, COALESCE(ST_PointOnSurface(p.geom), pl.at)), false)"
          + "       OR (p.id IS NULL AND COALESCE(pl.member, false)) AS inside,"
          + "     COALESCE(ST_Covers(s.g, COALESCE(ST_PointOnSurface(p.geom), pl.at)), false)"
          + "       AS in_scope"
          + "   FROM quota_entry e LEFT JOIN parcel p ON p.id = e.parcel_id"
          + "   LEFT JOIN pl ON pl.id = e.project_id, c, s"
          + "   WHERE e.applies_to = 'CONSUMPTION' AND e.quota_year = ?),"
          + " inv AS (SELECT pl.inside, pl.in_scope, i.amount_wan::float8 AS v"
          + "   FROM project_investment i JOIN pl ON pl.id = i.project_id WHERE i.invest_year = ?),"
          + " nw AS (SELECT pl.inside, pl.in_scope FROM pl"
          + "   WHERE EXTRACT(YEAR FROM COALESCE(pl.signed_on, pl.started_on)) = ?),"
          + " main AS (SELECT DISTINCT ON (l.credit_code) l.credit_code, p.geom"
          + "   FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id"
          + "   ORDER BY l.credit_code, l.share * p.area_m2 DESC, l.parcel_id),"
          + " ep AS (SELECT m.credit_code, ST_Covers(c.g, ST_PointOnSurface(m.geom)) AS inside,"
          + "     ST_Covers(s.g, ST_PointOnSurface(m.geom)) AS in_scope FROM main m, c, s),"
          + " st AS (SELECT t.stat_year = ? AS this_year, t.value_added_wan, t.tax_wan,"
          + "     COALESCE(ep.inside, false) AS inside, COALESCE(ep.in_scope, false) AS in_scope"
          + "   FROM enterprise_stat t LEFT JOIN ep ON ep.credit_code = t.credit_code"
          + "   WHERE t.stat_year IN (?, ?))"
          + " SELECT 'quota', SUM(v) FILTER (WHERE inside AND in_scope),"
          + "   SUM(v) FILTER (WHERE in_scope), COUNT(*) FILTER (WHERE in_scope) FROM q"
          + " UNION ALL SELECT 'projects', COUNT(*) FILTER (WHERE inside AND in_scope),"
          + "   COUNT(*) FILTER (WHERE in_scope), COUNT(*) FILTER (WHERE in_scope) FROM nw"
          + " UNION ALL SELECT 'investment', SUM(v) FILTER (WHERE inside AND in_scope),"
          + "   SUM(v) FILTER (WHERE in_scope), COUNT(*) FILTER (WHERE in_scope) FROM inv"
          + " UNION ALL SELECT 'valueAdded',"
          + "   SUM(CASE WHEN this_year THEN value_added_wan ELSE -value_added_wan END)"
          + "     FILTER (WHERE inside AND in_scope),"
          + "   SUM(CASE WHEN this_year THEN value_added_wan ELSE -value_added_wan END)"
          + "     FILTER (WHERE in_scope),"
          + "   COUNT(value_added_wan) FILTER (WHERE in_scope) FROM st"
          + " UNION ALL SELECT 'tax',"
          + "   SUM(CASE WHEN this_year THEN tax_wan ELSE -tax_wan END)"
          + "     FILTER (WHERE inside AND in_scope),"
          + "   SUM(CASE WHEN this_year THEN tax_wan ELSE -tax_wan END) FILTER (WHERE in_scope),"
          + "   COUNT(tax_wan) FILTER (WHERE in_scope) FROM st";

  private CityBenchmark() {}

  public static void main(String[] args) throws Exception {
    int parcelCount = Integer.getInteger("bench.parcels", 200_000);
    int projectCount = Integer.getInteger("bench.projects", 2_000);
    int zoneCount = Integer.getInteger("bench.zones", 50);
    int reps = Integer.getInteger("bench.reps", 5);
    int pgReps = Integer.getInteger("bench.pgReps", 3);
    System.out.println("zoneplan city benchmark (issue 14: territorial attribution, 5个80%)");
    AnalysisBenchmark.machine("start");

    PostgisTestDatabase.Database db = PostgisTestDatabase.create("citybench");
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.username(), db.password())
        .locations("classpath:db/migration/postgresql")
        .load()
        .migrate();
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(db.jdbcUrl());
    pool.setUsername(db.username());
    pool.setPassword(db.password());
    pool.setMaximumPoolSize(2);
    List<String> failures = new ArrayList<>();
    try (HikariDataSource dataSource = new HikariDataSource(pool);
        Connection sql = db.connect()) {
      // ---- data
      long t0 = System.nanoTime();
      City city = City.build(parcelCount, projectCount, zoneCount);
      long t1 = System.nanoTime();
      city.store(sql);
      try (Statement s = sql.createStatement()) {
        s.execute("ANALYZE");
      }
      long t2 = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "  %d districts, %d zones, %,d parcels, %,d enterprises, %,d projects, %,d quota"
              + " consumptions; generated in %.1f s, stored in PostGIS (GiST, ANALYZE) in %.1f s%n",
          city.districts.size(),
          city.zones.size(),
          city.parcels.size(),
          city.enterprises,
          city.projects.size(),
          city.quotaEntries,
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9);

      // ---- (a) territorial attribution
      System.out.println();
      System.out.println("(a) territorial attribution: every project and zone-park × 13 districts");
      Map<String, Double> zp = null;
      double[] zpEngine = new double[reps];
      double[] zpWithRead = new double[reps];
      for (int i = 0; i <= reps; i++) {
        long s = System.nanoTime();
        Inputs in = Inputs.read(dataSource);
        long r = System.nanoTime();
        zp = territorial(in);
        long e = System.nanoTime();
        if (i > 0) {
          zpEngine[i - 1] = (e - r) / 1e6;
          zpWithRead[i - 1] = (e - s) / 1e6;
        }
      }
      double[] pgA = new double[pgReps];
      Map<String, Double> pgTerritorial = null;
      double pgAFirst = 0;
      for (int i = 0; i <= pgReps; i++) {
        long s = System.nanoTime();
        pgTerritorial = territorialQuery(sql);
        if (i == 0) {
          pgAFirst = ms(s);
        } else {
          pgA[i - 1] = ms(s);
        }
      }
      compareMaps("territorial", zp, pgTerritorial, failures);
      AnalysisBenchmark.row("zoneplan engine (TerritorialShares)", zpEngine, "");
      AnalysisBenchmark.row("zoneplan incl. reading its inputs (JDBC, WKB)", zpWithRead, "");
      System.out.printf(Locale.ROOT, "  %-52s %9.1f ms%n", "PostGIS query, first run", pgAFirst);
      AnalysisBenchmark.row("PostGIS query", pgA, "");
      System.out.printf(
          Locale.ROOT, "  %,d (item, district) shares on each side%n", pgTerritorial.size());
      double ratioA = median(zpWithRead) / median(pgA);
      AnalysisBenchmark.ratio("engine ÷ PostGIS", median(zpEngine) / median(pgA), 0.5);
      AnalysisBenchmark.ratio("incl. reading inputs ÷ PostGIS", ratioA, 0.5);

      // ---- (b) the 5个80% shares
      System.out.println();
      System.out.println("(b) the 5个80% shares of " + YEAR + " (carriers: the 50 zones; city)");
      CityBenchShares shares = new CityBenchShares(dataSource);
      Set<String> keys = new HashSet<>();
      city.zones.forEach((code, g) -> keys.add(CityBenchShares.memberKey(PLAN, code)));
      List<Geometry> carriers = new ArrayList<>(city.zones.values());
      Map<String, CityBenchShares.Figure> zpShares = null;
      double[] zpB = new double[reps];
      for (int i = 0; i <= reps; i++) {
        long s = System.nanoTime();
        zpShares = shares.shares(carriers, keys, city.cityOutline, YEAR);
        if (i > 0) {
          zpB[i - 1] = ms(s);
        }
      }
      double[] pgB = new double[pgReps];
      Map<String, double[]> pgShares = null;
      double pgBFirst = 0;
      for (int i = 0; i <= pgReps; i++) {
        long s = System.nanoTime();
        pgShares = sharesQuery(sql);
        if (i == 0) {
          pgBFirst = ms(s);
        } else {
          pgB[i - 1] = ms(s);
        }
      }
      compareShares(zpShares, pgShares, failures);
      AnalysisBenchmark.row("zoneplan (union, ShareData, FiveShares)", zpB, "");
      System.out.printf(Locale.ROOT, "  %-52s %9.1f ms%n", "PostGIS query, first run", pgBFirst);
      AnalysisBenchmark.row("PostGIS query", pgB, "");
      double ratioB = median(zpB) / median(pgB);
      AnalysisBenchmark.ratio("zoneplan ÷ PostGIS", ratioB, 0.5);

      System.out.println();
      double both = (median(zpWithRead) + median(zpB)) / (median(pgA) + median(pgB));
      AnalysisBenchmark.ratio("both figures together ÷ both queries", both, 0.5);
      AnalysisBenchmark.machine("end");
    }
    System.out.println();
    if (!failures.isEmpty()) {
      failures.stream().limit(30).forEach(f -> System.out.println("FAILED: " + f));
      throw new IllegalStateException(failures.size() + " figure(s) disagree");
    }
    System.out.println("all figures agree (1e-6 relative)");
  }

  // ---------------------------------------------------------------- zoneplan

  /** What the parks service reads for the attribution: districts, projects, zone boundaries. */
  record Inputs(
      Map<String, Geometry> districts,
      Map<String, Geometry> projects,
      Map<String, Geometry> zones) {

    static Inputs read(javax.sql.DataSource ds) throws SQLException {
      WKBReader wkb = new WKBReader(GF);
      Map<String, Geometry> districts = new LinkedHashMap<>();
      Map<String, Geometry> projects = new LinkedHashMap<>();
      Map<String, Geometry> zones = new LinkedHashMap<>();
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        read(
            wkb,
            s,
            "SELECT code, ST_AsBinary(geom) FROM division WHERE parent_code = '"
                + CITY
                + "' ORDER BY code",
            districts);
        read(
            wkb,
            s,
            "SELECT 'project:' || id, ST_AsBinary(geom) FROM project WHERE geom IS NOT NULL",
            projects);
        read(
            wkb,
            s,
            "SELECT 'zone:' || code, ST_AsBinary(geom) FROM zone WHERE plan_id = '" + PLAN + "'",
            zones);
      }
      return new Inputs(districts, projects, zones);
    }

    private static void read(WKBReader wkb, Statement s, String q, Map<String, Geometry> into)
        throws SQLException {
      try (ResultSet rs = s.executeQuery(q)) {
        while (rs.next()) {
          try {
            into.put(rs.getString(1), wkb.read(rs.getBytes(2)));
          } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
  }

  /** {@code item|district} → share, as ParkService attributes parks and their projects. */
  static Map<String, Double> territorial(Inputs in) {
    Map<String, Double> out = new LinkedHashMap<>();
    Function<Geometry, Map<String, Double>> attribution =
        CityBenchParks.attribution(in.districts());
    for (Map<String, Geometry> items : List.of(in.projects(), in.zones())) {
      items.forEach(
          (item, g) -> attribution.apply(g).forEach((d, share) -> out.put(item + "|" + d, share)));
    }
    return out;
  }

  // ---------------------------------------------------------------- PostGIS

  static Map<String, Double> territorialQuery(Connection sql) throws SQLException {
    Map<String, Double> out = new LinkedHashMap<>();
    try (PreparedStatement ps = sql.prepareStatement(TERRITORIAL_QUERY)) {
      ps.setString(1, CITY);
      ps.setString(2, PLAN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1) + "|" + rs.getString(2), rs.getDouble(3));
        }
      }
    }
    return out;
  }

  /** key → {inside, total, items in the jurisdiction}. */
  static Map<String, double[]> sharesQuery(Connection sql) throws SQLException {
    Map<String, double[]> out = new LinkedHashMap<>();
    try (PreparedStatement ps = sql.prepareStatement(SHARES_QUERY)) {
      ps.setString(1, PLAN);
      ps.setString(2, CITY);
      ps.setString(3, PLAN);
      ps.setInt(4, YEAR);
      ps.setInt(5, YEAR);
      ps.setInt(6, YEAR);
      ps.setInt(7, YEAR);
      ps.setInt(8, YEAR);
      ps.setInt(9, YEAR - 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- checks

  private static void compareMaps(
      String what, Map<String, Double> zp, Map<String, Double> pg, List<String> failures) {
    Set<String> all = new HashSet<>(zp.keySet());
    all.addAll(pg.keySet());
    double worst = 0;
    int missing = 0;
    for (String k : new java.util.TreeSet<>(all)) {
      Double a = zp.get(k);
      Double b = pg.get(k);
      if (a == null || b == null) {
        // A sliver share below 1e-6 on one side only is within the tolerance.
        double other = a == null ? b : a;
        if (other > TOLERANCE) {
          missing++;
          failures.add(what + " " + k + ": zoneplan " + a + ", PostGIS " + b);
        }
        continue;
      }
      double d = relative(a, b);
      worst = Math.max(worst, d);
      if (d > TOLERANCE) {
        failures.add(what + " " + k + ": zoneplan " + a + ", PostGIS " + b);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "  %s: %,d figures compared, largest relative difference %.1e, %d on one side only%n",
        what,
        all.size(),
        worst,
        missing);
  }

  private static void compareShares(
      Map<String, CityBenchShares.Figure> zp, Map<String, double[]> pg, List<String> failures) {
    double worst = 0;
    for (Map.Entry<String, CityBenchShares.Figure> e : zp.entrySet()) {
      CityBenchShares.Figure f = e.getValue();
      double[] p = pg.get(e.getKey());
      if (f.share() == null || p == null || p[2] == 0) {
        failures.add("share " + e.getKey() + " not available: " + f.reason());
        continue;
      }
      double pgShare = p[0] / p[1];
      System.out.printf(
          Locale.ROOT,
          "  %-10s zoneplan %.6f = %.4f ÷ %.4f; PostGIS %.6f = %.4f ÷ %.4f%n",
          e.getKey(),
          f.share(),
          f.inside(),
          f.total(),
          pgShare,
          p[0],
          p[1]);
      for (double[] pair :
          new double[][] {{f.share(), pgShare}, {f.inside(), p[0]}, {f.total(), p[1]}}) {
        double d = relative(pair[0], pair[1]);
        worst = Math.max(worst, d);
        if (d > TOLERANCE) {
          failures.add(
              "share " + e.getKey() + ": zoneplan " + Arrays.toString(pair) + " vs PostGIS");
        }
      }
    }
    System.out.printf(Locale.ROOT, "  5个80%%: largest relative difference %.1e%n", worst);
  }

  private static double relative(double a, double b) {
    double scale = Math.max(Math.abs(a), Math.abs(b));
    return scale == 0 ? 0 : Math.abs(a - b) / scale;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  // ---------------------------------------------------------------- the synthetic city

  /** The synthetic city, deterministic per seed. */
  static final class City {
    final Map<String, Geometry> districts = new LinkedHashMap<>();
    final Map<String, String> names = new LinkedHashMap<>();
    MultiPolygon cityOutline;
    final Map<String, Geometry> zones = new LinkedHashMap<>();
    final List<Geometry> parcels = new ArrayList<>();
    final List<Project> projects = new ArrayList<>();
    int enterprises;
    int quotaEntries;
    private final Random random = new Random(330100);

    record Project(
        Geometry geom, String zoneCode, LocalDate signed, LocalDate started, Double investment) {}

    static City build(int parcelCount, int projectCount, int zoneCount) throws Exception {
      City c = new City();
      c.readDistricts();
      c.makeZones(zoneCount);
      c.makeParcels(parcelCount);
      c.makeProjects(projectCount);
      return c;
    }

    private void readDistricts() throws Exception {
      JsonNode collection;
      // The sample loader's file (classpath:sample/hangzhou-districts.geojson).
      try (InputStream in = CityBenchmark.class.getResourceAsStream(DISTRICTS)) {
        collection = JsonMapper.builder().build().readTree(in);
      }
      List<Geometry> outlines = new ArrayList<>();
      for (JsonNode feature : collection.get("features")) {
        String code = feature.get("id").asString();
        MultiPolygon raw = GeoJson.readPolygonal(feature.get("geometry"), GeometryLimits.DEFAULT);
        MultiPolygon g = GeometryRepair.repair(raw).geometry();
        districts.put(code, g);
        names.put(code, feature.get("properties").get("name").asString());
        outlines.add(g);
      }
      cityOutline = GeoJson.toMultiPolygon(OverlayNGRobust.union(outlines));
      cityOutline.setSRID(outlines.get(0).getSRID());
    }

    /** A random point inside the city (rejection sampling in its envelope). */
    private Coordinate pointInCity(PreparedGeometry prepared) {
      Envelope e = cityOutline.getEnvelopeInternal();
      while (true) {
        Coordinate c =
            new Coordinate(
                e.getMinX() + random.nextDouble() * e.getWidth(),
                e.getMinY() + random.nextDouble() * e.getHeight());
        if (prepared.covers(GF.createPoint(c))) {
          return c;
        }
      }
    }

    /** Zones in the city, the first fifth centred near a district line (they straddle it). */
    private void makeZones(int count) {
      PreparedGeometry city = PreparedGeometryFactory.prepare(cityOutline);
      List<Coordinate> lines = new ArrayList<>();
      for (Geometry d : districts.values()) {
        for (Coordinate v : d.getBoundary().getCoordinates()) {
          if (city.containsProperly(GF.createPoint(v))) {
            lines.add(v);
          }
        }
      }
      for (int i = 0; i < count; i++) {
        Coordinate at =
            i % 5 == 0 && !lines.isEmpty()
                ? lines.get(random.nextInt(lines.size()))
                : pointInCity(city);
        double w = 0.012 + random.nextDouble() * 0.008;
        double h = 0.008 + random.nextDouble() * 0.006;
        zones.put(String.format(Locale.ROOT, "Z%02d", i + 1), box(at, w, h));
      }
    }

    private static MultiPolygon box(Coordinate c, double w, double h) {
      Polygon p =
          GF.createPolygon(
              new Coordinate[] {
                new Coordinate(c.x - w / 2, c.y - h / 2),
                new Coordinate(c.x + w / 2, c.y - h / 2),
                new Coordinate(c.x + w / 2, c.y + h / 2),
                new Coordinate(c.x - w / 2, c.y + h / 2),
                new Coordinate(c.x - w / 2, c.y - h / 2)
              });
      MultiPolygon m = GF.createMultiPolygon(new Polygon[] {p});
      m.setSRID(Cgcs2000.SRID);
      return m;
    }

    /** 100 clusters of jittered grid cells, half around the zones' centres. */
    private void makeParcels(int count) {
      PreparedGeometry city = PreparedGeometryFactory.prepare(cityOutline);
      List<Coordinate> centres = new ArrayList<>();
      zones.values().forEach(z -> centres.add(z.getEnvelopeInternal().centre()));
      while (centres.size() < 100) {
        centres.add(pointInCity(city));
      }
      int perCluster = (count + centres.size() - 1) / centres.size();
      int columns = (int) Math.ceil(Math.sqrt(perCluster));
      double dx = 0.0006;
      double dy = 0.00045;
      double j = 0.00004;
      for (int k = 0; k < centres.size() && parcels.size() < count; k++) {
        Coordinate o = centres.get(k);
        double x0 = o.x - columns * dx / 2;
        double y0 = o.y - columns * dy / 2;
        for (int i = 0; i < perCluster && parcels.size() < count; i++) {
          double x = x0 + (i % columns) * dx;
          double y = y0 + (i / columns) * dy;
          Coordinate[] ring = {
            new Coordinate(x + random.nextDouble() * j, y + random.nextDouble() * j),
            new Coordinate(x + dx - random.nextDouble() * j, y + random.nextDouble() * j),
            new Coordinate(x + dx - random.nextDouble() * j, y + dy - random.nextDouble() * j),
            new Coordinate(x + random.nextDouble() * j, y + dy - random.nextDouble() * j),
            null
          };
          ring[4] = new Coordinate(ring[0]);
          MultiPolygon m = GF.createMultiPolygon(new Polygon[] {GF.createPolygon(ring)});
          m.setSRID(Cgcs2000.SRID);
          parcels.add(m);
        }
      }
    }

    private void makeProjects(int count) {
      PreparedGeometry city = PreparedGeometryFactory.prepare(cityOutline);
      List<String> zoneCodes = new ArrayList<>(zones.keySet());
      for (int i = 0; i < count; i++) {
        double kind = random.nextDouble();
        Coordinate at;
        if (random.nextDouble() < 0.4) {
          Envelope e =
              zones.get(zoneCodes.get(random.nextInt(zoneCodes.size()))).getEnvelopeInternal();
          e.expandBy(0.004);
          at =
              new Coordinate(
                  e.getMinX() + random.nextDouble() * e.getWidth(),
                  e.getMinY() + random.nextDouble() * e.getHeight());
        } else {
          at = pointInCity(city);
        }
        Geometry geom;
        if (kind < 0.85) {
          geom = GF.createPoint(at);
          geom.setSRID(Cgcs2000.SRID);
        } else if (kind < 0.97) {
          geom = box(at, 0.001 + random.nextDouble() * 0.003, 0.001 + random.nextDouble() * 0.002);
        } else {
          geom = null;
        }
        String zoneCode =
            random.nextDouble() < 0.1 ? zoneCodes.get(random.nextInt(zoneCodes.size())) : null;
        LocalDate signed =
            random.nextDouble() < 0.6
                ? LocalDate.of(YEAR - 1 + random.nextInt(2), 1 + random.nextInt(12), 1)
                : null;
        LocalDate started =
            random.nextDouble() < 0.5
                ? LocalDate.of(YEAR - 1 + random.nextInt(2), 1 + random.nextInt(12), 15)
                : null;
        Double investment =
            random.nextDouble() < 0.7 ? Math.round(random.nextDouble() * 5e6) / 100.0 : null;
        projects.add(new Project(geom, zoneCode, signed, started, investment));
      }
    }

    void store(Connection sql) throws SQLException {
      WKBWriter wkb = new WKBWriter(2);
      sql.setAutoCommit(false);
      try (PreparedStatement ps =
          sql.prepareStatement(
              "INSERT INTO division (code, name, level, parent_code, area_m2, planar_area_m2,"
                  + " gk_epsg, geom) VALUES (?, ?, ?, ?, ?, ?, ?,"
                  + " ST_Multi(ST_GeomFromWKB(?, 4490)))")) {
        division(ps, wkb, CITY, "杭州市", "CITY", "330000", cityOutline);
        for (Map.Entry<String, Geometry> d : districts.entrySet()) {
          division(ps, wkb, d.getKey(), names.get(d.getKey()), "COUNTY", CITY, d.getValue());
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          sql.prepareStatement(
              "INSERT INTO plan_version (id, name, plan_date, status) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, PLAN);
        ps.setString(2, "城市基准 (示意)");
        ps.setDate(3, Date.valueOf(LocalDate.of(YEAR, 1, 1)));
        ps.setString(4, "CURRENT");
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          sql.prepareStatement(
              "INSERT INTO zone (plan_id, code, name, kind, area_m2, planar_area_m2, gk_epsg,"
                  + " geom) VALUES (?, ?, ?, 'ZONE', ?, ?, ?, ST_GeomFromWKB(?, 4490))")) {
        for (Map.Entry<String, Geometry> z : zones.entrySet()) {
          AreaFigures a = AreaFigures.of((MultiPolygon) z.getValue());
          ps.setString(1, PLAN);
          ps.setString(2, z.getKey());
          ps.setString(3, "载体 " + z.getKey() + " (示意)");
          ps.setDouble(4, a.squareMetres());
          ps.setDouble(5, a.planarSquareMetres());
          ps.setInt(6, a.gkEpsg());
          ps.setBytes(7, wkb.write(z.getValue()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          sql.prepareStatement(
              "INSERT INTO parcel (id, scheme, land_use_code, area_m2, geom)"
                  + " VALUES (?, 'GBT21010_2017', '0601', ?, ST_GeomFromWKB(?, 4490))")) {
        for (int i = 0; i < parcels.size(); i++) {
          Geometry g = parcels.get(i);
          ps.setLong(1, i + 1);
          ps.setDouble(2, EllipsoidalArea.squareMetres(g));
          ps.setBytes(3, wkb.write(g));
          ps.addBatch();
          if (i % 5000 == 4999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      storeEnterprises(sql);
      storeProjects(sql, wkb);
      sql.commit();
      sql.setAutoCommit(true);
    }

    private static void division(
        PreparedStatement ps,
        WKBWriter wkb,
        String code,
        String name,
        String level,
        String parent,
        Geometry g)
        throws SQLException {
      AreaFigures a = AreaFigures.of((MultiPolygon) g);
      ps.setString(1, code);
      ps.setString(2, name);
      ps.setString(3, level);
      ps.setString(4, parent);
      ps.setDouble(5, a.squareMetres());
      ps.setDouble(6, a.planarSquareMetres());
      ps.setInt(7, a.gkEpsg());
      ps.setBytes(8, wkb.write(g));
      ps.addBatch();
    }

    /** An enterprise on every 8th parcel: owner of it, tenant of half the next one. */
    private void storeEnterprises(Connection sql) throws SQLException {
      try (PreparedStatement e =
              sql.prepareStatement("INSERT INTO enterprise (credit_code, name) VALUES (?, ?)");
          PreparedStatement l =
              sql.prepareStatement(
                  "INSERT INTO enterprise_land (credit_code, parcel_id, role, share)"
                      + " VALUES (?, ?, ?, ?)");
          PreparedStatement s =
              sql.prepareStatement(
                  "INSERT INTO enterprise_stat (credit_code, stat_year, value_added_wan, tax_wan)"
                      + " VALUES (?, ?, ?, ?)")) {
        for (int p = 1; p + 1 <= parcels.size(); p += 8) {
          // Not a valid GB 32100 code: the benchmark writes the table directly.
          String code = String.format(Locale.ROOT, "BENCH%013d", p);
          enterprises++;
          e.setString(1, code);
          e.setString(2, "示意企业" + p);
          e.addBatch();
          l.setString(1, code);
          l.setLong(2, p);
          l.setString(3, "OWNER");
          l.setDouble(4, 1.0);
          l.addBatch();
          l.setString(1, code);
          l.setLong(2, p + 1);
          l.setString(3, "TENANT");
          l.setDouble(4, 0.5);
          l.addBatch();
          for (int y = YEAR - 1; y <= YEAR; y++) {
            if (random.nextDouble() < 0.1) {
              continue; // no figures that year
            }
            s.setString(1, code);
            s.setInt(2, y);
            setOrNull(s, 3, random.nextDouble() < 0.05 ? null : figure(y, 2000));
            setOrNull(s, 4, random.nextDouble() < 0.05 ? null : figure(y, 300));
            s.addBatch();
          }
          if (enterprises % 2000 == 0) {
            e.executeBatch();
            l.executeBatch();
            s.executeBatch();
          }
        }
        e.executeBatch();
        l.executeBatch();
        s.executeBatch();
      }
    }

    private Double figure(int year, double scale) {
      double growth = year == YEAR ? 1.0 + random.nextDouble() * 0.2 : 1.0;
      return Math.round(random.nextDouble() * scale * growth * 100) / 100.0;
    }

    private static void setOrNull(PreparedStatement ps, int i, Double v) throws SQLException {
      if (v == null) {
        ps.setNull(i, Types.DOUBLE);
      } else {
        ps.setDouble(i, v);
      }
    }

    private void storeProjects(Connection sql, WKBWriter wkb) throws SQLException {
      Timestamp now = Timestamp.valueOf("2026-12-01 00:00:00");
      try (PreparedStatement ps =
              sql.prepareStatement(
                  "INSERT INTO project (id, name, plan_id, zone_code, stage, signed_on,"
                      + " started_on, lists, illustrative, geom, created_by, created_at)"
                      + " VALUES (?, ?, ?, ?, 'SIGNED', ?, ?, '[]', true,"
                      + " ST_GeomFromWKB(?, 4490), 'bench', ?)");
          PreparedStatement inv =
              sql.prepareStatement(
                  "INSERT INTO project_investment (project_id, invest_year, amount_wan)"
                      + " VALUES (?, ?, ?)")) {
        for (int i = 0; i < projects.size(); i++) {
          Project p = projects.get(i);
          ps.setLong(1, i + 1);
          ps.setString(2, "示意项目" + (i + 1));
          ps.setString(3, p.zoneCode() == null ? null : PLAN);
          ps.setString(4, p.zoneCode());
          ps.setDate(5, p.signed() == null ? null : Date.valueOf(p.signed()));
          ps.setDate(6, p.started() == null ? null : Date.valueOf(p.started()));
          ps.setBytes(7, p.geom() == null ? null : wkb.write(p.geom()));
          ps.setTimestamp(8, now);
          ps.addBatch();
          if (p.investment() != null) {
            inv.setLong(1, i + 1);
            inv.setInt(2, YEAR);
            inv.setBigDecimal(3, BigDecimal.valueOf(p.investment()));
            inv.addBatch();
          }
        }
        ps.executeBatch();
        inv.executeBatch();
      }
      try (Statement s = sql.createStatement()) {
        s.execute("INSERT INTO quota_account (body, quota_year) VALUES ('杭州市', " + YEAR + ")");
      }
      try (PreparedStatement q =
          sql.prepareStatement(
              "INSERT INTO quota_entry (body, quota_year, kind, applies_to, area_mu, signed_mu,"
                  + " project_id, parcel_id, reason, recorded_by, recorded_at)"
                  + " VALUES ('杭州市', ?, 'CONSUMPTION', 'CONSUMPTION', ?, ?, ?, ?, '基准 (示意)', 'bench', ?)")) {
        for (int i = 0; i < 1500; i++) {
          BigDecimal mu = BigDecimal.valueOf(1 + random.nextInt(20000), 2);
          q.setInt(1, YEAR);
          q.setBigDecimal(2, mu);
          q.setBigDecimal(3, mu);
          if (i % 2 == 0) {
            q.setNull(4, Types.BIGINT);
            q.setLong(5, 1 + random.nextInt(parcels.size()));
          } else {
            q.setLong(4, 1 + random.nextInt(projects.size()));
            q.setNull(5, Types.BIGINT);
          }
          q.setTimestamp(6, now);
          q.addBatch();
          quotaEntries++;
        }
        q.executeBatch();
      }
    }
  }
}
