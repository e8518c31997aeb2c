package org.zoneplan.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.zoneplan.testsupport.Shapes.square;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parcel API on a store loaded with the sample data (20,000 generated Pujiang parcels). Runs
 * unchanged on H2GIS and on PostGIS (see the subclasses). Counts are checked against the store with
 * SQL, bbox filtering against JTS on the full list, areas against a closed formula.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ParcelApiContract.EventRecorder.class)
abstract class ParcelApiContract {
  static final String REGISTERED_CODE = "91330100799655058B"; // a registered code (阿里巴巴(中国)有限公司)
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired EventRecorder events;
  Http http;

  @BeforeEach
  void connect() {
    http = new Http(port);
  }

  /** Records the change events as a cache would: after the transaction commits. */
  @TestConfiguration
  static class EventRecorder {
    final List<ParcelsChangedEvent> received = new CopyOnWriteArrayList<>();

    @TransactionalEventListener
    void on(ParcelsChangedEvent event) {
      received.add(event);
    }
  }

  // ---- reading

  @Test
  void theSampleParcelsAreLoaded() {
    assertThat(storedCount()).isGreaterThanOrEqualTo(20_000);
    JsonNode page = http.get("/api/parcels?limit=50").json();
    for (JsonNode feature : page.get("features")) {
      JsonNode p = feature.get("properties");
      assertThat(feature.get("id").longValue()).isEqualTo(p.get("id").longValue());
      assertThat(p.get("scheme").asString()).isEqualTo("SANDIAO");
      assertThat(p.get("landUseName").isString()).isTrue();
      assertThat(p.get("areaMu").doubleValue())
          .isCloseTo(p.get("areaM2").doubleValue() * 15 / 10_000, within(1e-9));
      assertThat(feature.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
    }
  }

  @Test
  void pagesHoldEveryParcelOnceInIdOrder() {
    List<JsonNode> all = everyParcel(null, 10_000);
    assertThat(all).hasSize((int) storedCount());
    for (int k = 1; k < all.size(); k++) {
      assertThat(all.get(k).get("id").longValue())
          .isGreaterThan(all.get(k - 1).get("id").longValue());
    }
  }

  @Test
  void theDefaultPageHasAThousandParcelsAndSaysWhereTheNextStarts() {
    Http.Response response = http.get("/api/parcels");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/geo+json");
    JsonNode page = response.json();
    assertThat(page.get("type").asString()).isEqualTo("FeatureCollection");
    assertThat(page.get("numberReturned").intValue()).isEqualTo(1000);
    assertThat(page.get("features")).hasSize(1000);
    assertThat(page.get("nextOffset").longValue()).isEqualTo(1000);
    assertThat(link(page, "next")).contains("offset=1000").contains("limit=1000");
  }

  @Test
  void theLastPageHasNoNextLink() {
    long count = storedCount();
    JsonNode page = http.get("/api/parcels?limit=10&offset=" + (count - 3)).json();
    assertThat(page.get("numberReturned").intValue()).isEqualTo(3);
    assertThat(page.has("nextOffset")).isFalse();
    assertThat(link(page, "next")).isNull();
    assertThat(http.get("/api/parcels?offset=" + count).json().get("numberReturned").intValue())
        .isZero();
  }

  @Test
  void bboxReturnsExactlyTheParcelsThatIntersectIt() {
    List<JsonNode> all = everyParcel(null, 10_000);
    // A box around a parcel in the middle of the list, cutting through its neighbours.
    Envelope around = geometry(all.get(all.size() / 2)).getEnvelopeInternal();
    double lon = around.centre().x;
    double lat = around.centre().y;
    List<Envelope> boxes =
        List.of(
            new Envelope(lon - 0.0041, lon + 0.0033, lat - 0.0027, lat + 0.0038),
            new Envelope(lon - 0.02, lon + 0.02, lat - 0.0001, lat + 0.0001),
            new Envelope(lon, lon, lat, lat),
            new Envelope(100.0, 100.1, 30.0, 30.1));
    for (Envelope box : boxes) {
      Geometry boxGeometry = Cgcs2000.GEOMETRY_FACTORY.toGeometry(box);
      List<Long> expected = new ArrayList<>();
      for (JsonNode feature : all) {
        if (boxGeometry.intersects(geometry(feature))) {
          expected.add(feature.get("id").longValue());
        }
      }
      List<Long> actual =
          everyParcel(box, 10_000).stream().map(f -> f.get("id").longValue()).toList();
      assertThat(actual).as("bbox %s", box).containsExactlyElementsOf(expected);
      if (box.getMinX() < 110) {
        assertThat(actual).isEmpty();
      } else if (box.getWidth() > 0.001) {
        assertThat(actual).hasSizeGreaterThan(10);
      }
    }
  }

  @Test
  void bboxTestsTheGeometryNotItsBoundingBox() {
    // A diamond: its bounding box's corners are not part of it.
    double x = 119.75;
    double y = 29.60;
    double r = 0.001;
    String diamond =
        String.format(
            Locale.ROOT,
            "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
            x - r,
            y,
            x,
            y - r,
            x + r,
            y,
            x,
            y + r,
            x - r,
            y);
    Http.Response created = http.post("/api/parcels", feature("SANDIAO", "0103", null, diamond));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    long id = created.json().get("id").longValue();
    try {
      Envelope cornerOnly = new Envelope(x + 0.6 * r, x + 2 * r, y + 0.6 * r, y + 2 * r);
      Envelope cornerAndTip = new Envelope(x + 0.3 * r, x + 2 * r, y + 0.3 * r, y + 2 * r);
      assertThat(everyParcel(cornerOnly, 10_000))
          .extracting(f -> f.get("id").longValue())
          .doesNotContain(id);
      assertThat(everyParcel(cornerAndTip, 10_000))
          .extracting(f -> f.get("id").longValue())
          .contains(id);
    } finally {
      assertThat(http.delete("/api/parcels/" + id).status()).isEqualTo(204);
    }
  }

  @Test
  void smallPagesFollowingNextLinksAddUpToOneLargePage() {
    JsonNode middle = http.get("/api/parcels?limit=1&offset=10000").json().get("features").get(0);
    Envelope e = geometry(middle).getEnvelopeInternal();
    Envelope box =
        new Envelope(
            e.getMinX() - 0.005, e.getMaxX() + 0.005, e.getMinY() - 0.004, e.getMaxY() + 0.004);
    List<Long> whole = everyParcel(box, 10_000).stream().map(f -> f.get("id").longValue()).toList();
    List<Long> paged = new ArrayList<>();
    String path = "/api/parcels?limit=37&bbox=" + bbox(box);
    int pages = 0;
    while (path != null) {
      JsonNode page = http.get(path).json();
      assertThat(page.get("numberReturned").intValue())
          .isEqualTo(page.get("features").size())
          .isLessThanOrEqualTo(37);
      page.get("features").forEach(f -> paged.add(f.get("id").longValue()));
      path = pathOf(link(page, "next"));
      pages++;
    }
    assertThat(whole).hasSizeGreaterThan(37 * 3);
    assertThat(pages).isEqualTo((whole.size() + 36) / 37);
    assertThat(paged).containsExactlyElementsOf(whole);
  }

  @Test
  void oneParcelIsReadById() {
    JsonNode first = http.get("/api/parcels?limit=1").json().get("features").get(0);
    long id = first.get("id").longValue();
    Http.Response response = http.get("/api/parcels/" + id);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/geo+json");
    assertThat(response.json()).isEqualTo(first);
  }

  // ---- refused requests

  @ParameterizedTest(name = "limit={0} → {1} {2}")
  @CsvSource({
    "10001, 400, limit-too-large, at most 10000",
    "100000000000, 400, limit-too-large, at most 10000",
    "0, 400, invalid-limit, at least 1",
    "-5, 400, invalid-limit, at least 1",
    "ten, 400, invalid-limit, whole number"
  })
  void limitsOutsideOneToTenThousandAreRefused(
      String limit, int status, String type, String detail) {
    assertProblem(http.get("/api/parcels?limit=" + limit), status, type, detail);
  }

  @Test
  void theLargestPageIsTenThousand() {
    JsonNode page = http.get("/api/parcels?limit=10000").json();
    assertThat(page.get("numberReturned").intValue()).isEqualTo(10_000);
    assertProblem(http.get("/api/parcels?limit=10001"), 400, "limit-too-large", "10000");
    assertThat(http.get("/api/parcels?limit=10001").json().get("maximum").intValue())
        .isEqualTo(10_000);
    assertProblem(http.get("/api/parcels?offset=-1"), 400, "invalid-offset", "negative");
  }

  @ParameterizedTest(name = "bbox={0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "119.8,29.4,119.9 | four numbers",
        "119.8,29.4,119.9,29.5,1 | four numbers",
        "a,b,c,d | not a number",
        "119.9,29.4,119.8,29.5 | minLon 119.9 exceeds maxLon 119.8",
        "119.8,29.5,119.9,29.4 | minLat 29.5 exceeds maxLat 29.4",
        "10,50,11,51 | outside China",
        "29.4,119.8,29.5,119.9 | longitude first"
      })
  void malformedBboxesAreRefused(String bbox, String detail) {
    assertProblem(http.get("/api/parcels?bbox=" + bbox), 400, "invalid-bbox", detail);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
    "SANDIAO, 0604, unknown-land-use-code", // storage is 0508 in 三调
    "GBT21010_2017, 05H1, unknown-land-use-code",
    "YDYH_2023, 100104, unknown-land-use-code",
    "GB50137, 0601, unknown-scheme"
  })
  void unknownSchemesAndCodesAreRefusedAndNothingIsWritten(
      String scheme, String code, String type) {
    long before = storedCount();
    Http.Response response =
        http.post("/api/parcels", feature(scheme, code, null, square(119.70, 29.55, 0.001)));
    assertProblem(response, 422, type, type.equals("unknown-scheme") ? scheme : code);
    if (type.equals("unknown-land-use-code")) {
      assertThat(response.json().get("detail").asString()).contains(scheme);
      assertThat(response.json().get("landUseCode").asString()).isEqualTo(code);
      assertThat(response.json().get("scheme").asString()).isEqualTo(scheme);
    }
    assertThat(storedCount()).isEqualTo(before);
  }

  @Test
  void invalidGeometryIsRefusedWithItsCoordinateAndNothingIsWritten() {
    long before = storedCount();
    String bowtie =
        "{\"type\":\"Polygon\",\"coordinates\":[[[119.70,29.50],[119.72,29.52],[119.72,29.50],"
            + "[119.70,29.52],[119.70,29.50]]]}";
    Http.Response response = http.post("/api/parcels", feature("SANDIAO", "0601", null, bowtie));
    assertProblem(response, 422, "invalid-geometry", "Self-intersection");
    assertThat(response.json().get("coordinate").get(0).doubleValue())
        .isCloseTo(119.71, within(1e-9));
    assertThat(response.json().get("coordinate").get(1).doubleValue())
        .isCloseTo(29.51, within(1e-9));
    assertProblem(
        http.post("/api/parcels", feature("SANDIAO", "0601", null, square(29.55, 119.70, 0.001))),
        422,
        "invalid-geometry",
        "(latitude, longitude)");
    assertThat(storedCount()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "enterpriseName | \"enterpriseName\":\"浦江县测试水晶有限公司\"",
        "creditCode | \"creditCode\":\"91330100799655058B\"",
        "taxWan | \"taxWan\":123.45",
        "valueAddedWan | \"valueAddedWan\":null",
        "employees | \"employees\":42"
      })
  void enterpriseFieldsMovedToEnterprisesAreRefusedByName(String property, String json) {
    long before = storedCount();
    Http.Response response =
        http.post("/api/parcels", feature("SANDIAO", "0601", json, square(119.70, 29.55, 0.001)));
    assertProblem(response, 422, "moved-to-enterprises", "properties." + property);
    assertThat(response.json().get("property").asString()).isEqualTo(property);
    assertThat(response.json().get("see").asString()).isEqualTo("/api/enterprises");
    assertThat(response.json().get("detail").asString()).contains("/api/enterprises");
    assertThat(storedCount()).isEqualTo(before);
  }

  @Test
  void missingLandUseCodeIsRefusedAndNothingIsWritten() {
    long before = storedCount();
    String body =
        feature("SANDIAO", "0601", "\"landUseCode\":null", square(119.70, 29.55, 0.001))
            .replace("\"landUseCode\":\"0601\",", "");
    assertProblem(http.post("/api/parcels", body), 422, "missing-property", "landUseCode");
    assertThat(storedCount()).isEqualTo(before);
  }

  /** A parcel shows its land users from enterprise_land and enterprise, owners first. */
  @Test
  void aParcelShowsItsLandUsers() {
    Http.Response created =
        http.post("/api/parcels", feature("SANDIAO", "0601", null, square(119.72, 29.57, 0.002)));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    long id = created.json().get("id").longValue();
    assertThat(created.json().get("properties").get("landUsers")).isEmpty();
    String tenant = "91330726MA2EC0001" + CreditCode.checkCharacter("91330726MA2EC0001");
    try {
      jdbc.sql("INSERT INTO enterprise (credit_code, name) VALUES (?, ?), (?, ?)")
          .params(REGISTERED_CODE, "阿里巴巴(中国)有限公司", tenant, "浦江县测试水晶有限公司")
          .update();
      jdbc.sql(
              "INSERT INTO enterprise_land (credit_code, parcel_id, role, share)"
                  + " VALUES (?, ?, 'TENANT', 0.3), (?, ?, 'OWNER', 0.7)")
          .params(tenant, id, REGISTERED_CODE, id)
          .update();
      JsonNode users = http.get("/api/parcels/" + id).json().get("properties").get("landUsers");
      assertThat(users).hasSize(2);
      assertThat(users.get(0).get("creditCode").asString()).isEqualTo(REGISTERED_CODE);
      assertThat(users.get(0).get("name").asString()).isEqualTo("阿里巴巴(中国)有限公司");
      assertThat(users.get(0).get("role").asString()).isEqualTo("OWNER");
      assertThat(users.get(0).get("share").doubleValue()).isEqualTo(0.7);
      assertThat(users.get(1).get("creditCode").asString()).isEqualTo(tenant);
      assertThat(users.get(1).get("role").asString()).isEqualTo("TENANT");
      assertThat(users.get(1).get("share").doubleValue()).isEqualTo(0.3);
      JsonNode page =
          http.get("/api/parcels?bbox=119.72,29.57,119.722,29.572").json().get("features");
      boolean found = false;
      for (JsonNode f : page) {
        if (f.get("id").longValue() == id) {
          found = true;
          assertThat(f.get("properties").get("landUsers")).isEqualTo(users);
          assertThat(f.get("properties").has("taxWan")).isFalse();
        }
      }
      assertThat(found).isTrue();
    } finally {
      assertThat(http.delete("/api/parcels/" + id).status()).isEqualTo(204);
      jdbc.sql("DELETE FROM enterprise WHERE credit_code IN (?, ?)")
          .params(REGISTERED_CODE, tenant)
          .update();
    }
  }

  @Test
  void aBodyThatIsNotAFeatureIsABadRequest() {
    assertProblem(
        http.post("/api/parcels", square(119.70, 29.55, 0.001)),
        400,
        "malformed-geojson",
        "Feature");
    assertProblem(
        http.post("/api/parcels", "{\"type\": \"Feature\", "), 400, "malformed-json", null);
  }

  // ---- writing

  @Test
  void createReadDelete() {
    long before = storedCount();
    int eventsBefore = events.received.size();
    double lon = 119.70;
    double lat = 29.55;
    double size = 0.01;
    String body = feature("SANDIAO", "0601", null, square(lon, lat, size));
    Http.Response created = http.post("/api/parcels", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode p = created.json().get("properties");
    long id = p.get("id").longValue();
    assertThat(created.json().get("id").longValue()).isEqualTo(id);
    assertThat(p.get("scheme").asString()).isEqualTo("SANDIAO");
    assertThat(p.get("landUseCode").asString()).isEqualTo("0601");
    assertThat(p.get("landUseName").asString()).isEqualTo("工业用地");
    assertThat(p.get("landUsers")).isEmpty();
    assertThat(p.has("enterpriseName")).isFalse();
    assertThat(p.has("taxWan")).isFalse();
    double expectedM2 = quadrangleArea(lon, lat, lon + size, lat + size);
    assertThat(p.get("areaM2").doubleValue()).isCloseTo(expectedM2, within(1e-6 * expectedM2));
    assertThat(p.get("areaMu").doubleValue())
        .isCloseTo(expectedM2 * 15 / 10_000, within(1e-6 * expectedM2));
    assertThat(storedCount()).isEqualTo(before + 1);

    Http.Response read = http.get("/api/parcels/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(created.json());

    assertThat(http.delete("/api/parcels/" + id).status()).isEqualTo(204);
    assertProblem(http.get("/api/parcels/" + id), 404, "parcel-not-found", String.valueOf(id));
    assertProblem(http.delete("/api/parcels/" + id), 404, "parcel-not-found", String.valueOf(id));
    assertThat(storedCount()).isEqualTo(before);

    // One event per write, after commit, with the parcel's extent.
    Envelope extent = new Envelope(lon, lon + size, lat, lat + size);
    assertThat(events.received.subList(eventsBefore, events.received.size()))
        .extracting(ParcelsChangedEvent::extent)
        .containsExactly(extent, extent);
  }

  @Test
  void theLocationHeaderNamesTheNewParcel() {
    HttpResponse<String> created =
        postRaw(feature("YDYH_2023", "100102", null, square(119.71, 29.56, 0.002)));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode feature = JSON.readTree(created.body());
    long id = feature.get("id").longValue();
    try {
      assertThat(created.headers().firstValue("Location")).hasValue("/api/parcels/" + id);
      JsonNode p = feature.get("properties");
      assertThat(p.get("landUseName").asString()).isEqualTo("二类工业用地");
      assertThat(p.get("landUsers")).isEmpty();
    } finally {
      assertThat(http.delete("/api/parcels/" + id).status()).isEqualTo(204);
    }
  }

  @Test
  void unknownIdsAreNotFound() {
    assertProblem(http.get("/api/parcels/999999999"), 404, "parcel-not-found", "999999999");
    assertProblem(http.get("/api/parcels/abc"), 404, "parcel-not-found", "abc");
    assertProblem(http.delete("/api/parcels/999999999"), 404, "parcel-not-found", "999999999");
  }

  // ---- helpers

  /** A POST whose headers can be read (the shared test client keeps only the body). */
  HttpResponse<String> postRaw(String body) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/parcels"))
                  .header("Content-Type", "application/geo+json")
                  .header("Authorization", Credentials.ADMIN.header())
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  long storedCount() {
    return jdbc.sql("SELECT COUNT(*) FROM parcel").query(Long.class).single();
  }

  /** Every parcel (in bbox, when given), following next links. */
  List<JsonNode> everyParcel(Envelope bbox, int limit) {
    List<JsonNode> all = new ArrayList<>();
    String path = "/api/parcels?limit=" + limit + (bbox == null ? "" : "&bbox=" + bbox(bbox));
    while (path != null) {
      Http.Response response = http.get(path);
      assertThat(response.status()).as(response.text()).isEqualTo(200);
      response.json().get("features").forEach(all::add);
      path = pathOf(link(response.json(), "next"));
    }
    return all;
  }

  static String bbox(Envelope e) {
    return String.format(
        Locale.ROOT, "%s,%s,%s,%s", e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
  }

  static String link(JsonNode page, String rel) {
    for (JsonNode link : page.get("links")) {
      if (link.get("rel").asString().equals(rel)) {
        return link.get("href").asString();
      }
    }
    return null;
  }

  static String pathOf(String href) {
    if (href == null) {
      return null;
    }
    URI uri = URI.create(href);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  static MultiPolygon geometry(JsonNode feature) {
    return GeoJson.readPolygonal(feature.get("geometry"));
  }

  /**
   * Area of the ellipsoidal quadrangle between two meridians and two parallels on the CGCS2000
   * ellipsoid, from the closed formula A = b²Δλ/2 · [q(φ)] with q(φ) = sinφ/(1 − e²sin²φ) +
   * artanh(e sinφ)/e. A polygon with these four corners has geodesic edges instead of parallels;
   * for 0.01° at 30°N the two bulges cancel to about 1e-8 of the area.
   */
  static double quadrangleArea(double lon1, double lat1, double lon2, double lat2) {
    double a = 6378137.0;
    double f = 1 / 298.257222101;
    double e2 = f * (2 - f);
    double e = Math.sqrt(e2);
    double b = a * (1 - f);
    java.util.function.DoubleUnaryOperator q =
        phi -> {
          double s = Math.sin(Math.toRadians(phi));
          return s / (1 - e2 * s * s) + 0.5 / e * Math.log((1 + e * s) / (1 - e * s));
        };
    return b
        * b
        * Math.toRadians(lon2 - lon1)
        / 2
        * (q.applyAsDouble(lat2) - q.applyAsDouble(lat1));
  }

  void assertProblem(Http.Response response, int status, String type, String detail) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:" + type);
    assertThat(response.json().get("status").intValue()).isEqualTo(status);
    if (detail != null) {
      assertThat(response.json().get("detail").asString()).contains(detail);
    }
  }

  static String feature(String scheme, String code, String extraProperties, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":{\"scheme\":\""
        + scheme
        + "\",\"landUseCode\":\""
        + code
        + "\""
        + (extraProperties == null ? "" : "," + extraProperties)
        + "},\"geometry\":"
        + geometry
        + "}";
  }
}
