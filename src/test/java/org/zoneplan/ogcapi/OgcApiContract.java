package org.zoneplan.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Gdal;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OGC API – Features at {@code /ogc} on a store with the Pujiang sample data, checked by hand and
 * by GDAL's OAPIF driver. Runs unchanged on H2GIS and PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OgcApiContract {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String ZONES = "/ogc/collections/zones-pujiang-2021";

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void connect() {
    http = new Http(port);
  }

  record Reply(int status, String contentType, String etag, String contentCrs, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  Reply send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", Credentials.ADMIN.header());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> r =
        CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Reply(
        r.statusCode(),
        r.headers().firstValue("Content-Type").orElse(""),
        r.headers().firstValue("ETag").orElse(null),
        r.headers().firstValue("Content-Crs").orElse(null),
        r.body());
  }

  static List<String> rels(JsonNode links) {
    List<String> rels = new ArrayList<>();
    links.forEach(l -> rels.add(l.get("rel").asString()));
    return rels;
  }

  @Test
  void landingPageConformanceAndCollections() throws Exception {
    JsonNode landing = http.get("/ogc").json();
    assertThat(rels(landing.get("links"))).contains("self", "service-desc", "conformance", "data");
    JsonNode conformance = http.get("/ogc/conformance").json();
    assertThat(conformance.get("conformsTo").toString())
        .contains("ogcapi-features-1/1.0/conf/core")
        .contains("ogcapi-features-1/1.0/conf/geojson")
        .contains("ogcapi-features-2/1.0/conf/crs")
        .contains("ogcapi-features-4/1.0/conf/create-replace-delete");
    JsonNode collections = http.get("/ogc/collections").json().get("collections");
    List<String> ids = new ArrayList<>();
    collections.forEach(c -> ids.add(c.get("id").asString()));
    assertThat(ids)
        .containsExactly(
            "zones-pujiang-2020",
            "zones-xiaoshan-4286",
            "zones-xihu-platforms",
            "zones-pujiang-2021",
            "parcels",
            "divisions");
    JsonNode zones = collections.get(3);
    assertThat(zones.get("crs").toString())
        .contains("EPSG/0/4549")
        .contains("EPSG/0/4528")
        .contains("CRS84");
    assertThat(zones.get("extent").get("temporal").get("interval").get(0).get(0).asString())
        .startsWith("2021");
    assertThat(http.get("/ogc/api").status()).isEqualTo(200);
    assertThat(http.get("/ogc/collections/nothing").status()).isEqualTo(404);
  }

  @Test
  void itemsPageWithLimitOffsetBboxAndDatetime() throws Exception {
    Reply all = send("GET", ZONES + "/items?limit=4", null);
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.contentType()).startsWith("application/geo+json");
    JsonNode page = all.json();
    assertThat(page.get("numberMatched").intValue()).isEqualTo(11);
    assertThat(page.get("numberReturned").intValue()).isEqualTo(4);
    JsonNode next = null;
    for (JsonNode l : page.get("links")) {
      if (l.get("rel").asString().equals("next")) {
        next = l;
      }
    }
    assertThat(next.get("href").asString()).contains("offset=4").contains("limit=4");
    JsonNode last = http.get(ZONES + "/items?limit=4&offset=8").json();
    assertThat(last.get("numberReturned").intValue()).isEqualTo(3);
    assertThat(rels(last.get("links"))).contains("prev").doesNotContain("next");

    // Core area only, by a small box around one of its points
    JsonNode core = http.get(ZONES + "/items/PJ-1-CORE").json();
    JsonNode p = core.get("geometry").get("coordinates").get(0).get(0).get(0);
    double x = p.get(0).doubleValue();
    double y = p.get(1).doubleValue();
    JsonNode boxed =
        http.get(
                ZONES
                    + "/items?bbox="
                    + (x - 1e-4)
                    + ","
                    + (y - 1e-4)
                    + ","
                    + (x + 1e-4)
                    + ","
                    + (y + 1e-4))
            .json();
    List<String> ids = new ArrayList<>();
    boxed.get("features").forEach(f -> ids.add(f.get("id").asString()));
    assertThat(ids).contains("PJ-1-CORE").doesNotContain("PJ-HZ");
    // the same box in EPSG:4490, latitude first
    JsonNode latFirst =
        http.get(
                ZONES
                    + "/items?bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4490&bbox="
                    + (y - 1e-4)
                    + ","
                    + (x - 1e-4)
                    + ","
                    + (y + 1e-4)
                    + ","
                    + (x + 1e-4))
            .json();
    assertThat(latFirst.get("numberMatched")).isEqualTo(boxed.get("numberMatched"));

    assertThat(
            http.get(ZONES + "/items?datetime=2021-01-01/2021-12-31")
                .json()
                .get("numberMatched")
                .intValue())
        .isEqualTo(11);
    assertThat(
            http.get(ZONES + "/items?datetime=../2020-06-30")
                .json()
                .get("numberMatched")
                .intValue())
        .isZero();
    assertThat(http.get(ZONES + "/items?limit=zero").status()).isEqualTo(400);
    assertThat(http.get(ZONES + "/items?bbox=1,2,3").status()).isEqualTo(400);
    assertThat(http.get(ZONES + "/items?crs=EPSG:3857").status()).isEqualTo(400);
  }

  /** OGC items show a parcel's land users as /api/parcels does, and no tax or other figures. */
  @Test
  void parcelItemsShowTheirLandUsers() {
    JsonNode owned = null;
    for (JsonNode f : http.get("/api/parcels?limit=2000").json().get("features")) {
      if (!f.get("properties").get("landUsers").isEmpty()) {
        owned = f;
        break;
      }
    }
    assertThat(owned).as("a sample parcel with an owner").isNotNull();
    JsonNode item =
        http.get("/ogc/collections/parcels/items/" + owned.get("id").longValue()).json();
    JsonNode p = item.get("properties");
    assertThat(p.get("landUsers")).isEqualTo(owned.get("properties").get("landUsers"));
    assertThat(p.has("taxWan")).isFalse();
    assertThat(p.has("enterpriseName")).isFalse();
  }

  @Test
  void badBboxesAreProblemsNot500s() {
    String gk = "&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4549";
    for (String query :
        List.of(
            "bbox=NaN,0,1,1" + gk,
            "bbox=NaN,0,1,1",
            "bbox=0,0,Infinity,1" + gk,
            "bbox=40500000,3300000,40400000,3400000" + gk,
            "bbox=120,30,119,29")) {
      Http.Response r = http.get(ZONES + "/items?" + query);
      assertThat(r.status()).as("%s: %s", query, r.text()).isEqualTo(400);
      assertThat(r.contentType()).as(query).startsWith("application/problem+json");
    }
  }

  @Test
  void writesWithoutIfMatchAre428AndChangeNothing() throws Exception {
    Reply created =
        send(
            "POST",
            ZONES + "/items",
            NEW_ZONE.replace("OGC-1", "OGC-428"),
            "Content-Type",
            "application/geo+json");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String item = ZONES + "/items/OGC-428";
    String before = send("GET", item, null).body();
    Reply put =
        send(
            "PUT",
            item,
            NEW_ZONE.replace("OGC-1", "OGC-428").replace("测试园", "覆盖"),
            "Content-Type",
            "application/geo+json");
    assertThat(put.status()).as(put.body()).isEqualTo(428);
    assertThat(put.contentType()).startsWith("application/problem+json");
    assertThat(put.json().get("type").asString())
        .isEqualTo("urn:zoneplan:problem:precondition-required");
    assertThat(put.json().get("etag").asString()).isEqualTo(created.etag());
    Reply delete = send("DELETE", item, null);
    assertThat(delete.status()).as(delete.body()).isEqualTo(428);
    assertThat(send("GET", item, null).body()).isEqualTo(before);
    assertThat(send("DELETE", item, null, "If-Match", created.etag()).status()).isEqualTo(204);
  }

  @Test
  void cql2FiltersAndReversedIntervalsAreRefusedNotIgnored() {
    for (String query :
        List.of(
            "filter=name%3D%27x%27",
            "filter=name%3D%27x%27&filter-lang=cql2-text",
            "filter-lang=cql2-json",
            "filter-crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84")) {
      Http.Response r = http.get(ZONES + "/items?" + query);
      assertThat(r.status()).as("%s: %s", query, r.text()).isEqualTo(400);
      assertThat(r.json().get("type").asString())
          .isEqualTo("urn:zoneplan:problem:filter-not-supported");
      assertThat(r.json().get("title").asString()).isEqualTo("CQL2 not supported");
    }
    for (String query :
        List.of(
            "datetime=2021-12-31/2021-01-01",
            "datetime=2021-06-01T12:00:00Z/2021-06-01T11:59:59Z",
            "datetime=2022-01-01/2021-06-01T00:00:00Z")) {
      Http.Response r = http.get(ZONES + "/items?" + query);
      assertThat(r.status()).as("%s: %s", query, r.text()).isEqualTo(400);
      assertThat(r.json().get("parameter").asString()).isEqualTo("datetime");
    }
    // an interval of one instant, and open ends, are still fine
    assertThat(http.get(ZONES + "/items?datetime=2021-06-01/2021-06-01").status()).isEqualTo(200);
    assertThat(http.get(ZONES + "/items?datetime=2021-06-01/..").status()).isEqualTo(200);
  }

  @Test
  void aForgedHostHeaderAppearsInNoLink() throws Exception {
    for (String path :
        List.of(
            "/ogc",
            "/ogc/collections",
            ZONES + "/items?limit=1",
            "/tiles/zones.json",
            "/api/parcels?limit=1")) {
      String reply = rawGet(path, "evil.example:666");
      assertThat(reply).as(path).startsWith("HTTP/1.1 200");
      assertThat(reply).as(path).doesNotContain("evil.example");
      assertThat(reply).as(path).contains("http://127.0.0.1:" + port + "/");
    }
    // X-Forwarded-Host is not trusted unless server.forward-headers-strategy says so
    String forwarded = rawGet("/ogc", "127.0.0.1:" + port + "\r\nX-Forwarded-Host: evil.example");
    assertThat(forwarded).doesNotContain("evil.example");
  }

  /** A GET written by hand: java.net.http will not send a Host header of the caller's choice. */
  String rawGet(String path, String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\nAuthorization: "
              + Credentials.ADMIN.header()
              + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void responsesInEpsg4490AndGaussKrugerFollowTheirAxisOrder() throws Exception {
    JsonNode crs84 = http.get(ZONES + "/items/PJ-HZ").json();
    JsonNode first = crs84.get("geometry").get("coordinates").get(0).get(0).get(0);
    assertThat(first.get(0).doubleValue()).isBetween(119.0, 121.0);

    Reply epsg4490 =
        send("GET", ZONES + "/items/PJ-HZ?crs=http://www.opengis.net/def/crs/EPSG/0/4490", null);
    assertThat(epsg4490.contentCrs()).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/4490>");
    JsonNode swapped = epsg4490.json().get("geometry").get("coordinates").get(0).get(0);
    boolean found = false;
    for (JsonNode c : swapped) {
      if (c.get(0).doubleValue() == first.get(1).doubleValue()
          && c.get(1).doubleValue() == first.get(0).doubleValue()) {
        found = true;
      }
    }
    assertThat(found).as("(lat, lon) of the first vertex").isTrue();

    Reply gk =
        send("GET", ZONES + "/items/PJ-HZ?crs=http://www.opengis.net/def/crs/EPSG/0/4528", null);
    JsonNode northingFirst = gk.json().get("geometry").get("coordinates").get(0).get(0).get(0);
    assertThat(northingFirst.get(0).doubleValue()).isBetween(3_200_000.0, 3_300_000.0);
    assertThat(northingFirst.get(1).doubleValue()).isBetween(40_400_000.0, 40_600_000.0);
  }

  @Test
  void htmlForPeople() throws Exception {
    Reply html = send("GET", ZONES + "/items", null, "Accept", "text/html");
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.body()).contains("核心区").contains("<table>");
    assertThat(send("GET", "/ogc/collections?f=html", null).body()).contains("zones-pujiang-2021");
    assertThat(send("GET", ZONES + "/items/PJ-1?f=html", null).body()).contains("浦江经济开发区");
  }

  static final String NEW_ZONE =
      "{\"type\":\"Feature\",\"properties\":{\"code\":\"OGC-1\",\"name\":\"测试园\",\"kind\":\"COOPERATION\","
          + "\"parent\":\"PJ\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[119.70,29.55],"
          + "[119.71,29.55],[119.71,29.56],[119.70,29.56],[119.70,29.55]]]}}";

  /**
   * Writers racing through the OGC API with the same ETag: exactly one wins each round, the others
   * get 412, and the history holds one change per winner (the ETag check and the write are one
   * conditional update, not a check followed by an unconditional replace).
   */
  @Test
  void racingWritersWithTheSameEtagLoseNoChange() throws Exception {
    String code = "OGC-RACE";
    Reply created =
        send(
            "POST",
            ZONES + "/items",
            NEW_ZONE.replace("OGC-1", code),
            "Content-Type",
            "application/geo+json");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    int writers = 6;
    int rounds = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < rounds; round++) {
        String etag = send("GET", ZONES + "/items/" + code, null).etag();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
        List<java.util.concurrent.Future<Reply>> replies = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          String name = "赛跑" + round + "-" + w;
          replies.add(
              pool.submit(
                  () -> {
                    start.await();
                    return send(
                        "PUT",
                        ZONES + "/items/" + code,
                        NEW_ZONE.replace("OGC-1", code).replace("测试园", name),
                        "Content-Type",
                        "application/geo+json",
                        "If-Match",
                        etag);
                  }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (java.util.concurrent.Future<Reply> r : replies) {
          statuses.add(r.get().status());
        }
        assertThat(statuses).as("round %d", round).containsOnly(200, 412);
        assertThat(statuses.stream().filter(st -> st == 200).count())
            .as("round %d: %s", round, statuses)
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode history = http.get("/api/plans/pujiang-2021/zones/" + code + "/history").json();
    assertThat(history.size()).isEqualTo(1 + rounds);
    assertThat(send("DELETE", ZONES + "/items/" + code, null, "If-Match", "*").status())
        .isEqualTo(204);
  }

  @Test
  void createReplaceDeleteWithEtags() throws Exception {
    Reply created =
        send("POST", ZONES + "/items", NEW_ZONE, "Content-Type", "application/geo+json");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.etag()).isNotBlank();
    Reply got = send("GET", ZONES + "/items/OGC-1", null);
    assertThat(got.etag()).isEqualTo(created.etag());

    String renamed = NEW_ZONE.replace("测试园", "测试园(改)");
    Reply replaced =
        send(
            "PUT",
            ZONES + "/items/OGC-1",
            renamed,
            "Content-Type",
            "application/geo+json",
            "If-Match",
            created.etag());
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.etag()).isNotEqualTo(created.etag());

    // Someone else's stale copy: refused, nothing changed
    Reply stale =
        send(
            "PUT",
            ZONES + "/items/OGC-1",
            NEW_ZONE,
            "Content-Type",
            "application/geo+json",
            "If-Match",
            created.etag());
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.json().get("type").asString()).isEqualTo("urn:zoneplan:problem:stale-feature");
    assertThat(http.get(ZONES + "/items/OGC-1").json().get("properties").get("name").asString())
        .isEqualTo("测试园(改)");
    assertThat(send("DELETE", ZONES + "/items/OGC-1", null, "If-Match", created.etag()).status())
        .isEqualTo(412);

    // A geometry sent in EPSG:4490 (latitude first)
    String latFirst =
        renamed.replace(
            "[[[119.70,29.55],[119.71,29.55],[119.71,29.56],[119.70,29.56],[119.70,29.55]]]",
            "[[[29.55,119.70],[29.55,119.71],[29.56,119.71],[29.56,119.70],[29.55,119.70]]]");
    Reply inEpsg =
        send(
            "PUT",
            ZONES + "/items/OGC-1",
            latFirst,
            "Content-Type",
            "application/geo+json",
            "Content-Crs",
            "<http://www.opengis.net/def/crs/EPSG/0/4490>",
            "If-Match",
            replaced.etag());
    assertThat(inEpsg.status()).as(inEpsg.body()).isEqualTo(200);
    assertThat(inEpsg.etag()).isEqualTo(replaced.etag()); // the same zone

    assertThat(send("DELETE", ZONES + "/items/OGC-1", null, "If-Match", inEpsg.etag()).status())
        .isEqualTo(204);
    assertThat(http.get(ZONES + "/items/OGC-1").status()).isEqualTo(404);
    assertThat(
            send(
                    "POST",
                    "/ogc/collections/divisions/items",
                    NEW_ZONE,
                    "Content-Type",
                    "application/geo+json")
                .status())
        .isEqualTo(405);
  }

  @Test
  void gdalListsTheCollectionsAndReadsFeatures() {
    String base = "OAPIF:http://127.0.0.1:" + port + "/ogc";
    String layers = Gdal.run("ogrinfo", "-ro", "-q", base);
    assertThat(layers)
        .contains("zones-pujiang-2021")
        .contains("zones-pujiang-2020")
        .contains("parcels")
        .contains("divisions");
    String features =
        Gdal.run("ogrinfo", "-ro", "-al", "-geom=SUMMARY", base, "zones-pujiang-2021");
    assertThat(features).contains("Feature Count: 11").contains("核心区").contains("白马-郑宅片区");
    assertThat(features).contains("MULTIPOLYGON");
  }
}
