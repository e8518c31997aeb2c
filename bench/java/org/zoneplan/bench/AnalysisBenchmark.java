package org.zoneplan.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoneplan.ZoneplanApplication;
import org.zoneplan.analysis.Concentration;
import org.zoneplan.analysis.ConcentrationCalculator;
import org.zoneplan.analysis.LandUseClassifier;
import org.zoneplan.analysis.OverlapFinder;
import org.zoneplan.analysis.ParcelIndex;
import org.zoneplan.analysis.PlanGeometry;
import org.zoneplan.analysis.WhatIf;
import org.zoneplan.analysis.WhatIfCalculator;
import org.zoneplan.analysis.ZoneShape;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.sample.ParcelGenerator;
import org.zoneplan.sample.ShapefileReader;
import org.zoneplan.testsupport.PostgisTestDatabase;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;

/**
 * The industrial-land concentration ratio and its per-zone breakdown on a 200,000-parcel county,
 * zoneplan's in-memory engine against one PostGIS query ({@code ST_Intersection}, {@code
 * ST_Area(geography)}, GiST) on the same data in the same run; then what-if vertex drags.
 *
 * <p>Run from the checkout: {@code mvn -B -Pbench test-compile exec:java -Dbench=analysis}. PostGIS
 * comes from {@code ZONEPLAN_TEST_PG} or a throwaway cluster, as for the tests. Options: {@code
 * -Dbench.parcels=200000}, {@code -Dbench.reps=5} (zoneplan repetitions), {@code -Dbench.pgReps=3}
 * (PostGIS repetitions after the first run), {@code -Dbench.drags=50}.
 *
 * <p>Data: zoneplan starts on a fresh PostGIS database ({@code zoneplan.store=postgis}, Flyway
 * schema with its GiST indexes) and loads the sample zones and county outlines (repaired, as on
 * every first start) without sample parcels; the benchmark then generates the parcels with {@link
 * ParcelGenerator} (default seed) in Pujiang's repaired outline, dense in the union of the leaf
 * zones (as the sample loader does), stores them through {@link ParcelRepository} and runs {@code
 * ANALYZE}. Zones and county outline are read back from the store, so both sides see the same
 * geometry. Plan {@code pujiang-2021}, division 330726 (浦江县), industrial land = 三调 {@code 0601}.
 *
 * <p>Exits with a failure (the Maven build fails) when zoneplan's figures and PostGIS's disagree by
 * more than 1e-6 relative, or an incremental what-if disagrees with a full recomputation.
 */
public final class AnalysisBenchmark {
  private static final String PLAN = "pujiang-2021";
  private static final String COUNTY = "330726";
  private static final String DRAGGED = "PJ-1-CORE";
  private static final double TOLERANCE = 1e-6;

  /** Industrial land in PostGIS's words (the engine's defaults; storage does not count). */
  private static final String INDUSTRIAL =
      "((p.scheme IN ('GBT21010_2017', 'SANDIAO') AND p.land_use_code LIKE '0601%')"
          + " OR (p.scheme = 'YDYH_2023' AND p.land_use_code LIKE '1001%'))";

  /**
   * The formulation of the PostGIS tests ({@code PostgisAnalysisApiTest.referenceQuery}): every
   * industrial parcel clipped to the county with {@code ST_Intersection}, then intersected with the
   * union of the zones and with each zone. Keys {@code *total}, {@code *inside} and zone codes.
   */
  static final String REFERENCE_QUERY =
      "WITH d AS (SELECT geom FROM division WHERE code = ?),"
          + " z AS (SELECT code, geom FROM zone WHERE plan_id = ?),"
          + " u AS (SELECT ST_Union(geom) AS geom FROM z),"
          + " c AS (SELECT ST_CollectionExtract(ST_Intersection(p.geom, d.geom), 3) AS geom"
          + "       FROM parcel p, d WHERE p.geom && d.geom AND ST_Intersects(p.geom, d.geom)"
          + "       AND "
          + INDUSTRIAL
          + ")"
          + " SELECT '*total' AS code, COALESCE(SUM(ST_Area(c.geom::geography)), 0) AS m2 FROM c"
          + " UNION ALL"
          + " SELECT '*inside', COALESCE(SUM(ST_Area(ST_CollectionExtract("
          + "   ST_Intersection(c.geom, u.geom), 3)::geography)), 0) FROM c, u WHERE c.geom && u.geom"
          + " UNION ALL"
          + " SELECT z.code, COALESCE(SUM(ST_Area(ST_CollectionExtract("
          + "   ST_Intersection(c.geom, z.geom), 3)::geography)), 0)"
          + " FROM z LEFT JOIN c ON c.geom && z.geom GROUP BY z.code";

