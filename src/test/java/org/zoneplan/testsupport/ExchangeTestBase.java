package org.zoneplan.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zoneplan.parcels.ParcelRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the export and import tests share: a server on a random port with the Pujiang sample data
 * and the parcels of {@link ExchangeTestData}, downloads, zips and GDAL's view of a file.
 */
// The exchange tests count and compare the parcels they insert themselves: no sample parcels.
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "zoneplan.sample-data.parcels=0")
public abstract class ExchangeTestBase {
  protected static final String PLAN = "pujiang-2021";
  protected static final HttpClient CLIENT = HttpClient.newHttpClient();
  protected static final JsonMapper JSON = JsonMapper.builder().build();

  /** The exchange's temporary folder: every import and export must leave it empty. */
  protected static final Path EXCHANGE_TMP = createTempDir();

  private static Path createTempDir() {
    try {
      Path tmp = TestDirs.create("zoneplan-exchange-test").resolve("tmp");
      // What a killed run leaves: the start must sweep it (the tests check the folder is empty).
      Path leftover = Files.createDirectories(tmp.resolve("zoneplan-import-12345"));
      Files.write(
          Files.createDirectories(leftover.resolve("unzipped")).resolve("a.shp"), new byte[10]);
      java.nio.file.attribute.FileTime old =
          java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(86_400));
      Files.setLastModifiedTime(leftover, old);
      return tmp;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @org.springframework.test.context.DynamicPropertySource
  protected static void exchangeTempDir(
      org.springframework.test.context.DynamicPropertyRegistry registry) {
    registry.add("zoneplan.exchange.temp-dir", EXCHANGE_TMP::toString);
  }

  @LocalServerPort protected int port;
  @Autowired protected ParcelRepository parcels;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected org.springframework.context.ApplicationEventPublisher events;
  protected Http http;
  @TempDir protected Path tmp;

  @BeforeEach
  protected void setUp() {
    http = new Http(port);
    if (parcels.count() == 0) {
      // The parcels, and each enterprise as the owner of its parcel (share 1), as an import of
      // them makes it.
      List<ExchangeTestData.Row> rows = ExchangeTestData.rows();
      long before = parcels.maxId();
      parcels.insertAll(rows.stream().map(ExchangeTestData.Row::parcel).toList());
      List<Long> ids = parcels.idsAbove(before);
      for (int i = 0; i < rows.size(); i++) {
        ExchangeTestData.Row row = rows.get(i);
        if (row.credit() != null) {
          jdbc.sql("DELETE FROM enterprise WHERE credit_code = ?").param(row.credit()).update();
          jdbc.sql("INSERT INTO enterprise (credit_code, name) VALUES (?, ?)")
              .params(row.credit(), row.enterprise())
              .update();
          jdbc.sql(
                  "INSERT INTO enterprise_land (credit_code, parcel_id, role, share)"
                      + " VALUES (?, ?, 'OWNER', 1.0)")
              .params(row.credit(), ids.get(i))
              .update();
        }
      }
      // The repository publishes nothing: let the analysis drop a snapshot taken before.
      events.publishEvent(new org.zoneplan.parcels.ParcelsChangedEvent(null));
    }
  }

  protected record Download(int status, String contentType, String disposition, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  protected Download download(String pathAndQuery) throws Exception {
    HttpResponse<byte[]> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Authorization", Credentials.ADMIN.header())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Download(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.headers().firstValue("Content-Disposition").orElse(""),
        r.body());
  }

  /** Unzips an export into a fresh folder and returns it. */
  protected Path unzip(byte[] zip, String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Files.copy(in, dir.resolve(e.getName()));
      }
    }
    return dir;
  }

  protected Path exportShapefile(String layer, String crs, String encoding, String extra)
      throws Exception {
    return exportShapefile(PLAN, layer, crs, encoding, extra);
  }

  protected Path exportShapefile(
      String plan, String layer, String crs, String encoding, String extra) throws Exception {
    Download d =
        download(
            "/api/plans/"
                + plan
                + "/export?layer="
                + layer
                + "&format=shapefile&crs="
                + crs
                + "&encoding="
                + encoding
                + extra);
    assertThat(d.status()).as(d.text()).isEqualTo(200);
    assertThat(d.contentType()).isEqualTo("application/zip");
    assertThat(d.disposition()).contains("attachment").contains(".zip");
    return unzip(d.body(), layer + "-" + crs.replace(':', '-') + "-" + encoding + extra.length());
  }

  /** Field values GDAL reads: every line {@code FIELD (Type) = value} of {@code ogrinfo -al}. */
  protected static List<String> gdalValues(String ogrinfo, String field) {
    List<String> values = new ArrayList<>();
    Matcher m =
        Pattern.compile("^  " + Pattern.quote(field) + " \\([^)]*\\) = (.*)$", Pattern.MULTILINE)
            .matcher(ogrinfo);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  protected Map<String, JsonNode> apiZones() {
    Map<String, JsonNode> zones = new HashMap<>();
    http.get("/api/plans/" + PLAN + "/zones")
        .json()
        .get("features")
        .forEach(f -> zones.put(f.get("id").asString(), f.get("properties")));
    return zones;
  }

  protected static void assertProblem(Http.Response r, int status, String slug) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + slug);
  }

  protected static org.assertj.core.data.Offset<Double> within(double expected, double relative) {
    return org.assertj.core.data.Offset.offset(Math.abs(expected) * relative);
  }
}
