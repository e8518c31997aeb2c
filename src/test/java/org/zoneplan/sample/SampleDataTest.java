package org.zoneplan.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.zoneplan.sample.SampleDataGenerator.PLAN_AFTER;
import static org.zoneplan.sample.SampleDataGenerator.PLAN_BEFORE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.sample.SampleDataGenerator.County;
import org.zoneplan.sample.SampleDataGenerator.ZoneRow;

/**
 * Checks the shipped sample data in {@code data/shapefiles} (not the generator's output in memory):
 * read back with H2GIS as the importer reads it, against the published zone table and the county
 * outlines in {@code ../shared}. Run from the project root.
 */
class SampleDataTest {
  private static final Path SHAPEFILES = Path.of("data/shapefiles");
  private static final Path SHARED = Path.of("../shared");

  /** Rounding and floating-point slack for areas that should be equal, m². */
  private static final double ONE_SQUARE_METRE = 1.0;

  private static List<ZoneRow> table;
  private static List<County> counties;
  private static Geometry pujiang;

  /** Plan id → zone code → zone, as read from zones.shp. */
  private static Map<String, Map<String, ShippedZone>> plans;

  private static List<ShippedDivision> divisions;

  /** The GB/T 4754-2017 class codes of the shipped table. */
  private static java.util.Set<String> classCodes;

  record ShippedZone(
      String code,
      String name,
      String nameEn,
      String kind,
      String parent,
      String managedBy,
      String industry,
      String industryCodes,
      String note,
      MultiPolygon geometry) {}

  record ShippedDivision(String code, String name, String level, String parent, Geometry outline) {}

  @BeforeAll
  static void readShippedFiles() throws IOException, SQLException {
    table = SampleDataGenerator.readZoneTable(SHARED.resolve(SampleDataGenerator.ZONE_TABLE));
    counties = SampleDataGenerator.readCounties(SHARED.resolve(SampleDataGenerator.COUNTIES));
    pujiang =
        GeometryFixer.fix(
            counties.stream()
                .filter(c -> c.code().equals(SampleDataGenerator.PUJIANG_CODE))
                .findFirst()
                .orElseThrow()
                .outline());
    plans = new LinkedHashMap<>();
    divisions = new ArrayList<>();
    classCodes = new java.util.HashSet<>();
    for (String line :
        Files.readAllLines(
            Path.of("src/main/resources/industry/gbt4754-2017.csv"), StandardCharsets.UTF_8)) {
      if (!line.startsWith("#")) {
        classCodes.add(line.split(",")[0]);
      }
    }
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:sample-data-test");
        Statement st = db.createStatement()) {
      st.execute(
          "CREATE ALIAS IF NOT EXISTS H2GIS_SPATIAL"
              + " FOR \"org.h2gis.functions.factory.H2GISFunctions.load\"");
      st.execute("CALL H2GIS_SPATIAL()");
      st.execute("CALL SHPRead('" + shapefile("zones") + "', 'ZONES', 'UTF-8', true)");
      st.execute("CALL SHPRead('" + shapefile("divisions") + "', 'DIVISIONS', 'UTF-8', true)");
      try (ResultSet rs = st.executeQuery("SELECT * FROM ZONES ORDER BY PK")) {
        while (rs.next()) {
          ShippedZone zone =
              new ShippedZone(
                  text(rs, "CODE"),
                  text(rs, "NAME"),
                  text(rs, "NAME_EN"),
                  text(rs, "KIND"),
                  text(rs, "PARENT"),
                  text(rs, "MANAGEDBY"),
                  text(rs, "INDUSTRY"),
                  text(rs, "IND_CODES"),
                  text(rs, "NOTE"),
                  rs.getObject("THE_GEOM", MultiPolygon.class));
          ShippedZone duplicate =
              plans
                  .computeIfAbsent(text(rs, "PLAN"), p -> new LinkedHashMap<>())
                  .put(zone.code(), zone);
          assertThat(duplicate).as("second %s in %s", zone.code(), text(rs, "PLAN")).isNull();
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT * FROM DIVISIONS ORDER BY PK")) {
        while (rs.next()) {
          divisions.add(
              new ShippedDivision(
                  text(rs, "CODE"),
                  text(rs, "NAME"),
                  text(rs, "LEVEL"),
                  text(rs, "PARENT"),
                  rs.getObject("THE_GEOM", Geometry.class)));
        }
      }
    }
  }

  private static String shapefile(String name) {
    return SHAPEFILES.resolve(name + ".shp").toAbsolutePath().toString().replace("'", "''");
  }

  /** DBF has no NULL: an empty field may come back as null or as "". */
  private static String text(ResultSet rs, String column) throws SQLException {
    return Objects.requireNonNullElse(rs.getString(column), "").strip();
  }

  private static double km2(ZoneRow row, String plan) {
    return plan.equals(PLAN_BEFORE) ? row.areaBeforeKm2() : row.areaAfterKm2();
  }

  private static double areaM2(Geometry geometry) {
    return EllipsoidalArea.squareMetres(geometry);
  }

