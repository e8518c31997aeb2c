package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/** The web page in headless Chromium against a server with the sample data. */
class WebPageBrowserTest extends PageTestBase {

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  @Test
  void pageShowsTheZonesOfTheNewestPlan() {
    List<WebElement> paths = driver.findElements(By.cssSelector(".leaflet-overlay-pane path"));
    // 11 zones of pujiang-2021 and the county outline.
    assertThat(paths).hasSize(12);
    assertThat(
            new Select(driver.findElement(By.id("plan")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("pujiang-2021");
    Browser.screenshot(driver, "01-zones-pujiang-2021");
  }

  @Test
  void clickingTheCoreAreaShowsItsPublishedArea() {
    clickZone("pujiang-2021", "PJ-1-CORE");
    waitFor(d -> info().contains("17.24 km²"));
    assertThat(info()).contains("核心区").contains("开发区管委会");
    // Officials see the zone's indicators from the analysis API too.
    waitFor(d -> info().contains("工业用地占比") && info().contains("万元/亩"));
    // The tax per 亩 is the land users' statistics of one year, named on the panel: the latest
    // year the sample holds, as the API reports it.
    int year = http.get("/api/plans/pujiang-2021/indicators").json().get("year").intValue();
    assertThat(year).isEqualTo(2024);
    assertThat(info()).contains("企业统计年度").contains("亩均税收 (" + year + ")");
    Browser.screenshot(driver, "02-core-area-clicked");
  }

  @Test
  void switchingPlanVersionsChangesTheMap() {
    new Select(driver.findElement(By.id("plan"))).selectByValue("pujiang-2020");
    clickZone("pujiang-2020", "PJ-1-CORE");
    waitFor(d -> info().contains("11.60 km²"));
    Browser.screenshot(driver, "03-plan-pujiang-2020");
  }

  @Test
  void englishToggleTranslatesTheInterface() {
    driver.findElement(By.id("lang")).click();
    waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("Development zone plans"));
    clickZone("pujiang-2021", "PJ-1-CORE");
    waitFor(d -> info().contains("Core area"));
    Browser.screenshot(driver, "04-english");
  }

  @Test
  void zoneNamesWithHtmlAreShownAsText() {
    String name = "<img src=x onerror=\"document.title='pwned'\">恶意名称";
    String body =
        "{\"type\":\"Feature\",\"properties\":{\"name\":"
            + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(name)
            + ",\"kind\":\"COOPERATION\",\"parent\":\"PJ\"},\"geometry\":"
            + "{\"type\":\"Polygon\",\"coordinates\":[[[119.75,29.52],[119.77,29.52],[119.77,29.54],[119.75,29.54],[119.75,29.52]]]}}";
    assertThat(http.post("/api/plans/pujiang-2021/zones/HTML-TEST", body).status()).isEqualTo(201);
    try {
      driver.navigate().refresh();
      waitFor(d -> d.findElements(By.cssSelector(".leaflet-overlay-pane path")).size() >= 13);
      clickZone("pujiang-2021", "HTML-TEST");
      waitFor(d -> info().contains("恶意名称"));
      assertThat(info()).contains(name);
      assertThat(driver.findElements(By.cssSelector("#info img"))).isEmpty();
      assertThat(driver.getTitle()).isNotEqualTo("pwned");
    } finally {
      http.delete("/api/plans/pujiang-2021/zones/HTML-TEST", "*");
    }
  }

  @Test
  void everyResourceComesFromZoneplanItself() {
    @SuppressWarnings("unchecked")
    List<String> resources =
        (List<String>)
            driver.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name)");
    assertThat(resources)
        .isNotEmpty()
        .allMatch(url -> url.startsWith("http://127.0.0.1:" + port + "/"));
  }

  @Test
  void drawingAPolygonShowsALiveAreaFromTheServer() {
    driver.findElement(By.cssSelector("#tabs [data-tab=edit]")).click();
    driver.findElement(By.id("draw-new")).click();
    // North-west of the county seat, away from every zone (no snapping there).
    clickMap(-300, -220);
    clickMap(-200, -220);
    clickMap(-200, -140);
    waitFor(d -> d.findElement(By.id("live")).getText().contains("亩"));
    String threePoints = driver.findElement(By.id("live")).getText();
    clickMap(-300, -140);
    waitFor(d -> !d.findElement(By.id("live")).getText().equals(threePoints));
    clickMap(-300, -220); // the first vertex again: finishes the polygon
    waitFor(
        d ->
            d.findElement(By.id("save")).isEnabled()
                && d.findElement(By.id("zone-form")).isDisplayed());
    // The figure shown is the server's measure of the drawn geometry.
    String geometry =
        (String)
            driver.executeScript(
                "return JSON.stringify(state.editLayer.toGeoJSON(false).geometry)");
    double mu = http.post("/api/measure", geometry).json().get("areaMu").doubleValue();
    waitFor(
        d ->
            d.findElement(By.id("live"))
                .getText()
                .contains(String.format(java.util.Locale.ROOT, "%.1f 亩", mu)));
    assertThat(mu).isGreaterThan(1000);
    Browser.screenshot(driver, "05-drawing-live-area");
    driver.findElement(By.id("cancel")).click();
  }

  @Test
  void savingAnInvalidPolygonShowsTheServersMessageAtTheSpot() {
    driver.findElement(By.cssSelector("#tabs [data-tab=edit]")).click();
    driver.findElement(By.id("draw-new")).click();
    // A bow-tie: the second edge crosses the fourth.
    clickMap(-300, -220);
    clickMap(-200, -140);
    clickMap(-200, -220);
    clickMap(-300, -140);
    clickMap(-300, -220);
    waitFor(d -> d.findElement(By.id("save")).isEnabled());
    driver.findElement(By.cssSelector("#zone-form [name=code]")).sendKeys("BOWTIE");
    driver.findElement(By.cssSelector("#zone-form [name=name]")).sendKeys("蝴蝶结");
    driver.findElement(By.id("save")).click();
    waitFor(
        d ->
            d.findElement(By.id("problem")).isDisplayed()
                && d.findElement(By.id("problem")).getText().contains("Self-intersection"));
    assertThat(driver.findElements(By.cssSelector("path.problem-marker"))).hasSize(1);
    assertThat(http.get("/api/plans/pujiang-2021/zones/BOWTIE").status()).isEqualTo(404);
    Browser.screenshot(driver, "06-invalid-polygon-refused");
    driver.findElement(By.id("cancel")).click();
  }

  @Test
  void gcj02ShiftIsAboutHalfAKilometreAtPujiangAndForDisplayOnly() {
    // DOMAIN.md: GCJ-02 is shifted about 520–530 m here; the page's shift must agree.
    Number metres =
        (Number)
            driver.executeScript(
                "const p = L.latLng(29.452, 119.892); return map.distance(p, Gcj02.toGcj(p));");
    assertThat(metres.doubleValue()).isBetween(480.0, 580.0);
    // Round trip back to CGCS2000 within a centimetre.
    Number back =
        (Number)
            driver.executeScript(
                "const p = L.latLng(29.452, 119.892); return map.distance(p, Gcj02.fromGcj(Gcj02.toGcj(p)));");
    assertThat(back.doubleValue()).isLessThan(0.01);
  }

  @Test
  void legendAndLayerControlAreShown() {
    assertThat(driver.findElement(By.cssSelector(".legend")).getText())
        .contains("核心区", "片区", "拓展区");
    assertThat(driver.findElements(By.cssSelector(".leaflet-control-layers"))).hasSize(1);
    // Zones, parcels and county outlines: parcels and outlines are off until chosen.
    assertThat(driver.findElements(By.cssSelector(".leaflet-control-layers-overlays input")))
        .hasSize(3);
  }

  @Test
  void drawnVerticesSnapToNearbyZoneBoundaries() {
    JsonNode core = http.get("/api/plans/pujiang-2021/zones/PJ-1-CORE").json();
    var boundary = GeoJson.readPolygonal(core.get("geometry")).getBoundary();
    var vertex = boundary.getCoordinates()[0];
    @SuppressWarnings("unchecked")
    List<Number> xy =
        (List<Number>)
            driver.executeScript(
                "const p = map.latLngToContainerPoint([arguments[0], arguments[1]]); return [p.x, p.y];",
                vertex.y,
                vertex.x);
    WebElement mapElement = driver.findElement(By.id("map"));
    int cx = mapElement.getRect().getWidth() / 2;
    int cy = mapElement.getRect().getHeight() / 2;
    int x = xy.get(0).intValue() - cx;
    int y = xy.get(1).intValue() - cy;
    driver.findElement(By.cssSelector("#tabs [data-tab=edit]")).click();
    driver.findElement(By.id("draw-new")).click();
    clickMap(x + 5, y - 4); // 6 px off the core's boundary: snaps onto it
    clickMap(x + 5, y - 90);
    clickMap(x - 80, y - 90);
    clickMap(x + 5, y - 4);
    waitFor(d -> d.findElement(By.id("save")).isEnabled());
    String geometry =
        (String)
            driver.executeScript(
                "return JSON.stringify(state.editLayer.toGeoJSON(false).geometry)");
    var drawn =
        GeoJson.readPolygonal(
            tools.jackson.databind.json.JsonMapper.builder().build().readTree(geometry));
    var snapped = drawn.getCoordinates()[0];
    var point = drawn.getFactory().createPoint(snapped);
    // On the boundary (to rounding of the page's coordinates), not 6 px (≈ 100 m here) away.
    assertThat(boundary.distance(point)).isLessThan(1e-7);
    Browser.screenshot(driver, "07-snapped-vertex");
    driver.findElement(By.id("cancel")).click();
  }

  @Test
  void dashboardShowsTheConcentrationGaugeTableAndRadar() {
    // The gauge shows the concentration of the latest year held (the year chosen first).
    JsonNode years =
        http.get("/api/plans/pujiang-2021/zones/PJ-1-CORE/indicators/series").json().get("years");
    int latest = years.get(years.size() - 1).intValue();
    JsonNode yearly = http.get("/api/plans/pujiang-2021/indicators/yearly?year=" + latest).json();
    String expected =
        String.format(
            java.util.Locale.ROOT,
            "%.1f%%",
            yearly.get("plan").get("concentration").get("value").doubleValue());
    driver.findElement(By.cssSelector("#tabs [data-tab=dashboard]")).click();
    waitFor(d -> d.findElements(By.id("gauge-value")).size() == 1);
    assertThat(driver.findElement(By.id("gauge-value")).getText()).isEqualTo(expected);
    assertThat(driver.findElement(By.id("gauge")).getText()).contains("目标 70.0%");
    assertThat(driver.findElement(By.id("zone-table")).getText()).contains("核心区", "黄宅片区");
    assertThat(
            (Boolean)
                driver.executeScript(
                    "return radarChart !== null && radarChart.data.datasets.length === 2"))
        .isTrue();
    Browser.screenshot(driver, "08-dashboard");
  }

  @Test
  void comparisonOfPlanVersionsShowsThePublishedDeltas() {
    driver.findElement(By.cssSelector("#tabs [data-tab=dashboard]")).click();
    new Select(driver.findElement(By.id("compare-from"))).selectByValue("pujiang-2020");
    new Select(driver.findElement(By.id("compare-to"))).selectByValue("pujiang-2021");
    driver.findElement(By.id("compare-run")).click();
    waitFor(
        d ->
            d.findElements(By.cssSelector("#compare-result tr[data-code='PJ-1-CORE']")).size()
                == 1);
    // Published: core 11.60 → 17.24 (+5.64), 黄宅 6.57 → 5.73 (−0.84).
    assertThat(
            driver
                .findElement(By.cssSelector("#compare-result tr[data-code='PJ-1-CORE']"))
                .getText())
        .contains("11.60", "17.24", "+5.64");
    assertThat(
            driver.findElement(By.cssSelector("#compare-result tr[data-code='PJ-HZ']")).getText())
        .contains("6.57", "5.73", "-0.84");
    // Added and removed land is drawn on the map.
    assertThat((Number) driver.executeScript("return comparison.getLayers().length"))
        .satisfies(n -> assertThat(n.intValue()).isPositive());
    Browser.screenshot(driver, "09-comparison");
  }

  @Test
  void draggingAVertexShowsTheWhatIfWithoutSaving() {
    String before = http.get("/api/plans/pujiang-2021/zones/PJ-1-CORE").text();
    clickZone("pujiang-2021", "PJ-1-CORE");
    waitFor(d -> info().contains("17.24 km²"));
    driver.findElement(By.cssSelector("#tabs [data-tab=edit]")).click();
    driver.findElement(By.id("edit-selected")).click();
    waitFor(d -> d.findElements(By.cssSelector(".leaflet-editing-icon")).size() > 3);
    waitFor(d -> d.findElement(By.id("whatif")).getText().contains("+0.0000 km²"));
    // Move a vertex 3 px outwards through Leaflet's own marker events (Selenium's synthetic drag
    // does not reach
    // Leaflet's document-level mouse tracking in headless Chromium).
    driver.executeScript(
        "const m = state.editLayer.editing._verticesHandlers[0]._markers[2];"
            + " const c = map.latLngToContainerPoint(state.editLayer.getBounds().getCenter());"
            + " const v = map.latLngToContainerPoint(m.getLatLng());"
            + " const d = v.subtract(c); const p = v.add(d.divideBy(d.distanceTo([0, 0]) / 3));"
            + " m.setLatLng(map.containerPointToLatLng(p));"
            + " m.fire('drag', {target: m}); m.fire('dragend', {target: m});");
    waitFor(
        d ->
            d.findElement(By.id("whatif")).getText().contains("→")
                && !d.findElement(By.id("whatif")).getText().contains("+0.0000 km²"));
    String whatIf = driver.findElement(By.id("whatif")).getText();
    assertThat(whatIf).contains("方案影响", "集聚率", "纳入地块");
    Browser.screenshot(driver, "10-what-if");
    driver.findElement(By.id("cancel")).click();
    assertThat(http.get("/api/plans/pujiang-2021/zones/PJ-1-CORE").text()).isEqualTo(before);
  }

  @Test
  void exportPanelDownloadsFromTheExportApi() {
    driver.findElement(By.cssSelector("#tabs [data-tab=export]")).click();
    new Select(driver.findElement(By.cssSelector("#export-form [name=encoding]")))
        .selectByValue("GBK");
    new Select(driver.findElement(By.cssSelector("#export-form [name=crs]")))
        .selectByValue("EPSG:4549");
    String href = driver.findElement(By.id("export-link")).getAttribute("href");
    assertThat(href)
        .startsWith("http://127.0.0.1:" + port + "/api/plans/pujiang-2021/export?")
        .contains("layer=zones", "format=shapefile", "crs=EPSG%3A4549", "encoding=GBK");
    Http.Response download = http.get(href.substring(("http://127.0.0.1:" + port).length()));
    assertThat(download.status()).isEqualTo(200);
    Browser.screenshot(driver, "11-export");
  }

  @Test
  void parcelsLayerShowsLandUseTiles() {
    driver.executeScript("map.setView([29.45, 119.91], 14); parcelTiles.addTo(map);");
    waitFor(
        d ->
            d.findElements(By.cssSelector("img.leaflet-tile-loaded[src*='/tiles/parcels/']")).size()
                > 0);
    Browser.screenshot(driver, "12-parcels");
  }

  // ---- signing in, roles and CSRF

  private static final String SQUARE =
      "{\"type\":\"Polygon\",\"coordinates\":[[[119.70,29.55],[119.71,29.55],[119.71,29.56],"
          + "[119.70,29.56],[119.70,29.55]]]}";

  /** Runs {@code fetch} in the page and answers "status type-of-problem". */
  private String fetchInPage(String script) {
    return String.valueOf(
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + script
                + ".then(async r => done(r.status + ' ' + ((await r.json().catch(() => ({}))).type"
                + " || '')), e => done('error ' + e));"));
  }

