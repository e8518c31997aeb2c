package org.zoneplan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.Enterprise;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.enterprises.EnterpriseService;
import org.zoneplan.enterprises.EnterprisesChangedEvent;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.tiles.MvtTestSupport;
import org.zoneplan.tiles.TileCoord;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import tools.jackson.databind.JsonNode;

/**
 * The evaluation of stored enterprises ({@code /api/evaluation/results}, {@code .xlsx}, the grade
 * tiles, {@link GradeSource}) on eleven hand-made firms in 浦江县 (330726) with the sample zones of
 * plan pujiang-2021; the same tests on H2GIS and PostGIS. Expected land comes from the engine's
 * reference ({@link #referenceParcelAreasM2}: PostGIS {@code ST_Area(geography)}), scores from the
 * rule worked here (value ÷ benchmark × weight), grades from the cut-offs for n = 7 worked by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EvaluationResultsContract {
  static final Credentials VIEWER = new Credentials("t-results-viewer", "test-pass-1");
  static final String PLAN = "pujiang-2021";
  static final String COUNTY = "330726";
  static final int YEAR = 2023;
  static final double SIDE = 0.001; // degrees: ~97 m × 111 m, some 16 亩
  static final double MU_PER_M2 = 15.0 / 10_000;

  static final String RULES =
      """
      {"divisionCode": "330726", "year": 2023, "name": "浦江县 2023 年度亩均效益评价 (测试)",
       "source": "test", "illustrative": true,
       "exemptions": {"minYearsInProduction": 2, "industryPrefixes": ["44", "45", "46"], "grade": "T"},
       "grading": {"method": "RANK", "cumulativePercent": [20, 50, 80], "rounding": "HALF_UP"},
       "populations": [
         {"key": "tenants", "name": "租赁企业", "selector": {"kind": "TENANTS_LANDLORD_GRADE"}},
         {"key": "above", "name": "规上工业企业", "selector": {"kind": "ABOVE_SIZE"},
          "missingData": "ZERO",
          "indicators": [
            {"formula": "TAX_PER_MU", "benchmark": 10, "weight": 60},
            {"formula": "VALUE_ADDED_PER_MU", "benchmark": 50, "weight": 40,
             "ifMissing": "POPULATION_AVERAGE"}]}]}
      """;

  /** The same with every firm below the thresholds: all D (but T). */
  static final String ALL_D =
      RULES.replace(
          "\"method\": \"RANK\", \"cumulativePercent\": [20, 50, 80], \"rounding\": \"HALF_UP\"",
          "\"method\": \"THRESHOLDS\", \"minScores\": [100000, 99999, 99998]");

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ParcelRepository parcels;
  @Autowired EnterpriseService enterpriseService;
  @Autowired EnterpriseRepository enterprises;
  @Autowired ZoneRepository zones;
  @Autowired DivisionRepository divisions;
  @Autowired ApplicationEventPublisher events;
  @Autowired GradeSource gradeSource;
  Http admin;

  /** Firm codes e1..e11 and their parcels; zone A and B (leaves of the plan). */
  final Map<String, String> code = new LinkedHashMap<>();

  final Map<String, Long> parcel = new HashMap<>();
  Zone zoneA;
  Zone zoneB;
  Map<String, Zone> plan;

  /** Reference areas (m²) of the parcels by id, computed by the engine independently. */
  abstract Map<Long, Double> referenceParcelAreasM2();

  /** Reference land (m²) of every enterprise in {@code year}: Σ area × share by the engine. */
  abstract Map<String, Double> referenceLandM2(int year);

  static String creditCode(int serial) {
    String first17 = String.format("91330726MB%07d", serial);
    return first17 + CreditCode.checkCharacter(first17);
  }

  @BeforeEach
  void setUp() {
    admin = new Http(port);
    if (admin.get("/api/users/" + VIEWER.username()).status() == 404) {
      assertThat(
              admin
                  .post(
                      "/api/users",
                      "{\"username\":\""
                          + VIEWER.username()
                          + "\",\"password\":\""
                          + VIEWER.password()
                          + "\",\"roles\":[\"VIEWER\"]}")
                  .status())
          .isEqualTo(201);
    }
    jdbc.sql("DELETE FROM enterprise").update();
    jdbc.sql("DELETE FROM parcel_supply").update();
    jdbc.sql("DELETE FROM parcel").update();
    jdbc.sql("DELETE FROM evaluation_rule_set WHERE division_code = '330726'").update();
    Http.Response posted = admin.post("/api/evaluation/rule-sets", RULES);
    assertThat(posted.status()).as(posted.text()).isEqualTo(201);

    plan = new LinkedHashMap<>();
    zones.findZones(PLAN).forEach(z -> plan.put(z.code(), z));
    Set<String> parents = new HashSet<>();
    plan.values().forEach(z -> parents.add(z.parentCode()));
    List<Zone> leaves = plan.values().stream().filter(z -> !parents.contains(z.code())).toList();
    List<Envelope> a = new ArrayList<>();
    List<Envelope> b = new ArrayList<>();
    for (Zone leaf : leaves) {
      List<Envelope> free = freeSquares(leaf, 6);
      if (free.size() < 6) {
        continue;
      }
      if (zoneA == null) {
        zoneA = leaf;
        a = free;
      } else if (!ancestors(leaf).contains(zoneA.code())
          && !ancestors(zoneA).contains(leaf.code())) {
        zoneB = leaf;
        b = free;
        break;
      }
    }
    assertThat(zoneB).as("two leaf zones with room for parcels").isNotNull();
    Envelope county = divisions.find(COUNTY).orElseThrow().geometry().getEnvelopeInternal();
    for (int i = 1; i <= 6; i++) {
      parcel.put("a" + i, parcel(a.get(i - 1)));
    }
    for (int i = 1; i <= 3; i++) {
      parcel.put("b" + i, parcel(b.get(i - 1)));
    }
    double east = county.getMaxX() + 0.05;
    parcel.put("o1", parcel(new Envelope(east, east + SIDE, 29.5, 29.5 + SIDE)));
    parcel.put("o2", parcel(new Envelope(east + 0.01, east + 0.0103, 29.5, 29.5003)));
    events.publishEvent(new ParcelsChangedEvent(null));

    // e1..e6, e11 规上 scored; e7 电力 (T); e8 tenant on a1; e9 size unknown; e10 outside.
    firm(1, "浦江甲光电有限公司", "3976", Enterprise_ABOVE, 2010);
    firm(2, "浦江乙水晶有限公司", "3051", Enterprise_ABOVE, 2010);
    firm(3, "浦江丙五金有限公司", "3389", Enterprise_ABOVE, 2010);
    firm(4, "浦江丁装备有限公司", "3491", Enterprise_ABOVE, 2010);
    firm(5, "浦江戊新材料有限公司", "2929", Enterprise_ABOVE, 2010);
    firm(6, "浦江己家纺有限公司", "1771", Enterprise_ABOVE, 2010);
    firm(7, "浦江庚电力有限公司", "4411", Enterprise_ABOVE, 2010);
    firm(8, "浦江辛租赁制锁有限公司", "3352", Enterprise_ABOVE, 2015);
    firm(9, "浦江壬规模未知有限公司", "3389", null, 2010);
    firm(10, "县外甲有限公司", "3389", Enterprise_ABOVE, 2010);
    firm(11, "浦江癸智能有限公司", "3921", Enterprise_ABOVE, 2010);
    land(1, "a1", LandRole.OWNER, 0.7);
    land(2, "a2", LandRole.OWNER, 1);
    land(3, "a3", LandRole.OWNER, 1);
    land(4, "b1", LandRole.OWNER, 1);
    land(5, "b2", LandRole.OWNER, 1);
    land(6, "b3", LandRole.OWNER, 1);
    land(7, "a4", LandRole.OWNER, 1);
    land(8, "a1", LandRole.TENANT, 0.3);
    land(9, "a5", LandRole.OWNER, 1);
    land(10, "o1", LandRole.OWNER, 1);
    enterpriseService.setLand(
        code.get("e11"),
        List.of(
            new LandLink(code.get("e11"), parcel.get("a6"), LandRole.OWNER, 1),
            new LandLink(code.get("e11"), parcel.get("o2"), LandRole.OWNER, 1)));
    // tax, value added (万元); e4 has no value added (population average applies)
    stat(1, 1000.0, 5000.0);
    stat(2, 600.0, 3000.0);
    stat(3, 300.0, 1500.0);
    stat(4, 800.0, null);
    stat(5, 200.0, 900.0);
    stat(6, 50.0, 200.0);
    stat(7, 10.0, 10.0);
    stat(8, 5.0, 5.0);
    stat(11, 100.0, 400.0);
    events.publishEvent(new EnterprisesChangedEvent());
  }

  static final org.zoneplan.enterprises.SizeClass Enterprise_ABOVE =
      org.zoneplan.enterprises.SizeClass.ABOVE;

  void firm(int n, String name, String industry, org.zoneplan.enterprises.SizeClass size, int y) {
    code.put("e" + n, creditCode(n));
    enterpriseService.save(new Enterprise(creditCode(n), name, industry, size, y, null));
  }

  void land(int n, String parcelKey, LandRole role, double share) {
    enterpriseService.setLand(
        code.get("e" + n),
        List.of(new LandLink(code.get("e" + n), parcel.get(parcelKey), role, share)));
  }

  void stat(int n, Double tax, Double valueAdded) {
    enterprises.upsertStatistics(
        List.of(
            new AnnualStatistics(
                code.get("e" + n),
                YEAR,
                tax,
                valueAdded,
                null,
                null,
                null,
                null,
                null,
                null,
                null)));
  }

  Set<String> ancestors(Zone z) {
    Set<String> out = new HashSet<>();
    String p = z.parentCode();
    while (p != null && out.add(p)) {
      p = plan.get(p).parentCode();
    }
    return out;
  }

  /**
   * Squares inside the zone and away from every other zone but its ancestors, so that any rule of
   * membership puts them in this zone (and its ancestors) only.
   */
  List<Envelope> freeSquares(Zone zone, int wanted) {
    Set<String> ancestors = ancestors(zone);
    List<Geometry> others =
        plan.values().stream()
            .filter(z -> !z.code().equals(zone.code()) && !ancestors.contains(z.code()))
            .map(z -> (Geometry) z.geometry())
            .toList();
    Envelope e = zone.geometry().getEnvelopeInternal();
    List<Envelope> out = new ArrayList<>();
    for (double x = e.getMinX(); x + SIDE < e.getMaxX() && out.size() < wanted; x += 2 * SIDE) {
      for (double y = e.getMinY(); y + SIDE < e.getMaxY() && out.size() < wanted; y += 2 * SIDE) {
        Geometry square =
            Cgcs2000.GEOMETRY_FACTORY.toGeometry(new Envelope(x, x + SIDE, y, y + SIDE));
        if (zone.geometry().contains(square)
            && others.stream().noneMatch(o -> o.intersects(square))) {
          out.add(square.getEnvelopeInternal());
        }
      }
    }
    return out;
  }

  long parcel(Envelope e) {
    Polygon p = (Polygon) Cgcs2000.GEOMETRY_FACTORY.toGeometry(e);
    MultiPolygon g = Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {p});
    return parcels
        .insert(new Parcel(0, LandUseScheme.SANDIAO, "0601", g, EllipsoidalArea.squareMetres(g)))
        .id();
  }

  // ---------------------------------------------------------------- expectations

  /** Scores worked here: 亩均税收 ÷ 10 × 60 + 亩均增加值 ÷ 50 × 40; e4's second item the average. */
  Map<String, Double> expectedScores() {
    Map<String, Double> land = referenceLandM2(YEAR);
    Map<String, double[]> figures = new LinkedHashMap<>();
    figures.put("e1", new double[] {1000, 5000});
    figures.put("e2", new double[] {600, 3000});
    figures.put("e3", new double[] {300, 1500});
    figures.put("e4", new double[] {800, Double.NaN});
    figures.put("e5", new double[] {200, 900});
    figures.put("e6", new double[] {50, 200});
    figures.put("e11", new double[] {100, 400});
    Map<String, Double> item2 = new HashMap<>();
    double sum2 = 0;
    for (var f : figures.entrySet()) {
      if (!Double.isNaN(f.getValue()[1])) {
        double mu = land.get(code.get(f.getKey())) * MU_PER_M2;
        item2.put(f.getKey(), f.getValue()[1] / mu / 50 * 40);
        sum2 += item2.get(f.getKey());
      }
    }
    item2.put("e4", sum2 / 6); // the average over the six firms that have the figure
    Map<String, Double> out = new LinkedHashMap<>();
    for (var f : figures.entrySet()) {
      double mu = land.get(code.get(f.getKey())) * MU_PER_M2;
      out.put(f.getKey(), f.getValue()[0] / mu / 10 * 60 + item2.get(f.getKey()));
    }
    return out;
  }

  /**
   * Grades by rank for n = 7 with 20/50/80 % HALF_UP: 1.4 → 1 A; 3.5 → 4 (A+B); 5.6 → 6 (A+B+C); so
   * ranks 1 A, 2–4 B, 5–6 C, 7 D. e7 is T (电力), e8 takes e1's landlord grade.
   */
  Map<String, String> expectedGrades() {
    Map<String, Double> scores = expectedScores();
    List<String> order = new ArrayList<>(scores.keySet());
    order.sort((x, y) -> Double.compare(scores.get(y), scores.get(x)));
    String[] byRank = {"A", "B", "B", "B", "C", "C", "D"};
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      out.put(order.get(i), byRank[i]);
    }
    out.put("e7", "T");
    out.put("e8", out.get("e1"));
    return out;
  }

  Map<String, JsonNode> byCode(JsonNode results) {
    Map<String, JsonNode> out = new HashMap<>();
    results.get("enterprises").forEach(e -> out.put(e.get("creditCode").asString(), e));
    return out;
  }

  // ---------------------------------------------------------------- tests

  @Test
  void resultsGiveLandScoresRanksAndGradesOfTheDivisionsEnterprises() {
    Http.Response r =
        admin.as(VIEWER).get("/api/evaluation/results?division=330726&year=2023&planId=" + PLAN);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("ruleSet").get("choice").asString()).isEqualTo("SAME_YEAR");
    assertThat(body.get("ruleSet").get("year").asInt()).isEqualTo(2023);
    Map<String, JsonNode> got = byCode(body);
    // e9 (size unknown) is listed as not evaluated; e10 (land outside the county) is absent.
    assertThat(got).doesNotContainKeys(code.get("e9"), code.get("e10"));
    assertThat(body.get("notEvaluated").get(0).get("creditCode").asString())
        .isEqualTo(code.get("e9"));
    assertThat(got).hasSize(9);

    Map<String, Double> land = referenceLandM2(YEAR);
    for (String k : List.of("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e11")) {
      double expectedMu = land.get(code.get(k)) * MU_PER_M2;
      assertThat(got.get(code.get(k)).get("landMu").asDouble())
          .as("land of %s", k)
          .isCloseTo(expectedMu, within(expectedMu * 1e-6));
    }
    // The results sum the land from the link rows they read; landAreas(year) is the same figure.
    Map<String, org.zoneplan.enterprises.LandArea> stored = enterprises.landAreas(YEAR);
    for (String k : List.of("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e11")) {
      double storedMu = stored.get(code.get(k)).areaMu();
      assertThat(got.get(code.get(k)).get("landMu").asDouble())
          .as("land of %s as landAreas", k)
          .isCloseTo(storedMu, within(storedMu * 1e-12));
    }
    // e11 counts its parcel outside the county too (the land is the firm's, wherever it lies).
    assertThat(land.get(code.get("e11")))
        .isGreaterThan(referenceParcelAreasM2().get(parcel.get("a6")));

    Map<String, Double> scores = expectedScores();
    scores.forEach(
        (k, s) ->
            assertThat(got.get(code.get(k)).get("totalScore").asDouble())
                .as("score of %s", k)
                .isCloseTo(s, within(Math.abs(s) * 1e-6)));
    Map<String, String> grades = expectedGrades();
    grades.forEach(
        (k, g) ->
            assertThat(got.get(code.get(k)).get("grade").asString())
                .as("grade of %s", k)
                .isEqualTo(g));
    assertThat(got.get(code.get("e4")).get("items").get(1).get("missing").isNull()).isFalse();
    assertThat(got.get(code.get("e8")).get("population").asString()).isEqualTo("tenants");
    assertThat(got.get(code.get("e8")).get("note").asString()).contains(code.get("e1"));
    assertThat(got.get(code.get("e7")).get("rank").isNull()).isTrue();
    assertThat(got.get(code.get("e1")).get("rank").asInt())
        .isEqualTo(grades.get("e1").equals("A") ? 1 : got.get(code.get("e1")).get("rank").asInt());

    // By zone: the firms with a parcel in the zone (or its subtree), their land there.
    Map<Long, Double> area = referenceParcelAreasM2();
    Map<String, Piece> parcelsOf = new HashMap<>();
    parcelsOf.put("e1", new Piece("a1", 0.7));
    parcelsOf.put("e2", new Piece("a2", 1.0));
    parcelsOf.put("e3", new Piece("a3", 1.0));
    parcelsOf.put("e7", new Piece("a4", 1.0));
    parcelsOf.put("e8", new Piece("a1", 0.3));
    parcelsOf.put("e11", new Piece("a6", 1.0));
    parcelsOf.put("e4", new Piece("b1", 1.0));
    parcelsOf.put("e5", new Piece("b2", 1.0));
    parcelsOf.put("e6", new Piece("b3", 1.0));
    JsonNode zonesNode = body.get("zones");
    assertThat(zonesNode.size()).isEqualTo(plan.size());
    for (JsonNode z : zonesNode) {
      String zc = z.get("code").asString();
      boolean hasA = zc.equals(zoneA.code()) || ancestors(zoneA).contains(zc);
      boolean hasB = zc.equals(zoneB.code()) || ancestors(zoneB).contains(zc);
      Map<String, Integer> counts = new HashMap<>();
      Map<String, Double> mu = new HashMap<>();
      int n = 0;
      for (var f : parcelsOf.entrySet()) {
        String p = f.getValue().parcel();
        if ((p.startsWith("a") && hasA) || (p.startsWith("b") && hasB)) {
          n++;
          String g = grades.get(f.getKey());
          counts.merge(g, 1, Integer::sum);
          mu.merge(g, area.get(parcel.get(p)) * f.getValue().share() * MU_PER_M2, Double::sum);
        }
      }
      assertThat(z.get("enterprises").asInt()).as("firms in %s", zc).isEqualTo(n);
      for (String g : List.of("A", "B", "C", "D", "T")) {
        assertThat(z.get("countByGrade").get(g).asInt())
            .as("%s in %s", g, zc)
            .isEqualTo(counts.getOrDefault(g, 0));
        double expected = mu.getOrDefault(g, 0.0);
        assertThat(z.get("landMuByGrade").get(g).asDouble())
            .as("亩 of %s in %s", g, zc)
            .isCloseTo(expected, within(1e-6 * Math.max(1, expected)));
      }
    }
  }

  @Test
  void anEarlierYearsRulesAreUsedAndSaid() {
    Http.Response r = admin.as(VIEWER).get("/api/evaluation/results?division=330726&year=2024");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("ruleSet").get("choice").asString()).isEqualTo("EARLIER_YEAR");
    assertThat(r.json().get("ruleSet").get("year").asInt()).isEqualTo(2023);
    assertThat(r.json().get("year").asInt()).isEqualTo(2024);
  }

  @Test
  void problemsForUnknownRuleSetsDivisionsAndYears() {
    Http viewer = admin.as(VIEWER);
    Http.Response unknown = viewer.get("/api/evaluation/results?ruleSet=987654&year=2023");
    assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
    assertThat(unknown.contentType()).contains("application/problem+json");
    Http.Response before = viewer.get("/api/evaluation/results?division=330726&year=2021");
    assertThat(before.status()).as(before.text()).isEqualTo(404);
    assertThat(before.json().get("detail").asString()).contains("330726");
    Http.Response range = viewer.get("/api/evaluation/results?division=330726&year=1800");
    assertThat(range.status()).as(range.text()).isEqualTo(422);
    assertThat(range.json().get("field").asString()).isEqualTo("year");
    Http.Response future = viewer.get("/api/evaluation/results?division=330726&year=2999");
    assertThat(future.status()).isEqualTo(422);
    Http.Response notNumber = viewer.get("/api/evaluation/results?division=330726&year=abc");
    assertThat(notNumber.status()).isEqualTo(422);
    Http.Response noDivision = viewer.get("/api/evaluation/results?division=999999&year=2023");
    assertThat(noDivision.status()).isEqualTo(404);
    Http.Response missing = viewer.get("/api/evaluation/results?year=2023");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(viewer.get("/tiles/grades/15/0/0.mvt").status()).isEqualTo(422);
    assertThat(viewer.get("/tiles/grades/15/0/0.mvt?year=2023&ruleSet=987654").status())
        .isEqualTo(404);
    assertThat(admin.anonymous().get("/api/evaluation/results?division=330726&year=2023").status())
        .isEqualTo(401);
    assertThat(
            admin
                .as(VIEWER)
                .send("POST", "/api/evaluation/results", "application/json", "{}")
                .status())
        .isIn(403, 405);
  }

  @Test
  void gradeSourceGivesTheResultsGrades() {
    Map<String, Grade> grades = gradeSource.grades(COUNTY, YEAR).orElseThrow();
    Map<String, String> expected = expectedGrades();
    assertThat(grades).hasSize(expected.size());
    expected.forEach((k, g) -> assertThat(grades.get(code.get(k)).name()).isEqualTo(g));
    assertThat(gradeSource.grades(COUNTY, 2021)).isEmpty();
  }

  @Test
  void theListAsXlsxHasChineseHeadersAndTheFigures() throws Exception {
    HttpResponse<byte[]> r = bytes("/api/evaluation/results.xlsx?division=330726&year=2023");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
    Map<String, Double> land = referenceLandM2(YEAR);
    Map<String, Double> scores = expectedScores();
    Map<String, String> grades = expectedGrades();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
      Sheet sheet = book.getSheetAt(0);
      List<String> header = new ArrayList<>();
      sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
      assertThat(header)
          .containsExactly(
              "统一社会信用代码",
              "企业名称",
              "行业",
              "规模",
              "用地面积(亩)",
              "评价名单",
              "亩均税收得分",
              "亩均增加值得分",
              "总分",
              "排名",
              "等级",
              "备注");
      assertThat(sheet.getLastRowNum()).isEqualTo(9);
      Map<String, Row> rows = new HashMap<>();
      for (int i = 1; i <= 9; i++) {
        rows.put(sheet.getRow(i).getCell(0).getStringCellValue(), sheet.getRow(i));
      }
      Row e1 = rows.get(code.get("e1"));
      assertThat(e1.getCell(1).getStringCellValue()).isEqualTo("浦江甲光电有限公司");
      assertThat(e1.getCell(2).getStringCellValue()).startsWith("3976");
      assertThat(e1.getCell(3).getStringCellValue()).isEqualTo("规上");
      double mu1 = land.get(code.get("e1")) * MU_PER_M2;
      assertThat(e1.getCell(4).getNumericCellValue()).isCloseTo(mu1, within(mu1 * 1e-6));
      assertThat(e1.getCell(5).getStringCellValue()).isEqualTo("规上工业企业");
      assertThat(e1.getCell(6).getNumericCellValue())
          .isCloseTo(1000 / mu1 / 10 * 60, within(1e-6 * 1000 / mu1 * 6));
      assertThat(e1.getCell(8).getNumericCellValue())
          .isCloseTo(scores.get("e1"), within(scores.get("e1") * 1e-6));
      assertThat(e1.getCell(10).getStringCellValue()).isEqualTo(grades.get("e1"));
      Row e7 = rows.get(code.get("e7"));
      assertThat(e7.getCell(10).getStringCellValue()).isEqualTo("T");
      assertThat(e7.getCell(8, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL)).isNull();
      assertThat(e7.getCell(11).getStringCellValue()).contains("4411");
      Row e4 = rows.get(code.get("e4"));
      Cell note = e4.getCell(11);
      assertThat(note.getStringCellValue()).contains("平均");
      for (var g : grades.entrySet()) {
        assertThat(rows.get(code.get(g.getKey())).getCell(10).getStringCellValue())
            .isEqualTo(g.getValue());
      }
    }
  }

  @Test
  void gradeTilesColourParcelsByTheResultsGradesAndFollowNewRuleSets() throws Exception {
    Map<String, String> grades = expectedGrades();
    Map<Long, String> expectedByParcel = new HashMap<>();
    Map<Long, String> firmByParcel = new HashMap<>();
    for (var p :
        Map.of(
                "a1", "e1", "a2", "e2", "a3", "e3", "a4", "e7", "b1", "e4", "b2", "e5", "b3", "e6",
                "a6", "e11")
            .entrySet()) {
      // a1: e1 owns 0.7, the tenant e8 0.3: the largest share wins.
      expectedByParcel.put(parcel.get(p.getKey()), grades.get(p.getValue()));
      firmByParcel.put(parcel.get(p.getKey()), code.get(p.getValue()));
    }
    int checked = 0;
    String etagA1 = null;
    for (String key : List.of("a1", "a2", "a3", "a4", "a6", "b1", "b2", "b3", "a5")) {
      Envelope e = parcelEnvelope(key);
      TileCoord t = TileCoord.containing(e.centre().x, e.centre().y, 16);
      HttpResponse<byte[]> r = bytes("/tiles/grades/16/" + t.x() + "/" + t.y() + ".mvt?year=2023");
      assertThat(r.statusCode()).isEqualTo(200);
      String etag = r.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).contains("2023");
      if (key.equals("a1")) {
        etagA1 = etag;
      }
      boolean found = false;
      for (MvtTestSupport.Feature f : MvtTestSupport.decode(r.body(), "grades")) {
        long id = ((Number) f.attributes().get("id")).longValue();
        assertThat(expectedByParcel).as("only graded parcels are drawn").containsKey(id);
        assertThat(f.attributes().get("grade"))
            .as("parcel %d", id)
            .isEqualTo(expectedByParcel.get(id));
        assertThat(f.attributes().get("creditCode")).isEqualTo(firmByParcel.get(id));
        found |= id == parcel.get(key);
        checked++;
      }
      assertThat(found).as("parcel %s in its tile", key).isEqualTo(!key.equals("a5"));
    }
    assertThat(checked).isGreaterThanOrEqualTo(8);
    Envelope a1 = parcelEnvelope("a1");
    TileCoord t = TileCoord.containing(a1.centre().x, a1.centre().y, 16);
    HttpResponse<byte[]> png = bytes("/tiles/grades/16/" + t.x() + "/" + t.y() + ".png?year=2023");
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");

    // A new version where every scored firm is D: the tile follows at once (cache dropped).
    assertThat(admin.post("/api/evaluation/rule-sets", ALL_D).status()).isEqualTo(201);
    HttpResponse<byte[]> after =
        bytes("/tiles/grades/16/" + t.x() + "/" + t.y() + ".mvt?year=2023");
    assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etagA1);
    boolean sawA1 = false;
    for (MvtTestSupport.Feature f : MvtTestSupport.decode(after.body(), "grades")) {
      long id = ((Number) f.attributes().get("id")).longValue();
      assertThat(f.attributes().get("grade")).isEqualTo(id == parcel.get("a4") ? "T" : "D");
      sawA1 |= id == parcel.get("a1");
    }
    assertThat(sawA1).isTrue();
    // and enterprise changes too: e1 becomes exempt (电力) → T
    enterpriseService.save(
        new Enterprise(code.get("e1"), "浦江甲光电有限公司", "4420", Enterprise_ABOVE, 2010, null));
    HttpResponse<byte[]> exempt =
        bytes("/tiles/grades/16/" + t.x() + "/" + t.y() + ".mvt?year=2023");
    boolean sawT = false;
    for (MvtTestSupport.Feature f : MvtTestSupport.decode(exempt.body(), "grades")) {
      if (((Number) f.attributes().get("id")).longValue() == parcel.get("a1")) {
        sawT = "T".equals(f.attributes().get("grade"));
      }
    }
    assertThat(sawT).isTrue();
  }

  @Test
  void gradeTilesOfADivisionUnderAnotherDivisionsRuleSet() throws Exception {
    // The same rules stored for 义乌 (330782): with ?division=330726 they grade Pujiang's firms.
    Http.Response posted =
        admin.post(
            "/api/evaluation/rule-sets",
            RULES.replace("\"divisionCode\": \"330726\"", "\"divisionCode\": \"330782\""));
    assertThat(posted.status()).as(posted.text()).isEqualTo(201);
    long yiwu = posted.json().get("id").longValue();
    Map<String, String> grades = expectedGrades();
    Envelope a1 = parcelEnvelope("a1");
    TileCoord t = TileCoord.containing(a1.centre().x, a1.centre().y, 16);
    String tile = "/tiles/grades/16/" + t.x() + "/" + t.y() + ".mvt?year=2023&ruleSet=" + yiwu;

    HttpResponse<byte[]> pujiang = bytes(tile + "&division=330726");
    assertThat(pujiang.statusCode()).isEqualTo(200);
    boolean sawA1 = false;
    for (MvtTestSupport.Feature f : MvtTestSupport.decode(pujiang.body(), "grades")) {
      if (((Number) f.attributes().get("id")).longValue() == parcel.get("a1")) {
        assertThat(f.attributes().get("grade")).isEqualTo(grades.get("e1"));
        sawA1 = true;
      }
    }
    assertThat(sawA1).isTrue();
    // Without division the rule set's own county: no firm of 义乌 here, an empty tile.
    assertThat(bytes(tile).statusCode()).isEqualTo(204);
    // The TileJSON names the division in its tile URL.
    Http.Response doc =
        admin.as(VIEWER).get("/tiles/grades.json?year=2023&ruleSet=" + yiwu + "&division=330726");
    assertThat(doc.json().get("tiles").get(0).asString())
        .endsWith("?year=2023&ruleSet=" + yiwu + "&division=330726");
    // Bad input: a division without a rule set, not a code, or unknown.
    String base = "/tiles/grades/16/" + t.x() + "/" + t.y() + ".mvt?year=2023";
    assertThat(bytes(base + "&division=330726").statusCode()).isEqualTo(422);
    assertThat(bytes(tile + "&division=abc").statusCode()).isEqualTo(422);
    assertThat(bytes(tile + "&division=999999").statusCode()).isEqualTo(404);
  }

  /** A firm's one parcel (by key) and its share. */
  record Piece(String parcel, double share) {}

  Envelope parcelEnvelope(String key) {
    return parcels.find(parcel.get(key)).orElseThrow().geometry().getEnvelopeInternal();
  }

  HttpResponse<byte[]> bytes(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", VIEWER.header())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  static Coordinate centre(Envelope e) {
    return e.centre();
  }
}