  /**
   * The same figures written for speed: the parcels of each region (the union of the zones, each
   * zone) are found through the parcel table's GiST index, and {@code ST_Intersection} runs only on
   * parcels that cross the county's or the region's boundary ({@code ST_Covers}, which PostGIS
   * answers with a cached prepared geometry); the rest count {@code ST_Area(geom::geography)}.
   */
  static final String INDEXED_QUERY =
      "WITH d AS MATERIALIZED (SELECT geom FROM division WHERE code = ?),"
          + " z AS MATERIALIZED (SELECT code, geom FROM zone WHERE plan_id = ?),"
          + " r AS MATERIALIZED (SELECT '*inside' AS code, ST_Union(geom) AS geom FROM z"
          + "   UNION ALL SELECT code, geom FROM z)"
          + " SELECT '*total' AS code, COALESCE(SUM(ST_Area((CASE WHEN ST_Covers(d.geom, p.geom)"
          + "   THEN p.geom ELSE ST_CollectionExtract(ST_Intersection(p.geom, d.geom), 3) END)"
          + "   ::geography)), 0) AS m2"
          + " FROM parcel p, d WHERE p.geom && d.geom AND ST_Intersects(p.geom, d.geom) AND "
          + INDUSTRIAL
          + " UNION ALL"
          + " SELECT r.code, COALESCE(SUM(ST_Area((CASE"
          + "   WHEN ST_Covers(r.geom, p.geom) AND ST_Covers(d.geom, p.geom) THEN p.geom"
          + "   ELSE ST_CollectionExtract(ST_Intersection("
          + "     ST_CollectionExtract(ST_Intersection(p.geom, d.geom), 3), r.geom), 3) END)"
          + "   ::geography)), 0)"
          + " FROM r JOIN parcel p ON p.geom && r.geom, d"
          + " WHERE ST_Intersects(p.geom, r.geom) AND p.geom && d.geom"
          + "   AND ST_Intersects(p.geom, d.geom) AND "
          + INDUSTRIAL
          + " GROUP BY r.code";

  private AnalysisBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("bench.parcels", 200_000);
    int reps = Integer.getInteger("bench.reps", 5);
    int pgReps = Integer.getInteger("bench.pgReps", 3);
    int drags = Integer.getInteger("bench.drags", 50);
    System.out.println("zoneplan analysis benchmark");
    machine("start");

    PostgisTestDatabase.Database db = PostgisTestDatabase.create("bench");
    ConfigurableApplicationContext app = startOnPostgis(db, "--zoneplan.analysis.warm-up=false");
    List<String> failures = new ArrayList<>();
    try (Connection sql = db.connect()) {
      System.out.printf(Locale.ROOT, "  PostgreSQL %s%n", version(sql));
      ParcelRepository repository = app.getBean(ParcelRepository.class);

      // ---- data
      long t0 = System.nanoTime();
      List<Parcel> parcels = generate(count);
      long t1 = System.nanoTime();
      for (int from = 0; from < parcels.size(); from += 10_000) {
        repository.insertAll(parcels.subList(from, Math.min(parcels.size(), from + 10_000)));
      }
      try (Statement s = sql.createStatement()) {
        s.execute("ANALYZE parcel");
        s.execute("ANALYZE zone");
        s.execute("ANALYZE division");
      }
      long t2 = System.nanoTime();
      List<Zone> zones = app.getBean(ZoneRepository.class).findZones(PLAN);
      Division county = app.getBean(DivisionRepository.class).find(COUNTY).orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "  %,d parcels generated (ParcelGenerator, seed %d) in %.1f s, stored in PostGIS"
              + " (GiST, ANALYZE) in %.1f s; plan %s: %d zones; division %s %s%n",
          parcels.size(),
          ParcelGenerator.DEFAULT_SEED,
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          PLAN,
          zones.size(),
          county.code(),
          county.name());