  @Test
  void loginFormIsChineseWithAnEnglishVersionAndRefusesAWrongPassword() {
    driver.manage().deleteAllCookies();
    driver.get("http://127.0.0.1:" + port + "/");
    waitFor(d -> d.getCurrentUrl().contains("/login"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("开发区(园区)规划");
    assertThat(driver.findElement(By.id("login")).getText()).isEqualTo("登录");
    assertThat(driver.findElement(By.id("demo-accounts")).getText()).contains("planner", "demo");
    driver.findElement(By.id("username")).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys("not-the-password");
    driver.findElement(By.id("login")).click();
    waitFor(d -> d.getCurrentUrl().contains("/login?error"));
    assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("用户名或密码错误");
    Browser.screenshot(driver, "20-login-wrong-password");
    driver.findElement(By.id("lang")).click();
    waitFor(d -> d.findElement(By.id("login")).getText().equals("Sign in"));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Development zone plans");
  }

  @Test
  void viewerSeesMapsAndIndicatorsButCannotEditOrExport() {
    Browser.signIn(driver, "http://127.0.0.1:" + port, new Credentials("viewer", "demo"));
    waitFor(d -> d.findElements(By.cssSelector(".leaflet-overlay-pane path")).size() >= 11);
    assertThat(driver.findElement(By.id("user")).getText()).contains("查看");
    assertThat(driver.findElement(By.cssSelector("#tabs [data-tab=edit]")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.cssSelector("#tabs [data-tab=export]")).isDisplayed())
        .isFalse();
    driver.findElement(By.cssSelector("#tabs [data-tab=dashboard]")).click();
    waitFor(d -> d.findElements(By.cssSelector("#gauge svg")).size() == 1);
    // The server refuses what the page hides, whatever the page does.
    assertThat(fetchInPage("fetch('/api/plans/pujiang-2021/export?layer=zones&format=geojson')"))
        .isEqualTo("403 urn:zoneplan:problem:forbidden");
    Browser.screenshot(driver, "21-viewer");
  }

  @Test
  void pageWritesNeedTheCsrfToken() {
    String post =
        "fetch('/api/measure', {method: 'POST', headers: {'Content-Type': 'application/geo+json'},"
            + " body: '"
            + SQUARE
            + "'})";
    // The session cookie alone is not enough: a forged cross-site request has nothing more.
    assertThat(fetchInPage(post)).isEqualTo("403 urn:zoneplan:problem:csrf");
    // The page's own api() adds the token it got from /api/me.
    Object area =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "postJson('/api/measure', "
                + SQUARE
                + ").then(r => done(r.areaM2), e => done('error ' + e));");
    assertThat(((Number) area).doubleValue()).isGreaterThan(1_000_000);
  }

  @Test
  void signingOutEndsTheSession() {
    driver.findElement(By.id("logout")).click();
    waitFor(d -> d.getCurrentUrl().contains("/login?logout"));
    assertThat(driver.findElement(By.cssSelector(".hint")).getText()).contains("已退出");
    assertThat(fetchInPage("fetch('/api/me', {headers: {'X-Requested-With': 'XMLHttpRequest'}})"))
        .isEqualTo("401 urn:zoneplan:problem:unauthenticated");
  }
}
