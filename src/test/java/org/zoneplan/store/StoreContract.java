package org.zoneplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * subclasses say only how the store is reached, which indexes each engine must have and how it
 * explains a query.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "zoneplan.sample-data.enabled=false")
abstract class StoreContract {
  @Autowired ZoneRepository zones;
  @Autowired DivisionRepository divisions;
  @Autowired ParcelRepository parcels;
  @Autowired JdbcClient jdbc;
  @Autowired BboxFilter bbox;

  /** The spatial (R-tree / GiST) indexes in the store, by lower-case name. */
  abstract Set<String> spatialIndexes();

  /** The spatial indexes the engine must have. */
  abstract Set<String> expectedSpatialIndexes();

  /**
   * The index, by lower-case name, that the bounding-box filter on {@code table} must go through.
   */
  abstract String bboxIndex(String table);

  /** The engine's plan of a query, as text. */
  abstract String explain(String sql, List<Object> params);

  @Test
  void spatialIndexesAreTheEnginesOwn() {
    assertThat(spatialIndexes()).isEqualTo(expectedSpatialIndexes());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"zone", "division", "parcel"})
  void boundingBoxFiltersGoThroughAnIndex(String table) {
    BboxFilter.Condition meets = bbox.meets(table, new Envelope(119.8, 119.9, 29.4, 29.5));
    String plan = explain("SELECT * FROM " + table + " WHERE " + meets.sql(), meets.params());
    assertThat(plan.toLowerCase(Locale.ROOT)).as(plan).contains(bboxIndex(table));
  }

  /**
   * The filter finds exactly the rows whose bounding boxes meet the box, edges included, for boxes
   * of zero width or height too, before and after a row much wider than the others is added (H2
   * bounds its index scan by the widest row); the parcel page (bounding box, then exact
   * intersection) finds the same rectangles.
   */
  @Test
  void boundingBoxFilterFindsExactlyTheBoxesThatMeet() throws Exception {
    Map<Long, Envelope> stored = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        double x = 122.0 + i * 0.01;
        double y = 31.0 + j * 0.01;
        storeParcel(new Envelope(x, x + 0.004, y, y + 0.006), stored);
      }
    }
    Envelope first = stored.values().iterator().next();
    List<Envelope> boxes = new ArrayList<>();
    boxes.add(new Envelope(first.getMaxX(), first.getMaxX() + 0.001, 31.0, 31.001)); // edge
    boxes.add(new Envelope(first.getMaxX(), first.getMaxX(), first.getMinY(), first.getMaxY()));
    boxes.add(new Envelope(122.0, 122.1, first.getMaxY(), first.getMaxY())); // zero height
    boxes.add(new Envelope(122.079, 122.0795, 31.007, 31.007)); // only the wide one
    boxes.add(new Envelope(122.0, 122.1, 31.0, 31.1)); // all
    boxes.add(new Envelope(121.9, 121.99, 31.0, 31.1)); // none
    Random random = new Random(4490);
    for (int k = 0; k < 40; k++) {
      double x = 121.99 + random.nextDouble() * 0.12;
      double y = 30.99 + random.nextDouble() * 0.12;
      boxes.add(new Envelope(x, x + random.nextDouble() * 0.03, y, y + random.nextDouble() * 0.03));
    }
    assertBoxesFindExactly(boxes, stored);
    storeParcel(new Envelope(122.003, 122.083, 31.0065, 31.0075), stored); // wide, between rows
    assertBoxesFindExactly(boxes, stored);
    assertThat(parcels.countIntersecting(new Envelope(122.0, 122.1, 31.0, 31.1)))
        .isEqualTo(stored.size());
    for (long id : stored.keySet()) {
      parcels.delete(id);
    }
  }

  private void storeParcel(Envelope rectangle, Map<Long, Envelope> stored) throws Exception {
    MultiPolygon g = rectangle(rectangle);
    Parcel p =
        parcels.insert(
            new Parcel(0, LandUseScheme.SANDIAO, "0601", g, EllipsoidalArea.squareMetres(g)));
    stored.put(p.id(), g.getEnvelopeInternal());
  }

  private void assertBoxesFindExactly(List<Envelope> boxes, Map<Long, Envelope> stored) {
    for (Envelope box : boxes) {
      Set<Long> expected = new TreeSet<>();
      stored.forEach(
          (id, e) -> {
            if (e.intersects(box)) {
              expected.add(id);
            }
          });
      Set<Long> found = new TreeSet<>();
      parcels.findIntersecting(box, 10_000, 0).forEach(p -> found.add(p.id()));
      found.retainAll(stored.keySet());
      assertThat(found).as("box %s", box).isEqualTo(expected);
      Set<Long> page = new TreeSet<>();
      parcels.findPage(box, 10_000, 0).forEach(p -> page.add(p.id()));
      page.retainAll(stored.keySet());
      assertThat(page).as("page of box %s", box).isEqualTo(expected);
    }
  }

  @Test
  void boundingBoxesFollowUpdates() throws Exception {
    plan("store-moved");
    MultiPolygon before = square(119.80, 29.40, 0.01);
    MultiPolygon after = square(119.90, 29.50, 0.01);
    Envelope atBefore = new Envelope(119.805, 119.806, 29.405, 29.406);
    Envelope atAfter = new Envelope(119.905, 119.906, 29.505, 29.506);
    Zone zone =
        new Zone(
            "store-moved",
            "M",
            "移动",
            ZoneKind.ZONE,
            null,
            null,
            Map.of(),
            before,
            AreaFigures.of(before));
    zones.insertZone(zone);
    assertThat(zones.findZonesIntersecting("store-moved", atBefore)).hasSize(1);
    Zone moved =
        new Zone(
            "store-moved",
            "M",
            "移动",
            ZoneKind.ZONE,
            null,
            null,
            Map.of(),
            after,
            AreaFigures.of(after));
    assertThat(zones.updateZone(moved, 1, 2)).isEqualTo(1);
    assertThat(zones.findZonesIntersecting("store-moved", atBefore)).isEmpty();
    assertThat(zones.findZonesIntersecting("store-moved", atAfter)).hasSize(1);

    divisions.insert(
        new Division("339902", "移动县", "COUNTY", null, before, AreaFigures.of(before), null));
    assertThat(divisionsMeeting(atBefore)).containsExactly("339902");
    divisions.update(
        new Division("339902", "移动县", "COUNTY", null, after, AreaFigures.of(after), null));
    assertThat(divisionsMeeting(atBefore)).isEmpty();
    assertThat(divisionsMeeting(atAfter)).containsExactly("339902");
  }

  private List<String> divisionsMeeting(Envelope box) {
    BboxFilter.Condition meets = bbox.meets("division", box);
    return jdbc.sql("SELECT code FROM division WHERE code = '339902' AND " + meets.sql())
        .params(meets.params())
        .query(String.class)
        .list();
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
              0, LandUseScheme.SANDIAO, "0601", square, EllipsoidalArea.squareMetres(square)));
    }
    parcels.insertAll(batch);
    assertThat(parcels.count()).isEqualTo(before + 25);

    Envelope box = new Envelope(121.0, 121.0095, 30.0, 30.001);
    List<Parcel> first = parcels.findIntersecting(box, 4, 0);
    List<Parcel> second = parcels.findIntersecting(box, 100, 4);
    assertThat(first).hasSize(4);
    assertThat(second).hasSize(6);
    assertThat(first.get(0).landUseCode()).isEqualTo("0601");
    assertThat(first.get(0).areaM2()).isEqualTo(batch.get(0).areaM2());

    Parcel one = parcels.insert(batch.get(0));
    assertThat(parcels.find(one.id())).get().extracting(Parcel::areaM2).isEqualTo(one.areaM2());
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
    return rectangle(new Envelope(lon, lon + size, lat, lat + size));
  }

  static MultiPolygon rectangle(Envelope e) throws Exception {
    return multi(
        String.format(
            Locale.ROOT,
            "MULTIPOLYGON (((%s %s, %s %s, %s %s, %s %s, %s %s)))",
            e.getMinX(),
            e.getMinY(),
            e.getMaxX(),
            e.getMinY(),
            e.getMaxX(),
            e.getMaxY(),
            e.getMinX(),
            e.getMaxY(),
            e.getMinX(),
            e.getMinY()));
  }
}
