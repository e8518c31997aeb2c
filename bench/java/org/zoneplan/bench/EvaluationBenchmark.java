package org.zoneplan.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.Enterprise;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.enterprises.SizeClass;
import org.zoneplan.evaluation.Evaluation;
import org.zoneplan.evaluation.EvaluationResults;
import org.zoneplan.evaluation.RuleSetService;
import org.zoneplan.evaluation.StoredRuleSet;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.testsupport.PostgisTestDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 亩均 evaluation of one county-year: 20,000 enterprises with 50,000 land links in 浦江县 (330726),
 * 2023, zoneplan ({@link EvaluationResults#evaluate}: the endpoint's path without its cache — facts
 * from the store, then the engine) against the same evaluation written as one PostGIS query ({@link
 * #QUERY}: areas by {@code ST_Area(geography)}, scores as sums of value ÷ benchmark × weight, the
 * population average for missing emissions, ranks and grades by window functions) in the same run.
 * Every score must agree to 1e-9 (relative, with 1 as the floor) and every grade and rank be
 * identical with the query whose areas PostGIS measures exactly ({@link #EXACT_AREAS}; {@code
 * ST_Area(geography)} itself errs by more than 1e-9 on small parcels), and to 1e-6 with the
 * geography query, or the run fails.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:java -Dbench=evaluation}. Options: {@code
 * -Dbench.enterprises=20000} (links: 2.5 per enterprise), {@code -Dbench.reps=5}, {@code
 * -Dbench.pgReps=3}.
 *
 * <p>Data (deterministic, seed 20231): {@link AnalysisBenchmark#generate} parcels (ParcelGenerator
 * in Pujiang's outline) as many as the owner links; 85% of the enterprises own 2 or 3 parcels each
 * (share 1, or 0.7 where a tenant rents 0.3; 2.5 links per enterprise in all), 15% are tenants
 * without land of their own renting 2 parcels; 45% 规上; 1% 电力 (4411, exempt T); founded 1990–2023
 * (2022–2023: exempt as new); one statistics row each for 2023, 5% without emissions (population
 * average). Rule set: the 黄岩 2023 indicators and benchmarks, 20/60/95 % rank grading, stored for
 * 330726/2023.
 */
public final class EvaluationBenchmark {
  private static final String COUNTY = "330726";
  private static final int YEAR = 2023;
  private static final double TOLERANCE = 1e-9;

  static final String RULES =
      """
      {"divisionCode": "330726", "year": 2023, "name": "浦江县 2023 亩均评价 (benchmark, 黄岩 2023 的指标)",
       "source": "benchmark", "illustrative": true,
       "exemptions": {"minYearsInProduction": 2, "industryPrefixes": ["44", "45", "46"], "grade": "T"},
       "grading": {"method": "RANK", "cumulativePercent": [20, 60, 95], "rounding": "HALF_UP"},
       "populations": [
         {"key": "above", "name": "规上", "selector": {"kind": "ABOVE_SIZE"}, "missingData": "ZERO",
          "indicators": [
            {"formula": "TAX_PER_MU", "benchmark": 24.097, "weight": 30},
            {"formula": "VALUE_ADDED_PER_MU", "benchmark": 136.16, "weight": 20},
            {"formula": "VALUE_ADDED_PER_ENERGY", "benchmark": 2.694, "weight": 20},
            {"formula": "VALUE_ADDED_PER_EMISSION", "benchmark": 4929.81, "weight": 10,
             "ifMissing": "POPULATION_AVERAGE"},
            {"formula": "LABOUR_PRODUCTIVITY", "benchmark": 18.14, "weight": 10},
            {"formula": "RD_SHARE", "benchmark": 0.0302, "weight": 10}]},
         {"key": "below", "name": "规下", "selector": {"kind": "BELOW_SIZE"}, "missingData": "ZERO",
          "indicators": [
            {"formula": "TAX_PER_MU", "benchmark": 11.5932, "weight": 50},
            {"formula": "TAX_PER_ELECTRICITY", "benchmark": 0.2352, "weight": 50}]}]}
      """;

  /**
   * The same evaluation as one PostGIS query. Parameters: division code, year (end of year for the
   * land of that year), year (the firms of that year), year (statistics), year (exemption). Land as
   * zoneplan defines it: Σ ST_Area(geography) × share of the year's parcels, in 亩; the division by
   * the interior point of the parcel carrying most of the firm's land. A missing value (null figure
   * or divisor ≤ 0) scores 0, or for emissions the average of the scored 规上 firms' item scores.
   * Ranks: rank() on the totals to the sixth decimal (equal totals share a rank); cumulative counts
   * n × percent ÷ 100 rounded half up (numeric).
   */
  static final String QUERY =
      "WITH y AS MATERIALIZED (SELECT ?::int AS y),"
          + " d AS MATERIALIZED (SELECT geom FROM division WHERE code = ?),"
          + " links AS ("
          + "   SELECT l.credit_code, l.parcel_id, l.share, {AREA} AS a, p.geom"
          + "   FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id CROSS JOIN y"
          + "   WHERE NOT EXISTS (SELECT 1 FROM parcel_supply s WHERE s.parcel_id = p.id"
          + "     AND s.supply_date > make_date(y.y, 12, 31))),"
          // per firm: its land (亩) and its main parcel (most land; ties: lowest parcel id)
          + " per_firm AS MATERIALIZED ("
          + "   SELECT DISTINCT ON (credit_code) credit_code, geom,"
          + "     SUM(a * share) OVER (PARTITION BY credit_code) / (10000.0::float8 / 15.0::float8)"
          + "       AS mu"
          + "   FROM links ORDER BY credit_code, a * share DESC, parcel_id),"
          + " firms AS MATERIALIZED ("
          + "   SELECT e.credit_code, e.size_class, f.mu,"
          + "     COALESCE(e.industry_code LIKE '44%' OR e.industry_code LIKE '45%'"
          + "       OR e.industry_code LIKE '46%', false)"
          + "       OR (e.founded_year IS NOT NULL AND y.y - e.founded_year < 2) AS exempt,"
          + "     s.tax_wan, s.value_added_wan, s.revenue_wan, s.energy_tce, s.emissions_t,"
          + "     s.rnd_wan, s.employees::float8 AS employees, s.electricity_wan_kwh"
          + "   FROM per_firm f JOIN enterprise e ON e.credit_code = f.credit_code CROSS JOIN y"
          + "   CROSS JOIN d"
          + "   LEFT JOIN enterprise_stat s ON s.credit_code = e.credit_code AND s.stat_year = y.y"
          + "   WHERE (e.founded_year IS NULL OR e.founded_year <= y.y)"
          + "     AND (e.closed_year IS NULL OR e.closed_year >= y.y)"
          + "     AND e.size_class IS NOT NULL"
          + "     AND ST_Covers(d.geom, ST_PointOnSurface(f.geom))),"
          + " above AS (SELECT credit_code,"
          + "   CASE WHEN tax_wan IS NOT NULL AND mu > 0"
          + "     THEN tax_wan / mu / 24.097::float8 * 30 END AS i1,"
          + "   CASE WHEN value_added_wan IS NOT NULL AND mu > 0"
          + "     THEN value_added_wan / mu / 136.16::float8 * 20 END AS i2,"
          + "   CASE WHEN value_added_wan IS NOT NULL AND energy_tce > 0"
          + "     THEN value_added_wan / energy_tce / 2.694::float8 * 20 END AS i3,"
          + "   CASE WHEN value_added_wan IS NOT NULL AND emissions_t > 0"
          + "     THEN value_added_wan / emissions_t / 4929.81::float8 * 10 END AS i4,"
          + "   CASE WHEN value_added_wan IS NOT NULL AND employees > 0"
          + "     THEN value_added_wan / employees / 18.14::float8 * 10 END AS i5,"
          + "   CASE WHEN rnd_wan IS NOT NULL AND revenue_wan > 0"
          + "     THEN rnd_wan / revenue_wan / 0.0302::float8 * 10 END AS i6"
          + "   FROM firms WHERE size_class = 'ABOVE' AND NOT exempt),"
          // a missing emissions item scores the average of the scored 规上 firms that have it
          + " scored AS ("
          + "   SELECT credit_code, 'above' AS pop, COALESCE(i1, 0) + COALESCE(i2, 0) + COALESCE(i3, 0)"
          + "     + COALESCE(i4, COALESCE(AVG(i4) OVER (), 0)) + COALESCE(i5, 0) + COALESCE(i6, 0)"
          + "     AS total FROM above"
          + "   UNION ALL"
          + "   SELECT credit_code, 'below',"
          + "     COALESCE(CASE WHEN tax_wan IS NOT NULL AND mu > 0"
          + "       THEN tax_wan / mu / 11.5932::float8 * 50 END, 0)"
          + "     + COALESCE(CASE WHEN tax_wan IS NOT NULL AND electricity_wan_kwh > 0"
          + "       THEN tax_wan / electricity_wan_kwh / 0.2352::float8 * 50 END, 0)"
          + "   FROM firms WHERE size_class = 'BELOW' AND NOT exempt),"
          // rank = 1 + the number with a higher total (to the sixth decimal): rank() does that
          + " ranked AS (SELECT credit_code, pop, total,"
          + "   rank() OVER (PARTITION BY pop ORDER BY floor(total * 1e6::float8 + 0.5::float8) DESC)"
          + "     AS rnk,"
          + "   count(*) OVER (PARTITION BY pop) AS n FROM scored)"
          + " SELECT credit_code, pop, total, rnk,"
          + "   CASE WHEN rnk <= round(n * 20 / 100.0) THEN 'A' WHEN rnk <= round(n * 60 / 100.0)"
          + "     THEN 'B' WHEN rnk <= round(n * 95 / 100.0) THEN 'C' ELSE 'D' END AS grade"
          + " FROM ranked"
          + " UNION ALL"
          + " SELECT credit_code, CASE WHEN size_class = 'ABOVE' THEN 'above' ELSE 'below' END,"
          + "   NULL, NULL, 'T' FROM firms WHERE exempt";

  /** The timed query: areas by PostGIS's {@code ST_Area(geography)}. */
  static final String GEOGRAPHY_QUERY = QUERY.replace("{AREA}", "ST_Area(p.geom::geography)");

  /**
   * Each parcel's area measured by PostGIS and PROJ independently of zoneplan, where {@code
   * ST_Area(geography)} cannot serve: that sums, per edge, areas reaching to the equator, and their
   * rounding errs by up to some 1e-7 of a parcel of a few hundred m² (docs/geodesy.md). Here every
   * parcel goes onto PROJ's Lambert azimuthal equal-area plane centred on it ({@code ST_Transform}
   * to a {@code +proj=laea} string made per row), with each edge's geodesic midpoint found by
   * PostGIS on the spheroid ({@code ST_Project} by half the {@code ST_Distance} along the {@code
   * ST_Azimuth}); the area is the plane polygon's plus, per edge, the parabolic sliver between
   * chord and geodesic (4/3 of the triangle chord–midpoint), the geodesics bowing by some 5e-10 per
   * metre on that plane. Single-part parcels without holes (all of the benchmark's), which is
   * checked.
   */
  static final String EXACT_AREAS =
      "CREATE TEMP TABLE exact_area AS"
          + " WITH rings AS ("
          + "   SELECT p.id, ST_ExteriorRing(ST_GeometryN(p.geom, 1)) AS ring,"
          + "     format('+proj=laea +lat_0=%s +lon_0=%s +ellps=GRS80 +units=m +no_defs',"
          + "       (ST_YMin(p.geom) + ST_YMax(p.geom)) / 2, (ST_XMin(p.geom) + ST_XMax(p.geom)) / 2)"
          + "       AS plane"
          + "   FROM parcel p"
          + "   WHERE ST_NumGeometries(p.geom) = 1 AND ST_NumInteriorRings(ST_GeometryN(p.geom, 1)) = 0),"
          + " vertices AS ("
          + "   SELECT r.id, r.plane, d.path[1] AS i, d.geom AS v,"
          + "     lead(d.geom) OVER (PARTITION BY r.id ORDER BY d.path[1]) AS w"
          + "   FROM rings r, LATERAL ST_DumpPoints(r.ring) d),"
          + " sequence AS ("
          + "   SELECT id, plane, 2 * i AS k, v AS point FROM vertices"
          + "   UNION ALL"
          + "   SELECT id, plane, 2 * i + 1, ST_SetSRID(ST_Project(v::geography,"
          + "       ST_Distance(v::geography, w::geography) / 2,"
          + "       ST_Azimuth(v::geography, w::geography))::geometry, 4490)"
          + "   FROM vertices WHERE w IS NOT NULL),"
          + " lines AS ("
          + "   SELECT id, ST_Transform(ST_MakeLine(array_agg(point ORDER BY k)), min(plane)) AS line"
          + "   FROM sequence GROUP BY id),"
          + " points AS ("
          + "   SELECT id, d.path[1] AS k, ST_X(d.geom) AS x, ST_Y(d.geom) AS y"
          + "   FROM lines, LATERAL ST_DumpPoints(line) d),"
          + " edges AS ("
          + "   SELECT id, k, x, y, lead(x) OVER w AS mx, lead(y) OVER w AS my,"
          + "     lead(x, 2) OVER w AS qx, lead(y, 2) OVER w AS qy"
          + "   FROM points WINDOW w AS (PARTITION BY id ORDER BY k))"
          + " SELECT id, abs(sum(x * qy - qx * y"
          + "     + 4.0 / 3 * ((mx - x) * (qy - y) - (qx - x) * (my - y)))) / 2 AS area_m2"
          + " FROM edges WHERE k % 2 = 1 AND qx IS NOT NULL GROUP BY id";

  /**
   * The same query with the areas of {@link #EXACT_AREAS}: the 1e-9 check and the identical grades
   * are made against this one; the geography query's scores are checked to 1e-6.
   */
  static final String EXACT_AREA_QUERY =
      QUERY.replace("{AREA}", "(SELECT x.area_m2 FROM exact_area x WHERE x.id = p.id)");

  /** The same query reading zoneplan's stored areas ({@code area_m2}): checks the rest of it. */
  static final String STORED_AREA_QUERY = QUERY.replace("{AREA}", "p.area_m2");

  private EvaluationBenchmark() {}

  record Row(String population, Double total, Integer rank, String grade) {}

  public static void main(String[] args) throws Exception {
    int firms = Integer.getInteger("bench.enterprises", 20_000);
    int reps = Integer.getInteger("bench.reps", 5);
    int pgReps = Integer.getInteger("bench.pgReps", 3);
    System.out.println("zoneplan 亩均 evaluation benchmark");
    AnalysisBenchmark.machine("start");
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("benchevaluation");
    ConfigurableApplicationContext app =
        AnalysisBenchmark.startOnPostgis(db, "--zoneplan.analysis.warm-up=false");
    List<String> failures = new ArrayList<>();
    try (Connection sql = db.connect()) {
      System.out.printf(Locale.ROOT, "  PostgreSQL %s%n", AnalysisBenchmark.version(sql));
      long t0 = System.nanoTime();
      int links = load(app, sql, firms);
      System.out.printf(
          Locale.ROOT,
          "  %,d enterprises, %,d land links, %,d statistics rows stored in %.1f s%n",
          firms,
          links,
          firms,
          (System.nanoTime() - t0) / 1e9);

      RuleSetService ruleSets = app.getBean(RuleSetService.class);
      StoredRuleSet stored = ruleSets.create(JsonMapper.builder().build().readTree(RULES));
      Division county = app.getBean(DivisionRepository.class).find(COUNTY).orElseThrow();
      EvaluationResults results = app.getBean(EvaluationResults.class);

      // ---- zoneplan
      System.out.println();
      long c = System.nanoTime();
      EvaluationResults.Result first =
          results.evaluate(county, YEAR, stored, EvaluationResults.Choice.SAME_YEAR);
      double cold = AnalysisBenchmark.ms(c);
      double[] zp = new double[reps];
      EvaluationResults.Result result = first;
      for (int i = 0; i < reps; i++) {
        long s = System.nanoTime();
        result = results.evaluate(county, YEAR, stored, EvaluationResults.Choice.SAME_YEAR);
        zp[i] = AnalysisBenchmark.ms(s);
      }
      System.out.printf(
          Locale.ROOT,
          "  zoneplan, first run (builds the parcel snapshot for the division test): %.1f ms%n",
          cold);
      AnalysisBenchmark.row(
          "zoneplan (facts from the store + engine)", zp, "(parcel snapshot warm)");

      // ---- PostGIS
      long p = System.nanoTime();
      Map<String, Row> reference = query(sql, GEOGRAPHY_QUERY);
      double pgFirst = AnalysisBenchmark.ms(p);
      double[] pg = new double[pgReps];
      for (int i = 0; i < pgReps; i++) {
        long s = System.nanoTime();
        reference = query(sql, GEOGRAPHY_QUERY);
        pg[i] = AnalysisBenchmark.ms(s);
      }
      System.out.printf(Locale.ROOT, "  PostGIS one query, first run: %.1f ms%n", pgFirst);
      AnalysisBenchmark.row("PostGIS one query (ST_Area(geography))", pg, "");
      long e = System.nanoTime();
      exactAreas(sql, failures);
      System.out.printf(
          Locale.ROOT,
          "  (PostGIS's exact parcel areas, for the checks only, in %.1f s)%n",
          (System.nanoTime() - e) / 1e9);
      Map<String, Row> exactAreas = query(sql, EXACT_AREA_QUERY);

      // ---- agreement
      List<String> exact = new ArrayList<>();
      compare(
          result, query(sql, STORED_AREA_QUERY), TOLERANCE, exact, "same query on stored areas");
      compare(result, exactAreas, TOLERANCE, exact, "the query on PostGIS's exact areas");
      List<String> geography = new ArrayList<>();
      compare(result, reference, 1e-6, geography, "the timed query (ST_Area(geography))");
      failures.addAll(exact);
      // Near-equal totals may round to different sixth decimals with geography areas: listed,
      // and failing only when a score is off by more than 1e-6.
      geography.stream().filter(f -> f.contains("score")).forEach(failures::add);
      System.out.println();
      AnalysisBenchmark.ratio(
          "zoneplan ÷ PostGIS (medians)",
          AnalysisBenchmark.median(zp) / AnalysisBenchmark.median(pg),
          0.5);

      AnalysisBenchmark.ratio(
          "zoneplan first run ÷ PostGIS median", cold / AnalysisBenchmark.median(pg), 0.5);
      AnalysisBenchmark.machine("end");
    } finally {
      app.close();
    }
    if (!failures.isEmpty()) {
      failures.stream().limit(20).forEach(f -> System.out.println("FAILED: " + f));
      throw new IllegalStateException(failures.size() + " check(s) failed");
    }
  }

  /**
   * Builds {@link #EXACT_AREAS} and prints how far zoneplan's stored parcel areas and {@code
   * ST_Area(geography)} are from it; every parcel must be measured and zoneplan's within 1e-9.
   */
  static void exactAreas(Connection sql, List<String> failures) throws SQLException {
    try (Statement st = sql.createStatement()) {
      st.execute("DROP TABLE IF EXISTS exact_area");
      st.execute(EXACT_AREAS);
      st.execute("CREATE UNIQUE INDEX ON exact_area (id)");
      try (ResultSet rs =
          st.executeQuery(
              "SELECT (SELECT count(*) FROM parcel), count(*),"
                  + " max(abs(p.area_m2 / x.area_m2 - 1)),"
                  + " max(abs(ST_Area(p.geom::geography) / x.area_m2 - 1)),"
                  + " min(x.area_m2), max(x.area_m2)"
                  + " FROM parcel p JOIN exact_area x ON x.id = p.id")) {
        rs.next();
        long parcels = rs.getLong(1);
        long measured = rs.getLong(2);
        double zoneplan = rs.getDouble(3);
        double geography = rs.getDouble(4);
        System.out.printf(
            Locale.ROOT,
            "  parcel areas (%,d of %,d measured, %.0f–%.0f m²) against PostGIS's exact ones:"
                + " zoneplan within %.2g relative, ST_Area(geography) within %.2g%n",
            measured,
            parcels,
            rs.getDouble(5),
            rs.getDouble(6),
            zoneplan,
            geography);
        if (measured != parcels) {
          failures.add((parcels - measured) + " parcels without an exact PostGIS area");
        }
        if (!(zoneplan <= TOLERANCE)) {
          failures.add("zoneplan's parcel areas differ from PostGIS's exact ones by " + zoneplan);
        }
      }
    }
  }

  /** Compares zoneplan's result with a query's rows, adding every disagreement to failures. */
  static void compare(
      EvaluationResults.Result result,
      Map<String, Row> reference,
      double tolerance,
      List<String> failures,
      String against) {
    int compared = 0;
    int gradeDiffs = 0;
    double maxAbs = 0;
    double maxRel = 0;
    Map<String, Integer> byGrade = new java.util.TreeMap<>();
    for (Evaluation.EnterpriseResult e : result.evaluation().enterprises()) {
      Row r = reference.get(e.creditCode());
      if (r == null) {
        failures.add(e.creditCode() + " is evaluated by zoneplan only");
        continue;
      }
      compared++;
      byGrade.merge(String.valueOf(e.grade()), 1, Integer::sum);
      if (!r.grade().equals(String.valueOf(e.grade()))
          || !java.util.Objects.equals(r.rank(), e.rank())
          || !r.population().equals(e.population())) {
        gradeDiffs++;
        failures.add(
            String.format(
                Locale.ROOT,
                "%s: zoneplan %s %s rank %s, PostGIS %s %s rank %s",
                e.creditCode(),
                e.population(),
                e.grade(),
                e.rank(),
                r.population(),
                r.grade(),
                r.rank()));
      }
      if ((r.total() == null) != (e.totalScore() == null)) {
        failures.add(e.creditCode() + ": score by one side only");
      } else if (r.total() != null) {
        double abs = Math.abs(r.total() - e.totalScore());
        maxAbs = Math.max(maxAbs, abs);
        maxRel = Math.max(maxRel, abs / Math.max(1, Math.abs(r.total())));
        if (abs > tolerance * Math.max(1, Math.abs(r.total()))) {
          failures.add(
              String.format(
                  Locale.ROOT,
                  "%s: score %.12f vs %.12f",
                  e.creditCode(),
                  e.totalScore(),
                  r.total()));
        }
      }
    }
    if (compared != reference.size()) {
      failures.add((reference.size() - compared) + " enterprises are evaluated by PostGIS only");
    }
    System.out.printf(
        Locale.ROOT,
        "  against %s: %,d enterprises %s, largest score difference %.3g (%.3g relative, tolerance"
            + " %.0e), grade or rank different for %d%n",
        against,
        compared,
        byGrade,
        maxAbs,
        maxRel,
        tolerance,
        gradeDiffs);
  }

  static Map<String, Row> query(Connection sql, String query) throws SQLException {
    Map<String, Row> out = new HashMap<>();
    try (PreparedStatement ps = sql.prepareStatement(query)) {
      ps.setInt(1, YEAR);
      ps.setString(2, COUNTY);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString(1),
              new Row(
                  rs.getString(2),
                  rs.getObject(3, Double.class),
                  rs.getObject(4) == null ? null : rs.getInt(4),
                  rs.getString(5)));
        }
      }
    }
    return out;
  }

  static String creditCode(int serial) {
    String first17 = String.format("91330726MC%07d", serial);
    return first17 + CreditCode.checkCharacter(first17);
  }

  /** Stores the deterministic data; returns the number of land links. */
  static int load(ConfigurableApplicationContext app, Connection sql, int firms) throws Exception {
    Random rnd = new Random(20231);
    int tenants = firms * 15 / 100;
    int owners = firms - tenants;
    // 2.5 links per enterprise: every owner 2 parcels, some a third; every tenant 2 rented ones
    int thirds = Math.min(owners, firms * 5 / 2 - 2 * owners - 2 * tenants);
    int ownerLinks = owners * 2 + thirds;
    List<Parcel> generated = AnalysisBenchmark.generate(ownerLinks);
    ParcelRepository parcels = app.getBean(ParcelRepository.class);
    for (int from = 0; from < generated.size(); from += 10_000) {
      parcels.insertAll(generated.subList(from, Math.min(generated.size(), from + 10_000)));
    }
    List<Long> ids = new ArrayList<>();
    try (Statement s = sql.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM parcel ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    String[] industries = {"3976", "3051", "3389", "3491", "2929", "1771", "3921", "3352", "1810"};
    List<Enterprise> enterprises = new ArrayList<>();
    List<AnnualStatistics> stats = new ArrayList<>();
    for (int i = 0; i < firms; i++) {
      String industry =
          rnd.nextDouble() < 0.01 ? "4411" : industries[rnd.nextInt(industries.length)];
      SizeClass size = rnd.nextDouble() < 0.45 ? SizeClass.ABOVE : SizeClass.BELOW;
      enterprises.add(
          new Enterprise(creditCode(i), "企业" + i, industry, size, 1990 + rnd.nextInt(34), null));
      double tax = round3(Math.exp(rnd.nextGaussian() + 4));
      double va = round3(tax * (3 + 4 * rnd.nextDouble()));
      double revenue = round3(va * (3 + 2 * rnd.nextDouble()));
      stats.add(
          new AnnualStatistics(
              creditCode(i),
              YEAR,
              tax,
              va,
              revenue,
              round3(va / (2 + 2 * rnd.nextDouble())),
              rnd.nextDouble() < 0.05 ? null : round3(va / (4000 + 2000 * rnd.nextDouble())),
              round3(revenue * (0.01 + 0.04 * rnd.nextDouble())),
              10 + rnd.nextInt(500),
              round3(tax / (0.15 + 0.2 * rnd.nextDouble())),
              null));
    }
    // Owners: 2 parcels each, the first `thirds` a third; tenants rent 0.3 of 2 owned parcels.
    List<LandLink> links = new ArrayList<>();
    int next = 0;
    int tenantParcels = tenants * 2;
    for (int i = 0; i < owners; i++) {
      int k = i < thirds ? 3 : 2;
      for (int j = 0; j < k; j++) {
        int at = next++;
        links.add(
            new LandLink(creditCode(i), ids.get(at), LandRole.OWNER, at < tenantParcels ? 0.7 : 1));
      }
    }
    for (int t = 0; t < tenants; t++) {
      for (int j = 0; j < 2; j++) {
        links.add(new LandLink(creditCode(owners + t), ids.get(2 * t + j), LandRole.TENANT, 0.3));
      }
    }
    EnterpriseRepository repository = app.getBean(EnterpriseRepository.class);
    repository.upsertAll(enterprises, Set.of());
    for (int from = 0; from < links.size(); from += 10_000) {
      repository.upsertLinks(links.subList(from, Math.min(links.size(), from + 10_000)));
    }
    repository.upsertStatistics(stats);
    try (Statement s = sql.createStatement()) {
      for (String table : List.of("parcel", "enterprise", "enterprise_land", "enterprise_stat")) {
        s.execute("ANALYZE " + table);
      }
    }
    app.getBean(EvaluationResults.class).dataChanged();
    return links.size();
  }

  static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
