package org.zoneplan.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.zoneplan.testsupport.ExchangeTestBase;
import org.zoneplan.testsupport.ExchangeTestData;
import org.zoneplan.testsupport.Gdal;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;

/**
 * Export of zones, parcels, divisions and the analysis layers, read back by GDAL. Runs unchanged on
 * H2GIS and PostGIS (see the subclasses); the store holds the Pujiang sample data and the parcels
 * of {@link ExchangeTestData}.
 */
abstract class ExportContract extends ExchangeTestBase {
  @ParameterizedTest(name = "{0}: .cpg {1}, language driver {2}")
  @CsvSource({"GBK, GBK, 77", "UTF-8, UTF-8, 0"})
  void gdalReadsTheChineseNamesOfAZoneShapefileAndItsEpsgCode(
      String encoding, String cpg, int languageDriver) throws Exception {
    Path dir = exportShapefile("zones", "EPSG:4490", encoding, "");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "zones.shp", "zones.shx", "zones.dbf", "zones.prj", "zones.cpg");
    }
    assertThat(Files.readString(dir.resolve("zones.cpg"))).isEqualTo(cpg);
    byte[] dbf = Files.readAllBytes(dir.resolve("zones.dbf"));
    assertThat(dbf[29] & 0xFF).isEqualTo(languageDriver);
    assertThat(dbf[1] & 0xFF).as("years since 1900").isGreaterThan(120);

    String shp = dir.resolve("zones.shp").toString();
    assertThat(Gdal.epsgOf(shp, "zones")).isEqualTo(4490);
    String info = Gdal.run("ogrinfo", "-ro", "-al", "-geom=NO", shp);
    Map<String, JsonNode> api = apiZones();
    List<String> codes = gdalValues(info, "CODE");
    List<String> names = gdalValues(info, "NAME");
    List<String> managers = gdalValues(info, "MANAGEDBY");
    assertThat(codes).hasSameSizeAs(api.keySet());
    for (int i = 0; i < codes.size(); i++) {
      JsonNode zone = api.get(codes.get(i));
      assertThat(names.get(i)).isEqualTo(zone.get("name").asString());
      String managedBy =
          zone.get("managedBy").isNull() ? "(null)" : zone.get("managedBy").asString();
      assertThat(managers.get(i)).isEqualTo(managedBy);
    }
    assertThat(names).contains("核心区", "白马-郑宅片区", "郑家坞片区");
  }

  @ParameterizedTest(name = "{0}: GDAL reports EPSG:{1}")
  @CsvSource({"EPSG:4490, 4490", "EPSG:4549, 4549", "EPSG:4528, 4528", "4534, 4534"})
  void gdalRecognisesTheEpsgCodeOfEveryCrs(String crs, int epsg) throws Exception {
    Path dir = exportShapefile("zones", crs, "UTF-8", "");
    assertThat(Gdal.epsgOf(dir.resolve("zones.shp").toString(), "zones")).isEqualTo(epsg);
    String extent = Gdal.run("ogrinfo", "-ro", "-so", dir.resolve("zones.shp").toString(), "zones");
    Matcher m = Pattern.compile("Extent: \\(([-0-9.]+), ([-0-9.]+)\\)").matcher(extent);
    assertThat(m.find()).isTrue();
    double x = Double.parseDouble(m.group(1));
    switch (epsg) {
      case 4490 -> assertThat(x).isBetween(119.0, 121.0);
      case 4528 -> assertThat(x).isBetween(40_300_000.0, 40_600_000.0); // zone number in front
      case 4549 -> assertThat(x).isBetween(300_000.0, 600_000.0);
      default -> assertThat(x).isGreaterThan(1_000_000.0); // zone 25 (75°E): far to the east
    }
  }

  @Test
  void parcelsKeepHolesPartsAndRingOrderAndTextIsCutAtACharacterBoundary() throws Exception {
    for (String encoding : List.of("UTF-8", "GBK")) {
      Path dir = exportShapefile("parcels", "EPSG:4490", encoding, "&unit=mu");
      String shp = dir.resolve("parcels.shp").toString();
      String info = Gdal.run("ogrinfo", "-ro", "-al", shp);
      assertThat(info).contains("Feature Count: 4");
      assertThat(gdalValues(info, "LANDUSE")).containsExactly("0601", "0604", "100101", "0508");
      List<String> names = gdalValues(info, "ENTERPRISE");
      assertThat(names.get(0)).isEqualTo("浦江县锦达水晶有限公司");
      assertThat(names.get(1)).isEqualTo("(null)");
      assertThat(names.get(2)).isEqualTo("郑宅镇\"锁具\",五金厂");
      // 254 bytes: 84 three-byte characters in UTF-8, 127 two-byte characters in GBK.
      int fits = encoding.equals("GBK") ? 127 : 84;
      assertThat(names.get(3)).isEqualTo(ExchangeTestData.LONG_NAME.substring(0, fits));
      // The owner's code from enterprise_land; the year's figures are enterprise data, not here.
      assertThat(gdalValues(info, "CREDITCODE").get(0))
          .isEqualTo(ExchangeTestData.rows().get(0).credit());
      assertThat(gdalValues(info, "CREDITCODE").get(1)).isEqualTo("(null)");
      assertThat(info).doesNotContain("TAX_WAN").doesNotContain("EMPLOYEES");
      // Area in 亩, as computed by zoneplan
      List<String> mu = gdalValues(info, "AREA_MU");
      List<org.zoneplan.parcels.Parcel> stored = new ArrayList<>();
      parcels.forEach(stored::add);
      for (int i = 0; i < stored.size(); i++) {
        double expected = stored.get(i).areaM2() * 15 / 10_000;
        assertThat(Double.parseDouble(mu.get(i))).isCloseTo(expected, within(expected, 1e-8));
      }
      assertThat(info).contains("MULTIPOLYGON (((119.92 29.45");
      assertThat(info.split("MULTIPOLYGON").length - 1 + info.split("\n  POLYGON").length - 1)
          .isEqualTo(4);
      // Shapefile ring order, read from the bytes: every exterior ring clockwise, holes not.
      assertRingOrder(dir.resolve("parcels.shp"));
    }
  }

  /** Checks the third record (three parts, one hole): rings CW, CW, CCW (hole), CW. */
  static void assertRingOrder(Path shp) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(shp));
    int position = 100;
    for (int record = 1; record < 3; record++) {
      b.order(ByteOrder.BIG_ENDIAN);
      position += 8 + 2 * b.getInt(position + 4);
    }
    b.order(ByteOrder.LITTLE_ENDIAN);
    int content = position + 8;
    assertThat(b.getInt(content)).isEqualTo(5);
    int parts = b.getInt(content + 36);
    int points = b.getInt(content + 40);
    assertThat(parts).isEqualTo(4);
    int[] starts = new int[parts + 1];
    for (int p = 0; p < parts; p++) {
      starts[p] = b.getInt(content + 44 + 4 * p);
    }
    starts[parts] = points;
    int xy = content + 44 + 4 * parts;
    List<Boolean> ccw = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      Coordinate[] ring = new Coordinate[starts[p + 1] - starts[p]];
      for (int i = 0; i < ring.length; i++) {
        int at = xy + 16 * (starts[p] + i);
        ring[i] = new Coordinate(b.getDouble(at), b.getDouble(at + 8));
      }
      ccw.add(Orientation.isCCW(ring));
    }
    assertThat(ccw).containsExactly(false, false, true, false);
  }

  @Test
  void otherFormatsAreReadByGdal() throws Exception {
    Map<String, JsonNode> api = apiZones();
    TreeSet<String> apiNames = new TreeSet<>();
    api.values().forEach(z -> apiNames.add(z.get("name").asString()));

    Download geojson = download("/api/plans/" + PLAN + "/export?layer=zones&format=geojson");
    assertThat(geojson.status()).isEqualTo(200);
    assertThat(geojson.contentType()).startsWith("application/geo+json");
    JsonNode collection = JSON.readTree(geojson.body());
    assertThat(collection.get("features")).hasSize(api.size());
    JsonNode first = collection.get("features").get(0);
    JsonNode ring = first.get("geometry").get("coordinates").get(0).get(0);
    Coordinate[] coordinates = new Coordinate[ring.size()];
    for (int i = 0; i < ring.size(); i++) {
      coordinates[i] =
          new Coordinate(ring.get(i).get(0).doubleValue(), ring.get(i).get(1).doubleValue());
    }
    assertThat(Orientation.isCCW(coordinates)).as("RFC 7946 exterior ring").isTrue();
    assertThat(first.get("properties").get("areaM2").doubleValue())
        .isEqualTo(api.get(first.get("id").asString()).get("areaM2").doubleValue());

    for (String format : List.of("geojson", "kml", "csv", "geopackage")) {
      Download d = download("/api/plans/" + PLAN + "/export?layer=zones&format=" + format);
      assertThat(d.status()).as(format + ": " + d.text()).isEqualTo(200);
      String ext = format.equals("geopackage") ? "gpkg" : format;
      Path file = tmp.resolve("zones." + ext);
      Files.write(file, d.body());
      String info =
          format.equals("csv")
              ? Gdal.run(
                  "ogrinfo",
                  "-ro",
                  "-al",
                  "-oo",
                  "GEOM_POSSIBLE_NAMES=WKT",
                  "-oo",
                  "KEEP_GEOM_COLUMNS=NO",
                  file.toString())
              : Gdal.run("ogrinfo", "-ro", "-al", file.toString());
      String nameField = format.equals("kml") ? "Name" : "name";
      assertThat(new TreeSet<>(gdalValues(info, nameField))).as(format).isEqualTo(apiNames);
      assertThat(info).as(format).contains("MULTIPOLYGON (((119.");
    }
    Download gpkg =
        download("/api/plans/" + PLAN + "/export?layer=zones&format=gpkg&crs=EPSG:4549");
    Path file = Files.write(tmp.resolve("gk.gpkg"), gpkg.body());
    assertThat(Gdal.epsgOf(file.toString(), "zones")).isEqualTo(4549);
    Download csv =
        download(
            "/api/plans/" + PLAN + "/export?layer=zones&format=csv&encoding=GBK&crs=EPSG:4528");
    String text = new String(csv.body(), Charset.forName("GBK"));
    assertThat(text).startsWith("planId,code,name,").contains("核心区").contains("MULTIPOLYGON (((40");
  }

  @Test
  void geoPackagesCarryAnRtreeIndexThatGdalUsesAndKeepsUpToDate() throws Exception {
    Download d = download("/api/plans/" + PLAN + "/export?layer=parcels&format=geopackage");
    assertThat(d.status()).as(d.text()).isEqualTo(200);
    Path file = tmp.resolve("indexed.gpkg");
    Files.write(file, d.body());
    String gpkg = file.toString();
    assertThat(
            Gdal.run("ogrinfo", "-ro", "-sql", "SELECT HasSpatialIndex('parcels', 'geom')", gpkg))
        .contains("= 1");
    String features = Gdal.run("ogrinfo", "-ro", "-so", "-al", gpkg);
    int count = Integer.parseInt(features.replaceAll("(?s).*Feature Count: (\\d+).*", "$1"));
    assertThat(count).isEqualTo((int) parcels.count()).isPositive();
    assertThat(
            Gdal.run(
                "ogrinfo", "-ro", "-sql", "SELECT COUNT(*) AS n FROM rtree_parcels_geom", gpkg))
        .contains("n (Integer) = " + count);
    // A spatial filter through the index finds what the API finds in the same box.
    String box = "119.80 29.40 120.00 29.60";
    int api =
        new Http(port)
            .get("/api/parcels?bbox=119.80,29.40,120.00,29.60")
            .json()
            .get("numberReturned")
            .intValue();
    String filtered = Gdal.run(("ogrinfo -ro -so -al -spat " + box + " " + gpkg).split(" "));
    assertThat(filtered).contains("Feature Count: " + api);
    // GDAL's edits keep the index in step through the triggers.
    Gdal.run("ogrinfo", "-sql", "DELETE FROM parcels WHERE fid = 1", gpkg);
    assertThat(
            Gdal.run(
                "ogrinfo", "-ro", "-sql", "SELECT COUNT(*) AS n FROM rtree_parcels_geom", gpkg))
        .contains("n (Integer) = " + (count - 1));
  }

  @Test
  void divisionsAndTheSurveySchema() throws Exception {
    Path dir = exportShapefile("divisions", "EPSG:4490", "GBK", "&schema=survey&unit=km2");
    String info =
        Gdal.run("ogrinfo", "-ro", "-al", "-geom=NO", dir.resolve("divisions.shp").toString());
    // Jinhua's 9 counties, Hangzhou's 13 districts and Hangzhou (issue 14); towns have no outline
    assertThat(info).contains("Feature Count: 23");
    assertThat(gdalValues(info, "XZQMC")).contains("浦江县");
    assertThat(gdalValues(info, "YSDM")).containsOnly("1000600100");
    double pujiangKm2 =
        Double.parseDouble(
            gdalValues(info, "JSMJ").get(gdalValues(info, "XZQDM").indexOf("330726")));
    assertThat(pujiangKm2).isCloseTo(916.5, org.assertj.core.data.Offset.offset(1.0));

    Path parcelsDir = exportShapefile("parcels", "EPSG:4490", "GBK", "&schema=survey");
    String parcelInfo =
        Gdal.run("ogrinfo", "-ro", "-al", "-geom=NO", parcelsDir.resolve("parcels.shp").toString());
    assertThat(gdalValues(parcelInfo, "DLBM")).containsExactly("0601", "0604", "100101", "0508");
    // 地类名称 as the standards name these codes (GB/T 21010-2017, 三调, the 2023 classes).
    assertThat(gdalValues(parcelInfo, "DLMC")).containsExactly("工业用地", "仓储用地", "一类工业用地", "物流仓储用地");
    assertThat(gdalValues(parcelInfo, "XZQMC")).containsOnly("浦江县");
    assertThat(gdalValues(parcelInfo, "XZQDM")).containsOnly("330726");
  }

  /**
   * A plan version for the analysis layers, in Pujiang County beside the test parcels: X1 (水晶园)
   * covers parcel 3 and leaves parcel 1 scattered; X2 (锁具园) overlaps X1; X1's child X3 (核心区乙)
   * reaches outside X1 and into X2.
   */
  static final String ANALYSIS_PLAN = "export-analysis";

  @org.springframework.beans.factory.annotation.Autowired
  org.zoneplan.zones.ZoneRepository zoneRepository;

  @org.springframework.beans.factory.annotation.Autowired
  org.zoneplan.zones.ZoneService zoneService;

  void loadAnalysisPlan() {
    synchronized (ExportContract.class) {
      if (zoneRepository.findPlan(ANALYSIS_PLAN).isPresent()) {
        return;
      }
      zoneRepository.insertPlan(
          new org.zoneplan.zones.PlanVersion(
              ANALYSIS_PLAN,
              "导出分析测试",
              java.time.LocalDate.of(2024, 1, 1),
              org.zoneplan.zones.PlanStatus.DRAFT));
      zoneService.create(ANALYSIS_PLAN, "X1", zone("水晶园", null, 119.915, 29.445, 119.935, 29.47));
      zoneService.create(ANALYSIS_PLAN, "X2", zone("锁具园", null, 119.93, 29.46, 119.95, 29.48));
      zoneService.create(ANALYSIS_PLAN, "X3", zone("核心区乙", "X1", 119.925, 29.462, 119.94, 29.468));
    }
  }

  private static org.zoneplan.zones.ZoneDraft zone(
      String name, String parent, double x0, double y0, double x1, double y1) {
    org.locationtech.jts.geom.Polygon box =
        org.zoneplan.geo.Cgcs2000.GEOMETRY_FACTORY.createPolygon(
            new Coordinate[] {
              new Coordinate(x0, y0),
              new Coordinate(x1, y0),
              new Coordinate(x1, y1),
              new Coordinate(x0, y1),
              new Coordinate(x0, y0)
            });
    return new org.zoneplan.zones.ZoneDraft(
        name,
        parent == null ? org.zoneplan.zones.ZoneKind.ZONE : org.zoneplan.zones.ZoneKind.CORE,
        parent,
        null,
        Map.of(),
        ExchangeTestData.multi(box));
  }

  /**
   * The analysis layers hold what the analysis endpoints answer: the same features (count, zones,
   * parcels, Chinese text) and the same total area, in shapefiles (GBK and UTF-8) and GeoJSON.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({"overlaps, GBK", "overlaps, UTF-8", "scattered, GBK", "scattered, UTF-8"})
  void analysisLayersMatchTheAnalysisEndpoints(String layer, String encoding) throws Exception {
    loadAnalysisPlan();
    JsonNode api = http.get("/api/plans/" + ANALYSIS_PLAN + "/" + layer).json();
    List<JsonNode> expected = new ArrayList<>();
    api.get("features").forEach(f -> expected.add(f.get("properties")));
    assertThat(expected).as("the test data gives the layer something to export").isNotEmpty();
    double apiTotalM2 = expected.stream().mapToDouble(p -> p.get("areaM2").doubleValue()).sum();
    if (layer.equals("scattered")) {
      assertThat(api.get("count").intValue()).isEqualTo(expected.size());
      assertThat(api.get("totalM2").doubleValue()).isCloseTo(apiTotalM2, within(apiTotalM2, 1e-12));
    }

    Path dir = exportShapefile(ANALYSIS_PLAN, layer, "EPSG:4490", encoding, "&unit=m2");
    String shp = dir.resolve(layer + ".shp").toString();
    assertThat(Files.readString(dir.resolve(layer + ".cpg"))).isEqualTo(encoding);
    assertThat(Gdal.epsgOf(shp, layer)).isEqualTo(4490);
    String info = Gdal.run("ogrinfo", "-ro", "-al", "-geom=NO", shp);
    assertThat(info).contains("Feature Count: " + expected.size());
    double exportedM2 = gdalValues(info, "AREA_M2").stream().mapToDouble(Double::parseDouble).sum();
    assertThat(exportedM2).isCloseTo(apiTotalM2, within(apiTotalM2, 1e-6));

    if (layer.equals("overlaps")) {
      Map<String, JsonNode> zones = new java.util.HashMap<>();
      http.get("/api/plans/" + ANALYSIS_PLAN + "/zones")
          .json()
          .get("features")
          .forEach(f -> zones.put(f.get("id").asString(), f.get("properties")));
      List<String> kinds = gdalValues(info, "KIND");
      List<String> kindNames = gdalValues(info, "KINDNAME");
      List<String> zoneA = gdalValues(info, "ZONEA");
      List<String> namesA = gdalValues(info, "NAMEA");
      List<String> zoneB = gdalValues(info, "ZONEB");
      List<String> namesB = gdalValues(info, "NAMEB");
      for (int i = 0; i < expected.size(); i++) {
        JsonNode p = expected.get(i);
        assertThat(kinds.get(i)).isEqualTo(p.get("kind").asString());
        assertThat(kindNames.get(i))
            .isEqualTo(
                OverlapLayer.KIND_NAMES.get(
                    org.zoneplan.analysis.SpatialProblem.Kind.valueOf(kinds.get(i))));
        assertThat(zoneA.get(i)).isEqualTo(p.get("zoneA").asString());
        assertThat(zoneB.get(i)).isEqualTo(p.get("zoneB").asString());
        assertThat(namesA.get(i)).isEqualTo(zones.get(zoneA.get(i)).get("name").asString());
        assertThat(namesB.get(i)).isEqualTo(zones.get(zoneB.get(i)).get("name").asString());
      }
    } else {
      List<String> ids = gdalValues(info, "ID");
      List<String> enterprises = gdalValues(info, "ENTERPRISE");
      List<String> landUseNames = gdalValues(info, "LANDUSENM");
      for (int i = 0; i < expected.size(); i++) {
        JsonNode p = expected.get(i);
        assertThat(Long.parseLong(ids.get(i))).isEqualTo(p.get("id").longValue());
        String enterprise =
            p.get("enterpriseName").isNull() ? "(null)" : p.get("enterpriseName").asString();
        assertThat(enterprises.get(i)).isEqualTo(enterprise);
      }
      assertThat(enterprises).contains("浦江县锦达水晶有限公司");
      assertThat(landUseNames).contains("工业用地");
      assertThat(gdalValues(info, "DIVNAME")).containsOnly("浦江县");
    }

    // GeoJSON: the API's figures to the last bit, in the API's order.
    Download geojson =
        download("/api/plans/" + ANALYSIS_PLAN + "/export?layer=" + layer + "&format=geojson");
    assertThat(geojson.status()).as(geojson.text()).isEqualTo(200);
    JsonNode collection = JSON.readTree(geojson.body());
    assertThat(collection.get("features")).hasSize(expected.size());
    double geojsonM2 = 0;
    for (int i = 0; i < expected.size(); i++) {
      JsonNode p = collection.get("features").get(i).get("properties");
      assertThat(p.get("areaM2").doubleValue())
          .isEqualTo(expected.get(i).get("areaM2").doubleValue());
      geojsonM2 += p.get("areaM2").doubleValue();
    }
    assertThat(geojsonM2).isCloseTo(apiTotalM2, within(apiTotalM2, 1e-6));
    Path file = Files.write(tmp.resolve(layer + ".geojson"), geojson.body());
    assertThat(Gdal.run("ogrinfo", "-ro", "-al", "-so", file.toString()))
        .contains("Feature Count: " + expected.size());

    // Gauss-Krüger: GDAL recognises the EPSG code.
    Path gk =
        exportShapefile(ANALYSIS_PLAN, layer, "EPSG:4549", encoding, "&unit=mu&schema=survey");
    assertThat(Gdal.epsgOf(gk.resolve(layer + ".shp").toString(), layer)).isEqualTo(4549);
    String gkInfo =
        Gdal.run("ogrinfo", "-ro", "-al", "-geom=NO", gk.resolve(layer + ".shp").toString());
    assertThat(gkInfo).contains("Feature Count: " + expected.size());
    String areaField = layer.equals("overlaps") ? "MJ" : "TBMJ";
    double gkM2 =
        gdalValues(gkInfo, areaField).stream().mapToDouble(Double::parseDouble).sum() * 10_000 / 15;
    assertThat(gkM2).isCloseTo(apiTotalM2, within(apiTotalM2, 1e-6));
  }

  @Test
  void badParametersAreProblems() {
    assertProblem(http.get("/api/plans/" + PLAN + "/export?layer=roads"), 400, "unknown-layer");
    assertProblem(
        http.get("/api/plans/" + PLAN + "/export?layer=zones&crs=EPSG:3857"),
        400,
        "invalid-parameter");
    assertProblem(
        http.get("/api/plans/" + PLAN + "/export?layer=zones&encoding=Big5"),
        400,
        "invalid-parameter");
    assertProblem(
        http.get("/api/plans/" + PLAN + "/export?layer=zones&format=geojson&crs=EPSG:4549"),
        400,
        "invalid-parameter");
    assertProblem(http.get("/api/plans/no-such/export?layer=zones"), 404, "plan-not-found");
  }
}
