package org.zoneplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKTReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;

/**
 * The repositories on an empty store (no sample data). The same tests run on H2GIS and on PostGIS;
 * subclasses say only how the store is reached and how each engine names its spatial indexes.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "zoneplan.sample-data.enabled=false")
abstract class StoreContract {
  @Autowired ZoneRepository zones;
  @Autowired DivisionRepository divisions;
  @Autowired ParcelRepository parcels;
  @Autowired JdbcClient jdbc;

  /** Whether the engine has a spatial (R-tree / GiST) index of that name on a geometry column. */
  abstract boolean hasSpatialIndex(String indexName);

  @Test
  void everyGeometryColumnHasASpatialIndex() {
    assertThat(hasSpatialIndex("zone_geom_idx")).isTrue();
    assertThat(hasSpatialIndex("division_geom_idx")).isTrue();
    assertThat(hasSpatialIndex("parcel_geom_idx")).isTrue();
    assertThat(hasSpatialIndex("no_such_idx")).isFalse();
  }

  @Test
  void zonesRoundTripExactlyWithChineseTextAndAttributes() throws Exception {
    plan("store-roundtrip");
    MultiPolygon geometry =
        multi(
            "MULTIPOLYGON (((119.80 29.40, 119.81 29.40, 119.81 29.41, 119.80 29.41, 119.80 29.40),"
                + " (119.803 29.403, 119.803 29.405, 119.805 29.405, 119.805 29.403, 119.803 29.403)),"
                + " ((119.82 29.40, 119.83 29.40, 119.83 29.41, 119.82 29.40)))");
    Zone zone =
        new Zone(
            "store-roundtrip",
            "Z1",
            "测试区「一」",
            ZoneKind.ZONE,
            null,
            "管委会",
            Map.of("leadingIndustries", List.of("水晶", "锁具"), "note", "<b>x</b>"),
            geometry,
            AreaFigures.of(geometry));
    zones.insertZone(zone);

    Zone read = zones.findZone("store-roundtrip", "Z1").orElseThrow();
    assertThat(read.geometry().equalsExact(geometry)).isTrue();
    assertThat(read.geometry().getSRID()).isEqualTo(Cgcs2000.SRID);
    assertThat(read.name()).isEqualTo("测试区「一」");
    assertThat(read.attributes()).isEqualTo(zone.attributes());
    assertThat(read.area()).isEqualTo(zone.area());
    // The store keeps the geometry in EPSG:4490 with x = longitude.
    assertThat(
            jdbc.sql("SELECT ST_SRID(geom) FROM zone WHERE plan_id = ? AND code = 'Z1'")
                .param("store-roundtrip")
                .query(Integer.class)
                .single())
        .isEqualTo(4490);
    assertThat(
            jdbc.sql("SELECT ST_XMin(geom) FROM zone WHERE plan_id = ? AND code = 'Z1'")
                .param("store-roundtrip")
                .query(Double.class)
                .single())
        .isEqualTo(119.80);
  }

  @Test
  void bboxQueriesReturnOnlyZonesWhoseBoxesMeet() throws Exception {
    plan("store-bbox");
    for (int i = 0; i < 10; i++) {
      MultiPolygon square = square(119.80 + i * 0.02, 29.40, 0.01);
      zones.insertZone(
          new Zone(
              "store-bbox",
              "Q" + i,
              "方块" + i,
              ZoneKind.FUNCTIONAL,
              null,
              null,
              Map.of(),
              square,
              AreaFigures.of(square)));
    }
    List<Zone> found =
        zones.findZonesIntersecting("store-bbox", new Envelope(119.845, 119.875, 29.0, 30.0));
    assertThat(found).extracting(Zone::code).containsExactly("Q2", "Q3");
    assertThat(zones.findZonesIntersecting("other-plan", new Envelope(119, 121, 29, 30))).isEmpty();
  }

  @Test
  void aChildNeedsItsParentInTheSamePlanVersion() throws Exception {
    plan("store-fk");
    MultiPolygon square = square(119.80, 29.40, 0.01);
    Zone orphan =
        new Zone(
            "store-fk",
            "CHILD",
            "孤儿",
            ZoneKind.CORE,
            "NO-PARENT",
            null,
            Map.of(),
            square,
            AreaFigures.of(square));
    assertThatThrownBy(() -> zones.insertZone(orphan))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(zones.findZones("store-fk")).isEmpty();
  }

  @Test
  void parcelsArePagedByBoxAndStreamed() throws Exception {
    long before = parcels.count();
    List<Parcel> batch = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      MultiPolygon square = square(121.00 + i * 0.001, 30.00, 0.0005);
      batch.add(
          new Parcel(
              0,
              LandUseScheme.SANDIAO,
              "0601",
              "浦江县测试" + i + "有限公司",
              null,
              10.0 + i,
              null,
              i,
              square,
              EllipsoidalArea.squareMetres(square)));
    }
    parcels.insertAll(batch);
    assertThat(parcels.count()).isEqualTo(before + 25);

    Envelope box = new Envelope(121.0, 121.0095, 30.0, 30.001);
    List<Parcel> first = parcels.findIntersecting(box, 4, 0);
    List<Parcel> second = parcels.findIntersecting(box, 100, 4);
    assertThat(first).hasSize(4);
    assertThat(second).hasSize(6);
    assertThat(first.get(0).enterpriseName()).isEqualTo("浦江县测试0有限公司");
    assertThat(first.get(0).employees()).isZero();
    assertThat(first.get(0).valueAddedWan()).isNull();

    Parcel one = parcels.insert(batch.get(0));
    assertThat(parcels.find(one.id())).get().extracting(Parcel::taxWan).isEqualTo(10.0);
    List<Long> streamed = new ArrayList<>();
    parcels.forEach(p -> streamed.add(p.id()));
    assertThat(streamed).hasSize((int) before + 26).isSorted();
    assertThat(parcels.delete(one.id())).isEqualTo(1);
    assertThat(parcels.find(one.id())).isEmpty();
  }

  @Test
  void divisionsMayHaveNoOutline() throws Exception {
    MultiPolygon square = square(119.0, 29.0, 0.1);
    divisions.insert(
        new Division(
            "339901", "测试县", "COUNTY", "330700", square, AreaFigures.of(square), "repaired"));
    divisions.insert(new Division("339901001", "测试街道", "TOWN", "339901", null, null, null));
    assertThat(divisions.find("339901").orElseThrow().geometry().equalsExact(square)).isTrue();
    Division town = divisions.find("339901001").orElseThrow();
    assertThat(town.geometry()).isNull();
    assertThat(town.area()).isNull();
    assertThat(divisions.findAll(false)).extracting(Division::code).contains("339901", "339901001");
  }

  private void plan(String id) {
    zones.insertPlan(new PlanVersion(id, "测试版本", LocalDate.of(2024, 1, 1), PlanStatus.DRAFT));
  }

  static MultiPolygon multi(String wkt) throws Exception {
    MultiPolygon geometry = (MultiPolygon) new WKTReader(Cgcs2000.GEOMETRY_FACTORY).read(wkt);
    geometry.setSRID(Cgcs2000.SRID);
    return geometry;
  }

  static MultiPolygon square(double lon, double lat, double size) throws Exception {
    return multi(
        String.format(
            java.util.Locale.ROOT,
            "MULTIPOLYGON (((%s %s, %s %s, %s %s, %s %s, %s %s)))",
            lon,
            lat,
            lon + size,
            lat,
            lon + size,
            lat + size,
            lon,
            lat + size,
            lon,
            lat));
  }
}
