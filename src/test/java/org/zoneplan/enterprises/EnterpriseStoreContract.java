package org.zoneplan.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.parcels.ParcelSupply;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.system.ApiProblem;

/**
 * Enterprises, land links and land areas on an empty store (no sample data); the same tests on
 * H2GIS and PostGIS (subclasses). Each test makes its own parcels and enterprises.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "zoneplan.sample-data.enabled=false")
abstract class EnterpriseStoreContract {
  @Autowired EnterpriseRepository enterprises;
  @Autowired EnterpriseService service;
  @Autowired ParcelRepository parcels;
  @Autowired ParcelSupplyRepository supplies;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void empty() {
    jdbc.sql("DELETE FROM enterprise").update();
    jdbc.sql("DELETE FROM parcel_supply").update();
    jdbc.sql("DELETE FROM parcel").update();
  }

  /** A valid credit code made from a serial number (the check character computed by GB 32100). */
  static String code(int serial) {
    String first17 = String.format("91330726MA%07d", serial);
    return first17 + CreditCode.checkCharacter(first17);
  }

  /** A square in EPSG:4490, south-west corner (lon, lat), side {@code size} degrees. */
  static MultiPolygon square(double lon, double lat, double size) {
    org.locationtech.jts.geom.Polygon p =
        (org.locationtech.jts.geom.Polygon)
            Cgcs2000.GEOMETRY_FACTORY.toGeometry(
                new org.locationtech.jts.geom.Envelope(lon, lon + size, lat, lat + size));
    return Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(
        new org.locationtech.jts.geom.Polygon[] {p});
  }

  long parcel(double lon, double lat, double size) {
    MultiPolygon g = square(lon, lat, size);
    return parcels
        .insert(new Parcel(0, LandUseScheme.SANDIAO, "0601", g, EllipsoidalArea.squareMetres(g)))
        .id();
  }

  void enterprise(String code, String name, String industry, Integer founded, Integer closed) {
    service.save(new Enterprise(code, name, industry, SizeClass.ABOVE, founded, closed));
  }

  @Test
  void landAreasAreTheParcelAreasTimesTheSharesOfTheParcelsOfThatYear() {
    long a = parcel(119.90, 29.45, 0.002);
    long b = parcel(119.91, 29.45, 0.003);
    long c = parcel(119.92, 29.45, 0.001);
    supplies.upsertAll(
        List.of(
            new ParcelSupply(
                c, LocalDate.of(2023, 6, 1), "出让", true, false, null, null, null, false, null)));
    String x = code(1);
    String y = code(2);
    enterprise(x, "浦江甲水晶有限公司", "3051", 2000, null);
    enterprise(y, "浦江乙光电有限公司", "3874", 2022, null);
    service.setLand(
        x,
        List.of(
            new LandLink(x, a, LandRole.OWNER, 1.0),
            new LandLink(x, b, LandRole.OWNER, 0.6),
            new LandLink(x, c, LandRole.OWNER, 0.5)));
    service.setLand(
        y,
        List.of(
            new LandLink(y, b, LandRole.TENANT, 0.4), new LandLink(y, c, LandRole.TENANT, 0.5)));

    for (int year : new int[] {2021, 2022, 2023, 2024}) {
      Map<String, LandArea> areas = enterprises.landAreas(year);
      // The reference: stored ellipsoidal areas times shares, summed by SQL written here, with the
      // year rule (parcel c exists from 2023, enterprise y from 2022) applied by hand.
      double expectedX = areaOf(a) + 0.6 * areaOf(b) + (year >= 2023 ? 0.5 * areaOf(c) : 0);
      double expectedY = 0.4 * areaOf(b) + (year >= 2023 ? 0.5 * areaOf(c) : 0);
      assertThat(areas.get(x).areaM2()).as("x %d", year).isCloseTo(expectedX, within(1e-6));
      assertThat(areas.get(x).parcels()).isEqualTo(year >= 2023 ? 3 : 2);
      assertThat(areas.get(x).areaMu()).isCloseTo(expectedX * 15 / 10_000, within(1e-9));
      if (year < 2022) {
        assertThat(areas).doesNotContainKey(y);
        assertThat(enterprises.landArea(y, year).parcels()).isZero();
      } else {
        assertThat(areas.get(y).areaM2()).as("y %d", year).isCloseTo(expectedY, within(1e-6));
        assertThat(enterprises.landArea(y, year).areaM2()).isCloseTo(expectedY, within(1e-6));
      }
    }
    checkAreasAgainstReference(2024);
  }

  double areaOf(long parcelId) {
    return jdbc.sql("SELECT area_m2 FROM parcel WHERE id = ?")
        .param(parcelId)
        .query(Double.class)
        .single();
  }

  /** The engine's own check of {@link EnterpriseRepository#landAreas} (PostGIS: by geography). */
  abstract void checkAreasAgainstReference(int year);

  @Test
  void sharesOfOneParcelOverOneAreRefusedNamingTheParcelAndNothingIsWritten() {
    long p = parcel(119.90, 29.46, 0.002);
    String x = code(11);
    String y = code(12);
    enterprise(x, "甲", null, null, null);
    enterprise(y, "乙", null, null, null);
    service.setLand(x, List.of(new LandLink(x, p, LandRole.OWNER, 0.7)));
    assertThatThrownBy(() -> service.setLand(y, List.of(new LandLink(y, p, LandRole.TENANT, 0.4))))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(422);
              assertThat(e.slug()).isEqualTo("share-exceeded");
              assertThat(e.properties()).containsEntry("parcelId", p);
              assertThat(e.getMessage()).contains("地块 " + p);
            });
    assertThat(enterprises.links(y)).isEmpty();
    // 0.7 + 0.3 is exactly full, and allowed.
    service.setLand(y, List.of(new LandLink(y, p, LandRole.TENANT, 0.3)));
    assertThat(enterprises.links(y)).hasSize(1);
    // Replacing x's own link is judged without its old share.
    service.setLand(x, List.of(new LandLink(x, p, LandRole.OWNER, 0.7)));
  }

  @Test
  void aShareAboveOneOrZeroIsRefusedByTheServiceAndTheStore() {
    long p = parcel(119.90, 29.47, 0.002);
    String x = code(21);
    enterprise(x, "甲", null, null, null);
    for (double share : new double[] {1.5, 0, -0.1}) {
      assertThatThrownBy(
              () -> service.setLand(x, List.of(new LandLink(x, p, LandRole.OWNER, share))))
          .isInstanceOfSatisfying(
              ApiProblem.class,
              e -> {
                assertThat(e.status().value()).isEqualTo(422);
                assertThat(e.properties()).containsEntry("parcelId", p);
              });
    }
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "INSERT INTO enterprise_land (credit_code, parcel_id, role, share)"
                            + " VALUES (?, ?, 'OWNER', 1.5)")
                    .params(x, p)
                    .update())
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    assertThat(enterprises.links(x)).isEmpty();
  }

  @Test
  void anUnknownParcelIsRefusedNamingIt() {
    String x = code(31);
    enterprise(x, "甲", null, null, null);
    assertThatThrownBy(
            () -> service.setLand(x, List.of(new LandLink(x, 987654321L, LandRole.OWNER, 1))))
        .isInstanceOfSatisfying(
            ApiProblem.class,
            e -> assertThat(e.properties()).containsEntry("parcelId", 987654321L));
  }

  @Test
  void badCreditCodesIndustriesAndYearsAreRefused() {
    String good = code(41);
    String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
    assertThatThrownBy(() -> enterprise(badCheck, "甲", null, null, null))
        .isInstanceOfSatisfying(
            ApiProblem.class, e -> assertThat(e.getMessage()).contains("check character"));
    assertThatThrownBy(() -> enterprise(good, "甲", "3880", null, null))
        .hasMessageContaining("3880");
    assertThatThrownBy(() -> enterprise(good, "甲", null, 2020, 2019)).hasMessageContaining("关闭年份");
    assertThat(enterprises.find(good)).isEmpty();
    enterprise(good, "甲", "3874", 2020, null);
    assertThat(enterprises.find(good).orElseThrow().industryCode()).isEqualTo("3874");
  }

  @Test
  void listsFilterByNameIndustryYearAndZone() {
    long inside = parcel(119.900, 29.480, 0.001);
    long outside = parcel(119.950, 29.480, 0.001);
    String a = code(51);
    String b = code(52);
    String c = code(53);
    enterprise(a, "浦江县晶彩水晶有限公司", "3051", 2010, null); // C 制造业, 大类 30
    enterprise(b, "浦江县锁业有限公司", "3351", 2015, 2020); // C, 大类 33
    enterprise(c, "浦江县物流有限公司", "5990", 2018, null); // G 交通运输
    service.setLand(a, List.of(new LandLink(a, inside, LandRole.OWNER, 1)));
    service.setLand(c, List.of(new LandLink(c, outside, LandRole.OWNER, 1)));
    MultiPolygon zone = square(119.899, 29.479, 0.01);
    assertThat(codes(new EnterpriseFilter("水晶", null, null, null))).containsExactly(a);
    assertThat(codes(new EnterpriseFilter(null, "C", null, null))).containsExactly(a, b);
    assertThat(codes(new EnterpriseFilter(null, "33", null, null))).containsExactly(b);
    assertThat(codes(new EnterpriseFilter(null, "5990", null, null))).containsExactly(c);
    assertThat(codes(new EnterpriseFilter(null, null, null, 2021))).containsExactly(a, c);
    assertThat(codes(new EnterpriseFilter(null, null, zone, null))).containsExactly(a);
    assertThat(codes(new EnterpriseFilter("_%", null, null, null))).isEmpty();
    assertThat(enterprises.count(new EnterpriseFilter(null, "C", null, null))).isEqualTo(2);
  }

  List<String> codes(EnterpriseFilter filter) {
    return enterprises.findPage(filter, 100, 0).stream().map(Enterprise::creditCode).toList();
  }
}
