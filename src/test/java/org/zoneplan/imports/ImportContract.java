package org.zoneplan.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.zoneplan.testsupport.ExchangeTestBase;
import org.zoneplan.testsupport.Gdal;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.Multipart;
import org.zoneplan.testsupport.Zips;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.ZoneRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Import of zones, parcels and divisions: round trips, files written by GDAL, encodings, CRSs, dry
 * runs, all-or-nothing, and hostile uploads. Runs unchanged on H2GIS and PostGIS.
 */
@TestPropertySource(
    properties = {
      "spring.servlet.multipart.max-file-size=2MB",
      "spring.servlet.multipart.max-request-size=3MB",
      "zoneplan.exchange.max-import-features=500",
      "zoneplan.exchange.max-listed-errors=100"
    })
abstract class ImportContract extends ExchangeTestBase {
  static final String TARGET = "import-test";

  @Autowired ZoneRepository zoneRepository;

  @BeforeEach
  void targetPlan() {
    if (zoneRepository.findPlan(TARGET).isEmpty()) {
      zoneRepository.insertPlan(
          new PlanVersion(TARGET, "导入测试", LocalDate.of(2024, 1, 1), PlanStatus.DRAFT));
    }
  }

  @AfterEach
  void tempFolderIsLeftEmpty() throws IOException {
    if (Files.exists(EXCHANGE_TMP)) {
      try (var left = Files.list(EXCHANGE_TMP)) {
        assertThat(left.toList()).as("left in the exchange temp folder").isEmpty();
      }
    }
    assertThat(EXCHANGE_TMP.resolveSibling("evil.txt")).doesNotExist();
  }

  Http.Response upload(
      byte[] file, String name, String layer, String plan, boolean dryRun, String... extra)
      throws Exception {
    Multipart m = new Multipart().file(name, file).field("layer", layer);
    if (plan != null) {
      m.field("plan", plan);
    }
    m.field("dryRun", Boolean.toString(dryRun));
    for (int i = 0; i + 1 < extra.length; i += 2) {
      m.field(extra[i], extra[i + 1]);
    }
    return m.post(port, "/api/import");
  }

  int zoneCount(String plan) {
    return zoneRepository.findZones(plan).size();
  }

  void deleteTargetZones() {
    // children first
    for (int round = 0; round < 5 && zoneCount(TARGET) > 0; round++) {
      zoneRepository.findZones(TARGET).stream()
          .filter(z -> zoneRepository.countChildren(TARGET, z.code()) == 0)
          .forEach(z -> zoneRepository.deleteZone(TARGET, z.code()));
    }
  }

  /** Properties and geometry of every zone of a plan, by code, as the GeoJSON export has them. */
  Map<String, JsonNode> geojsonZones(String plan) throws Exception {
    Download d = download("/api/plans/" + plan + "/export?layer=zones&format=geojson");
    Map<String, JsonNode> byCode = new LinkedHashMap<>();
    for (JsonNode f : JSON.readTree(d.body()).get("features")) {
      ((ObjectNode) f.get("properties")).remove("planId");
      byCode.put(f.get("id").asString(), f);
    }
    return byCode;
  }