  private static Geometry zone(String plan, String code) {
    return plans.get(plan).get(code).geometry();
  }

  @Test
  void bothPlanVersionsHoldEveryPublishedZoneWithItsAttributes() {
    assertThat(plans).containsOnlyKeys(PLAN_BEFORE, PLAN_AFTER);
    SoftAssertions.assertSoftly(
        softly -> {
          for (String plan : plans.keySet()) {
            softly
                .assertThat(plans.get(plan).keySet())
                .as(plan)
                .containsExactlyInAnyOrderElementsOf(table.stream().map(ZoneRow::code).toList());
            for (ZoneRow row : table) {
              ShippedZone zone = plans.get(plan).get(row.code());
              if (zone == null) {
                continue;
              }
              String what = plan + " " + row.code();
              softly.assertThat(zone.name()).as(what).isEqualTo(row.nameZh());
              softly.assertThat(zone.nameEn()).as(what).isEqualTo(row.nameEn());
              softly.assertThat(zone.kind()).as(what).isEqualTo(row.kind());
              softly.assertThat(zone.parent()).as(what).isEqualTo(row.parentCode());
              softly.assertThat(zone.managedBy()).as(what).isEqualTo(row.managedBy());
              softly.assertThat(zone.industry()).as(what).isNotBlank().doesNotContain("水族");
              // 1–3 GB/T 4754-2017 classes, each in the shipped table
              softly.assertThat(zone.industryCodes()).as(what).matches("\\d{4}(,\\d{4}){0,2}");
              for (String code : zone.industryCodes().split(",")) {
                softly.assertThat(classCodes).as(what).contains(code);
              }
              softly.assertThat(zone.note()).as(what).isEqualTo(row.note());
              softly.assertThat(zone.geometry().getSRID()).as(what).isEqualTo(Cgcs2000.SRID);
              softly.assertThat(zone.geometry().isValid()).as(what + " valid").isTrue();
            }
          }
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {PLAN_BEFORE, PLAN_AFTER})
  void leafAreasEqualThePublishedFigures(String plan) {
    SoftAssertions.assertSoftly(
        softly -> {
          for (ZoneRow row : table) {
            if (SampleDataGenerator.isLeaf(row, table)) {
              softly
                  .assertThat(areaM2(zone(plan, row.code())))
                  .as(plan + " " + row.code())
                  .isCloseTo(km2(row, plan) * 1e6, within(ONE_SQUARE_METRE));
            }
          }
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {PLAN_BEFORE, PLAN_AFTER})
  void parentAreasRoundToThePublishedFigures(String plan) {
    SoftAssertions.assertSoftly(
        softly -> {
          for (ZoneRow row : table) {
            if (!SampleDataGenerator.isLeaf(row, table)) {
              double hundredthsOfKm2 = Math.round(areaM2(zone(plan, row.code())) / 1e4);
              softly
                  .assertThat(hundredthsOfKm2 / 100)
                  .as(plan + " " + row.code())
                  .isEqualTo(km2(row, plan));
            }
          }
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {PLAN_BEFORE, PLAN_AFTER})
  void parentIsTheUnionOfItsParts(String plan) {
    SoftAssertions.assertSoftly(
        softly -> {
          for (ZoneRow parent : table) {
            List<Geometry> parts = new ArrayList<>();
            for (ZoneRow child : table) {
              if (child.parentCode().equals(parent.code())) {
                parts.add(zone(plan, child.code()));
              }
            }
            if (!parts.isEmpty()) {
              Geometry union = Cgcs2000.GEOMETRY_FACTORY.buildGeometry(parts).union();
              softly
                  .assertThat(areaM2(zone(plan, parent.code()).symDifference(union)))
                  .as(plan + " " + parent.code() + " minus its parts")
                  .isLessThan(ONE_SQUARE_METRE);
            }
          }
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {PLAN_BEFORE, PLAN_AFTER})
  void leafZonesOfAVersionDoNotOverlap(String plan) {
    List<ZoneRow> leaves =
        table.stream().filter(r -> SampleDataGenerator.isLeaf(r, table)).toList();
    SoftAssertions.assertSoftly(
        softly -> {
          for (int i = 0; i < leaves.size(); i++) {
            for (int j = i + 1; j < leaves.size(); j++) {
              Geometry a = zone(plan, leaves.get(i).code());
              Geometry b = zone(plan, leaves.get(j).code());
              softly
                  .assertThat(areaM2(a.intersection(b)))
                  .as(plan + " " + leaves.get(i).code() + " ∩ " + leaves.get(j).code())
                  .isLessThan(ONE_SQUARE_METRE);
            }
          }
        });
  }

  @Test
  void everyZoneLiesInsideTheRepairedPujiangOutline() {
    assertThat(areaM2(pujiang) / 1e6).isCloseTo(916.5, within(1.0));
    SoftAssertions.assertSoftly(
        softly -> {
          for (Map.Entry<String, Map<String, ShippedZone>> plan : plans.entrySet()) {
            for (ShippedZone zone : plan.getValue().values()) {
              softly
                  .assertThat(pujiang.covers(zone.geometry()))
                  .as(plan.getKey() + " " + zone.code() + " inside 浦江县")
                  .isTrue();
            }
          }
        });
  }

  @Test
  void expandedCoreContainsTheFormerCore() {
    assertThat(zone(PLAN_AFTER, "PJ-1-CORE").covers(zone(PLAN_BEFORE, "PJ-1-CORE"))).isTrue();
  }

  @Test
  void reducedHuangzhaiSubAreaLiesInsideTheFormerOne() {
    assertThat(zone(PLAN_BEFORE, "PJ-HZ").covers(zone(PLAN_AFTER, "PJ-HZ"))).isTrue();
  }

  @Test
  void zonesWhoseFigureDidNotChangeKeepTheirBoundary() {
    for (ZoneRow row : table) {
      if (row.areaBeforeKm2() == row.areaAfterKm2()) {
        assertThat(zone(PLAN_AFTER, row.code()).equalsExact(zone(PLAN_BEFORE, row.code())))
            .as(row.code())
            .isTrue();
      }
    }
  }

  @Test
  void divisionsAreTheNineJinhuaCountiesUnrepaired() {
    assertThat(divisions).hasSize(9);
    assertThat(divisions)
        .extracting(ShippedDivision::code)
        .containsExactlyElementsOf(counties.stream().map(County::code).toList());
    SoftAssertions.assertSoftly(
        softly -> {
          for (int i = 0; i < divisions.size(); i++) {
            ShippedDivision division = divisions.get(i);
            County county = counties.get(i);
            softly.assertThat(division.name()).as(division.code()).isEqualTo(county.name());
            softly.assertThat(division.level()).as(division.code()).isEqualTo("COUNTY");
            softly
                .assertThat(division.parent())
                .as(division.code())
                .isEqualTo(SampleDataGenerator.JINHUA_CODE);
            // Same vertices as the GeoJSON; the shapefile writer may start and orient rings
            // differently, which normalising undoes.
            Geometry shipped = division.outline().getGeometryN(0).norm();
            softly
                .assertThat(shipped.equalsExact(county.outline().norm()))
                .as(division.code() + " vertices as in the GeoJSON")
                .isTrue();
            softly.assertThat(shipped.isValid()).as(division.code() + " still invalid").isFalse();
          }
        });
  }

  @Test
  void filesDeclareCgcs2000AndUtf8() throws IOException {
    for (String name : List.of("zones", "divisions")) {
      assertThat(Files.readString(SHAPEFILES.resolve(name + ".prj")).strip())
          .startsWith("GEOGCS[\"China Geodetic Coordinate System 2000\"")
          .endsWith("AUTHORITY[\"EPSG\",\"4490\"]]");
      assertThat(Files.readString(SHAPEFILES.resolve(name + ".cpg")).strip()).isEqualTo("UTF-8");
    }
  }

  /** GDAL and QGIS find records through the .shx: every offset and length must be right. */
  @Test
  void indexAgreesWithTheRecords() throws IOException {
    for (String name : List.of("zones", "divisions")) {
      ByteBuffer shp = ByteBuffer.wrap(Files.readAllBytes(SHAPEFILES.resolve(name + ".shp")));
      ByteBuffer shx = ByteBuffer.wrap(Files.readAllBytes(SHAPEFILES.resolve(name + ".shx")));
      int records = (shx.limit() - 100) / 8;
      int position = 100;
      for (int i = 0; i < records; i++) {
        shp.order(ByteOrder.LITTLE_ENDIAN);
        int contentBytes = 44 + 4 * shp.getInt(position + 44) + 16 * shp.getInt(position + 48);
        shp.order(ByteOrder.BIG_ENDIAN);
        assertThat(shp.getInt(position)).as("%s record number", name).isEqualTo(i + 1);
        assertThat(shp.getInt(position + 4) * 2)
            .as("%s record %d", name, i + 1)
            .isEqualTo(contentBytes);
        assertThat(shx.getInt(100 + 8 * i) * 2).as("%s offset %d", name, i + 1).isEqualTo(position);
        assertThat(shx.getInt(104 + 8 * i) * 2)
            .as("%s length %d", name, i + 1)
            .isEqualTo(contentBytes);
        position += 8 + contentBytes;
      }
      assertThat(position).as(name + " file length").isEqualTo(shp.limit());
    }
  }

  @Test
  void plansAndTownsAreListed() throws IOException {
    assertThat(Files.readAllLines(SHAPEFILES.resolve("plans.csv"), StandardCharsets.UTF_8))
        .hasSize(3)
        .first()
        .isEqualTo("id,name,date,status");
    assertThat(Files.readString(SHAPEFILES.resolve("plans.csv")))
        .contains(PLAN_BEFORE + ",", PLAN_AFTER + ",", "SUPERSEDED", "APPROVED");
    assertThat(SHAPEFILES.resolve("towns.csv"))
        .hasSameBinaryContentAs(SHARED.resolve(SampleDataGenerator.TOWN_TABLE));
  }
}
