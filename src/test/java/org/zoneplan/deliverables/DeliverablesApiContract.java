package org.zoneplan.deliverables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Cs2cs;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The boundary-point table and the 报盘 file through the API, on the Pujiang sample data: every
 * coordinate and distance against PROJ's cs2cs applied to the stored vertices (read with SQL), the
 * file's round trip, and refused files leaving the store as it was. Runs on H2GIS and PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DeliverablesApiContract {
  static final String PLAN = "pujiang-2021";
  static final String ZONE = "PJ-BZ-BM";
  static final Charset GBK = Charset.forName("GBK");
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  Http http;

  @BeforeEach
  void connect() {
    http = new Http(port);
  }

  record Raw(int status, String contentType, byte[] body, String etag) {
    String text(Charset charset) {
      return new String(body, charset);
    }

    JsonNode json() {
      return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }
  }

  Raw get(String path, String accept) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", Credentials.ADMIN.header());
    if (accept != null) {
      r.header("Accept", accept);
    }
    return send(r.GET());
  }

  Raw post(String path, byte[] body, String ifMatch) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", Credentials.ADMIN.header())
            .header("Content-Type", "text/plain");
    if (ifMatch != null) {
      r.header("If-Match", ifMatch);
    }
    return send(r.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static Raw send(HttpRequest.Builder r) throws Exception {
    HttpResponse<byte[]> response = CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Raw(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        response.headers().firstValue("ETag").orElse(null));
  }

  /** The zone's stored geometry, read with SQL (not through zoneplan's code). */
  Geometry stored(String code) throws Exception {
    String wkt =
        jdbc.sql("SELECT ST_AsText(geom) FROM zone WHERE plan_id = ? AND code = ?")
            .params(PLAN, code)
            .query(String.class)
            .single();
    return new WKTReader().read(wkt);
  }

  /** Open rings' vertices as "lon lat" keys, with their counts. */
  static Map<String, Integer> vertexCounts(Geometry g) {
    Map<String, Integer> counts = new HashMap<>();
    for (int p = 0; p < g.getNumGeometries(); p++) {
      org.locationtech.jts.geom.Polygon polygon =
          (org.locationtech.jts.geom.Polygon) g.getGeometryN(p);
      List<org.locationtech.jts.geom.LineString> rings = new ArrayList<>();
      rings.add(polygon.getExteriorRing());
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        rings.add(polygon.getInteriorRingN(h));
      }
      for (org.locationtech.jts.geom.LineString ring : rings) {
        Coordinate[] cs = ring.getCoordinates();
        for (int i = 0; i < cs.length - 1; i++) {
          counts.merge(cs[i].x + " " + cs[i].y, 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  /** The table's points as cs2cs projects their (stored) vertices. */
  static List<Cs2cs.NorthEast> reference(JsonNode points, int epsg) {
    List<double[]> lonLat = new ArrayList<>();
    points.forEach(
        p ->
            lonLat.add(
                new double[] {p.get("longitude").doubleValue(), p.get("latitude").doubleValue()}));
    return Cs2cs.project(lonLat, epsg);
  }

  /** Index of the next point of the same ring (the ring's first after its last). */
  static int next(JsonNode points, int i) {
    int n = points.size();
    JsonNode p = points.get(i);
    if (i + 1 < n && sameRing(points.get(i + 1), p)) {
      return i + 1;
    }
    int j = i;
    while (j > 0 && sameRing(points.get(j - 1), p)) {
      j--;
    }
    return j;
  }

  private static boolean sameRing(JsonNode a, JsonNode b) {
    return a.get("part").intValue() == b.get("part").intValue()
        && a.get("ring").intValue() == b.get("ring").intValue();
  }

  @Test
  void theTableInJsonCsvAndXlsxEqualsProjOnTheStoredVertices() throws Exception {
    Cs2cs.requireAvailable();
    for (String query : List.of("", "?prefix=false", "?epsg=4548&prefix=true")) {
      Raw json = get("/api/plans/" + PLAN + "/zones/" + ZONE + "/boundary-points" + query, null);
      assertThat(json.status()).as(query).isEqualTo(200);
      JsonNode table = json.json();
      int epsg = table.get("epsg").intValue();
      assertThat(epsg).isEqualTo(query.isEmpty() ? 4528 : query.contains("4548") ? 4527 : 4549);
      assertThat(table.propertyNames())
          .containsExactly(
              "planId",
              "code",
              "name",
              "epsg",
              "crs",
              "gkZone",
              "zonePrefix",
              "distance",
              "sharedToleranceM",
              "points");
      assertThat(table.get("code").asString()).isEqualTo(ZONE);
      // EPSG's CGCS2000 3-degree Gauss-Krüger zones: 4513-4533 zones 25-45 with the zone number in
      // Y; 4534-4554 the same central meridians (75°E-135°E) without it
      boolean prefixed = epsg <= 4533;
      assertThat(table.get("zonePrefix").booleanValue()).isEqualTo(prefixed);
      assertThat(table.get("gkZone").intValue())
          .isEqualTo(prefixed ? epsg - 4513 + 25 : epsg - 4534 + 25);
      JsonNode points = table.get("points");
      assertThat(points.get(0).propertyNames())
          .containsExactly(
              "name", "part", "ring", "x", "y", "distanceM", "longitude", "latitude", "shared");

      // The points are exactly the stored vertices (each once, closing vertices not repeated).
      Map<String, Integer> fromTable = new HashMap<>();
      points.forEach(
          p ->
              fromTable.merge(
                  p.get("longitude").doubleValue() + " " + p.get("latitude").doubleValue(),
                  1,
                  Integer::sum));
      assertThat(fromTable).isEqualTo(vertexCounts(stored(ZONE)));

      List<Cs2cs.NorthEast> ref = reference(points, epsg);
      for (int i = 0; i < points.size(); i++) {
        JsonNode p = points.get(i);
        assertThat(p.get("name").asString()).isEqualTo("J" + (i + 1));
        assertThat(p.get("x").doubleValue())
            .as("X %s", p.get("name"))
            .isCloseTo(ref.get(i).northing(), within(0.001));
        assertThat(p.get("y").doubleValue())
            .as("Y %s", p.get("name"))
            .isCloseTo(ref.get(i).easting(), within(0.001));
        Cs2cs.NorthEast a = ref.get(i);
        Cs2cs.NorthEast b = ref.get(next(points, i));
        assertThat(p.get("distanceM").doubleValue())
            .as("distance %s", p.get("name"))
            .isCloseTo(
                Math.hypot(b.northing() - a.northing(), b.easting() - a.easting()), within(0.001));
      }

      // CSV: the same numbers (format= and Accept).
      String sep = query.isEmpty() ? "?" : "&";
      for (Raw csv :
          List.of(
              get(
                  "/api/plans/"
                      + PLAN
                      + "/zones/"
                      + ZONE
                      + "/boundary-points"
                      + query
                      + sep
                      + "format=csv",
                  null),
              get(
                  "/api/plans/" + PLAN + "/zones/" + ZONE + "/boundary-points" + query,
                  "text/csv"))) {
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.text(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFF点号,部分,圈号,X坐标(北,m),Y坐标(东,m),边长(至下一点,m)");
        assertThat(lines).hasSize(points.size() + 1);
        for (int i = 0; i < points.size(); i++) {
          String[] f = lines.get(i + 1).split(",", -1);
          assertThat(f[0]).isEqualTo("J" + (i + 1));
          assertThat(Double.parseDouble(f[3])).isCloseTo(ref.get(i).northing(), within(0.001));
          assertThat(Double.parseDouble(f[4])).isCloseTo(ref.get(i).easting(), within(0.001));
          assertThat(Double.parseDouble(f[5]))
              .isCloseTo(points.get(i).get("distanceM").doubleValue(), within(0.0005));
        }
      }

      // .xlsx read back with POI: numbers as numbers.
      Raw xlsx =
          get(
              "/api/plans/" + PLAN + "/zones/" + ZONE + "/boundary-points" + query,
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      assertThat(xlsx.status()).isEqualTo(200);
      try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
        Sheet sheet = book.getSheet("界址点坐标表");
        assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("X坐标(北,m)");
        assertThat(sheet.getLastRowNum()).isEqualTo(points.size());
        for (int i = 0; i < points.size(); i++) {
          Row row = sheet.getRow(i + 1);
          assertThat(row.getCell(0).getStringCellValue()).isEqualTo("J" + (i + 1));
          assertThat(row.getCell(3).getNumericCellValue())
              .isCloseTo(ref.get(i).northing(), within(0.001));
          assertThat(row.getCell(4).getNumericCellValue())
              .isCloseTo(ref.get(i).easting(), within(0.001));
          assertThat(row.getCell(5).getNumericCellValue())
              .isCloseTo(points.get(i).get("distanceM").doubleValue(), within(0.0005));
        }
      }
    }
  }

  @Test
  void theXlsxOpenedByLibreOfficeHoldsTheJsonsNumbers() throws Exception {
    org.zoneplan.testsupport.LibreOffice.requireAvailable();
    String path = "/api/plans/" + PLAN + "/zones/" + ZONE + "/boundary-points";
    JsonNode points = get(path, null).json().get("points");
    java.nio.file.Path dir = org.zoneplan.testsupport.TestDirs.create("boundary-points-lo");
    try {
      java.nio.file.Path xlsx =
          java.nio.file.Files.write(
              dir.resolve("table.xlsx"), get(path + "?format=xlsx", null).body());
      java.nio.file.Path csv =
          org.zoneplan.testsupport.LibreOffice.convert(
              xlsx,
              "csv:Text - txt - csv (StarCalc):" + org.zoneplan.testsupport.LibreOffice.CSV_UTF8,
              null,
              dir,
              "csv");
      List<List<String>> rows = new ArrayList<>();
      try (InputStream in = java.nio.file.Files.newInputStream(csv)) {
        new org.zoneplan.codecs.CsvTableReader(org.zoneplan.codecs.TableLimits.DEFAULT)
            .read(in, StandardCharsets.UTF_8, (row, cells) -> rows.add(List.copyOf(cells)));
      }
      assertThat(rows.get(0)).startsWith("点号", "部分", "圈号", "X坐标(北,m)", "Y坐标(东,m)");
      assertThat(rows).hasSize(points.size() + 1);
      for (int i = 0; i < points.size(); i++) {
        List<String> f = rows.get(i + 1);
        JsonNode p = points.get(i);
        assertThat(f.get(0)).isEqualTo(p.get("name").asString());
        // LibreOffice writes what it shows: enough digits for the table's millimetres.
        assertThat(Double.parseDouble(f.get(3)))
            .isCloseTo(p.get("x").doubleValue(), within(0.0005));
        assertThat(Double.parseDouble(f.get(4)))
            .isCloseTo(p.get("y").doubleValue(), within(0.0005));
        assertThat(Double.parseDouble(f.get(5)))
            .isCloseTo(p.get("distanceM").doubleValue(), within(0.0005));
      }
    } finally {
      org.springframework.util.FileSystemUtils.deleteRecursively(dir);
    }
  }

  @Test
  void sharedPointsNameAPointOfTheNeighboursOwnTable() throws Exception {
    JsonNode points =
        get("/api/plans/" + PLAN + "/zones/" + ZONE + "/boundary-points", null)
            .json()
            .get("points");
    int shared = 0;
    Map<String, JsonNode> tables = new HashMap<>();
    for (JsonNode p : points) {
      for (JsonNode s : p.get("shared")) {
        shared++;
        String code = s.get("code").asString();
        JsonNode theirs =
            tables.computeIfAbsent(
                code,
                c -> {
                  try {
                    return get("/api/plans/" + PLAN + "/zones/" + c + "/boundary-points", null)
                        .json()
                        .get("points");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        JsonNode match = null;
        for (JsonNode q : theirs) {
          if (q.get("name").asString().equals(s.get("name").asString())) {
            match = q;
          }
        }
        assertThat(match).as("%s %s", code, s.get("name")).isNotNull();
        double d =
            Math.hypot(
                match.get("x").doubleValue() - p.get("x").doubleValue(),
                match.get("y").doubleValue() - p.get("y").doubleValue());
        assertThat(d).isLessThanOrEqualTo(0.05 + 0.002);
      }
    }
    // The functional area lies inside its sub-area PJ-BZ, whose boundary follows part of it.
    assertThat(shared).isGreaterThan(0);
  }

  @Test
  void thePointLayerExportsTheSameCoordinates() throws Exception {
    Cs2cs.requireAvailable();
    JsonNode points =
        get("/api/plans/" + PLAN + "/zones/" + ZONE + "/boundary-points?prefix=false", null)
            .json()
            .get("points");
    List<Cs2cs.NorthEast> ref = reference(points, 4549);
    Raw csv =
        get("/api/plans/" + PLAN + "/export?layer=boundary-points&format=csv&crs=EPSG:4549", null);
    assertThat(csv.status()).isEqualTo(200);
    List<String> lines = csv.text(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("zone,zoneName,point,part,ring,x,y,distanceM,gkEpsg,shared,WKT");
    int found = 0;
    for (String line : lines.subList(1, lines.size())) {
      if (!line.startsWith(ZONE + ",")) {
        continue;
      }
      String[] f = line.split(",", -1);
      int i = Integer.parseInt(f[2].substring(1)) - 1;
      found++;
      assertThat(Double.parseDouble(f[5])).isCloseTo(ref.get(i).northing(), within(0.001));
      assertThat(Double.parseDouble(f[6])).isCloseTo(ref.get(i).easting(), within(0.001));
      Cs2cs.NorthEast to = ref.get(next(points, i));
      assertThat(Double.parseDouble(f[7]))
          .as("distance from %s", f[2])
          .isCloseTo(
              Math.hypot(
                  to.northing() - ref.get(i).northing(), to.easting() - ref.get(i).easting()),
              within(0.001));
      // The geometry, reprojected by the writer: POINT (easting northing).
      String wkt = line.substring(line.indexOf("\"POINT") + 1, line.lastIndexOf('"'));
      Coordinate c = new WKTReader().read(wkt).getCoordinate();
      assertThat(c.x).isCloseTo(ref.get(i).easting(), within(0.001));
      assertThat(c.y).isCloseTo(ref.get(i).northing(), within(0.001));
    }
    assertThat(found).isEqualTo(points.size());
    for (String format : List.of("geojson", "kml", "gpkg", "shp")) {
      Raw r = get("/api/plans/" + PLAN + "/export?layer=boundary-points&format=" + format, null);
      assertThat(r.status()).as(format).isEqualTo(200);
      assertThat(r.body().length).as(format).isGreaterThan(100);
    }
    // GDAL reads the shapefile and the GeoPackage as point layers with every point.
    org.zoneplan.testsupport.Gdal.requireAvailable();
    java.nio.file.Path dir = org.zoneplan.testsupport.TestDirs.create("boundary-points");
    try {
      java.nio.file.Path gpkg = dir.resolve("points.gpkg");
      java.nio.file.Files.write(
          gpkg,
          get("/api/plans/" + PLAN + "/export?layer=boundary-points&format=gpkg", null).body());
      String info =
          org.zoneplan.testsupport.Gdal.run(
              "ogrinfo", "-ro", "-so", gpkg.toString(), "boundary_points");
      assertThat(info).contains("Geometry: Point").contains("Feature Count: " + (lines.size() - 1));
      byte[] zip =
          get("/api/plans/" + PLAN + "/export?layer=boundary-points&format=shp", null).body();
      try (java.util.zip.ZipInputStream in =
          new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
        for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          java.nio.file.Files.write(
              dir.resolve(java.nio.file.Path.of(e.getName()).getFileName()), in.readAllBytes());
        }
      }
      String shp =
          org.zoneplan.testsupport.Gdal.run(
              "ogrinfo",
              "-ro",
              "-so",
              dir.resolve("boundary_points.shp").toString(),
              "boundary_points");
      assertThat(shp).contains("Geometry: Point").contains("Feature Count: " + (lines.size() - 1));
    } finally {
      org.springframework.util.FileSystemUtils.deleteRecursively(dir);
    }
    JsonNode geojson =
        get("/api/plans/" + PLAN + "/export?layer=boundary-points&format=geojson", null).json();
    JsonNode first = geojson.get("features").get(0);
    assertThat(first.get("geometry").get("type").asString()).isEqualTo("Point");
  }

  @Test
  void theBaopanFileHoldsProjsCoordinatesAndRoundTripsToOneMillimetre() throws Exception {
    Cs2cs.requireAvailable();
    JsonNode points =
        get("/api/plans/" + PLAN + "/zones/" + ZONE + "/boundary-points", null)
            .json()
            .get("points");
    List<Cs2cs.NorthEast> ref = reference(points, 4528);
    Raw file = get("/api/plans/" + PLAN + "/zones/" + ZONE + "/baopan.txt", null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.contentType()).containsIgnoringCase("GBK");
    List<String> lines = file.text(GBK).lines().toList();
    assertThat(lines)
        .contains("[属性描述]", "坐标系=2000国家大地坐标系", "几度分带=3", "投影类型=高斯克吕格", "计量单位=米", "带号=40", "[地块坐标]");
    int header = lines.indexOf("[地块坐标]") + 1;
    assertThat(lines.get(header)).contains("," + ZONE + ",白马镇功能分区,面,").endsWith(",@");
    int coordinates = 0;
    for (String line : lines.subList(header + 1, lines.size())) {
      String[] f = line.split(",");
      int i = Integer.parseInt(f[0].substring(1)) - 1;
      assertThat(Double.parseDouble(f[2])).isCloseTo(ref.get(i).northing(), within(0.001));
      assertThat(Double.parseDouble(f[3])).isCloseTo(ref.get(i).easting(), within(0.001));
      coordinates++;
    }
    assertThat(Integer.parseInt(lines.get(header).split(",")[0])).isEqualTo(coordinates);

    // Round trip: a dry run gives back the stored vertices to 1 mm (inverse by cs2cs's forward).
    Raw dry = post("/api/plans/" + PLAN + "/zones/" + ZONE + "/baopan", file.body(), null);
    assertThat(dry.status()).as(dry.text(StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(dry.json().get("crs").asString()).isEqualTo("EPSG:4528");
    Geometry back =
        org.zoneplan.geo.GeoJson.readPolygonal(dry.json().get("features").get(0).get("geometry"));
    assertSameVertices(stored(ZONE), back);

    // The same file as a multipart upload, with the mode as a form field: a draft proposal.
    Http.Response proposed =
        new org.zoneplan.testsupport.Multipart()
            .field("mode", "proposal")
            .field("reason", "勘测定界")
            .file("界址点.txt", file.body())
            .post(port, "/api/plans/" + PLAN + "/zones/" + ZONE + "/baopan");
    assertThat(proposed.status()).as(proposed.text()).isEqualTo(201);
    assertThat(proposed.json().propertyNames())
        .containsExactly("proposalId", "status", "crs", "zones");
    assertThat(proposed.json().get("status").asString()).isEqualTo("DRAFT");
    assertThat(proposed.json().get("zones").get(0).asString()).isEqualTo(ZONE);
    assertThat(proposed.json().get("crs").asString()).isEqualTo(dry.json().get("crs").asString());
    JsonNode proposal =
        http.get("/api/proposals/" + proposed.json().get("proposalId").asLong()).json();
    assertThat(proposal.get("changes")).hasSize(1);
    assertThat(proposal.get("changes").get(0).get("code").asString()).isEqualTo(ZONE);
    assertThat(proposal.get("changes").get(0).get("operation").asString()).isEqualTo("UPDATE");
  }

  /** Every vertex of one has a vertex of the other within 1 mm (in EPSG:4549, by cs2cs). */
  static void assertSameVertices(Geometry expected, Geometry actual) {
    List<double[]> a = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    vertexCounts(expected).keySet().forEach(k -> a.add(lonLat(k)));
    vertexCounts(actual).keySet().forEach(k -> b.add(lonLat(k)));
    assertThat(b).hasSameSizeAs(a);
    List<Cs2cs.NorthEast> pa = Cs2cs.project(a, 4549);
    List<Cs2cs.NorthEast> pb = Cs2cs.project(b, 4549);
    for (Cs2cs.NorthEast p : pa) {
      double best = Double.POSITIVE_INFINITY;
      for (Cs2cs.NorthEast q : pb) {
        best = Math.min(best, Math.hypot(p.northing() - q.northing(), p.easting() - q.easting()));
      }
      assertThat(best).isLessThanOrEqualTo(0.001);
    }
  }

  private static double[] lonLat(String key) {
    String[] f = key.split(" ");
    return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
  }

  @Test
  void importingAFileReplacesTheZoneWithIfMatch() throws Exception {
    Cs2cs.requireAvailable();
    String code = "PJ-1-X1";
    String path = "/api/plans/" + PLAN + "/zones/" + code;
    Geometry before = stored(code);
    byte[] file = get(path + "/baopan.txt?prefix=false", null).body();
    assertThat(post(path + "/baopan?mode=replace", file, null).status()).isEqualTo(428);
    String etag = http.etag(path);
    Raw written =
        post(
            path
                + "/baopan?mode=replace&reason="
                + java.net.URLEncoder.encode("勘测定界成果", StandardCharsets.UTF_8),
            file,
            etag);
    assertThat(written.status()).as(written.text(StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(written.etag()).isNotEqualTo(etag);
    assertSameVertices(before, stored(code));
    // The old ETag is stale now: refused, nothing written.
    assertThat(post(path + "/baopan?mode=replace", file, etag).status()).isEqualTo(412);
  }

  @Test
  void aFileWithKnownErrorsIsRefusedLineByLineAndNothingIsWritten() throws Exception {
    byte[] file;
    try (InputStream in = getClass().getResourceAsStream("/deliverables/baopan-errors.txt")) {
      file = in.readAllBytes();
    }
    String code = "PJ-ZJW";
    String path = "/api/plans/" + PLAN + "/zones/" + code;
    String geometryBefore = storedText(code);
    long historyBefore = count("SELECT COUNT(*) FROM zone_history");
    long proposalsBefore = count("SELECT COUNT(*) FROM proposal");
    String etag = http.etag(path);
    for (String mode : List.of("replace", "proposal&reason=x", "dry-run")) {
      Raw refused = post(path + "/baopan?mode=" + mode, file, etag);
      assertThat(refused.status()).as(mode).isEqualTo(422);
      JsonNode body = refused.json();
      assertThat(body.get("type").asString()).isEqualTo("urn:zoneplan:problem:invalid-baopan-file");
      List<Integer> lines = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      body.get("problems")
          .forEach(
              p -> {
                lines.add(p.get("line").intValue());
                problems.add(p.get("problem").asString());
              });
      assertThat(lines).as(mode).containsExactly(13, 24, 28, 33);
      assertThat(problems.get(0)).contains("界址点数");
      assertThat(problems.get(1)).contains("未闭合");
      assertThat(problems.get(2)).contains("自相交");
      assertThat(problems.get(3)).contains("不是数字");
    }
    // The plan-wide import also names the unknown zone codes.
    Raw plan = post("/api/plans/" + PLAN + "/baopan?mode=proposal&reason=x", file, null);
    assertThat(plan.status()).isEqualTo(422);
    List<Integer> planLines = new ArrayList<>();
    plan.json().get("problems").forEach(p -> planLines.add(p.get("line").intValue()));
    // A and D pass the text checks but name no zone of the plan; B, C and E as before.
    assertThat(planLines).containsExactly(7, 13, 24, 25, 33);
    assertThat(plan.json().get("problems").get(0).get("problem").asString()).contains("未知的区块");

    assertThat(storedText(code)).isEqualTo(geometryBefore);
    assertThat(http.etag(path)).isEqualTo(etag);
    assertThat(count("SELECT COUNT(*) FROM zone_history")).isEqualTo(historyBefore);
    assertThat(count("SELECT COUNT(*) FROM proposal")).isEqualTo(proposalsBefore);
  }

  @Test
  void aPlanFileBecomesADraftProposal() throws Exception {
    byte[] file = get("/api/plans/" + PLAN + "/baopan.txt", null).body();
    List<String> lines = new String(file, GBK).lines().toList();
    long parcels = lines.stream().filter(l -> l.endsWith(",@")).count();
    long zones = count("SELECT COUNT(*) FROM zone WHERE plan_id = '" + PLAN + "'");
    assertThat(parcels).isEqualTo(zones);
    Raw dry = post("/api/plans/" + PLAN + "/baopan", file, null);
    assertThat(dry.status()).as(dry.text(StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(dry.json().get("features")).hasSize((int) zones);
    Raw created =
        post(
            "/api/plans/"
                + PLAN
                + "/baopan?mode=proposal&title=t&reason="
                + java.net.URLEncoder.encode("报盘导入", StandardCharsets.UTF_8),
            file,
            null);
    assertThat(created.status()).as(created.text(StandardCharsets.UTF_8)).isEqualTo(201);
    JsonNode proposal =
        http.get("/api/proposals/" + created.json().get("proposalId").asLong()).json();
    assertThat(proposal.get("status").asString()).isEqualTo("DRAFT");
    assertThat(proposal.get("changes")).hasSize((int) zones);
  }

  @Test
  void badParametersAreNamed() throws Exception {
    String base = "/api/plans/" + PLAN + "/zones/" + ZONE;
    for (String query :
        List.of(
            "/boundary-points?epsg=4490",
            "/boundary-points?prefix=maybe",
            "/boundary-points?format=pdf",
            "/baopan.txt?epsg=EPSG:9999")) {
      Raw r = get(base + query, null);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.json().get("type").asString())
          .isEqualTo("urn:zoneplan:problem:invalid-parameter");
    }
    assertThat(get("/api/plans/" + PLAN + "/zones/NOPE/boundary-points", null).status())
        .isEqualTo(404);
    assertThat(
            post(base + "/baopan?mode=delete", "x".getBytes(StandardCharsets.UTF_8), null).status())
        .isEqualTo(400);
    assertThat(post(base + "/baopan", new byte[0], null).status()).isEqualTo(400);
  }

  String storedText(String code) {
    return jdbc.sql("SELECT ST_AsText(geom) FROM zone WHERE plan_id = ? AND code = ?")
        .params(PLAN, code)
        .query(String.class)
        .single();
  }

  long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