  @ParameterizedTest(name = "{0} {1}: export → import → export gives the same zones")
  @CsvSource({"GBK, EPSG:4490", "UTF-8, EPSG:4490", "GBK, EPSG:4549", "UTF-8, EPSG:4528"})
  void roundTripOfZones(String encoding, String crs) throws Exception {
    deleteTargetZones();
    Path exported = exportShapefile("zones", crs, encoding, "");
    Http.Response r = upload(Zips.folder(exported), "zones.zip", "zones", TARGET, false);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode report = r.json();
    assertThat(report.get("written").booleanValue()).isTrue();
    assertThat(report.get("file").get("encoding").asString()).isEqualTo(encoding);
    assertThat(report.get("file").get("encodingSource").asString()).isEqualTo(".cpg");
    assertThat(report.get("file").get("crs").asString()).isEqualTo(crs);
    assertThat(report.get("counts").get("created").intValue()).isEqualTo(11);
    assertThat(report.get("errors")).isEmpty();

    Map<String, JsonNode> before = geojsonZones(PLAN);
    Map<String, JsonNode> after = geojsonZones(TARGET);
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String code : before.keySet()) {
      JsonNode a = before.get(code).get("properties");
      JsonNode b = after.get(code).get("properties");
      double areaA = a.get("areaM2").doubleValue();
      double areaB = b.get("areaM2").doubleValue();
      ((ObjectNode) a).remove("areaM2");
      ((ObjectNode) b).remove("areaM2");
      assertThat(b).as(code).isEqualTo(a);
      if (crs.equals("EPSG:4490")) {
        assertThat(after.get(code).get("geometry"))
            .as(code)
            .isEqualTo(before.get(code).get("geometry"));
        assertThat(areaB).isEqualTo(areaA);
      } else {
        assertThat(areaB).as(code).isCloseTo(areaA, within(areaA, 1e-9));
      }
    }
    // and the second shapefile export reads the same in GDAL, but for the plan column
    Path again = tmp.resolve("again");
    Files.createDirectories(again);
    Download second =
        download(
            "/api/plans/"
                + TARGET
                + "/export?layer=zones&format=shapefile&crs="
                + crs
                + "&encoding="
                + encoding);
    Path secondDir = unzip(second.body(), "second");
    String first =
        Gdal.run("ogrinfo", "-ro", "-al", "-geom=NO", exported.resolve("zones.shp").toString());
    String next =
        Gdal.run("ogrinfo", "-ro", "-al", "-geom=NO", secondDir.resolve("zones.shp").toString());
    assertThat(withoutPlan(next)).isEqualTo(withoutPlan(first));
    deleteTargetZones();
  }

  private static String withoutPlan(String ogrinfo) {
    return ogrinfo
        .replaceAll("(?m)^  PLAN \\(String\\) = .*$", "")
        .replaceAll("(?m)^\\s*PLAN: String .*$", "")
        .replaceAll("(?m)^INFO: Open of .*$", "")
        .replaceAll("(?m)^      using driver .*$", "")
        .replaceAll("(?m)^  AREA_M2 \\(Real\\) = .*$", "");
  }

  @Test
  void aGbkShapefileFromOgr2ogrWithoutCpgKeepsItsChineseNames() throws Exception {
    deleteTargetZones();
    Download geojson = download("/api/plans/" + PLAN + "/export?layer=zones&format=geojson");
    Path source = Files.write(tmp.resolve("zones.geojson"), geojson.body());
    Path dir = Files.createDirectories(tmp.resolve("ogr2ogr-gbk"));
    Gdal.run(
        "ogr2ogr",
        "-f",
        "ESRI Shapefile",
        "-lco",
        "ENCODING=CP936",
        dir.resolve("zones.shp").toString(),
        source.toString());
    Files.deleteIfExists(dir.resolve("zones.cpg"));
    byte[] dbf = Files.readAllBytes(dir.resolve("zones.dbf"));
    assertThat(new String(dbf, StandardCharsets.ISO_8859_1)).doesNotContain("核心区");

    // GDAL 3.6 writes language driver byte 0 and says the encoding only in the .cpg: without
    // it, the text itself tells (not valid UTF-8, so GBK).
    assertThat(dbf[29]).isZero();
    Http.Response r = upload(Zips.folder(dir), "gdal.zip", "zones", TARGET, false);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("file").get("encodingSource").asString()).isEqualTo("detected");
    assertThat(r.json().get("file").get("encoding").asString()).isEqualTo("GBK");

    // ArcGIS sets the language driver byte to 0x4D (code page 936): that is enough.
    dbf[29] = 0x4D;
    Files.write(dir.resolve("zones.dbf"), dbf);
    Http.Response dry = upload(Zips.folder(dir), "gdal.zip", "zones", TARGET, true);
    assertThat(dry.status()).as(dry.text()).isEqualTo(200);
    assertThat(dry.json().get("file").get("encoding").asString()).isEqualTo("GBK");
    assertThat(dry.json().get("file").get("encodingSource").asString())
        .isEqualTo("language driver");
    Map<String, JsonNode> before = geojsonZones(PLAN);
    Map<String, JsonNode> after = geojsonZones(TARGET);
    for (String code : before.keySet()) {
      assertThat(after.get(code).get("properties").get("name"))
          .isEqualTo(before.get(code).get("properties").get("name"));
      assertThat(after.get(code).get("properties").get("managedBy"))
          .isEqualTo(before.get(code).get("properties").get("managedBy"));
    }
    deleteTargetZones();
  }

  static String zoneFeature(String code, String name, String kind, String ring) {
    return "{\"type\":\"Feature\",\"properties\":{\"code\":\""
        + code
        + "\",\"name\":\""
        + name
        + "\",\"kind\":\""
        + kind
        + "\",\"parent\":null},\"geometry\":{\"type\":\"Polygon\","
        + "\"coordinates\":[["
        + ring
        + "]]}}";
  }

  static byte[] collection(String... features) {
    return ("{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static final String SQUARE =
      "[119.70,29.50],[119.72,29.50],[119.72,29.52],[119.70,29.52],[119.70,29.50]";
  static final String BOWTIE =
      "[119.80,29.50],[119.82,29.52],[119.82,29.50],[119.80,29.52],[119.80,29.50]";

  @Test
  void aDryRunReportsCountsAreasAndRepairsAndWritesNothing() throws Exception {
    byte[] file =
        collection(
            zoneFeature("T-1", "测试一", "ZONE", SQUARE), zoneFeature("T-2", "蝴蝶", "ZONE", BOWTIE));
    int before = zoneCount(TARGET);
    Http.Response r = upload(file, "zones.geojson", "zones", TARGET, true);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonNode report = r.json();
    assertThat(report.get("dryRun").booleanValue()).isTrue();
    assertThat(report.get("written").booleanValue()).isFalse();
    assertThat(report.get("counts").get("features").intValue()).isEqualTo(2);
    assertThat(report.get("counts").get("accepted").intValue()).isEqualTo(2);
    assertThat(report.get("counts").get("created").intValue()).isEqualTo(2);
    assertThat(report.get("counts").get("repaired").intValue()).isEqualTo(1);
    assertThat(report.get("repairs").get(0).get("key").asString()).isEqualTo("T-2");
    assertThat(report.get("repairs").get(0).get("report").asString()).contains("GeometryFixer");
    // A 0.02° square near 29.5°N: about 2.22 km × 1.94 km; the bow-tie's two triangles half that.
    double km2 = report.get("area").get("areaKm2").doubleValue();
    assertThat(km2).isBetween(4.2 * 1.5, 4.4 * 1.5);
    assertThat(report.get("area").get("areaMu").doubleValue())
        .isCloseTo(km2 * 1500, within(km2 * 1500, 1e-12));
    assertThat(zoneCount(TARGET)).isEqualTo(before);
    // the same file behind a UTF-8 byte-order mark, as Windows editors save it
    byte[] withBom = new byte[file.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(file, 0, withBom, 3, file.length);
    Http.Response bom = upload(withBom, "zones.geojson", "zones", TARGET, true);
    assertThat(bom.status()).as(bom.text()).isEqualTo(200);
    assertThat(bom.json().get("counts").get("accepted").intValue()).isEqualTo(2);
  }

  @Test
  void oneBadFeatureRefusesTheWholeImport() throws Exception {
    byte[] file =
        collection(
            zoneFeature("T-1", "测试一", "ZONE", SQUARE),
            zoneFeature("T-2", "蝴蝶", "ZONE", BOWTIE),
            zoneFeature("T-3", "公园", "PARK", SQUARE));
    int before = zoneCount(TARGET);
    Http.Response r = upload(file, "zones.geojson", "zones", TARGET, false);
    assertProblem(r, 422, "import-refused");
    assertThat(r.json().get("detail").asString()).contains("nothing was written");
    JsonNode errors = r.json().get("report").get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("feature").intValue()).isEqualTo(3);
    assertThat(errors.get(0).get("reason").asString()).contains("PARK");
    assertThat(zoneCount(TARGET)).isEqualTo(before);

    // the same as a dry run: 200, the same errors, and still nothing written
    Http.Response dry = upload(file, "zones.geojson", "zones", TARGET, true);
    assertThat(dry.status()).isEqualTo(200);
    assertThat(dry.json().get("errors")).hasSize(1);
    assertThat(zoneCount(TARGET)).isEqualTo(before);

    // an unclosed ring, with its coordinate
    String open = "[119.70,29.50],[119.72,29.50],[119.72,29.52],[119.70,29.52]";
    Http.Response unclosed =
        upload(
            collection(zoneFeature("T-4", "未闭合", "ZONE", open)),
            "z.geojson",
            "zones",
            TARGET,
            false);
    assertProblem(unclosed, 422, "import-refused");
    assertThat(
            unclosed
                .json()
                .get("report")
                .get("errors")
                .get(0)
                .get("coordinate")
                .get(0)
                .doubleValue())
        .isEqualTo(119.70);
  }

  @Test
  void theCrsComesFromThePrjOrTheRequestAndEightDigitEastingsNameTheZone() throws Exception {
    Path dir = exportShapefile("zones", "EPSG:4528", "UTF-8", "");
    Files.delete(dir.resolve("zones.prj"));
    Http.Response noPrj = upload(Zips.folder(dir), "zones.zip", "zones", TARGET, true);
    assertProblem(noPrj, 422, "unknown-crs");
    assertThat(noPrj.json().get("detail").asString()).contains("no .prj").contains("crs");

    // Told "zone 40 without the zone number", the 40xxxxxx eastings say otherwise.
    Http.Response told =
        upload(Zips.folder(dir), "zones.zip", "zones", TARGET, true, "crs", "EPSG:4549");
    assertThat(told.status()).as(told.text()).isEqualTo(200);
    assertThat(told.json().get("file").get("crs").asString()).isEqualTo("EPSG:4528");
    assertThat(told.json().get("warnings").get(0).asString()).contains("read as EPSG:4528");
    double total = 0;
    for (JsonNode z : geojsonZones(PLAN).values()) {
      total += z.get("properties").get("areaM2").doubleValue();
    }
    assertThat(told.json().get("area").get("areaM2").doubleValue())
        .isCloseTo(total, within(total, 1e-9));

    // A projected file that claims to be degrees
    Http.Response wrong =
        upload(Zips.folder(dir), "zones.zip", "zones", TARGET, true, "crs", "EPSG:4490");
    assertProblem(wrong, 422, "unknown-crs");
  }

  @Test
  void nonPolygonLayersAreRefused() throws Exception {
    String points =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"点\"},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[119.9,29.4]}}]}";
    Http.Response json =
        upload(points.getBytes(StandardCharsets.UTF_8), "p.geojson", "parcels", null, true);
    assertProblem(json, 422, "not-polygon");
    Path source = Files.writeString(tmp.resolve("points.geojson"), points);
    Path dir = Files.createDirectories(tmp.resolve("points"));
    Gdal.run(
        "ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("points.shp").toString(), source.toString());
    Http.Response shp = upload(Zips.folder(dir), "points.zip", "parcels", null, true);
    assertProblem(shp, 422, "not-polygon");
    assertThat(shp.json().get("detail").asString()).contains("points");
  }

  @Test
  void parcelsFromGeoJsonAndGeoPackageAndAShapefileRoundTrip() throws Exception {
    long before = parcels.count();
    double total = 0;
    List<org.zoneplan.parcels.Parcel> stored = new java.util.ArrayList<>();
    parcels.forEach(stored::add);
    for (var p : stored) {
      total += p.areaM2();
    }
    for (String format : List.of("geojson", "geopackage")) {
      Download d = download("/api/plans/" + PLAN + "/export?layer=parcels&format=" + format);
      Http.Response r = upload(d.body(), "parcels." + format, "parcels", null, true);
      assertThat(r.status()).as(format + " " + r.text()).isEqualTo(200);
      assertThat(r.json().get("file").get("format").asString()).isEqualTo(format);
      assertThat(r.json().get("counts").get("accepted").intValue()).isEqualTo(4);
      assertThat(r.json().get("area").get("areaM2").doubleValue())
          .isCloseTo(total, within(total, 1e-12));
    }
    assertThat(parcels.count()).isEqualTo(before);

    Path dir = exportShapefile("parcels", "EPSG:4549", "GBK", "&schema=survey&unit=mu");
    Http.Response r = upload(Zips.folder(dir), "parcels.zip", "parcels", null, false);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(parcels.count()).isEqualTo(before + 4);
    List<org.zoneplan.parcels.Parcel> all = new java.util.ArrayList<>();
    parcels.forEach(all::add);
    for (int i = 0; i < 4; i++) {
      var a = stored.get(i);
      var b = all.get(all.size() - 4 + i);
      assertThat(b.landUseCode()).isEqualTo(a.landUseCode());
      assertThat(b.scheme()).isEqualTo(a.scheme());
      assertThat(b.areaM2()).isCloseTo(a.areaM2(), within(a.areaM2(), 1e-9));
      // The exported owner comes back as the owner (share 1) of the imported parcel; the stored
      // enterprise is kept (its 187-character name was cut in the DBF, not in the store).
      assertThat(parcels.landUsers(b.id())).isEqualTo(parcels.landUsers(a.id()));
      assertThat(b.geometry().getNumGeometries()).isEqualTo(a.geometry().getNumGeometries());
    }
    for (int i = 0; i < 4; i++) {
      parcels.delete(all.get(all.size() - 1 - i).id());
    }
  }

  @Test
  void parcelsInReplaceModeSwapTheWholeSetInOneTransaction() throws Exception {
    long before = parcels.count();
    assertThat(before).isPositive();
    Download d = download("/api/plans/" + PLAN + "/export?layer=parcels&format=geojson");
    long fileCount = before;

    // Dry run: counts what would go, deletes nothing.
    Http.Response dry =
        upload(d.body(), "parcels.geojson", "parcels", null, true, "mode", "replace");
    assertThat(dry.status()).as(dry.text()).isEqualTo(200);
    assertThat(dry.json().get("counts").get("replaced").intValue()).isEqualTo((int) before);
    assertThat(dry.json().get("counts").get("created").intValue()).isEqualTo((int) fileCount);
    assertThat(parcels.count()).isEqualTo(before);

    // A file with one bad feature: refused, and the stored parcels are all still there.
    String bad =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + "{\"enterpriseName\":\"无地类\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[119.90,29.45],[119.91,29.45],[119.91,29.46],[119.90,29.46],[119.90,29.45]]]}}]}";
    List<Long> idsBefore = new java.util.ArrayList<>();
    parcels.forEach(p -> idsBefore.add(p.id()));
    Http.Response refused =
        upload(
            bad.getBytes(StandardCharsets.UTF_8),
            "bad.geojson",
            "parcels",
            null,
            false,
            "mode",
            "replace");
    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    List<Long> idsAfterRefusal = new java.util.ArrayList<>();
    parcels.forEach(p -> idsAfterRefusal.add(p.id()));
    assertThat(idsAfterRefusal).isEqualTo(idsBefore);

    // Replace: the file's parcels and no others (an append would have doubled them).
    Http.Response replaced =
        upload(d.body(), "parcels.geojson", "parcels", null, false, "mode", "replace");
    assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
    assertThat(parcels.count()).isEqualTo(fileCount);
    List<Long> idsAfter = new java.util.ArrayList<>();
    parcels.forEach(p -> idsAfter.add(p.id()));
    assertThat(idsAfter).doesNotContainAnyElementsOf(idsBefore);
    assertThat(new Http(port).get("/api/audit?limit=5").json().toString()).contains("mode=replace");

    // Zones are replaced by code: mode=replace is refused for them.
    Http.Response zones = upload(d.body(), "zones.geojson", "zones", PLAN, true, "mode", "replace");
    assertThat(zones.status()).isEqualTo(400);
  }

  @Test
  void divisionsImportAndReplaceByCode() throws Exception {
    Path dir = exportShapefile("divisions", "EPSG:4490", "GBK", "&schema=survey");
    Http.Response r = upload(Zips.folder(dir), "divisions.zip", "divisions", null, false);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    // the exported outlines: Jinhua's 9 counties, Hangzhou's 13 districts and Hangzhou (issue 14)
    assertThat(r.json().get("counts").get("replaced").intValue()).isEqualTo(23);
    JsonNode pujiang = http.get("/api/divisions/330726").json();
    assertThat(pujiang.get("properties").get("name").asString()).isEqualTo("浦江县");
    assertThat(pujiang.get("properties").get("areaKm2").doubleValue())
        .isCloseTo(916.5, org.assertj.core.data.Offset.offset(1.0));
  }

  // ---------------------------------------------------------------- hostile uploads

  @Test
  void aZipEntryThatClimbsOutOfTheFolderIsRefused() throws Exception {
    Path dir = exportShapefile("zones", "EPSG:4490", "UTF-8", "");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        entries.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    entries.put("../evil.txt", "x".getBytes(StandardCharsets.UTF_8));
    int before = zoneCount(TARGET);
    Http.Response r = upload(Zips.of(entries), "evil.zip", "zones", TARGET, false);
    assertProblem(r, 400, "unsafe-archive");
    assertThat(r.json().get("detail").asString()).contains("../evil.txt");
    assertThat(zoneCount(TARGET)).isEqualTo(before);
  }

  @Test
  void aZipBombIsRefused() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("bomb.shp", new byte[60 * 1024 * 1024]);
    byte[] zip = Zips.of(entries);
    assertThat(zip.length).isLessThan(1024 * 1024);
    Http.Response r = upload(zip, "bomb.zip", "parcels", null, false);
    assertProblem(r, 413, "upload-too-large");
    assertThat(r.json().get("detail").asString()).contains("zip bomb");
  }

  @Test
  void aTruncatedShpIsRefused() throws Exception {
    Path dir = exportShapefile("zones", "EPSG:4490", "UTF-8", "");
    byte[] shp = Files.readAllBytes(dir.resolve("zones.shp"));
    Files.write(dir.resolve("zones.shp"), java.util.Arrays.copyOf(shp, shp.length - 1000));
    Http.Response r = upload(Zips.folder(dir), "zones.zip", "zones", TARGET, false);
    assertProblem(r, 422, "unreadable-file");
    assertThat(r.json().get("detail").asString()).contains("truncated");
  }

  @Test
  void aDbfWhoseRowCountDisagreesWithTheShpIsRefused() throws Exception {
    Path dir = exportShapefile("zones", "EPSG:4490", "UTF-8", "");
    Path dbf = dir.resolve("zones.dbf");
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dbf)).order(ByteOrder.LITTLE_ENDIAN);
    int rows = b.getInt(4);
    int recordLength = Short.toUnsignedInt(b.getShort(10));
    b.putInt(4, rows - 1);
    byte[] shorter = java.util.Arrays.copyOf(b.array(), b.capacity() - recordLength - 1);
    Files.write(dbf, shorter);
    Http.Response r = upload(Zips.folder(dir), "zones.zip", "zones", TARGET, false);
    assertProblem(r, 422, "unreadable-file");
    assertThat(r.json().get("detail").asString())
        .contains((rows - 1) + " rows")
        .contains(rows + " shapes");
  }

  @Test
  void anUploadOverTheSizeLimitIsRefused() throws Exception {
    byte[] big = new byte[2 * 1024 * 1024 + 1];
    new java.util.Random(1).nextBytes(big);
    Http.Response r = upload(big, "big.zip", "parcels", null, false);
    assertProblem(r, 413, "upload-too-large");
  }

  @Test
  void badRequestsAreProblems() throws Exception {
    assertProblem(upload(collection(), "x.geojson", "roads", null, true), 400, "invalid-parameter");
    assertProblem(upload(collection(), "x.geojson", "zones", null, true), 400, "invalid-parameter");
    assertProblem(
        upload(collection(), "x.geojson", "zones", "no-such", true), 404, "plan-not-found");
    assertProblem(
        upload("hello".getBytes(StandardCharsets.UTF_8), "x.txt", "parcels", null, true),
        415,
        "unsupported-file");
  }

  // ------------------------------------------------- hostile GeoPackages (issue 13, point 2)

  /**
   * A GeoPackage with the metadata tables and one feature "table" made by {@code featureSql} (which
   * may be a view or a table with odd columns): registered in gpkg_contents and
   * gpkg_geometry_columns as table "parcels", geometry column "geom".
   */
  byte[] hostileGeoPackage(String... featureSql) throws Exception {
    Path file = tmp.resolve("hostile-" + System.nanoTime() + ".gpkg");
    try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement s = db.createStatement()) {
      s.execute("PRAGMA application_id = 1196444487"); // 'GPKG'
      s.execute(
          "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
              + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
              + " definition TEXT NOT NULL, description TEXT)");
      s.execute(
          "INSERT INTO gpkg_spatial_ref_sys VALUES ('CGCS2000', 4490, 'EPSG', 4490, 'undefined',"
              + " NULL)");
      s.execute(
          "CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL,"
              + " identifier TEXT, description TEXT, last_change DATETIME, min_x DOUBLE, min_y"
              + " DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)");
      s.execute(
          "INSERT INTO gpkg_contents VALUES ('parcels', 'features', 'parcels', '', "
              + "'2026-01-01T00:00:00Z', 119, 29, 120, 30, 4490)");
      s.execute(
          "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT"
              + " NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT"
              + " NULL, m TINYINT NOT NULL)");
      s.execute(
          "INSERT INTO gpkg_geometry_columns VALUES ('parcels', 'geom', 'MULTIPOLYGON', 4490, 0, 0)");
      for (String sql : featureSql) {
        s.execute(sql);
      }
    }
    return Files.readAllBytes(file);
  }

  /** A GeoPackage geometry blob: header without envelope, then WKB of a small square. */
  static byte[] gpkgSquare() {
    var wkb =
        new org.locationtech.jts.io.WKBWriter()
            .write(
                new org.locationtech.jts.geom.GeometryFactory()
                    .createPolygon(
                        new org.locationtech.jts.geom.Coordinate[] {
                          new org.locationtech.jts.geom.Coordinate(119.80, 29.45),
                          new org.locationtech.jts.geom.Coordinate(119.801, 29.45),
                          new org.locationtech.jts.geom.Coordinate(119.801, 29.451),
                          new org.locationtech.jts.geom.Coordinate(119.80, 29.451),
                          new org.locationtech.jts.geom.Coordinate(119.80, 29.45)
                        }));
    ByteBuffer b = ByteBuffer.allocate(8 + wkb.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 1).putInt(4490).put(wkb);
    return b.array();
  }

  /**
   * Sends {@code gpkg} as a parcel dry run and a real run, each refused quickly, nothing written.
   */
  void assertRefusedQuickly(byte[] gpkg, String slug, String detailPart) throws Exception {
    String before = storeCounts();
    for (boolean dryRun : new boolean[] {true, false}) {
      long start = System.nanoTime();
      Http.Response r = upload(gpkg, "hostile.gpkg", "parcels", null, dryRun);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertProblem(r, 422, slug);
      assertThat(r.json().get("detail").asString()).contains(detailPart);
      assertThat(ms).as("answered in ms").isLessThan(5_000);
    }
    assertThat(storeCounts()).isEqualTo(before);
  }

  String storeCounts() {
    return jdbc.sql("SELECT COUNT(*) FROM parcel").query(Long.class).single()
        + " "
        + jdbc.sql("SELECT COUNT(*) FROM zone").query(Long.class).single()
        + " "
        + jdbc.sql("SELECT COUNT(*) FROM division").query(Long.class).single();
  }

  @Test
  void aRecursiveViewRegisteredAsTheFeatureTableIsRefusedAtOnce() throws Exception {
    byte[] gpkg =
        hostileGeoPackage(
            "CREATE VIEW parcels AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM"
                + " r) SELECT n AS fid, NULL AS geom, '0601' AS dlbm FROM r");
    assertThat(gpkg.length).isLessThan(64 * 1024);
    // Meanwhile other users are served: four such uploads at once, while plans are read.
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Http.Response>> uploads = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        uploads.add(pool.submit(() -> upload(gpkg, "view.gpkg", "parcels", null, true)));
      }
      long start = System.nanoTime();
      assertThat(http.get("/api/plans").status()).isEqualTo(200);
      assertThat((System.nanoTime() - start) / 1_000_000).as("GET /api/plans ms").isLessThan(2_000);
      for (var f : uploads) {
        assertProblem(f.get(10, java.util.concurrent.TimeUnit.SECONDS), 422, "unreadable-file");
      }
    } finally {
      pool.shutdownNow();
    }
    assertRefusedQuickly(gpkg, "unreadable-file", "is a view, not a table");
  }

  @Test
  void aViewOfHugeZeroBlobsIsRefusedWithoutReadingThem() throws Exception {
    assertRefusedQuickly(
        hostileGeoPackage(
            "CREATE VIEW parcels AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM"
                + " r LIMIT 1000) SELECT n AS fid, zeroblob(100000000) AS geom, '0601' AS dlbm"
                + " FROM r"),
        "unreadable-file",
        "is a view, not a table");
  }

  @Test
  void metadataTablesThatAreViewsAreRefused() throws Exception {
    assertRefusedQuickly(
        hostileGeoPackage(
            "DROP TABLE gpkg_geometry_columns",
            "CREATE VIEW gpkg_geometry_columns AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL"
                + " SELECT n + 1 FROM r) SELECT 'parcels' AS table_name, 'geom' AS column_name,"
                + " 'MULTIPOLYGON' AS geometry_type_name, 4490 AS srs_id, 0 AS z, 0 AS m FROM r"
                + " WHERE n < 0",
            "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB, dlbm TEXT)"),
        "unreadable-file",
        "\"gpkg_geometry_columns\" is a view");
  }

  @Test
  void aColumnComputedWhenReadIsRefused() throws Exception {
    assertRefusedQuickly(
        hostileGeoPackage(
            "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, dlbm TEXT, geom BLOB GENERATED ALWAYS"
                + " AS (zeroblob(100000000)) VIRTUAL)",
            "INSERT INTO parcels (fid, dlbm) VALUES (1, '0601')"),
        "unreadable-file",
        "computed when read");
  }

  @Test
  void aHugeTextValueIsRefusedNamingTheLimit() throws Exception {
    Path file = tmp.resolve("text.gpkg");
    byte[] gpkg =
        hostileGeoPackage(
            "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB, dlbm TEXT, qymc TEXT)");
    Files.write(file, gpkg);
    try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.PreparedStatement s =
            db.prepareStatement("INSERT INTO parcels (geom, dlbm, qymc) VALUES (?, '0601', ?)")) {
      s.setBytes(1, gpkgSquare());
      s.setString(2, "厂".repeat(600_000));
      s.executeUpdate();
    }
    byte[] withText = Files.readAllBytes(file);
    assertThat(withText.length).isLessThan(2 * 1024 * 1024);
    assertRefusedQuickly(withText, "upload-limit", "zoneplan.exchange.max-text-length");
    Http.Response r = upload(withText, "text.gpkg", "parcels", null, true);
    assertThat(r.json().get("limit").asString()).isEqualTo("text-length");
    assertThat(r.json().get("max").intValue()).isEqualTo(65_536);
    assertThat(r.json().get("property").asString()).isEqualTo("zoneplan.exchange.max-text-length");
  }

  @Test
  void anOrdinaryGeoPackageTableStillImports() throws Exception {
    Path file = tmp.resolve("ok.gpkg");
    Files.write(
        file,
        hostileGeoPackage("CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB, dlbm TEXT)"));
    try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.PreparedStatement s =
            db.prepareStatement("INSERT INTO parcels (geom, dlbm) VALUES (?, '0601')")) {
      s.setBytes(1, gpkgSquare());
      s.executeUpdate();
    }
    Http.Response r = upload(Files.readAllBytes(file), "ok.gpkg", "parcels", null, true);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("counts").get("accepted").intValue()).isEqualTo(1);
  }

  @Test
  void brokenGeoPackageMetadataIsAProblemNotA500() throws Exception {
    Http.Response badSrs =
        upload(
            hostileGeoPackage(
                "UPDATE gpkg_spatial_ref_sys SET organization_coordsys_id = 'abc'",
                "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB, dlbm TEXT)"),
            "srs.gpkg",
            "parcels",
            null,
            true);
    assertProblem(badSrs, 422, "unknown-crs");
    Http.Response noType =
        upload(
            hostileGeoPackage(
                "DROP TABLE gpkg_geometry_columns",
                "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT,"
                    + " geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT)",
                "INSERT INTO gpkg_geometry_columns VALUES ('parcels', 'geom', NULL, 4490, 0, 0)",
                "CREATE TABLE parcels (fid INTEGER PRIMARY KEY, geom BLOB, dlbm TEXT)"),
            "type.gpkg",
            "parcels",
            null,
            true);
    assertProblem(noType, 422, "not-polygon");
  }

  @Test
  void moreFeaturesThanTheLimitAreRefusedNamingIt() throws Exception {
    String before = storeCounts();
    String[] features = new String[501];
    java.util.Arrays.fill(features, zoneFeature("T-1", "多", "ZONE", SQUARE));
    Http.Response r = upload(collection(features), "many.geojson", "zones", TARGET, false);
    assertProblem(r, 422, "upload-limit");
    assertThat(r.json().get("limit").asString()).isEqualTo("features");
    assertThat(r.json().get("max").intValue()).isEqualTo(500);
    assertThat(r.json().get("property").asString())
        .isEqualTo("zoneplan.exchange.max-import-features");
    assertThat(storeCounts()).isEqualTo(before);
  }

  @Test
  void manyBadFeaturesGetABoundedReportCountingThoseNotListed() throws Exception {
    String before = storeCounts();
    // 480 features without geometry (each a refused feature), a 2 KB code on each, and 20 good
    String[] features = new String[500];
    String longCode = "X".repeat(2_000);
    for (int i = 0; i < 480; i++) {
      features[i] =
          "{\"type\":\"Feature\",\"properties\":{\"code\":\""
              + longCode
              + i
              + "\",\"name\":\"无图形\",\"kind\":\"ZONE\"},\"geometry\":null}";
    }
    for (int i = 480; i < 500; i++) {
      features[i] = zoneFeature("G-" + i, "好", "ZONE", SQUARE);
    }
    byte[] file = collection(features);
    Http.Response r = upload(file, "bad.geojson", "zones", TARGET, false);
    assertProblem(r, 422, "import-refused");
    assertThat(r.json().get("problemCount").intValue()).isEqualTo(480);
    assertThat(r.json().get("listed").intValue()).isEqualTo(100);
    assertThat(r.json().get("detail").asString())
        .startsWith("480 of 500 features cannot be imported")
        .contains("the first 100 are listed");
    JsonNode report = r.json().get("report");
    assertThat(report.get("errors")).hasSize(100);
    assertThat(report.get("problemCount").intValue()).isEqualTo(480);
    assertThat(report.get("listed").intValue()).isEqualTo(100);
    assertThat(report.get("counts").get("errors").intValue()).isEqualTo(480);
    assertThat(report.get("errors").get(0).get("feature").intValue()).isEqualTo(1);
    assertThat(report.get("errors").get(99).get("feature").intValue()).isEqualTo(100);
    // a key read from the file is listed shortened: 100 keys of 2 KB would be 200 KB
    assertThat(report.get("errors").get(0).get("key").asString()).hasSizeLessThan(300);
    // bounded: 100 errors of a few hundred bytes, whatever the file held
    assertThat(r.text().length()).isLessThan(60_000);
    assertThat(storeCounts()).isEqualTo(before);

    // a dry run answers 200 with the same bounded report
    Http.Response dry = upload(file, "bad.geojson", "zones", TARGET, true);
    assertThat(dry.status()).isEqualTo(200);
    assertThat(dry.json().get("errors")).hasSize(100);
    assertThat(dry.json().get("problemCount").intValue()).isEqualTo(480);
    assertThat(dry.json().get("counts").get("accepted").intValue()).isEqualTo(20);
    assertThat(storeCounts()).isEqualTo(before);
  }

  // ---- enterprises on parcel files

  private static String landBureauFile(String code, String badCode) {
    String square =
        "{\"type\":\"Polygon\",\"coordinates\":[[[%1$s,29.30],[%2$s,29.30],[%2$s,29.301],"
            + "[%1$s,29.301],[%1$s,29.30]]]}";
    String[] features = {
      "{\"DLBM\":\"0601\",\"QYMC\":\"浦江县新材料有限公司\",\"TYSHXYDM\":\""
          + code
          + "\",\"SSZE\":10,\"ZJZ\":30,\"CYRS\":5}",
      "{\"DLBM\":\"0601\",\"TYSHXYDM\":\""
          + (badCode != null ? badCode : code)
          + "\",\"SSZE\":2.5,\"CYRS\":3}",
      "{\"DLBM\":\"0601\",\"QYMC\":\"无代码企业\",\"SSZE\":1}"
    };
    StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < features.length; i++) {
      double lon = 119.80 + i * 0.002;
      json.append(i == 0 ? "" : ",")
          .append("{\"type\":\"Feature\",\"properties\":")
          .append(features[i])
          .append(",\"geometry\":")
          .append(String.format(square, lon, lon + 0.001))
          .append("}");
    }
    return json.append("]}").toString();
  }

  private List<Map<String, Object>> rows(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query().listOfRows();
  }

  /**
   * A land-bureau parcel file naming enterprises: the enterprise and owner links are made in the
   * import's transaction; tax, value added and employees become statistics only with a year (summed
   * over the enterprise's parcels, the year's other figures kept), and are reported as skipped
   * columns without one; a parcel naming an enterprise without a code gets no link; a bad code
   * refuses the file.
   */
  @Test
  void parcelFilesMakeEnterprisesOwnersAndWithAYearStatistics() throws Exception {
    String first17 = "91330726MA2EC9990";
    String code = first17 + org.zoneplan.parcels.CreditCode.checkCharacter(first17);
    String bad = first17 + (code.charAt(17) == 'A' ? 'B' : 'A');
    long before = parcels.count();
    try {
      Http.Response refused =
          upload(
              landBureauFile(code, bad).getBytes(StandardCharsets.UTF_8),
              "parcels.geojson",
              "parcels",
              null,
              false);
      assertThat(refused.status()).as(refused.text()).isEqualTo(422);
      assertThat(refused.text()).contains("TYSHXYDM").contains(bad);
      assertThat(parcels.count()).isEqualTo(before);
      assertThat(rows("SELECT * FROM enterprise WHERE credit_code = ?", code)).isEmpty();

      byte[] file = landBureauFile(code, null).getBytes(StandardCharsets.UTF_8);
      Http.Response noYear = upload(file, "parcels.geojson", "parcels", null, false);
      assertThat(noYear.status()).as(noYear.text()).isEqualTo(200);
      JsonNode e = noYear.json().get("enterprises");
      assertThat(e.get("year").isNull()).isTrue();
      assertThat(e.get("created").intValue()).isEqualTo(1);
      assertThat(e.get("ownerLinks").intValue()).isEqualTo(2);
      assertThat(e.get("statistics").intValue()).isZero();
      assertThat(e.get("skippedColumns").toString())
          .isEqualTo("[\"taxWan\",\"valueAddedWan\",\"employees\"]");
      assertThat(noYear.json().get("warnings").toString()).contains("year=").contains("1 parcels");
      assertThat(parcels.count()).isEqualTo(before + 3);
      assertThat(rows("SELECT name FROM enterprise WHERE credit_code = ?", code))
          .extracting(r -> r.values().iterator().next())
          .containsExactly("浦江县新材料有限公司");
      assertThat(
              rows(
                  "SELECT role, share FROM enterprise_land WHERE credit_code = ?"
                      + " ORDER BY parcel_id",
                  code))
          .extracting(r -> r.values().toString())
          .containsExactly("[OWNER, 1.0]", "[OWNER, 1.0]");
      assertThat(rows("SELECT * FROM enterprise_stat WHERE credit_code = ?", code)).isEmpty();

      // With a year: 10 + 2.5 tax, 30 value added, 5 + 3 employees; the stored revenue stays.
      jdbc.sql("INSERT INTO enterprise_stat (credit_code, stat_year, revenue_wan) VALUES (?, ?, ?)")
          .params(code, 2023, 99.0)
          .update();
      Http.Response withYear =
          upload(file, "parcels.geojson", "parcels", null, false, "year", "2023");
      assertThat(withYear.status()).as(withYear.text()).isEqualTo(200);
      e = withYear.json().get("enterprises");
      assertThat(e.get("year").intValue()).isEqualTo(2023);
      assertThat(e.get("created").intValue()).isZero();
      assertThat(e.get("existing").intValue()).isEqualTo(1);
      assertThat(e.get("statistics").intValue()).isEqualTo(1);
      assertThat(e.get("skippedColumns").toString()).isEqualTo("[\"taxWan\"]");
      assertThat(
              rows(
                  "SELECT tax_wan, value_added_wan, employees, revenue_wan FROM enterprise_stat"
                      + " WHERE credit_code = ?",
                  code))
          .extracting(r -> r.values().toString())
          .containsExactly("[12.5, 30.0, 8, 99.0]");
      assertThat(rows("SELECT * FROM enterprise_land WHERE credit_code = ?", code)).hasSize(4);

      assertThat(upload(file, "zones.geojson", "zones", "x", true, "year", "2023").status())
          .isEqualTo(400);
      assertThat(upload(file, "p.geojson", "parcels", null, true, "year", "20x3").status())
          .isEqualTo(400);
    } finally {
      List<Long> created = new java.util.ArrayList<>();
      parcels.forEach(
          p -> {
            if (p.geometry().getEnvelopeInternal().getMinY() >= 29.2999
                && p.geometry().getEnvelopeInternal().getMaxY() <= 29.3011) {
              created.add(p.id());
            }
          });
      created.forEach(parcels::delete);
      jdbc.sql("DELETE FROM enterprise WHERE credit_code = ?").param(code).update();
    }
  }
}
