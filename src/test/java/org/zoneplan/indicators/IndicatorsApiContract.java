package org.zoneplan.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
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
import org.zoneplan.enterprises.Enterprise;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.enterprises.SizeClass;
import org.zoneplan.enterprises.TestEnterprisesEvent;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.parcels.ParcelSupply;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.JsonNode;

/**
 * The yearly indicators API on a fixture of its own (a division, four zones of which two are the
 * parts of a third, nine parcels with supply records, six enterprises with land links and shares,
 * statistics for 2022–2024 and the second quarter of 2024), with the 完成率 and ranks worked by hand:
 * the enterprises of zones Y and Q lie wholly in them, and the shares compared in X are those of a
 * single enterprise, so these figures do not depend on any area. Targets: 422 listing every bad row
 * with nothing written; ADMIN only. The .xlsx opens with POI. Runs unchanged on H2GIS and PostGIS;
 * the PostGIS subclass also recomputes the area figures by SQL.
 *
 * <p>Layout (longitude × latitude, degrees): division IND01 [117.40, 117.70] × [30.10, 30.40]; zone
 * P [117.50, 117.54] × [30.20, 30.22] with parts X (west half) and Y (east half); zone Q [117.56,
 * 117.58] × [30.20, 30.21].
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class IndicatorsApiContract {
  static final String PLAN = "indicators-fixture";
  static final String DIVISION = "IND01";
  static final Credentials VIEWER = new Credentials("t-ind-viewer", "test-pass-1");

  @LocalServerPort int port;
  Http http;

  @Autowired ParcelRepository parcels;
  @Autowired ParcelSupplyRepository supplies;
  @Autowired EnterpriseRepository enterprises;
  @Autowired QuarterStatisticsRepository quarters;
  @Autowired ZoneRepository zoneRepository;
  @Autowired ZoneService zoneService;
  @Autowired DivisionRepository divisions;
  @Autowired ApplicationEventPublisher events;
  @Autowired IndicatorsCache cache;
  @Autowired JdbcClient jdbc;

  /** Fixture parcel number → store id. */
  static final Map<Integer, Long> IDS = new HashMap<>();

  /** Fixture enterprise number → credit code. */
  static String code(int n) {
    String first17 = "913307269999000" + (10 + n);
    return first17 + CreditCode.checkCharacter(first17);
  }

  @BeforeEach
  void load() {
    http = new Http(port);
    synchronized (IndicatorsApiContract.class) {
      if (zoneRepository.findPlan(PLAN).isEmpty()) {
        IDS.clear();
        fixture();
      }
    }
    if (http.get("/api/users/" + VIEWER.username()).status() == 404) {
      Http.Response created =
          http.post(
              "/api/users",
              "{\"username\":\""
                  + VIEWER.username()
                  + "\",\"password\":\""
                  + VIEWER.password()
                  + "\",\"roles\":[\"VIEWER\"]}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
    }
  }

  static MultiPolygon rect(double x1, double y1, double x2, double y2) {
    Coordinate[] ring = {
      new Coordinate(x1, y1),
      new Coordinate(x2, y1),
      new Coordinate(x2, y2),
      new Coordinate(x1, y2),
      new Coordinate(x1, y1)
    };
    Polygon p = Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring);
    return Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {p});
  }

  private void fixture() {
    MultiPolygon d = rect(117.40, 30.10, 117.70, 30.40);
    divisions.insert(new Division(DIVISION, "指标测试区划", "TEST", null, d, AreaFigures.of(d), null));
    zoneRepository.insertPlan(
        new PlanVersion(PLAN, "指标测试方案", LocalDate.of(2024, 1, 1), PlanStatus.DRAFT));
    zoneService.create(
        PLAN,
        "P",
        new ZoneDraft(
            "甲园",
            ZoneKind.ZONE,
            null,
            null,
            Map.of(LeadingIndustries.ATTRIBUTE, List.of("38", "39")),
            rect(117.50, 30.20, 117.54, 30.22)));
    zoneService.create(
        PLAN,
        "X",
        new ZoneDraft(
            "甲园西片",
            ZoneKind.SUBAREA,
            "P",
            null,
            Map.of(LeadingIndustries.ATTRIBUTE, List.of("38")),
            rect(117.50, 30.20, 117.52, 30.22)));
    zoneService.create(
        PLAN,
        "Y",
        new ZoneDraft(
            "甲园东片",
            ZoneKind.SUBAREA,
            "P",
            null,
            Map.of(LeadingIndustries.ATTRIBUTE, List.of("3911", "9999")),
            rect(117.52, 30.20, 117.54, 30.22)));
    zoneService.create(
        PLAN,
        "Q",
        new ZoneDraft(
            "乙园", ZoneKind.ZONE, null, null, Map.of(), rect(117.56, 30.20, 117.58, 30.21)));

    // 1 X, supplied 2020, built 2021; 2 X, supplied 2023, not built; 3 Y, no supply record;
    // 4 across X|Y, centre in Y; 5 Q, supplied 2022, built, idle since 2024-02; 6 X, residential;
    // 7 outside every zone, supplied 2021; 8 across Q's east edge, centre outside; 9 Y, not
    // supplied (B21).
    parcel(1, "0601", rect(117.502, 30.202, 117.506, 30.206));
    parcel(2, "0601", rect(117.508, 30.202, 117.512, 30.206));
    parcel(3, "0601", rect(117.522, 30.202, 117.526, 30.206));
    parcel(4, "0601", rect(117.518, 30.210, 117.524, 30.214));
    parcel(5, "0601", rect(117.562, 30.202, 117.566, 30.206));
    parcel(6, "0701", rect(117.502, 30.212, 117.506, 30.216));
    parcel(7, "0601", rect(117.600, 30.300, 117.604, 30.304));
    parcel(8, "0601", rect(117.578, 30.202, 117.584, 30.206));
    parcel(9, "0601", rect(117.528, 30.212, 117.532, 30.216));
    supplies.upsertAll(
        List.of(
            supply(1, "2020-05-01", true, true, "2021-06-30", 30000.0, 12000.0, false, null),
            supply(2, "2023-03-01", true, false, null, null, null, false, null),
            supply(4, "2019-01-01", true, true, null, 8000.0, null, false, null),
            supply(5, "2022-07-01", true, true, null, null, 5000.0, true, "2024-02-01"),
            supply(6, "2018-01-01", true, true, null, 20000.0, 9000.0, false, null),
            supply(7, "2021-01-01", true, true, null, null, null, false, null),
            supply(9, null, false, false, null, null, null, false, null)));

    enterprises.upsertAll(
        List.of(
            new Enterprise(code(1), "光伏一厂", "3825", SizeClass.ABOVE, 2015, null),
            new Enterprise(code(2), "整机二厂", "3911", SizeClass.BELOW, 2018, null),
            new Enterprise(code(3), "纺纱三厂", "1711", SizeClass.ABOVE, 2019, null),
            new Enterprise(code(4), "光伏四厂", "3825", SizeClass.ABOVE, 2016, 2023),
            new Enterprise(code(5), "投资五司", "7212", SizeClass.BELOW, 2010, null),
            new Enterprise(code(6), "纺纱六厂", "1711", SizeClass.ABOVE, 2017, null)),
        Set.of());
    enterprises.upsertLinks(
        List.of(
            link(1, 1, 1.0),
            link(1, 7, 1.0),
            link(2, 4, 0.5),
            link(2, 3, 0.6),
            link(3, 2, 1.0),
            link(4, 5, 1.0),
            link(5, 6, 1.0),
            link(6, 3, 0.4)));
    List<AnnualStatistics> stats = new ArrayList<>();
    for (int year = 2022; year <= 2024; year++) {
      int k = year - 2022;
      stats.add(stat(1, year, 900.0 + 100 * k, 3000.0, 20000.0 + 1000 * k, 600.0, 2000.0));
      stats.add(stat(2, year, k == 1 ? null : 200.0, 500.0, 4000.0, 40.0, 1000.0 + 500 * (k / 2)));
      stats.add(stat(6, year, 300.0, 800.0, 6000.0, 120.0, 1000.0));
      stats.add(stat(5, year, 50.0, null, null, null, null));
      if (year >= 2023) {
        stats.add(stat(3, year, 400.0, 1200.0, null, null, 3000.0));
      }
      if (year <= 2023) {
        stats.add(stat(4, year, 700.0, 2000.0, 10000.0, 300.0, 500.0));
      }
    }
    enterprises.upsertStatistics(stats);
    quarters.upsert(
        List.of(
            new QuarterStatistics(2, stat(2, 2024, 90.0, 200.0, 1800.0, 10.0, 600.0)),
            new QuarterStatistics(2, stat(6, 2024, 150.0, 400.0, 3000.0, 90.0, 400.0))));
    events.publishEvent(new ParcelsChangedEvent(null));
    cache.dataChanged();
  }

  private void parcel(int n, String landUse, MultiPolygon g) {
    Parcel stored =
        parcels.insert(
            new Parcel(
                0, LandUseScheme.GBT21010_2017, landUse, g, EllipsoidalArea.squareMetres(g)));
    IDS.put(n, stored.id());
  }

  private static ParcelSupply supply(
      int n,
      String date,
      boolean supplied,
      boolean built,
      String completion,
      Double floor,
      Double footprint,
      boolean idle,
      String idleSince) {
    return new ParcelSupply(
        IDS.get(n),
        date == null ? null : LocalDate.parse(date),
        "出让",
        supplied,
        built,
        completion == null ? null : LocalDate.parse(completion),
        floor,
        footprint,
        idle,
        idleSince == null ? null : LocalDate.parse(idleSince));
  }

  private static LandLink link(int enterprise, int parcel, double share) {
    return new LandLink(code(enterprise), IDS.get(parcel), LandRole.OWNER, share);
  }

  static AnnualStatistics stat(
      int n, int year, Double tax, Double valueAdded, Double revenue, Double rnd, Double invest) {
    return new AnnualStatistics(
        code(n), year, tax, valueAdded, revenue, null, null, rnd, null, null, invest);
  }

  // ------------------------------------------------------------------------------ helpers

  static JsonNode ok(Http.Response r) {
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  static Map<String, JsonNode> zones(JsonNode result) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    result.get("zones").forEach(z -> out.put(z.get("code").asString(), z));
    return out;
  }

  JsonNode yearly(String query) {
    return ok(http.get("/api/plans/" + PLAN + "/indicators/yearly?division=" + DIVISION + query));
  }

  String fingerprint() {
    return jdbc.sql("SELECT COUNT(*) FROM zone_target").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM city_target").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT COUNT(*) FROM audit_log").query(Long.class).single()
        + "/"
        + jdbc.sql("SELECT SUM(target_value) FROM city_target").query(Double.class).single();
  }

  // ------------------------------------------------------------------------------ tests

  @Test
  void hangzhouTargetsAreStoredAsPublished() {
    JsonNode list = ok(http.as(VIEWER).get("/api/indicators/city-targets"));
    Map<String, JsonNode> byName = new HashMap<>();
    list.forEach(t -> byName.put(t.get("name").asString(), t));
    assertThat(byName).hasSize(13);
    JsonNode tax = byName.get("平均税收");
    assertThat(tax.get("year").asInt()).isEqualTo(2025);
    assertThat(tax.get("value").doubleValue()).isEqualTo(40.0);
    assertThat(tax.get("unit").asString()).isEqualTo("万元/亩");
    assertThat(tax.get("direction").asString()).isEqualTo("GE");
    assertThat(tax.get("indicatorKey").asString()).isEqualTo("taxPerMu");
    assertThat(tax.get("source").asString()).isEqualTo("平均税收达到40万元/亩以上");
    assertThat(byName.get("规上企业总产值").get("value").doubleValue()).isEqualTo(30000.0);
    assertThat(byName.get("规上企业总产值").get("indicatorKey").isNull()).isTrue();
    assertThat(byName.get("零星工业用地").get("direction").asString()).isEqualTo("LE");
    assertThat(byName.get("工业用地集聚度").get("source").asString())
        .isEqualTo("全市工业用地在开发区(园区)集聚度达到70%以上");
  }

  @Test
  void completionAndRankOfTheLeadingIndustryShareAgainstZoneAndCityTargets() {
    Http.Response put =
        http.put(
            "/api/plans/" + PLAN + "/indicators/targets",
            "[{\"zone\":\"Y\",\"indicator\":\"leadingIndustryShare\",\"year\":2024,\"value\":50,"
                + "\"unit\":\"%\",\"direction\":\"≥\",\"source\":\"测试目标\"},"
                + "{\"zone\":\"Y\",\"indicator\":\"aboveScaleOutput\",\"year\":2024,\"value\":10000,"
                + "\"direction\":\"GE\"}]");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    JsonNode result = yearly("&year=2024");
    Map<String, JsonNode> z = zones(result);
    // No evaluation result is bound here: no grades, said so.
    assertThat(result.get("gradesAvailable").asBoolean()).isFalse();
    assertThat(z.get("Y").get("grades").isNull()).isTrue();
    assertThat(result.get("definitions").get("enterpriseSplit").asString()).contains("÷");

    // Y: revenue of 整机二厂 (3911, leading) 4000 and 纺纱六厂 6000, both wholly in Y: 40%.
    JsonNode y = z.get("Y").get("values").get("leadingIndustryShare");
    assertThat(y.get("value").doubleValue()).isCloseTo(40.0, within(1e-9));
    assertThat(y.get("target").get("scope").asString()).isEqualTo("ZONE");
    assertThat(y.get("target").get("source").asString()).isEqualTo("测试目标");
    assertThat(y.get("completion").doubleValue()).isCloseTo(0.8, within(1e-12));
    assertThat(y.get("met").asBoolean()).isFalse();
    assertThat(z.get("Y").get("problems").toString()).contains("9999");
    assertThat(z.get("Y").get("leadingIndustryCodes").toString()).isEqualTo("[\"3911\"]");
    // X: only 光伏一厂 (38) reports revenue: 100%, against the city's 60% (2025, the nearest year).
    JsonNode x = z.get("X").get("values").get("leadingIndustryShare");
    assertThat(x.get("value").doubleValue()).isCloseTo(100.0, within(1e-9));
    assertThat(x.get("target").get("scope").asString()).isEqualTo("CITY");
    assertThat(x.get("target").get("year").asInt()).isEqualTo(2025);
    assertThat(x.get("completion").doubleValue()).isCloseTo(100.0 / 60, within(1e-12));
    assertThat(x.get("met").asBoolean()).isTrue();
    // P = (w·20000·(38) + 4000) ÷ (w·20000 + 10000) lies strictly between Y's 40% and X's 100%.
    JsonNode p = z.get("P").get("values").get("leadingIndustryShare");
    assertThat(p.get("value").doubleValue()).isStrictlyBetween(40.0, 100.0);
    assertThat(x.get("rank").asInt()).isEqualTo(1);
    assertThat(p.get("rank").asInt()).isEqualTo(2);
    assertThat(y.get("rank").asInt()).isEqualTo(3);
    assertThat(y.get("ranked").asInt()).isEqualTo(3);
    // Q declares no leading industry: null with the reason, no rank.
    JsonNode q = z.get("Q").get("values").get("leadingIndustryShare");
    assertThat(q.get("value").isNull()).isTrue();
    assertThat(q.get("reason").asString()).contains("leadingIndustryCodes");
    assertThat(q.get("rank").isNull()).isTrue();

    // Y's investment: 2023 1000 + 1000, 2024 1500 + 1000: +25%.
    JsonNode growth = z.get("Y").get("values").get("investmentGrowth");
    assertThat(growth.get("value").doubleValue()).isCloseTo(25.0, within(1e-9));
    assertThat(growth.get("completion").doubleValue()).isCloseTo(2.5, within(1e-12));
    // Q's only enterprise closed in 2023: no tax per 亩 in 2024, with the reason, never 0.
    JsonNode qTax = z.get("Q").get("values").get("taxPerMu");
    assertThat(qTax.get("value").isNull()).isTrue();
    assertThat(qTax.get("reason").asString()).isNotBlank();
  }

  @Test
  void rndShareOfAZoneWithOneEnterpriseAgainstTheCityTarget() {
    JsonNode q = zones(yearly("&year=2023")).get("Q").get("values").get("rndShare");
    // 光伏四厂 (规上) alone in Q: 300 ÷ 10000 = 3%; the city's 3.8% (2025).
    assertThat(q.get("value").doubleValue()).isCloseTo(3.0, within(1e-12));
    assertThat(q.get("completion").doubleValue()).isCloseTo(3.0 / 3.8, within(1e-12));
    assertThat(q.get("target").get("value").doubleValue()).isEqualTo(3.8);
  }

  @Test
  void aQuarterIsCumulativeAndFlowsMeetTheTargetProRata() {
    http.put(
        "/api/plans/" + PLAN + "/indicators/targets",
        "[{\"zone\":\"Y\",\"indicator\":\"aboveScaleOutput\",\"year\":2024,\"value\":10000,"
            + "\"direction\":\"GE\"}]");
    JsonNode r = yearly("&year=2024&quarter=2");
    assertThat(r.get("period").asString()).isEqualTo("2024Q2");
    assertThat(r.get("periodEnd").asString()).isEqualTo("2024-06-30");
    JsonNode y = zones(r).get("Y").get("values");
    // 规上 in Y: 纺纱六厂 only (整机二厂 is 规下): output 3000 to 30 June, target 10000 × 2/4.
    JsonNode output = y.get("aboveScaleOutput");
    assertThat(output.get("value").doubleValue()).isCloseTo(3000.0, within(1e-9));
    assertThat(output.get("periodTarget").doubleValue()).isCloseTo(5000.0, within(1e-9));
    assertThat(output.get("completion").doubleValue()).isCloseTo(0.6, within(1e-12));
    // A share is compared with the annual target as it is: 90 ÷ 3000 = 3% against 3.8%.
    JsonNode rnd = y.get("rndShare");
    assertThat(rnd.get("value").doubleValue()).isCloseTo(3.0, within(1e-12));
    assertThat(rnd.get("periodTarget").doubleValue()).isEqualTo(3.8);
    // No quarterly figures for 2023Q2: growth has no base year, with the reason.
    assertThat(y.get("investmentGrowth").get("value").isNull()).isTrue();
    // A quarter without statistics: every enterprise figure null with the reason.
    JsonNode q1 = zones(yearly("&year=2024&quarter=1")).get("Y").get("values").get("taxPerMu");
    assertThat(q1.get("value").isNull()).isTrue();
    assertThat(q1.get("reason").asString()).contains("2024Q1");
  }

  @Test
  void anEventOfTheEnterprisesPackageDropsTheCachedFigures() {
    JsonNode before = zones(yearly("&year=2023&quarter=3")).get("Y").get("values");
    assertThat(before.get("rndShare").get("value").isNull()).isTrue();
    quarters.upsert(
        List.of(new QuarterStatistics(3, stat(6, 2023, 200.0, 500.0, 4000.0, 100.0, 700.0))));
    events.publishEvent(new TestEnterprisesEvent("statistics"));
    JsonNode after = zones(yearly("&year=2023&quarter=3")).get("Y").get("values");
    // 纺纱六厂, 规上, wholly in Y: 100 ÷ 4000 = 2.5%.
    assertThat(after.get("rndShare").get("value").doubleValue()).isCloseTo(2.5, within(1e-12));
  }

  @Test
  void landCategoriesOfTheRuleFileFromTheSupplyRecords() {
    Map<String, JsonNode> z = zones(yearly("&year=2024"));
    // Q: parcel 5 supplied, built, idle since 2024-02: D = A = A2 = G.
    JsonNode q = z.get("Q").get("values");
    assertThat(q.get("landSupplyRate").get("value").doubleValue()).isCloseTo(100, within(1e-9));
    assertThat(q.get("landBuiltRate").get("value").doubleValue()).isCloseTo(100, within(1e-9));
    assertThat(q.get("industrialLandRate").get("value").doubleValue()).isCloseTo(100, within(1e-9));
    assertThat(q.get("idleLandRate").get("value").doubleValue()).isCloseTo(100, within(1e-9));
    assertThat(q.get("floorAreaRatio").get("value").isNull()).isTrue();
    assertThat(q.get("floorAreaRatio").get("reason").asString()).contains("floor area");
    // In 2023 parcel 5 was not yet idle.
    JsonNode q23 = zones(yearly("&year=2023")).get("Q").get("values");
    assertThat(q23.get("idleLandRate").get("value").doubleValue()).isEqualTo(0.0);
    // X in 2022: parcel 2 not yet supplied (B21 until 2023), parcels 1 and 6 built.
    JsonNode x22 = zones(yearly("&year=2022")).get("X");
    assertThat(x22.get("availableMu").doubleValue()).isPositive();
    JsonNode x24 = zones(yearly("&year=2024")).get("X");
    assertThat(x24.get("availableMu").doubleValue()).isEqualTo(0.0);
    assertThat(x24.get("values").get("landBuiltRate").get("value").doubleValue())
        .isStrictlyBetween(0.0, 100.0);
    // Y: parcel 9 has a record and is not supplied: B21; parcel 3 has none.
    assertThat(z.get("Y").get("availableMu").doubleValue()).isPositive();
    assertThat(z.get("Y").get("unknownSupplyMu").doubleValue()).isPositive();
  }

  @Test
  void theSeriesHoldsEveryYear() {
    JsonNode s = ok(http.as(VIEWER).get("/api/plans/" + PLAN + "/zones/Y/indicators/series"));
    assertThat(s.get("years").toString()).isEqualTo("[2022,2023,2024]");
    List<Integer> years = new ArrayList<>();
    s.get("points").forEach(p -> years.add(p.get("year").asInt()));
    assertThat(years).containsExactly(2022, 2023, 2024);
    assertThat(
            s.get("points")
                .get(2)
                .get("values")
                .get("leadingIndustryShare")
                .get("value")
                .doubleValue())
        .isCloseTo(40.0, within(1e-9));
    assertThat(http.get("/api/plans/" + PLAN + "/zones/NOPE/indicators/series").status())
        .isEqualTo(404);
  }

  @Test
  void badTargetsAreRefusedWithEveryProblemAndNothingIsWritten() {
    String before = fingerprint();
    Http.Response r =
        http.put(
            "/api/plans/" + PLAN + "/indicators/targets",
            "[{\"zone\":\"X\",\"indicator\":\"taxPerMu\",\"year\":2024,\"value\":30,"
                + "\"direction\":\"GE\"},"
                + "{\"zone\":\"NOPE\",\"indicator\":\"taxPerMu\",\"year\":2024,\"value\":30,"
                + "\"direction\":\"GE\"},"
                + "{\"zone\":\"X\",\"indicator\":\"taxPerMu\",\"year\":2024,\"value\":-1,"
                + "\"direction\":\"GE\"},"
                + "{\"zone\":\"X\",\"indicator\":\"taxPerMu\",\"year\":1800,\"value\":1,"
                + "\"direction\":\"up\"},"
                + "{\"zone\":\"X\",\"indicator\":\"taxPerMu\",\"year\":2024,\"value\":1,"
                + "\"unit\":\"万元/公顷\",\"direction\":\"GE\"},"
                + "{\"zone\":\"X\",\"indicator\":\"wealth\",\"year\":2024,\"value\":\"a\","
                + "\"direction\":\"LE\"}]");
    assertThat(r.status()).as(r.text()).isEqualTo(422);
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:invalid-targets");
    Set<String> issues = new HashSet<>();
    r.json()
        .get("issues")
        .forEach(i -> issues.add(i.get("index").asInt() + ":" + i.get("field").asString()));
    assertThat(issues)
        .containsExactlyInAnyOrder(
            "1:zone", "2:value", "3:year", "3:direction", "4:unit", "5:indicator", "5:value");
    assertThat(fingerprint()).isEqualTo(before);

    Http.Response city =
        http.put(
            "/api/indicators/city-targets",
            "[{\"name\":\"平均税收\",\"indicator\":\"taxPerMu\",\"year\":2025,\"value\":45,"
                + "\"unit\":\"万元/亩\",\"direction\":\"GE\"},"
                + "{\"name\":\"\",\"year\":2025,\"value\":1,\"unit\":\"%\",\"direction\":\"GE\"}]");
    assertThat(city.status()).as(city.text()).isEqualTo(422);
    assertThat(fingerprint()).isEqualTo(before);

    assertThat(http.put("/api/plans/" + PLAN + "/indicators/targets", "{}").status())
        .isEqualTo(422);
    assertThat(http.put("/api/plans/" + PLAN + "/indicators/targets", "[{").status())
        .isEqualTo(400);
    assertThat(http.put("/api/plans/no-such-plan/indicators/targets", "[]").status())
        .isEqualTo(404);
    Http.Response viewer =
        http.as(VIEWER)
            .put(
                "/api/plans/" + PLAN + "/indicators/targets",
                "[{\"zone\":\"X\",\"indicator\":\"taxPerMu\",\"year\":2024,\"value\":30,"
                    + "\"direction\":\"GE\"}]");
    assertThat(viewer.status()).isEqualTo(403);
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void badPeriodsAndUnknownPlansAreProblems() {
    Http.Response q = http.get("/api/plans/" + PLAN + "/indicators/yearly?year=2024&quarter=5");
    assertThat(q.status()).isEqualTo(422);
    assertThat(q.json().get("field").asString()).isEqualTo("quarter");
    assertThat(http.get("/api/plans/" + PLAN + "/indicators/yearly?year=1200").status())
        .isEqualTo(422);
    assertThat(http.get("/api/plans/nope/indicators/yearly?year=2024").status()).isEqualTo(404);
    assertThat(
            http.get("/api/plans/" + PLAN + "/indicators/yearly?year=2024&division=NOPE").status())
        .isEqualTo(404);
  }

  @Test
  void theXlsxDownloadOpensWithPoiAndHoldsTheTable() throws Exception {
    http.put(
        "/api/plans/" + PLAN + "/indicators/targets",
        "[{\"zone\":\"Y\",\"indicator\":\"leadingIndustryShare\",\"year\":2024,\"value\":50,"
            + "\"direction\":\"GE\",\"source\":\"测试目标\"}]");
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (VIEWER.username() + ":" + VIEWER.password()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + port
                                + "/api/plans/"
                                + PLAN
                                + "/indicators/yearly.xlsx?year=2024&division="
                                + DIVISION))
                    .header("Authorization", "Basic " + auth)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment", "filename*=UTF-8''", "2024.xlsx");
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
      Sheet sheet = wb.getSheetAt(0);
      Row header = sheet.getRow(0);
      Map<String, Integer> col = new HashMap<>();
      for (Cell c : header) {
        col.put(c.getStringCellValue(), c.getColumnIndex());
      }
      Row found = null;
      int rows = 0;
      for (Row row : sheet) {
        if (row.getRowNum() == 0) {
          continue;
        }
        rows++;
        if (row.getCell(col.get("区块代码")).getStringCellValue().equals("Y")
            && row.getCell(col.get("指标键")).getStringCellValue().equals("leadingIndustryShare")) {
          found = row;
        }
      }
      // 4 zones × 18 zone indicators, and the plan's concentration.
      assertThat(rows).isEqualTo(4 * 18 + 1);
      assertThat(found).isNotNull();
      assertThat(found.getCell(col.get("指标")).getStringCellValue()).isEqualTo("主导产业占比");
      assertThat(found.getCell(col.get("数值")).getNumericCellValue()).isCloseTo(40, within(1e-9));
      assertThat(found.getCell(col.get("目标值")).getNumericCellValue()).isEqualTo(50.0);
      assertThat(found.getCell(col.get("完成率")).getNumericCellValue()).isCloseTo(0.8, within(1e-12));
      assertThat(found.getCell(col.get("排名")).getNumericCellValue()).isEqualTo(3.0);
      assertThat(found.getCell(col.get("目标来源")).getStringCellValue()).isEqualTo("测试目标");
    }
  }
}
