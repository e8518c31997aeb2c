package org.zoneplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.testsupport.Csv;
import org.zoneplan.testsupport.Http;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.JsonNode;

/**
 * The analysis API on a store with the Pujiang sample data plus test data inserted here: the
 * hand-computable {@link AnalysisFixture} as plan version {@value #FIXTURE_PLAN} in a rectangular
 * test division {@value #TEST_DIVISION} outside Pujiang County, and a few hundred pseudo-random
 * parcels over the sample zones and across the county outline (for the PostGIS comparison). Runs
 * unchanged on H2GIS and on PostGIS (see the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AnalysisApiContract {
  static final String FIXTURE_PLAN = "analysis-fixture";
  static final String TEST_DIVISION = "TEST01";
  static final String PUJIANG = "330726";

  /**
   * The fixture 1° west and 0.05° north of the engine test's (its division is [118.90, 119.10] ×
   * [29.45, 29.65]): outside Pujiang County, clear of the sample zones and of any sample parcels.
   */
  static final AnalysisFixture F = new AnalysisFixture(-1.0, 0.05);

  @LocalServerPort int port;
  Http http;

  @Autowired ParcelRepository parcels;
  @Autowired ZoneRepository zoneRepository;
  @Autowired ZoneService zoneService;
  @Autowired DivisionRepository divisions;
  @Autowired ApplicationEventPublisher events;
  @Autowired EnterpriseRepository enterprises;
  @Autowired JdbcClient jdbc;

  /**
   * The statistics year of the fixture's enterprises (asked for explicitly: other tests sharing the
   * store may add later years).
   */
  static final int YEAR = 2024;

  /** Fixture parcel number → store id. */
  Map<Integer, Long> fixtureIds;

  @BeforeEach
  void connectAndLoad() {
    http = new Http(port);
    synchronized (AnalysisApiContract.class) {
      if (zoneRepository.findPlan(FIXTURE_PLAN).isEmpty()) {
        load();
      }
    }
    fixtureIds = new HashMap<>();
    jdbc.sql("SELECT credit_code, parcel_id FROM enterprise_land WHERE credit_code LIKE ?")
        .param("91330726FX%")
        .query(
            (rs, n) ->
                fixtureIds.put(Integer.parseInt(rs.getString(1).substring(10, 17)), rs.getLong(2)))
        .list();
  }

  private void load() {
    MultiPolygon division = F.division();
    divisions.insert(
        new Division(
            TEST_DIVISION, "测试区划", "TEST", null, division, AreaFigures.of(division), null));
    zoneRepository.insertPlan(
        new PlanVersion(FIXTURE_PLAN, "分析测试方案", LocalDate.of(2024, 1, 1), PlanStatus.DRAFT));
    zoneService.create(FIXTURE_PLAN, "A", draft("甲区", F.zoneA()));
    zoneService.create(FIXTURE_PLAN, "B", draft("乙区", F.zoneB()));
    zoneService.create(FIXTURE_PLAN, "C", draft("丙区", F.zoneC()));
    List<Parcel> all = new ArrayList<>(F.parcels);
    List<Double> randomTaxes = new ArrayList<>();
    all.addAll(
        randomParcels(divisions.find(PUJIANG).orElseThrow().geometry(), division, randomTaxes));
    long before = parcels.maxId();
    parcels.insertAll(all);
    List<Long> ids = parcels.idsAbove(before);
    // Every fixture parcel, and every random parcel with a tax, is owned whole by an enterprise of
    // its own that pays the parcel's tax in YEAR (value added 3 or 2.5 times).
    Map<String, String> names = new java.util.LinkedHashMap<>();
    List<LandLink> links = new ArrayList<>();
    List<AnnualStatistics> statistics = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      boolean fixture = k < F.parcels.size();
      Double tax = fixture ? F.taxes.get(k + 1) : randomTaxes.get(k - F.parcels.size());
      if (!fixture && tax == null) {
        continue;
      }
      String code = fixture ? AnalysisFixture.code("FX", k + 1) : AnalysisFixture.code("RN", k);
      names.put(code, (fixture ? "测试企业" : "随机企业") + k);
      links.add(new LandLink(code, ids.get(k), LandRole.OWNER, 1.0));
      if (tax != null) {
        statistics.add(
            new AnnualStatistics(
                code,
                YEAR,
                tax,
                tax * (fixture ? 3 : 2.5),
                null,
                null,
                null,
                null,
                null,
                null,
                null));
      }
    }
    enterprises.insertMissing(names, enterprises.codes());
    enterprises.insertLinks(links);
    enterprises.insertStatistics(statistics);
    events.publishEvent(new ParcelsChangedEvent(null));
  }

  private static ZoneDraft draft(String name, MultiPolygon geometry) {
    return new ZoneDraft(name, ZoneKind.ZONE, null, null, Map.of(), geometry);
  }

  /**
   * About 300 parcels over the sample zones (some with a courtyard hole, some in two parts, codes
   * of all three schemes, some crossing zone edges) and squares across the county outline.
   */
  static List<Parcel> randomParcels(MultiPolygon county, MultiPolygon avoid, List<Double> taxes) {
    Random random = new Random(2021);
    String[][] codes = {
      {"GBT21010_2017", "0601"},
      {"GBT21010_2017", "0601"},
      {"GBT21010_2017", "0601"},
      {"YDYH_2023", "100101"},
      {"YDYH_2023", "100102"},
      {"YDYH_2023", "100103"},
      {"SANDIAO", "0601"},
      {"GBT21010_2017", "0604"},
      {"SANDIAO", "0508"},
      {"YDYH_2023", "1101"},
      {"GBT21010_2017", "1001"},
      {"GBT21010_2017", "0701"},
      {"YDYH_2023", "0701"}
    };
    List<Parcel> out = new ArrayList<>();
    double x0 = 119.84;
    double y0 = 29.40;
    int columns = 20;
    int rows = 13;
    double cw = (120.07 - x0) / columns;
    double ch = (29.51 - y0) / rows;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        int n = out.size();
        double w = 0.002 + 0.004 * random.nextDouble();
        double h = 0.002 + 0.004 * random.nextDouble();
        double x = x0 + c * cw + random.nextDouble() * (cw - w);
        double y = y0 + r * ch + random.nextDouble() * (ch - h);
        List<Polygon> parts = new ArrayList<>();
        parts.add(quad(x, y, w, h, random, n % 7 == 0));
        if (n % 11 == 0) {
          parts.add(quad(x + w * 1.2, y, w * 0.5, h * 0.5, random, false));
        }
        String[] code = codes[random.nextInt(codes.length)];
        Double tax =
            random.nextDouble() < 0.2 ? null : Math.round(random.nextDouble() * 4e5) / 100.0;
        taxes.add(tax);
        out.add(parcel(n, code, parts));
      }
    }
    // Squares centred on vertices of the county outline: they cross it.
    Polygon largest = (Polygon) county.getGeometryN(0);
    for (int i = 1; i < county.getNumGeometries(); i++) {
      if (county.getGeometryN(i).getArea() > largest.getArea()) {
        largest = (Polygon) county.getGeometryN(i);
      }
    }
    Coordinate[] ring = largest.getExteriorRing().getCoordinates();
    for (int k = 0; k < 24; k++) {
      Coordinate v = ring[k * (ring.length - 1) / 24];
      Envelope square = new Envelope(v.x - 0.002, v.x + 0.002, v.y - 0.002, v.y + 0.002);
      if (square.intersects(avoid.getEnvelopeInternal())) {
        continue;
      }
      Polygon p =
          Rectangles.polygon(
              square.getMinX(), square.getMinY(), square.getMaxX(), square.getMaxY());
      taxes.add(100.0);
      out.add(parcel(out.size(), new String[] {"GBT21010_2017", "0601"}, List.of(p)));
    }
    return out;
  }

  private static Polygon quad(double x, double y, double w, double h, Random r, boolean hole) {
    Coordinate[] shell = {
      new Coordinate(x, y + h * 0.1 * r.nextDouble()),
      new Coordinate(x + w, y),
      new Coordinate(x + w * (0.9 + 0.1 * r.nextDouble()), y + h),
      new Coordinate(x + w * 0.1 * r.nextDouble(), y + h * (0.9 + 0.1 * r.nextDouble())),
      null
    };
    shell[4] = shell[0].copy();
    LinearRing[] holes =
        hole
            ? new LinearRing[] {Rectangles.ring(x + w * 0.4, y + h * 0.4, x + w * 0.6, y + h * 0.6)}
            : new LinearRing[0];
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(
        Cgcs2000.GEOMETRY_FACTORY.createLinearRing(shell), holes);
  }

  private static Parcel parcel(int n, String[] code, List<Polygon> parts) {
    MultiPolygon g = Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
    return new Parcel(
        0, LandUseScheme.valueOf(code[0]), code[1], g, EllipsoidalArea.squareMetres(g));
  }

  // ------------------------------------------------------------------------------- helpers

  static Offset<Double> rel(double expected) {
    return Offset.offset(Math.max(1e-3, Math.abs(expected) * 1e-7));
  }

  static Map<String, JsonNode> byCode(JsonNode array) {
    Map<String, JsonNode> out = new HashMap<>();
    array.forEach(z -> out.put(z.get("code").asString(), z));
    return out;
  }

  List<Long> ids(int... numbers) {
    List<Long> out = new ArrayList<>();
    for (int n : numbers) {
      out.add(fixtureIds.get(n));
    }
    return out.stream().sorted().toList();
  }

  List<Long> ids(List<Integer> numbers) {
    return ids(numbers.stream().mapToInt(Integer::intValue).toArray());
  }

  static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.longValue()));
    return out.stream().sorted().toList();
  }

  static JsonNode ok(Http.Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  // -------------------------------------------------------------------- concentration

  @ParameterizedTest(name = "includeStorage={0}")
  @ValueSource(booleans = {false, true})
  void concentrationOfTheFixtureMatchesTheHandComputedFigures(boolean storage) {
    JsonNode c =
        ok(
            http.get(
                "/api/plans/"
                    + FIXTURE_PLAN
                    + "/concentration?division="
                    + TEST_DIVISION
                    + "&includeStorage="
                    + storage));
    assertThat(c.get("division").get("code").asString()).isEqualTo(TEST_DIVISION);
    assertThat(c.get("division").get("default").booleanValue()).isFalse();
    assertThat(c.get("includeStorage").booleanValue()).isEqualTo(storage);
    double inside = F.inside(storage);
    double total = F.total(storage);
    assertThat(c.get("industrialInsideM2").doubleValue()).isCloseTo(inside, rel(inside));
    assertThat(c.get("industrialTotalM2").doubleValue()).isCloseTo(total, rel(total));
    assertThat(c.get("industrialTotalMu").doubleValue())
        .isCloseTo(AreaUnits.toMu(total), rel(AreaUnits.toMu(total)));
    assertThat(c.get("ratio").doubleValue()).isCloseTo(inside / total, Offset.offset(1e-9));
    assertThat(c.get("target").doubleValue()).isEqualTo(0.70);
    assertThat(c.get("meetsTarget").booleanValue()).isEqualTo(inside / total >= 0.70);
    assertThat(c.get("parcelsCounted").intValue()).isEqualTo(storage ? 14 : 11);
    Map<String, JsonNode> zones = byCode(c.get("zones"));
    assertThat(zones.keySet()).containsExactlyInAnyOrder("A", "B", "C");
    assertThat(zones.get("A").get("name").asString()).isEqualTo("甲区");
    assertThat(zones.get("A").get("industrialM2").doubleValue())
        .isCloseTo(F.zoneA(storage), rel(F.zoneA(storage)));
    assertThat(zones.get("B").get("industrialM2").doubleValue())
        .isCloseTo(F.zoneB(storage), rel(F.zoneB(storage)));
    assertThat(zones.get("C").get("industrialM2").doubleValue())
        .isCloseTo(F.zoneC(storage), rel(F.zoneC(storage)));
  }

  @Test
  void storageIsOffUnlessAskedFor() {
    JsonNode c =
        ok(http.get("/api/plans/" + FIXTURE_PLAN + "/concentration?division=" + TEST_DIVISION));
    assertThat(c.get("includeStorage").booleanValue()).isFalse();
    assertThat(c.get("industrialTotalM2").doubleValue())
        .isCloseTo(F.total(false), rel(F.total(false)));
    JsonNode gbt = c.get("countedCodes").get(0);
    assertThat(gbt.get("scheme").asString()).isEqualTo("GBT21010_2017");
    assertThat(gbt.get("prefixes").get(0).asString()).isEqualTo("0601");
    assertThat(gbt.get("prefixes")).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pujiang-2020", "pujiang-2021"})
  void sampleConcentrationDefaultsToTheCountyOfThePlatform(String planId) {
    JsonNode c = ok(http.get("/api/plans/" + planId + "/concentration"));
    assertThat(c.get("division").get("code").asString()).isEqualTo(PUJIANG);
    assertThat(c.get("division").get("default").booleanValue()).isTrue();
    double inside = c.get("industrialInsideM2").doubleValue();
    double total = c.get("industrialTotalM2").doubleValue();
    assertThat(inside).isPositive().isLessThan(total);
    // The platform is the union of its parts: its industrial land is the land inside the union.
    JsonNode platform = byCode(c.get("zones")).get("PJ");
    assertThat(platform.get("industrialM2").doubleValue()).isCloseTo(inside, rel(inside));
    double parts = 0;
    for (String part : List.of("PJ-1", "PJ-HZ", "PJ-BZ", "PJ-ZJW")) {
      parts += byCode(c.get("zones")).get(part).get("industrialM2").doubleValue();
    }
    assertThat(parts).isCloseTo(inside, rel(inside));
  }

  // ------------------------------------------------------------------------- overlaps

  @Test
  void overlapsReportZonesThatMustNotOverlapWithTheirArea() {
    Http.Response response = http.get("/api/plans/" + FIXTURE_PLAN + "/overlaps");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/geo+json");
    JsonNode features = response.json().get("features");
    assertThat(features).hasSize(1);
    JsonNode p = features.get(0).get("properties");
    assertThat(p.get("kind").asString()).isEqualTo("OVERLAP");
    assertThat(p.get("zoneA").asString()).isEqualTo("A");
    assertThat(p.get("zoneB").asString()).isEqualTo("C");
    assertThat(p.get("areaM2").doubleValue()).isCloseTo(F.overlapAC(), rel(F.overlapAC()));
    assertThat(features.get(0).get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
    assertThat(response.json().get("counts").get("OVERLAP").intValue()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pujiang-2020", "pujiang-2021"})
  void sampleZonesNeitherOverlapNorLeaveTheirParents(String planId) {
    JsonNode body = ok(http.get("/api/plans/" + planId + "/overlaps"));
    assertThat(body.get("counts").get("OVERLAP").intValue()).isZero();
    assertThat(body.get("counts").get("SLIVER").intValue()).isZero();
    assertThat(body.get("counts").get("OUTSIDE_PARENT").intValue()).isZero();
    assertThat(body.get("toleranceM").doubleValue()).isEqualTo(5.0);
  }

  // ---------------------------------------------------------------- scattered land

  @ParameterizedTest(name = "includeStorage={0}")
  @ValueSource(booleans = {false, true})
  void scatteredIndustrialLandIsListedWithItsTotalInMu(boolean storage) {
    Http.Response response =
        http.get(
            "/api/plans/"
                + FIXTURE_PLAN
                + "/scattered?division="
                + TEST_DIVISION
                + "&includeStorage="
                + storage);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/geo+json");
    JsonNode body = response.json();
    List<Integer> expected =
        storage ? AnalysisFixture.SCATTERED_WITH_STORAGE : AnalysisFixture.SCATTERED;
    List<Long> found = new ArrayList<>();
    body.get("features").forEach(f -> found.add(f.get("id").longValue()));
    assertThat(found.stream().sorted().toList()).isEqualTo(ids(expected));
    double mu = expected.stream().mapToDouble(n -> AreaUnits.toMu(F.a(n))).sum();
    assertThat(body.get("totalMu").doubleValue()).isCloseTo(mu, rel(mu));
    assertThat(body.get("count").intValue()).isEqualTo(expected.size());
    assertThat(body.get("features").get(0).get("geometry").get("type").asString())
        .isEqualTo("MultiPolygon");

    JsonNode list =
        ok(
            http.get(
                "/api/plans/"
                    + FIXTURE_PLAN
                    + "/scattered?geometry=false&division="
                    + TEST_DIVISION
                    + "&includeStorage="
                    + storage));
    assertThat(list.get("features").get(0).get("geometry").isNull()).isTrue();
    assertThat(list.get("totalMu").doubleValue()).isCloseTo(mu, rel(mu));
  }

  // ---------------------------------------------------------------------- efficiency

  @Test
  void efficiencyPerZoneAndParcelWithClasses() {
    JsonNode body = ok(http.get("/api/plans/" + FIXTURE_PLAN + "/efficiency?year=" + YEAR));
    assertThat(body.get("thresholds").get("A").doubleValue()).isEqualTo(30.0);
    JsonNode a = byCode(body.get("zones")).get("A");
    double mu1 = AreaUnits.toMu(F.a(1));
    double mu4 = AreaUnits.toMu(F.a(4));
    double mu12 = AreaUnits.toMu(F.a(12));
    double taxPerMu = (3000 + 1300 + 500) / (mu1 + mu4 + mu12);
    assertThat(a.get("taxPerMuWan").doubleValue()).isCloseTo(taxPerMu, rel(taxPerMu));
    assertThat(a.get("valueAddedPerMuWan").doubleValue())
        .isCloseTo(3 * taxPerMu, rel(3 * taxPerMu));
    assertThat(a.get("parcels").intValue()).isEqualTo(4);
    assertThat(a.get("classes").get("A").get("parcels").intValue()).isEqualTo(1);
    assertThat(a.get("classes").get("B").get("parcels").intValue()).isEqualTo(1);
    assertThat(a.get("classes").get("C").get("parcels").intValue()).isEqualTo(1);
    assertThat(a.get("unrated").get("parcels").intValue()).isEqualTo(1);
    assertThat(a.get("inefficientMu").doubleValue()).isCloseTo(mu12, rel(mu12));
    JsonNode b = byCode(body.get("zones")).get("B");
    assertThat(b.get("classes").get("D").get("parcels").intValue()).isEqualTo(1);

    Map<Long, JsonNode> parcelsById = new HashMap<>();
    body.get("parcels").forEach(p -> parcelsById.put(p.get("id").longValue(), p));
    JsonNode p1 = parcelsById.get(fixtureIds.get(1));
    assertThat(p1.get("class").asString()).isEqualTo("A");
    assertThat(p1.get("taxPerMuWan").doubleValue()).isCloseTo(3000 / mu1, rel(3000 / mu1));
    List<String> zonesOf4 = new ArrayList<>();
    parcelsById.get(fixtureIds.get(4)).get("zones").forEach(z -> zonesOf4.add(z.asString()));
    assertThat(zonesOf4).containsExactly("A", "C");
    assertThat(parcelsById.get(fixtureIds.get(3)).get("class").isNull()).isTrue();

    JsonNode onlyC =
        ok(http.get("/api/plans/" + FIXTURE_PLAN + "/efficiency?zone=C&parcels=true&year=" + YEAR));
    assertThat(onlyC.get("zones")).hasSize(1);
    List<Long> inC = new ArrayList<>();
    onlyC.get("parcels").forEach(p -> inC.add(p.get("id").longValue()));
    assertThat(inC.stream().sorted().toList()).isEqualTo(ids(4, 5));
  }

  // -------------------------------------------------------------------- attribution

  @Test
  void attributionSplitsZonesAndIndustrialLandByCounty() {
    JsonNode body = ok(http.get("/api/plans/pujiang-2021/attribution"));
    JsonNode concentration = ok(http.get("/api/plans/pujiang-2021/concentration"));
    Map<String, JsonNode> industrial = byCode(concentration.get("zones"));
    assertThat(body.get("level").asString()).isEqualTo("COUNTY");
    assertThat(body.get("zones")).hasSize(11);
    for (JsonNode zone : body.get("zones")) {
      double area = zone.get("areaM2").doubleValue();
      JsonNode pujiang = null;
      double sum = 0;
      for (JsonNode d : zone.get("divisions")) {
        sum += d.get("areaM2").doubleValue();
        if (d.get("code").asString().equals(PUJIANG)) {
          pujiang = d;
        }
      }
      assertThat(sum + zone.get("outsideDivisionsM2").doubleValue()).isCloseTo(area, rel(area));
      // The sample zones lie inside the Pujiang outline.
      assertThat(pujiang).as(zone.get("code").asString()).isNotNull();
      assertThat(pujiang.get("share").doubleValue()).isCloseTo(1.0, Offset.offset(1e-9));
      double expected =
          industrial.get(zone.get("code").asString()).get("industrialM2").doubleValue();
      assertThat(pujiang.get("industrialM2").doubleValue()).isCloseTo(expected, rel(expected));
    }
  }

  // --------------------------------------------------------------------- comparison

  @Test
  void comparisonReproducesThePublishedDeltasOfEveryZone() throws Exception {
    List<Map<String, String>> published = Csv.read(Csv.sharedDomain("pujiang-zones.csv"));
    JsonNode body = ok(http.get("/api/compare?from=pujiang-2020&to=pujiang-2021"));
    assertThat(body.get("division").get("code").asString()).isEqualTo(PUJIANG);
    Map<String, JsonNode> zones = byCode(body.get("zones"));
    assertThat(zones).hasSameSizeAs(published);
    for (Map<String, String> row : published) {
      JsonNode z = zones.get(row.get("code"));
      assertThat(z).as(row.get("code")).isNotNull();
      BigDecimal publishedDelta =
          new BigDecimal(row.get("area_after_km2"))
              .subtract(new BigDecimal(row.get("area_before_km2")));
      assertThat(z.get("deltaKm2").doubleValue())
          .as("%s: Δ %s km² published", row.get("code"), publishedDelta)
          .isCloseTo(publishedDelta.doubleValue(), Offset.offset(0.01 + 1e-9));
      assertThat(z.get("areaBeforeKm2").doubleValue())
          .isCloseTo(Double.parseDouble(row.get("area_before_km2")), Offset.offset(0.005 + 1e-9));
      assertThat(z.get("areaAfterKm2").doubleValue())
          .isCloseTo(Double.parseDouble(row.get("area_after_km2")), Offset.offset(0.005 + 1e-9));
      double net = z.get("addedM2").doubleValue() - z.get("removedM2").doubleValue();
      assertThat(net).isCloseTo(z.get("deltaM2").doubleValue(), Offset.offset(1.0));
    }
    JsonNode core = zones.get("PJ-1-CORE");
    assertThat(core.get("status").asString()).isEqualTo("CHANGED");
    assertThat(core.get("added").get("type").asString()).isIn("Polygon", "MultiPolygon");
    JsonNode before = body.get("concentration").get("before");
    JsonNode after = body.get("concentration").get("after");
    assertThat(before.get("industrialTotalM2").doubleValue())
        .isEqualTo(after.get("industrialTotalM2").doubleValue());
    // The core area only grew (by 5.64 km²): it gains parcels and loses none.
    assertThat(core.get("parcelsGained").get("count").intValue()).isPositive();
    assertThat(core.get("parcelsLost").get("count").intValue()).isZero();
    assertThat(core.get("industrialAfterM2").doubleValue())
        .isGreaterThanOrEqualTo(core.get("industrialBeforeM2").doubleValue());
    assertThat(zones.get("PJ-HZ").get("parcelsGained").get("count").intValue()).isZero();
  }

  // ------------------------------------------------------------------------ what-if

  @Test
  void whatIfOverlappingANeighbourReportsTheOverlapAndSavesNothing() {
    String zones = http.get("/api/plans/pujiang-2021/zones").text();
    long parcelCount = parcels.count();
    JsonNode hz = ok(http.get("/api/plans/pujiang-2021/zones/PJ-HZ"));
    Coordinate c = vertexCentroid(hz);
    double x = c.x - 0.002;
    double y = c.y - 0.002;
    String square = squareFeature(x, y, 0.004);

    JsonNode w = ok(http.post("/api/plans/pujiang-2021/zones/PJ-ZJW/what-if", square));
    assertThat(w.get("saved").booleanValue()).isFalse();
    double squareArea = Rectangles.area(x, y, x + 0.004, y + 0.004);
    assertThat(w.get("area").get("afterM2").doubleValue()).isCloseTo(squareArea, rel(squareArea));
    JsonNode features = w.get("overlaps").get("features");
    assertThat(features).hasSize(1);
    JsonNode overlap = features.get(0).get("properties");
    assertThat(overlap.get("kind").asString()).isEqualTo("OVERLAP");
    assertThat(overlap.get("zoneA").asString()).isEqualTo("PJ-ZJW");
    assertThat(overlap.get("zoneB").asString()).isEqualTo("PJ-HZ");
    assertThat(overlap.get("areaM2").doubleValue()).isCloseTo(squareArea, rel(squareArea));
    assertThat(overlap.get("new").booleanValue()).isTrue();

    assertThat(http.get("/api/plans/pujiang-2021/zones").text()).isEqualTo(zones);
    assertThat(parcels.count()).isEqualTo(parcelCount);
  }

  @Test
  void whatIfGivesTheConcentrationAndParcelsAfterTheChange() {
    String zones = http.get("/api/plans/" + FIXTURE_PLAN + "/zones").text();
    String body =
        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
            + org.zoneplan.geo.GeoJson.write(F.zoneBGrown())
            + "}";
    JsonNode w =
        ok(
            http.post(
                "/api/plans/" + FIXTURE_PLAN + "/zones/B/what-if?division=" + TEST_DIVISION, body));
    JsonNode c = w.get("concentration");
    assertThat(c.get("before").get("industrialInsideM2").doubleValue())
        .isCloseTo(F.inside(false), rel(F.inside(false)));
    double after = F.inside(false) + F.insideGainWhenBGrows();
    assertThat(c.get("after").get("industrialInsideM2").doubleValue()).isCloseTo(after, rel(after));
    assertThat(c.get("after").get("ratio").doubleValue())
        .isCloseTo(after / F.total(false), Offset.offset(1e-9));
    assertThat(longs(w.get("parcelsGained").get("ids"))).isEqualTo(ids(5));
    assertThat(w.get("parcelsLost").get("count").intValue()).isZero();
    JsonNode overlap = w.get("overlaps").get("features").get(0).get("properties");
    assertThat(overlap.get("zoneB").asString()).isEqualTo("C");
    assertThat(overlap.get("areaM2").doubleValue())
        .isCloseTo(F.overlapGrownBC(), rel(F.overlapGrownBC()));
    double added = F.area(120.024, 29.50, 120.03, 29.51);
    assertThat(w.get("area").get("deltaM2").doubleValue()).isCloseTo(added, rel(added));
    assertThat(http.get("/api/plans/" + FIXTURE_PLAN + "/zones").text()).isEqualTo(zones);
  }

  // --------------------------------------------------------------------- indicators

  @Test
  void indicatorsGiveTheRadarFiguresWithTheCityTargets() {
    JsonNode body =
        ok(
            http.get(
                "/api/plans/"
                    + FIXTURE_PLAN
                    + "/indicators?division="
                    + TEST_DIVISION
                    + "&year="
                    + YEAR));
    assertThat(body.get("targets").get("taxPerMuWan").doubleValue()).isEqualTo(40.0);
    assertThat(body.get("targets").get("concentration").doubleValue()).isEqualTo(0.70);
    List<String> axes = new ArrayList<>();
    body.get("axes").forEach(a -> axes.add(a.get("key").asString()));
    assertThat(axes).contains("areaKm2", "industrialShare", "taxPerMuWan", "inefficientShare");
    JsonNode a = byCode(body.get("zones")).get("A").get("values");
    double areaA = F.area(120.00, 29.50, 120.02, 29.52) - F.area(120.005, 29.505, 120.010, 29.510);
    assertThat(a.get("areaKm2").doubleValue()).isCloseTo(areaA / 1e6, rel(areaA / 1e6));
    assertThat(a.get("industrialShare").doubleValue())
        .isCloseTo(F.zoneA(false) / areaA, Offset.offset(1e-9));
    assertThat(a.get("concentrationShare").doubleValue())
        .isCloseTo(F.zoneA(false) / F.total(false), Offset.offset(1e-9));
    assertThat(body.get("plan").get("ratio").doubleValue())
        .isCloseTo(F.inside(false) / F.total(false), Offset.offset(1e-9));
    double scatteredMu =
        AnalysisFixture.SCATTERED.stream().mapToDouble(n -> AreaUnits.toMu(F.a(n))).sum();
    assertThat(body.get("plan").get("scatteredIndustrialMu").doubleValue())
        .isCloseTo(scatteredMu, rel(scatteredMu));
  }

  @Test
  void enterpriseFiguresAreTheStatisticsOfTheYearAskedForOrTheLatestHeld() {
    String path = "/api/plans/" + FIXTURE_PLAN + "/indicators?division=" + TEST_DIVISION;
    JsonNode asked = ok(http.get(path + "&year=" + YEAR));
    assertThat(asked.get("year").intValue()).isEqualTo(YEAR);
    // Zone A's taxed members 1, 4 and 12, each owned whole by an enterprise paying its tax.
    JsonNode a = byCode(asked.get("zones")).get("A").get("figures");
    assertThat(a.get("taxWan").doubleValue()).isCloseTo(3000 + 1300 + 500, Offset.offset(1e-9));
    double landMu = AreaUnits.toMu(F.a(1) + F.a(3) + F.a(4) + F.a(12));
    assertThat(a.get("enterpriseLandMu").doubleValue()).isCloseTo(landMu, rel(landMu));

    // A year without statistics: no figures, and the JSON says which year they are of.
    JsonNode none = ok(http.get(path + "&year=1990"));
    assertThat(none.get("year").intValue()).isEqualTo(1990);
    assertThat(none.get("enterprisesWithStatistics").intValue()).isZero();
    JsonNode a1990 = byCode(none.get("zones")).get("A");
    assertThat(a1990.get("figures").get("taxWan").doubleValue()).isZero();
    assertThat(a1990.get("values").get("taxPerMuWan").isNull()).isTrue();

    Integer latest =
        jdbc.sql("SELECT MAX(stat_year) FROM enterprise_stat").query(Integer.class).single();
    assertThat(ok(http.get(path)).get("year").intValue()).isEqualTo(latest);
    assertThat(
            ok(http.get("/api/plans/" + FIXTURE_PLAN + "/efficiency?parcels=false"))
                .get("year")
                .intValue())
        .isEqualTo(latest);
  }

  // ---------------------------------------------------------------- nulls and absent keys

  /**
   * The reports are records written by Jackson: a missing figure is a key with null (never left
   * out), and a list not asked for is left out (never null).
   */
  @Test
  void missingFiguresAreNullAndListsNotAskedForAreLeftOut() {
    JsonNode efficiency = ok(http.get("/api/plans/" + FIXTURE_PLAN + "/efficiency?year=" + YEAR));
    // Fixture parcel 3 has no tax figure: no class, no tax per 亩.
    JsonNode untaxed = null;
    for (JsonNode p : efficiency.get("parcels")) {
      if (p.get("id").longValue() == fixtureIds.get(3)) {
        untaxed = p;
      }
    }
    assertThat(untaxed).isNotNull();
    for (String key : List.of("class", "taxWan", "valueAddedWan", "taxPerMuWan")) {
      assertThat(untaxed.has(key)).as(key).isTrue();
      assertThat(untaxed.get(key).isNull()).as(key).isTrue();
    }
    JsonNode withoutParcels =
        ok(http.get("/api/plans/" + FIXTURE_PLAN + "/efficiency?parcels=false&year=" + YEAR));
    assertThat(withoutParcels.has("parcels")).isFalse();
    assertThat(withoutParcels.get("thresholds").get("A").doubleValue()).isEqualTo(30.0);

    // A plan compared with itself: nothing added or removed, as nulls.
    JsonNode same =
        ok(
            http.get(
                "/api/compare?from="
                    + FIXTURE_PLAN
                    + "&to="
                    + FIXTURE_PLAN
                    + "&division="
                    + TEST_DIVISION));
    assertThat(same.get("division").get("default").booleanValue()).isFalse();
    assertThat(same.get("zones")).hasSize(3);
    for (JsonNode z : same.get("zones")) {
      assertThat(z.get("status").asString()).isEqualTo("UNCHANGED");
      assertThat(z.has("added") && z.get("added").isNull()).isTrue();
      assertThat(z.has("removed") && z.get("removed").isNull()).isTrue();
    }
    assertThat(same.get("concentration").get("ratioDelta").doubleValue()).isZero();

    // No value-added target is configured: the key is there, null.
    JsonNode targets =
        ok(http.get(
                "/api/plans/"
                    + FIXTURE_PLAN
                    + "/indicators?division="
                    + TEST_DIVISION
                    + "&year="
                    + YEAR))
            .get("targets");
    assertThat(targets.has("valueAddedPerMuWan")).isTrue();
    assertThat(targets.get("valueAddedPerMuWan").isNull()).isTrue();
  }

  // ------------------------------------------------------------------- invalidation

  @Test
  void zoneChangesAreSeenAtOnce() {
    String path = "/api/plans/" + FIXTURE_PLAN + "/concentration?division=" + TEST_DIVISION;
    double before = ok(http.get(path)).get("industrialInsideM2").doubleValue();
    // A new zone D between B's parts takes in parcel 7 and parcel 16 (storage: not counted).
    String d =
        "{\"type\":\"Feature\",\"properties\":{\"name\":\"丁区\",\"kind\":\"ZONE\"},"
            + "\"geometry\":"
            + org.zoneplan.geo.GeoJson.write(F.rect(120.041, 29.501, 120.049, 29.509))
            + "}";
    assertThat(http.post("/api/plans/" + FIXTURE_PLAN + "/zones/D", d).status()).isEqualTo(201);
    try {
      double with = ok(http.get(path)).get("industrialInsideM2").doubleValue();
      assertThat(with - before).isCloseTo(F.a(7), rel(F.a(7)));
    } finally {
      assertThat(http.delete("/api/plans/" + FIXTURE_PLAN + "/zones/D", "*").status())
          .isEqualTo(204);
    }
    assertThat(ok(http.get(path)).get("industrialInsideM2").doubleValue())
        .isCloseTo(before, rel(before));
  }

  @Test
  void parcelChangesAreSeenAfterTheirEvent() {
    String path = "/api/plans/" + FIXTURE_PLAN + "/concentration?division=" + TEST_DIVISION;
    double before = ok(http.get(path)).get("industrialTotalM2").doubleValue();
    MultiPolygon g = F.rect(119.95, 29.45, 119.951, 29.451);
    double area = F.area(119.95, 29.45, 119.951, 29.451);
    Parcel added = parcels.insert(new Parcel(0, LandUseScheme.GBT21010_2017, "0601", g, area));
    events.publishEvent(new ParcelsChangedEvent(g.getEnvelopeInternal()));
    try {
      double with = ok(http.get(path)).get("industrialTotalM2").doubleValue();
      assertThat(with - before).isCloseTo(area, rel(area));
    } finally {
      parcels.delete(added.id());
      events.publishEvent(new ParcelsChangedEvent(g.getEnvelopeInternal()));
    }
    assertThat(ok(http.get(path)).get("industrialTotalM2").doubleValue())
        .isCloseTo(before, rel(before));
  }

  // ---------------------------------------------------------------------- bad input

  static Stream<Arguments> badRequests() {
    String square = squareFeature(119.96, 29.42, 0.004);
    String bowtie =
        "{\"type\":\"Polygon\",\"coordinates\":[[[119.90,29.40],[119.92,29.42],[119.92,29.40],"
            + "[119.90,29.42],[119.90,29.40]]]}";
    String what = "/api/plans/pujiang-2021/zones/PJ-ZJW/what-if";
    return Stream.of(
        Arguments.of("GET", "/api/plans/nope/overlaps", null, 404, "plan-not-found"),
        Arguments.of("GET", "/api/plans/nope/concentration", null, 404, "plan-not-found"),
        Arguments.of("GET", "/api/plans/nope/scattered", null, 404, "plan-not-found"),
        Arguments.of("GET", "/api/plans/nope/efficiency", null, 404, "plan-not-found"),
        Arguments.of("GET", "/api/plans/nope/attribution", null, 404, "plan-not-found"),
        Arguments.of("GET", "/api/plans/nope/indicators", null, 404, "plan-not-found"),
        Arguments.of("GET", "/api/compare?from=nope&to=pujiang-2021", null, 404, "plan-not-found"),
        Arguments.of("GET", "/api/compare?from=pujiang-2020", null, 400, null),
        Arguments.of(
            "GET",
            "/api/plans/pujiang-2021/concentration?division=999999",
            null,
            404,
            "division-not-found"),
        Arguments.of(
            "GET",
            "/api/plans/pujiang-2021/concentration?division=330726101",
            null,
            422,
            "division-without-outline"),
        Arguments.of(
            "GET", "/api/plans/pujiang-2021/concentration?includeStorage=maybe", null, 400, null),
        Arguments.of(
            "GET", "/api/plans/pujiang-2021/overlaps?tolerance=-1", null, 422, "invalid-tolerance"),
        Arguments.of(
            "GET", "/api/plans/pujiang-2021/efficiency?zone=NOPE", null, 404, "zone-not-found"),
        Arguments.of(
            "GET", "/api/plans/pujiang-2021/indicators?year=2024.5", null, 400, "invalid-year"),
        Arguments.of(
            "GET", "/api/plans/pujiang-2021/efficiency?year=1800", null, 400, "invalid-year"),
        Arguments.of(
            "GET",
            "/api/plans/pujiang-2021/attribution?level=TOWN",
            null,
            422,
            "no-division-outlines"),
        Arguments.of(
            "POST", "/api/plans/pujiang-2021/zones/NOPE/what-if", square, 404, "zone-not-found"),
        Arguments.of("POST", "/api/plans/nope/zones/PJ-ZJW/what-if", square, 404, "plan-not-found"),
        Arguments.of("POST", what, bowtie, 422, "invalid-geometry"),
        Arguments.of(
            "POST",
            what,
            "{\"type\":\"LineString\",\"coordinates\":[[119.7,29.5],[119.8,29.6]]}",
            422,
            "invalid-geometry"),
        Arguments.of("POST", what, "{\"type\": \"Feature\", ", 400, "malformed-json"),
        Arguments.of("POST", what, "[1, 2]", 400, "malformed-geojson"),
        Arguments.of(
            "POST",
            what,
            "{\"type\":\"Polygon\",\"coordinates\":[[[119.7,29.5],[119.8,29.5],[119.8,29.6]]]}",
            422,
            "invalid-geometry"),
        Arguments.of("POST", what + "?division=330726101", square, 422, "division-without-outline"),
        Arguments.of("POST", what, squareFeature(10.0, 50.0, 0.01), 422, "invalid-geometry"));
  }

  @ParameterizedTest(name = "{0} {1} → {3} {4}")
  @MethodSource("badRequests")
  void badInputIsAProblemAndNothingIsWritten(
      String method, String path, String body, int status, String type) {
    String zones = http.get("/api/plans/pujiang-2021/zones").text();
    long parcelCount = parcels.count();
    Http.Response response = method.equals("GET") ? http.get(path) : http.post(path, body);
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    if (type != null) {
      assertThat(response.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + type);
    }
    assertThat(http.get("/api/plans/pujiang-2021/zones").text()).isEqualTo(zones);
    assertThat(parcels.count()).isEqualTo(parcelCount);
  }

  @Test
  void invalidGeometryNamesTheCoordinate() {
    String bowtie =
        "{\"type\":\"Polygon\",\"coordinates\":[[[119.90,29.40],[119.92,29.42],[119.92,29.40],"
            + "[119.90,29.42],[119.90,29.40]]]}";
    Http.Response response = http.post("/api/plans/pujiang-2021/zones/PJ-ZJW/what-if", bowtie);
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().get("reason").asString()).isEqualTo("SELF_INTERSECTION");
    assertThat(response.json().get("coordinate").get(0).doubleValue())
        .isCloseTo(119.91, Offset.offset(1e-9));
  }

  // ------------------------------------------------------------------------- helpers

  static Coordinate vertexCentroid(JsonNode feature) {
    JsonNode ring = feature.get("geometry").get("coordinates").get(0).get(0);
    double sx = 0;
    double sy = 0;
    for (JsonNode p : ring) {
      sx += p.get(0).doubleValue();
      sy += p.get(1).doubleValue();
    }
    return new Coordinate(sx / ring.size(), sy / ring.size());
  }

  static String squareFeature(double x, double y, double size) {
    return String.format(
        Locale.ROOT,
        "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
            + "\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}",
        x,
        y,
        x + size,
        y,
        x + size,
        y + size,
        x,
        y + size,
        x,
        y);
  }
}