      // ---- zoneplan: the parcel index
      System.out.println();
      System.out.println("zoneplan engine (in-process, no Spring involved in the timings)");
      double[] fromMemory = new double[3];
      ParcelIndex index = null;
      for (int i = 0; i < fromMemory.length; i++) {
        long s = System.nanoTime();
        index = ParcelIndex.of(parcels);
        fromMemory[i] = ms(s);
      }
      double[] fromStore = new double[3];
      for (int i = 0; i < fromStore.length; i++) {
        long s = System.nanoTime();
        ParcelIndex.Builder builder = ParcelIndex.builder();
        repository.forEach(builder::add);
        ParcelIndex built = builder.build();
        fromStore[i] = ms(s);
        if (built.size() != parcels.size()) {
          failures.add("the store holds " + built.size() + " parcels, not " + parcels.size());
        }
      }
      row("parcel index from in-memory parcels", fromMemory, "");
      row("parcel index read from the store (JDBC)", fromStore, "");

      // ---- zoneplan: concentration, cold (new calculator and plan geometry) and warm
      List<ZoneShape> shapes = zones.stream().map(ZoneShape::of).toList();
      double[] cold = new double[reps];
      double firstCold = 0;
      Concentration result = null;
      ConcentrationCalculator calculator = null;
      PlanGeometry plan = null;
      for (int i = 0; i <= reps; i++) {
        long s = System.nanoTime();
        IntPredicate industrial =
            ConcentrationCalculator.industrial(index, LandUseClassifier.defaults(), false);
        plan = PlanGeometry.of(shapes);
        calculator = new ConcentrationCalculator(index, industrial, county.geometry());
        result = calculator.compute(plan);
        if (i == 0) {
          firstCold = ms(s);
        } else {
          cold[i - 1] = ms(s);
        }
      }
      double[] warm = new double[reps];
      for (int i = 0; i < reps; i++) {
        long s = System.nanoTime();
        result = calculator.compute(plan);
        warm[i] = ms(s);
      }
      System.out.printf(
          Locale.ROOT, "  %-52s %9.1f ms%n", "concentration, very first run (JIT cold)", firstCold);
      row("concentration + breakdown, cold", cold, "(new calculator: clip to county, rasters)");
      row("concentration + breakdown, warm", warm, "(same calculator and plan geometry)");
      System.out.printf(
          Locale.ROOT,
          "  ratio %.6f = %.1f m² inside ÷ %.1f m² total, %,d industrial parcels%n",
          result.ratio(),
          result.industrialInsideM2(),
          result.industrialTotalM2(),
          result.parcelsCounted());

