package org.zoneplan.jurisdictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zoneplan.analysis.Rectangles;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;

/**
 * Jurisdictions and access by jurisdiction (issue 14, points 1 and 6) on a store with the sample
 * data (Pujiang, Hangzhou's districts, Xiaoshan's carriers) and a plan {@value #PLAN} of three
 * rectangles: A and B overlapping in 富阳区, C in 萧山区. Areas are checked against the closed-form
 * ellipsoidal area of longitude/latitude rectangles ({@link Rectangles}), not zoneplan's own. Runs
 * unchanged on H2GIS and PostGIS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class JurisdictionApiContract {
  static final String PLAN = "jd-city";
  static final String FUYANG = "330111";
  static final String XIAOSHAN = "330109";
  static final String CITY = "330100";
  // A and B overlap in [119.85, 119.86] × [29.965, 29.975]; C lies in Xiaoshan.
  static final double[] A = {119.84, 29.96, 119.86, 29.975};
  static final double[] B = {119.85, 29.965, 119.87, 29.98};
  static final double[] C = {120.23, 30.11, 120.245, 30.125};
  static final Credentials FY = new Credentials("fy-planner", "Fuyang-planner-2026!");
  static final Credentials BZ = new Credentials("bz-planner", "Baima-planner-2026!");

  @LocalServerPort int port;
  Http http;

  @BeforeEach
  void fixture() {
    http = new Http(port);
    if (http.get("/api/plans/" + PLAN).status() == 404) {
      ok(
          http.post(
              "/api/plans",
              "{\"id\":\""
                  + PLAN
                  + "\",\"name\":\"辖区测试\",\"date\":\"2020-01-01\","
                  + "\"status\":\"APPROVED\"}"),
          201);
      zone("A", "甲区", A);
      zone("B", "乙区", B);
      zone("C", "丙区", C);
      user(FY, "{\"divisions\":[\"" + FUYANG + "\"],\"zones\":[]}");
      user(BZ, "{\"divisions\":[],\"zones\":[\"PJ-BZ\"]}");
    }
  }

  private void zone(String code, String name, double[] r) {
    ok(http.post("/api/plans/" + PLAN + "/zones/" + code, feature(name, r)), 201);
  }

  private static String feature(String name, double[] r) {
    return "{\"type\":\"Feature\",\"properties\":{\"name\":\""
        + name
        + "\",\"kind\":\"ZONE\"},\"geometry\":"
        + GeoJson.write(Rectangles.rect(r[0], r[1], r[2], r[3]))
        + "}";
  }

  private void user(Credentials c, String scope) {
    ok(
        http.post(
            "/api/users",
            "{\"username\":\""
                + c.username()
                + "\",\"displayName\":\"测试\",\"roles\":[\"PLANNER\",\"LAND_BUREAU\"],"
                + "\"password\":\""
                + c.password()
                + "\"}"),
        201);
    ok(http.put("/api/users/" + c.username() + "/scopes", scope), 200);
  }

  static JsonNode ok(Http.Response r, int status) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    return r.json();
  }

  static double area(double[] r) {
    return Rectangles.area(r[0], r[1], r[2], r[3]);
  }

  /** A ∪ B by inclusion–exclusion of the closed-form rectangle areas. */
  static double fuyangUnion() {
    return area(A) + area(B) - Rectangles.area(B[0], B[1], A[2], A[3]);
  }

  static List<String> codes(JsonNode features) {
    List<String> out = new ArrayList<>();
    features.forEach(
        f ->
            out.add(
                f.has("properties") && f.get("properties").has("code")
                    ? f.get("properties").get("code").asString()
                    : f.get("id").asString()));
    return out;
  }

  // ------------------------------------------------------------------ jurisdictions

  @Test
  void theTreeHoldsTheCityWithItsDistrictsAndPujiang() {
    JsonNode roots = ok(http.get("/api/jurisdictions"), 200);
    List<String> rootCodes = new ArrayList<>();
    roots.forEach(r -> rootCodes.add(r.get("code").asString()));
    assertThat(rootCodes).contains(CITY, "330726");
    JsonNode city = null;
    for (JsonNode r : roots) {
      if (r.get("code").asString().equals(CITY)) {
        city = r;
      }
    }
    assertThat(city.get("name").asString()).isEqualTo("杭州市");
    assertThat(city.get("children").size()).isEqualTo(13);
  }

  @Test
  void aCitysAreaIsTheUnionOfItsDistrictsNeverASum() {
    JsonNode fuyang = ok(http.get("/api/jurisdictions/" + FUYANG + "?plans=" + PLAN), 200);
    assertThat(fuyang.get("figures").get("zones").intValue()).isEqualTo(2);
    double union = fuyangUnion();
    assertThat(fuyang.get("figures").get("zoneAreaM2").doubleValue())
        .isCloseTo(union, within(union * 1e-7));
    // the sum counts the overlap twice; the figure does not
    assertThat(fuyang.get("figures").get("zoneAreaSumM2").doubleValue())
        .isCloseTo(area(A) + area(B), within(union * 1e-7));
    assertThat(fuyang.get("figures").get("zoneAreaMu").doubleValue())
        .isCloseTo(union * 15 / 10_000, within(union * 1e-7));

    JsonNode city = ok(http.get("/api/jurisdictions/" + CITY + "?plans=" + PLAN), 200);
    double cityArea = union + area(C);
    assertThat(city.get("figures").get("zones").intValue()).isEqualTo(3);
    assertThat(city.get("figures").get("zoneAreaM2").doubleValue())
        .isCloseTo(cityArea, within(cityArea * 1e-7));
    for (JsonNode child : city.get("children")) {
      String code = child.get("code").asString();
      double expected = code.equals(FUYANG) ? union : code.equals(XIAOSHAN) ? area(C) : 0;
      assertThat(child.get("zoneAreaM2").doubleValue())
          .as(code)
          .isCloseTo(expected, within(Math.max(expected, 1) * 1e-7));
    }
    // Pujiang's plans are not the city's; Xiaoshan's carriers are
    JsonNode all = ok(http.get("/api/jurisdictions/" + CITY), 200);
    List<String> plans = new ArrayList<>();
    all.get("plans").forEach(p -> plans.add(p.get("id").asString()));
    assertThat(plans).contains(PLAN, "xiaoshan-4286").doesNotContain("pujiang-2021");
    assertThat(ok(http.get("/api/jurisdictions/999999"), 404).get("type").asString())
        .endsWith("division-not-found");
  }

  // ------------------------------------------------------------------ access by jurisdiction

  @Test
  void aDivisionScopedUserSeesOnlyTheirZonesEverywhere() {
    Http fy = http.as(FY);
    // plans and zones
    List<String> plans = new ArrayList<>();
    ok(fy.get("/api/plans"), 200).forEach(p -> plans.add(p.get("id").asString()));
    assertThat(plans).contains(PLAN).doesNotContain("pujiang-2021", "xiaoshan-4286");
    assertThat(codes(ok(fy.get("/api/plans/" + PLAN + "/zones"), 200).get("features")))
        .containsExactlyInAnyOrder("A", "B");
    assertThat(fy.get("/api/plans/" + PLAN + "/zones/C").status()).isEqualTo(404);
    assertThat(fy.get("/api/plans/" + PLAN + "/zones/C/history").status()).isEqualTo(404);
    assertThat(fy.get("/api/plans/pujiang-2021").status()).isEqualTo(404);
    assertThat(fy.get("/api/plans/pujiang-2021/zones/PJ-HZ").status()).isEqualTo(404);
    assertThat(fy.put("/api/plans/" + PLAN + "/zones/C", feature("丙区", C), "*").status())
        .isEqualTo(404);
    assertThat(fy.delete("/api/plans/" + PLAN + "/zones/C", "*").status()).isEqualTo(404);
    assertThat(
            fy.get("/api/plans/" + PLAN + "/tree").json().get("roots").findValuesAsString("code"))
        .containsExactlyInAnyOrder("A", "B");
    // OGC API – Features
    List<String> collections = new ArrayList<>();
    ok(fy.get("/ogc/collections"), 200)
        .get("collections")
        .forEach(c -> collections.add(c.get("id").asString()));
    assertThat(collections).contains("zones-" + PLAN).doesNotContain("zones-pujiang-2021");
    JsonNode items = ok(fy.get("/ogc/collections/zones-" + PLAN + "/items"), 200);
    assertThat(items.get("numberMatched").intValue()).isEqualTo(2);
    assertThat(fy.get("/ogc/collections/zones-" + PLAN + "/items/C").status()).isEqualTo(404);
    assertThat(fy.get("/ogc/collections/zones-pujiang-2021").status()).isEqualTo(404);
    // export
    Http.Response export = fy.get("/api/plans/" + PLAN + "/export?layer=zones&format=geojson");
    assertThat(export.status()).as(export.text()).isEqualTo(200);
    assertThat(export.text()).contains("甲区", "乙区").doesNotContain("丙区");
    // analysis: the plan as they see it, and only their divisions' figures
    JsonNode overlaps = ok(fy.get("/api/plans/" + PLAN + "/overlaps"), 200);
    assertThat(overlaps.toString()).contains("\"A\"").doesNotContain("\"C\"");
    assertThat(fy.get("/api/plans/" + PLAN + "/concentration?division=" + XIAOSHAN).status())
        .isEqualTo(404);
    assertThat(fy.get("/api/plans/" + PLAN + "/concentration?division=" + FUYANG).status())
        .isEqualTo(200);
    // jurisdictions: Fuyang is their top; the city is not theirs
    JsonNode roots = ok(fy.get("/api/jurisdictions"), 200);
    assertThat(roots.size()).isEqualTo(1);
    assertThat(roots.get(0).get("code").asString()).isEqualTo(FUYANG);
    assertThat(fy.get("/api/jurisdictions/" + CITY).status()).isEqualTo(404);
    JsonNode own = ok(fy.get("/api/jurisdictions/" + FUYANG + "?plans=" + PLAN), 200);
    assertThat(own.get("figures").get("zones").intValue()).isEqualTo(2);
    // writes stay inside: a new zone in Xiaoshan is refused, one in Fuyang is taken
    Http.Response outside =
        fy.post(
            "/api/plans/" + PLAN + "/zones/FY-X",
            feature("越界", new double[] {120.231, 30.111, 120.232, 30.112}));
    assertThat(outside.status()).as(outside.text()).isEqualTo(403);
    assertThat(outside.json().get("type").asString()).endsWith("outside-jurisdiction");
    assertThat(http.get("/api/plans/" + PLAN + "/zones/FY-X").status()).isEqualTo(404);
    double[] inside = {119.841, 29.961, 119.842, 29.962};
    ok(fy.post("/api/plans/" + PLAN + "/zones/FY-IN", feature("富阳新区", inside)), 201);
    ok(http.delete("/api/plans/" + PLAN + "/zones/FY-IN", "*"), 204);
    // projects: Pujiang's sample projects are not theirs
    JsonNode pujiang = ok(http.get("/api/projects?planId=pujiang-2021"), 200).get("features");
    assertThat(pujiang.size()).isPositive();
    long id = pujiang.get(0).get("id").asLong();
    assertThat(fy.get("/api/projects/" + id).status()).isEqualTo(404);
    assertThat(http.get("/api/projects/" + id).status()).isEqualTo(200);
    List<Long> theirs = new ArrayList<>();
    ok(fy.get("/api/projects"), 200).get("features").forEach(f -> theirs.add(f.get("id").asLong()));
    pujiang.forEach(f -> assertThat(theirs).doesNotContain(f.get("id").asLong()));
    assertThat(
            ok(fy.get("/api/projects/figures?by=division"), 200)
                .get("groups")
                .findValuesAsString("code"))
        .contains(FUYANG)
        .doesNotContain("330726", XIAOSHAN);
    // ADMIN still sees everything
    assertThat(codes(ok(http.get("/api/plans/" + PLAN + "/zones"), 200).get("features")))
        .containsExactlyInAnyOrder("A", "B", "C");
  }

  /** A tile's bytes as the user gets them (none for 204). */
  byte[] tile(Credentials user, String path) throws Exception {
    java.net.http.HttpResponse<byte[]> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", user.header())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(path).isIn(200, 204);
    return r.statusCode() == 204 ? new byte[0] : r.body();
  }

  List<String> tileCodes(Credentials user, String path) throws Exception {
    List<String> out = new ArrayList<>();
    org.zoneplan.tiles.MvtTestSupport.decode(tile(user, path), "zones")
        .forEach(f -> out.add(String.valueOf(f.attributes().get("code"))));
    return out;
  }

  static int[] tileAt(int z, double lon, double lat) {
    int n = 1 << z;
    double phi = Math.toRadians(lat);
    int x = (int) Math.floor((lon + 180) / 360 * n);
    int y = (int) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n);
    return new int[] {x, y};
  }

  @Test
  void aScopedUsersTilesHoldOnlyTheirZonesAndLand() throws Exception {
    // one z8 tile holds A, B (富阳) and C (萧山)
    int[] t = tileAt(8, 120.0, 30.05);
    String zones = "/tiles/zones/8/" + t[0] + "/" + t[1] + ".mvt?plan=" + PLAN;
    // ADMIN first, so the unrestricted tile is in the cache (the fast path must not hand it on)
    assertThat(tileCodes(Credentials.ADMIN, zones)).containsExactlyInAnyOrder("A", "B", "C");
    assertThat(tileCodes(FY, zones)).containsExactlyInAnyOrder("A", "B");
    assertThat(tileCodes(FY, zones)).containsExactlyInAnyOrder("A", "B"); // cached, theirs
    assertThat(tileCodes(Credentials.ADMIN, zones)).containsExactlyInAnyOrder("A", "B", "C");
    // Pujiang's parcels: many for ADMIN, none for a Fuyang user
    int[] p = tileAt(13, 119.892, 29.452);
    String parcels = "/tiles/parcels/13/" + p[0] + "/" + p[1] + ".mvt";
    assertThat(
            org.zoneplan.tiles.MvtTestSupport.decode(tile(Credentials.ADMIN, parcels), "parcels"))
        .isNotEmpty();
    assertThat(org.zoneplan.tiles.MvtTestSupport.decode(tile(FY, parcels), "parcels")).isEmpty();
    // a zone-scoped user's Pujiang tile holds their zone and its parts only
    int[] b = tileAt(8, 119.9, 29.5);
    String pj = "/tiles/zones/8/" + b[0] + "/" + b[1] + ".mvt?plan=pujiang-2021";
    assertThat(tileCodes(BZ, pj))
        .containsExactlyInAnyOrder("PJ-BZ", "PJ-BZ-BM", "PJ-BZ-ZZ", "PJ-BZ-GT");
    assertThat(tileCodes(Credentials.ADMIN, pj)).contains("PJ-HZ", "PJ-BZ");
  }

  /**
   * Issue 12: a division edit drops the cached tiles of users limited to that division (before, a
   * Fuyang user kept their cached zone tile with A and B, and their empty Pujiang parcel tile,
   * after 富阳区's outline was moved onto Pujiang). The outline is changed through {@code /api/import}
   * and restored the same way.
   */
  @Test
  void aDivisionEditDropsTheTilesOfUsersLimitedToIt() throws Exception {
    int[] t = tileAt(8, 120.0, 30.05);
    String zones = "/tiles/zones/8/" + t[0] + "/" + t[1] + ".mvt?plan=" + PLAN;
    int[] p = tileAt(13, 119.892, 29.452);
    String parcels = "/tiles/parcels/13/" + p[0] + "/" + p[1] + ".mvt";
    assertThat(tileCodes(FY, zones)).containsExactlyInAnyOrder("A", "B"); // now cached
    assertThat(org.zoneplan.tiles.MvtTestSupport.decode(tile(FY, parcels), "parcels")).isEmpty();
    JsonNode stored = ok(http.get("/api/divisions/" + FUYANG), 200);
    try {
      // 富阳区 moved onto a piece of Pujiang: A and B no longer lie in it, Pujiang's parcels do
      importDivision(stored, GeoJson.write(Rectangles.rect(119.85, 29.40, 119.95, 29.50)));
      assertThat(tileCodes(FY, zones)).isEmpty();
      assertThat(org.zoneplan.tiles.MvtTestSupport.decode(tile(FY, parcels), "parcels"))
          .isNotEmpty();
    } finally {
      importDivision(stored, stored.get("geometry"));
    }
    assertThat(tileCodes(FY, zones)).containsExactlyInAnyOrder("A", "B");
    assertThat(org.zoneplan.tiles.MvtTestSupport.decode(tile(FY, parcels), "parcels")).isEmpty();
  }

  /**
   * Issue 12: a zone edit drops the cached parcel tiles of users limited to that zone (their land
   * is the zone's outline; before, the parcel tile cached ahead of the edit kept the parcels).
   */
  @Test
  void aZoneEditDropsTheParcelTilesOfUsersLimitedToThatZone() throws Exception {
    Credentials px = new Credentials("px-planner", "Pujiang-x-planner-2026!");
    String path = "/api/plans/" + PLAN + "/zones/PX";
    ok(http.post(path, feature("浦江测试区", new double[] {119.885, 29.445, 119.899, 29.459})), 201);
    try {
      user(px, "{\"divisions\":[],\"zones\":[\"PX\"]}");
      int[] p = tileAt(13, 119.892, 29.452);
      String parcels = "/tiles/parcels/13/" + p[0] + "/" + p[1] + ".mvt";
      assertThat(org.zoneplan.tiles.MvtTestSupport.decode(tile(px, parcels), "parcels"))
          .isNotEmpty(); // now cached
      // PX moved 0.2° east, out of the tile: none of its parcels are theirs any more
      ok(
          http.put(
              path,
              feature("浦江测试区", new double[] {120.085, 29.445, 120.099, 29.459}),
              http.etag(path)),
          200);
      assertThat(org.zoneplan.tiles.MvtTestSupport.decode(tile(px, parcels), "parcels")).isEmpty();
    } finally {
      assertThat(http.delete(path, http.etag(path)).status()).isEqualTo(204);
    }
  }

  /** Imports one division as a GeoJSON file: its stored properties with another outline. */
  private void importDivision(JsonNode stored, JsonNode outline) throws Exception {
    String file =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + stored.get("properties")
            + ",\"geometry\":"
            + outline
            + "}]}";
    Http.Response r =
        new org.zoneplan.testsupport.Multipart()
            .file("division.geojson", file.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .field("layer", "divisions")
            .field("dryRun", "false")
            .post(port, "/api/import");
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.json().get("counts").get("replaced").intValue()).isEqualTo(1);
  }

  @Test
  void aZoneScopedUserSeesTheirZoneAndItsParts() {
    Http bz = http.as(BZ);
    assertThat(codes(ok(bz.get("/api/plans/pujiang-2021/zones"), 200).get("features")))
        .containsExactlyInAnyOrder("PJ-BZ", "PJ-BZ-BM", "PJ-BZ-ZZ", "PJ-BZ-GT");
    assertThat(bz.get("/api/plans/pujiang-2021/zones/PJ-HZ").status()).isEqualTo(404);
    assertThat(bz.get("/api/plans/pujiang-2021/zones/PJ-BZ-GT").status()).isEqualTo(200);
    assertThat(bz.get("/api/plans/" + PLAN).status()).isEqualTo(404);
    JsonNode scope = ok(bz.get("/api/me/scopes"), 200);
    assertThat(scope.get("zones").get(0).asString()).isEqualTo("PJ-BZ");
    // a new zone may be made only under their zone
    double[] r = {119.95, 29.50, 119.951, 29.501};
    Http.Response root = bz.post("/api/plans/pujiang-2021/zones/BZ-ROOT", feature("根", r));
    assertThat(root.status()).as(root.text()).isEqualTo(403);
  }

  @Test
  void adminAssignsScopesCheckedAndAudited() {
    Http.Response unknown =
        http.put("/api/users/" + FY.username() + "/scopes", "{\"divisions\":[\"123456\"]}");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.text()).contains("123456");
    assertThat(http.put("/api/users/nobody/scopes", "{\"divisions\":[]}").status()).isEqualTo(404);
    assertThat(http.as(FY).put("/api/users/" + FY.username() + "/scopes", "{}").status())
        .isEqualTo(403);
    JsonNode stored = ok(http.get("/api/users/" + FY.username() + "/scopes"), 200);
    assertThat(stored.get("divisions").get(0).asString()).isEqualTo(FUYANG);
    assertThat(ok(http.get("/api/audit"), 200).toString()).contains("user.scopes");
  }
}