      // ---- PostGIS
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "PostGIS (one SQL query over JDBC; max_parallel_workers_per_gather = %s)%n",
          setting(sql, "max_parallel_workers_per_gather"));
      Map<String, double[]> pgTimes = new LinkedHashMap<>();
      Map<String, Double> pgFirst = new LinkedHashMap<>();
      Map<String, String> queries = new LinkedHashMap<>();
      queries.put("indexed", INDEXED_QUERY);
      queries.put("tests' reference", REFERENCE_QUERY);
      for (Map.Entry<String, String> q : queries.entrySet()) {
        String name = q.getKey();
        boolean usesIndex = usesParcelIndex(sql, q.getValue());
        System.out.printf(
            Locale.ROOT,
            "  %s query: plan %s the parcel GiST index%n",
            name,
            usesIndex ? "uses" : "does NOT use");
        if (name.equals("indexed") && !usesIndex) {
          failures.add("the indexed PostGIS query does not use parcel_geom_idx");
        }
        double[] times = new double[pgReps];
        Map<String, Double> figures = null;
        for (int i = 0; i <= pgReps; i++) {
          long s = System.nanoTime();
          figures = query(sql, q.getValue());
          if (i == 0) {
            pgFirst.put(name, ms(s));
          } else {
            times[i - 1] = ms(s);
          }
        }
        pgTimes.put(name, times);
        System.out.printf(
            Locale.ROOT, "  %-52s %9.1f ms%n", name + " query, first run", pgFirst.get(name));
        row(name + " query", times, "");
        compare(name, result, figures, failures);
      }
      String best = null;
      for (String name : pgTimes.keySet()) {
        if (best == null || median(pgTimes.get(name)) < median(pgTimes.get(best))) {
          best = name;
        }
      }
      double pg = median(pgTimes.get(best));
      System.out.println();
      System.out.printf(
          Locale.ROOT, "ratios zoneplan ÷ PostGIS (the faster PostGIS query: %s)%n", best);
      ratio("cold (new calculator)", median(cold) / pg, 0.5);
      ratio("warm", median(warm) / pg, 0.5);
      ratio("cold incl. index read from store", (median(fromStore) + median(cold)) / pg, 0.5);
      for (String name : pgTimes.keySet()) {
        System.out.printf(
            Locale.ROOT,
            "  (against the %s query: cold %.4f×, warm %.4f×)%n",
            name,
            median(cold) / median(pgTimes.get(name)),
            median(warm) / median(pgTimes.get(name)));
      }
      machine("after concentration");

      // ---- what-if
      System.out.println();
      whatIf(calculator, plan, result, drags, failures);
      machine("end");
    } finally {
      app.close();
    }
    System.out.println();
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.out.println("FAILED: " + f));
      throw new IllegalStateException(failures.size() + " check(s) failed: " + failures);
    }
    System.out.println("all figures agree (1e-6 relative)");
  }

  // ---------------------------------------------------------------- data

  /** The sample loader's way: Pujiang's repaired outline, dense in the union of leaf zones. */
  static List<Parcel> generate(int count) throws Exception {
    Path dir = Path.of("data/shapefiles");
    List<ShapefileReader.Row> zones = ShapefileReader.read(dir.resolve("zones.shp"), cpg(dir));
    List<ShapefileReader.Row> divisions =
        ShapefileReader.read(dir.resolve("divisions.shp"), cpg(dir));
    Geometry county = null;
    for (ShapefileReader.Row row : divisions) {
      if (COUNTY.equals(text(row, "CODE"))) {
        county = GeometryRepair.repair(row.geometry()).geometry();
      }
    }
    if (county == null) {
      throw new IllegalStateException("divisions.shp lacks " + COUNTY);
    }
    Set<String> parents = new HashSet<>();
    zones.forEach(r -> parents.add(text(r, "PLAN") + "/" + text(r, "PARENT")));
    List<Geometry> leaves = new ArrayList<>();
    for (ShapefileReader.Row row : zones) {
      if (!parents.contains(text(row, "PLAN") + "/" + text(row, "CODE"))) {
        leaves.add(GeometryRepair.repair(row.geometry()).geometry());
      }
    }
    return ParcelGenerator.generate(
        county, OverlayNGRobust.union(leaves), count, ParcelGenerator.DEFAULT_SEED);
  }

  private static String cpg(Path dir) throws Exception {
    return Files.readString(dir.resolve("zones.cpg"), StandardCharsets.US_ASCII).strip();
  }

  private static String text(ShapefileReader.Row row, String field) {
    Object value = row.attributes().get(field);
    String s = value == null ? "" : value.toString().strip();
    return s.isEmpty() ? null : s;
  }

  // ---------------------------------------------------------------- PostGIS

  private static Map<String, Double> query(Connection sql, String query) throws SQLException {
    Map<String, Double> out = new LinkedHashMap<>();
    try (PreparedStatement ps = sql.prepareStatement(query)) {
      ps.setString(1, COUNTY);
      ps.setString(2, PLAN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getDouble(2));
        }
      }
    }
    return out;
  }

  /** Whether EXPLAIN shows an index scan on the parcel table's GiST index. */
  private static boolean usesParcelIndex(Connection sql, String query) throws SQLException {
    String plan = explain(sql, query);
    if (Boolean.getBoolean("bench.explain")) {
      System.out.println(plan.indent(4));
    }
    return plan.contains("parcel_geom_idx");
  }

  private static String explain(Connection sql, String query) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (PreparedStatement ps = sql.prepareStatement("EXPLAIN " + query)) {
      ps.setString(1, COUNTY);
      ps.setString(2, PLAN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.append(rs.getString(1)).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static void compare(
      String name, Concentration c, Map<String, Double> pg, List<String> failures) {
    double worst = 0;
    worst = Math.max(worst, check(name, "total", c.industrialTotalM2(), pg, "*total", failures));
    worst = Math.max(worst, check(name, "inside", c.industrialInsideM2(), pg, "*inside", failures));
    for (Map.Entry<String, Double> z : c.zoneIndustrialM2().entrySet()) {
      worst = Math.max(worst, check(name, z.getKey(), z.getValue(), pg, z.getKey(), failures));
    }
    double pgRatio = pg.getOrDefault("*inside", 0.0) / pg.getOrDefault("*total", 1.0);
    System.out.printf(
        Locale.ROOT,
        "  figures: PostGIS ratio %.6f; largest relative difference to zoneplan %.2e"
            + " over total, inside and %d zones%n",
        pgRatio,
        worst,
        c.zoneIndustrialM2().size());
  }

  private static double check(
      String query,
      String what,
      double zoneplan,
      Map<String, Double> pg,
      String key,
      List<String> failures) {
    double postgis = pg.getOrDefault(key, 0.0); // a zone without industrial land has no row
    double relative = relative(zoneplan, postgis);
    if (relative > TOLERANCE) {
      failures.add(
          String.format(
              Locale.ROOT,
              "%s query, %s: zoneplan %.3f m², PostGIS %.3f m² (%.2e relative)",
              query,
              what,
              zoneplan,
              postgis,
              relative));
    }
    return relative;
  }

  private static double relative(double a, double b) {
    return Math.abs(a - b) / Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  // ---------------------------------------------------------------- what-if

  /**
   * Vertex drags of the core area, as a planner's editor sends them: 5 vertices spread along its
   * outline, each dragged outward in 10 steps of 5 m (so each step moves it a little further from
   * where it was), every step validated ({@link PolygonValidator}, as the API does) and answered by
   * the engine's incremental what-if on the warm plan. The last step of each vertex is checked
   * against a full recomputation of the plan with that geometry.
   */
  private static void whatIf(
      ConcentrationCalculator calculator,
      PlanGeometry plan,
      Concentration before,
      int drags,
      List<String> failures) {
    OverlapFinder finder =
        new OverlapFinder(OverlapFinder.DEFAULT_TOLERANCE_M, OverlapFinder.DEFAULT_MIN_AREA_M2);
    MultiPolygon core = (MultiPolygon) plan.zone(DRAGGED).geometry();
    Polygon shell = largest(core);
    Coordinate[] ring = shell.getExteriorRing().getCoordinates();
    Coordinate centre = shell.getCentroid().getCoordinate();
    int vertices = 5;
    int steps = Math.max(1, drags / vertices);
    // warm-up: one drag (othersUnion of the zone is computed once per plan geometry)
    new WhatIfCalculator(calculator, finder)
        .evaluate(plan, before, DRAGGED, dragged(core, shell, ring, 1, centre, 1));
    List<Double> times = new ArrayList<>();
    int invalid = 0;
    double worst = 0;
    int problems = 0;
    long gained = 0;
    for (int v = 0; v < vertices; v++) {
      int k = 1 + v * (ring.length - 2) / vertices;
      WhatIf last = null;
      MultiPolygon lastGeometry = null;
      for (int step = 1; step <= steps; step++) {
        MultiPolygon proposed = dragged(core, shell, ring, k, centre, 5.0 * step);
        long s = System.nanoTime();
        if (PolygonValidator.check(proposed).isPresent()) {
          invalid++;
          continue;
        }
        WhatIf w =
            new WhatIfCalculator(calculator, finder).evaluate(plan, before, DRAGGED, proposed);
        times.add(ms(s));
        last = w;
        lastGeometry = proposed;
        problems = Math.max(problems, w.problemsAfter().size());
        gained += w.parcels().gained().length;
      }
      if (last != null) {
        List<ZoneShape> changed = new ArrayList<>();
        for (ZoneShape z : plan.zones()) {
          changed.add(z.code().equals(DRAGGED) ? z.withGeometry(lastGeometry) : z);
        }
        Concentration full = calculator.compute(PlanGeometry.of(changed));
        double d1 = relative(last.industrialInsideAfterM2(), full.industrialInsideM2());
        double d2 = relative(last.zoneIndustrialAfterM2(), full.zoneIndustrialM2().get(DRAGGED));
        worst = Math.max(worst, Math.max(d1, d2));
        if (Math.max(d1, d2) > TOLERANCE) {
          failures.add(
              String.format(
                  Locale.ROOT,
                  "what-if at vertex %d: incremental %.3f / %.3f m², full %.3f / %.3f m²",
                  k,
                  last.industrialInsideAfterM2(),
                  last.zoneIndustrialAfterM2(),
                  full.industrialInsideM2(),
                  full.zoneIndustrialM2().get(DRAGGED)));
        }
      }
    }
    double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(t);
    System.out.printf(
        Locale.ROOT,
        "what-if: %d drags of %s (%d vertices of %d × %d steps of 5 m; %d invalid skipped),"
            + " engine, warm%n",
        t.length,
        DRAGGED,
        vertices,
        ring.length - 1,
        steps,
        invalid);
    System.out.printf(
        Locale.ROOT,
        "  median %.1f ms, p95 %.1f ms, max %.1f ms  (goal < 100 ms: %s)%n",
        percentile(t, 0.5),
        percentile(t, 0.95),
        t.length == 0 ? Double.NaN : t[t.length - 1],
        percentile(t, 0.95) < 100 ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "  incremental vs full recomputation: largest relative difference %.2e;"
            + " up to %d problems reported, %d parcels gained in all%n",
        worst,
        problems,
        gained);
  }

  private static Polygon largest(MultiPolygon m) {
    Polygon best = (Polygon) m.getGeometryN(0);
    for (int i = 1; i < m.getNumGeometries(); i++) {
      if (m.getGeometryN(i).getArea() > best.getArea()) {
        best = (Polygon) m.getGeometryN(i);
      }
    }
    return best;
  }

  /** The multipolygon with vertex {@code k} of {@code shell} moved {@code metres} outward. */
  private static MultiPolygon dragged(
      MultiPolygon core,
      Polygon shell,
      Coordinate[] ring,
      int k,
      Coordinate centre,
      double metres) {
    Coordinate[] moved = Arrays.stream(ring).map(Coordinate::copy).toArray(Coordinate[]::new);
    Coordinate c = moved[k];
    double mPerDegLat = 111_320;
    double mPerDegLon = 111_320 * Math.cos(Math.toRadians(c.y));
    double dx = (c.x - centre.x) * mPerDegLon;
    double dy = (c.y - centre.y) * mPerDegLat;
    double len = Math.hypot(dx, dy);
    c.x += metres * dx / len / mPerDegLon;
    c.y += metres * dy / len / mPerDegLat;
    var f = Cgcs2000.GEOMETRY_FACTORY;
    Polygon[] parts = new Polygon[core.getNumGeometries()];
    for (int i = 0; i < parts.length; i++) {
      Polygon p = (Polygon) core.getGeometryN(i);
      if (p == shell) {
        var holes = new org.locationtech.jts.geom.LinearRing[p.getNumInteriorRing()];
        for (int h = 0; h < holes.length; h++) {
          holes[h] = p.getInteriorRingN(h);
        }
        parts[i] = f.createPolygon(f.createLinearRing(moved), holes);
      } else {
        parts[i] = p;
      }
    }
    return f.createMultiPolygon(parts);
  }

  // ---------------------------------------------------------------- figures

  static double ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  static double median(double[] values) {
    return percentile(values, 0.5);
  }

  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  static void row(String what, double[] ms, String note) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "  %-52s %9.1f ms median of %d (%.1f–%.1f) %s%n",
        what,
        median(ms),
        ms.length,
        sorted[0],
        sorted[sorted.length - 1],
        note);
  }

  static void ratio(String what, double ratio, double goal) {
    System.out.printf(
        Locale.ROOT,
        "  %-40s %8.4f×  (goal ≤ %s×: %s)%n",
        what,
        ratio,
        goal,
        ratio <= goal ? "met" : "MISSED");
  }

  static void machine(String when) {
    String load;
    try {
      load = Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      load =
          String.format(
              Locale.ROOT,
              "%.2f",
              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    System.out.printf(
        Locale.ROOT,
        "  machine (%s): %d cores, load average %s, Java %s, max heap %d MB%n",
        when,
        Runtime.getRuntime().availableProcessors(),
        load,
        Runtime.version(),
        Runtime.getRuntime().maxMemory() >> 20);
  }

  static String setting(Connection sql, String name) throws SQLException {
    try (Statement s = sql.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  static String version(Connection sql) throws SQLException {
    try (Statement s = sql.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('server_version') || ', PostGIS ' || postgis_lib_version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * zoneplan on a PostGIS database, without sample parcels, on a free port, quiet: the start every
   * benchmark shares. {@code extra} arguments come after (and so override) these.
   */
  static ConfigurableApplicationContext startOnPostgis(
      PostgisTestDatabase.Database db, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--zoneplan.store=postgis",
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--zoneplan.sample-data.parcels=0",
                "--server.port=0",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(ZoneplanApplication.class).run(args.toArray(String[]::new));
  }
}
