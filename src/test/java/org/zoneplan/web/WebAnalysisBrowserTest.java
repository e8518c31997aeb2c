package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page's 空间分析 tab in headless Chromium: the figures shown are the analysis API's, read back
 * from the page and compared with the API fetched by the test (HTTP Basic, as a VIEWER). Each test
 * adds the zones it needs to pujiang-2021 and removes them after.
 */
class WebAnalysisBrowserTest extends PageTestBase {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PLAN = "/api/plans/pujiang-2021";
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final double M2_PER_MU = 10000.0 / 15;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-analysis").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  private Http viewer() {
    return http.as(new Credentials("viewer", Credentials.DEMO_PASSWORD));
  }

  @Test
  void overlapListShowsTheApisProblemsCountAndTotalAndFollowsTheTolerance() {
    // Away from Pujiang's zones (north-west of the county seat); degrees at 29.5°N: 1e-5° of
    // longitude ≈ 0.97 m, of latitude ≈ 1.11 m.
    List<String> codes = List.of("T-A", "T-B", "T-C", "T-D");
    try {
      createZone("T-A", "测试甲", null, 119.750, 29.520, 119.760, 29.530);
      createZone("T-B", "测试乙", null, 119.755, 29.525, 119.765, 29.535); // overlaps A
      createZone("T-C", "测试丙", null, 119.740, 29.520, 119.74997, 29.530); // ≈ 2.9 m gap to A
      createZone("T-D", "测试丁", null, 119.750, 29.510, 119.760, 29.52002); // ≈ 2.2 m strip on A
      reloadWith(codes);
      openAnalysis("overlaps");

      JsonNode api = viewer().get(PLAN + "/overlaps").json();
      assertThat(kinds(api)).contains("OVERLAP", "SLIVER", "GAP");
      waitFor(d -> rows("#an-overlaps-table").size() == api.get("features").size());
      assertOverlapsShown(api);
      Browser.screenshot(driver, "analysis-overlaps");
      copyScreenshot("analysis-overlaps");

      // At 1 m the 2.9 m gap is no gap and the 2.2 m strip an ordinary overlap.
      WebElement tolerance = driver.findElement(By.id("an-tolerance"));
      tolerance.clear();
      tolerance.sendKeys("1");
      driver.findElement(By.id("an-overlaps-run")).click();
      JsonNode strict = viewer().get(PLAN + "/overlaps?tolerance=1").json();
      assertThat(kinds(strict)).doesNotContain("GAP", "SLIVER").contains("OVERLAP");
      waitFor(
          d ->
              rows("#an-overlaps-table").stream()
                  .map(r -> r.getAttribute("data-kind"))
                  .toList()
                  .equals(kinds(strict)));
      assertOverlapsShown(strict);

      // A row zooms the map onto its problem.
      WebElement first = rows("#an-overlaps-table").get(0);
      first.click();
      Envelope problem =
          GeoJson.readPolygonal(strict.get("features").get(0).get("geometry"))
              .getEnvelopeInternal();
      waitFor(d -> mapBounds().contains(problem) && mapBounds().getWidth() < 0.05);
      assertThat(first.getAttribute("class")).contains("selected");

      // Out of range: the page says so and asks nothing of the server.
      tolerance.clear();
      tolerance.sendKeys("5000");
      driver.findElement(By.id("an-overlaps-run")).click();
      waitFor(d -> text("an-overlaps-list").contains("0–1000"));
    } finally {
      codes.forEach(c -> http.delete(PLAN + "/zones/" + c, "*"));
    }
  }

  private void assertOverlapsShown(JsonNode api) {
    double sumM2 = 0;
    for (JsonNode f : api.get("features")) {
      sumM2 += f.get("properties").get("areaM2").doubleValue();
    }
    // "共 N 处,合计 X m²(Y 亩)": X to 0.1 m², Y to 0.01 亩.
    List<Double> shown = numbers(text("an-overlaps-total"));
    assertThat(shown.get(0).intValue()).isEqualTo(api.get("features").size());
    assertThat(shown.get(1)).isCloseTo(sumM2, within(0.05 + 1e-6));
    assertThat(shown.get(2)).isCloseTo(sumM2 / M2_PER_MU, within(0.005 + 1e-6));
    // Row by row: the same kinds, in the API's order, each with its area.
    List<WebElement> rows = rows("#an-overlaps-table");
    for (int i = 0; i < rows.size(); i++) {
      JsonNode p = api.get("features").get(i).get("properties");
      List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
      assertThat(rows.get(i).getAttribute("data-kind")).isEqualTo(p.get("kind").stringValue());
      assertThat(cells.get(2).getText()).contains(p.get("zoneA").stringValue());
      assertThat(number(cells.get(3).getText()))
          .isCloseTo(p.get("areaM2").doubleValue(), within(0.05 + 1e-6));
      assertThat(number(cells.get(4).getText()))
          .isCloseTo(p.get("areaMu").doubleValue(), within(0.005 + 1e-6));
    }
    // The map layer holds every problem.
    assertThat(((Number) driver.executeScript("return anOverlapLayer.getLayers().length")))
        .isEqualTo((long) api.get("features").size());
  }

  @Test
  void scatteredLandShowsTheApisTotalAndCountAgainstTheTarget() {
    openAnalysis("scattered");
    JsonNode api = viewer().get(PLAN + "/scattered?geometry=false").json();
    waitFor(d -> !d.findElements(By.id("an-scattered-total")).isEmpty());
    // Shown to 0.1 亩.
    assertThat(number(text("an-scattered-total")))
        .isCloseTo(api.get("totalMu").doubleValue(), within(0.05 + 1e-6));
    assertThat(number(text("an-scattered-count"))).isEqualTo(api.get("count").doubleValue());
    assertThat(api.get("count").intValue()).isGreaterThan(100);
    assertThat(text("an-scattered-list")).contains("原则上开发区(园区)外不再新增零星工业用地");
    // New scattered land by year, against the target of none: the API's rows.
    JsonNode byYear = api.get("byYear");
    assertThat(byYear.size()).isGreaterThan(3);
    List<WebElement> rows = driver.findElements(By.cssSelector("#an-by-year-table tr[data-year]"));
    assertThat(rows).hasSize(byYear.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode y = byYear.get(i);
      List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
      assertThat(cells.get(0).getText()).isEqualTo(String.valueOf(y.get("year").intValue()));
      assertThat(number(cells.get(1).getText())).isEqualTo(y.get("newCount").doubleValue());
      assertThat(number(cells.get(2).getText()))
          .isCloseTo(y.get("newMu").doubleValue(), within(0.05 + 1e-6));
      assertThat(cells.get(3).getText())
          .isEqualTo(y.get("newCount").intValue() == 0 ? "达标" : "未达标");
    }
    // The .xlsx button: the server's table of the same view.
    assertThat(driver.findElement(By.id("an-scattered-xlsx")).getAttribute("href"))
        .endsWith(PLAN + "/scattered.xlsx");
    // Every parcel is on the map.
    assertThat(((Number) driver.executeScript("return anScatteredLayer.getLayers().length")))
        .isEqualTo(api.get("count").longValue());
    Browser.screenshot(driver, "analysis-scattered");
    copyScreenshot("analysis-scattered");
  }

  @Test
  void treeShowsEveryZoneWithTheApisRolledUpAreaAndSelectsOnClick() {
    // A child reaching outside its parent: the parent's roll-up is the union, more than its own.
    try {
      createZone("T-P", "测试上级", null, 119.750, 29.520, 119.760, 29.530);
      createZone("T-Q", "测试下级", "T-P", 119.755, 29.525, 119.765, 29.535);
      reloadWith(List.of("T-P", "T-Q"));
      openAnalysis("tree");
      JsonNode tree = viewer().get(PLAN + "/tree").json();
      Set<String> zoneCodes = new HashSet<>();
      viewer()
          .get(PLAN + "/zones")
          .json()
          .get("features")
          .forEach(f -> zoneCodes.add(f.get("properties").get("code").stringValue()));
      waitFor(d -> rows("#an-tree-table").size() == zoneCodes.size());

      Map<String, JsonNode> nodes = new HashMap<>();
      tree.get("roots").forEach(r -> collect(r, nodes));
      assertThat(nodes.keySet()).isEqualTo(zoneCodes);
      Set<String> shownCodes = new HashSet<>();
      for (WebElement row : rows("#an-tree-table")) {
        String code = row.getAttribute("data-code");
        shownCodes.add(code);
        JsonNode node = nodes.get(code);
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).contains(node.get("name").stringValue());
        assertThat(number(cells.get(1).getText()))
            .as(code)
            .isCloseTo(node.get("area").get("areaMu").doubleValue(), within(0.05 + 1e-6));
        assertThat(number(cells.get(3).getText()))
            .as(code)
            .isCloseTo(node.get("rolledUp").get("areaMu").doubleValue(), within(0.05 + 1e-6));
        assertThat(number(cells.get(4).getText()))
            .as(code)
            .isCloseTo(node.get("rolledUp").get("areaKm2").doubleValue(), within(0.005 + 1e-9));
      }
      assertThat(shownCodes).isEqualTo(zoneCodes);

      // The parent's roll-up shown is the area of P ∪ Q, unioned here and measured by the server.
      Geometry union =
          square(119.750, 29.520, 119.760, 29.530).union(square(119.755, 29.525, 119.765, 29.535));
      double unionMu =
          http.post("/api/measure", GeoJson.write(union).toString())
              .json()
              .get("areaMu")
              .doubleValue();
      WebElement parent = row("T-P");
      double ownMu = number(parent.findElements(By.tagName("td")).get(1).getText());
      double rolledMu = number(parent.findElements(By.tagName("td")).get(3).getText());
      assertThat(rolledMu).isCloseTo(unionMu, within(0.05 + 1e-6)).isGreaterThan(ownMu + 100);

      // Clicking a name selects the zone as a click on the map does.
      row("PJ-HZ").findElement(By.cssSelector("button.link")).click();
      waitFor(
          d ->
              "PJ-HZ"
                  .equals(
                      driver.executeScript(
                          "return state.selected && state.selected.properties.code")));
      assertThat(row("PJ-HZ").getAttribute("class")).contains("selected");
      Browser.screenshot(driver, "analysis-tree");
      copyScreenshot("analysis-tree");

      // Collapsing PJ hides everything below it; expanding all shows it again.
      row("PJ").findElement(By.cssSelector("button.an-toggle")).click();
      waitFor(d -> !row("PJ-1").isDisplayed() && !row("PJ-1-CORE").isDisplayed());
      assertThat(row("T-Q").isDisplayed()).isTrue();
      driver.findElement(By.id("an-expand-all")).click();
      waitFor(d -> row("PJ-1-CORE").isDisplayed());
    } finally {
      http.delete(PLAN + "/zones/T-Q", "*");
      http.delete(PLAN + "/zones/T-P", "*");
    }
  }

  @Test
  void divisionSplitSharesAddUpAndNamesAreText() {
    // A square on the border of 浦江县 and 义乌市: the nearest point of Pujiang's outline to
    // Yiwu's centre, ± 0.01°.
    Geometry pujiang =
        GeoJson.readPolygonal(http.get("/api/divisions/330726").json().get("geometry"));
    Geometry yiwu = GeoJson.readPolygonal(http.get("/api/divisions/330782").json().get("geometry"));
    Coordinate c = DistanceOp.nearestPoints(pujiang.getBoundary(), yiwu.getCentroid())[0];
    String name = "跨界<b>合作</b>园";
    try {
      createZone("T-X", name, null, c.x - 0.01, c.y - 0.01, c.x + 0.01, c.y + 0.01);
      reloadWith(List.of("T-X"));
      openAnalysis("attribution");
      JsonNode api = viewer().get(PLAN + "/attribution").json();
      JsonNode zone = null;
      for (JsonNode z : api.get("zones")) {
        if (z.get("code").stringValue().equals("T-X")) {
          zone = z;
        }
      }
      assertThat(zone).isNotNull();
      assertThat(zone.get("divisions").size()).isGreaterThanOrEqualTo(2);
      By table = By.cssSelector(".an-split[data-code='T-X'] table");
      waitFor(d -> !d.findElements(table).isEmpty());
      WebElement split = driver.findElement(table);
      // The name is text: shown with its angle brackets, no <b> element made of it.
      assertThat(split.findElement(By.tagName("caption")).getText()).contains(name);
      assertThat(driver.findElements(By.cssSelector("#analysis b"))).isEmpty();

      double shareSum = 0;
      int divisionRows = 0;
      for (WebElement tr : split.findElements(By.cssSelector("tr[data-division]"))) {
        List<WebElement> cells = tr.findElements(By.tagName("td"));
        double share = number(cells.get(3).getText());
        shareSum += share;
        String code = tr.getAttribute("data-division");
        if (code.isEmpty()) {
          // The part in no division: the rest of the zone's area.
          assertThat(share)
              .isCloseTo(
                  100
                      * zone.get("outsideDivisionsM2").doubleValue()
                      / zone.get("areaM2").doubleValue(),
                  within(0.05 + 1e-9));
          continue;
        }
        divisionRows++;
        JsonNode s = division(zone, code);
        assertThat(cells.get(0).getText()).isEqualTo(s.get("name").stringValue());
        assertThat(share).isCloseTo(100 * s.get("share").doubleValue(), within(0.05 + 1e-9));
        assertThat(number(cells.get(1).getText()))
            .isCloseTo(s.get("areaM2").doubleValue() / M2_PER_MU, within(0.05 + 1e-6));
        assertThat(number(cells.get(2).getText()))
            .isCloseTo(s.get("industrialMu").doubleValue(), within(0.05 + 1e-6));
      }
      assertThat(divisionRows).isEqualTo(zone.get("divisions").size());
      int shown = split.findElements(By.cssSelector("tr[data-division]")).size();
      // Each share is rounded to 0.1%: the sum is 100% within half of that per row.
      assertThat(shareSum).isCloseTo(100.0, within(0.05 * shown + 1e-9));

      // The download: a CSV with a UTF-8 byte-order mark, the zone's rows, the name as written.
      // The blob's bytes as written (Blob.text() would drop the byte-order mark).
      driver.executeScript(
          "window.__csv = null; const create = URL.createObjectURL;"
              + " URL.createObjectURL = b => { b.arrayBuffer().then(x => { const u = new Uint8Array(x);"
              + " window.__csv = [Array.from(u.slice(0, 3)),"
              + " new TextDecoder('utf-8', { ignoreBOM: true }).decode(u)]; });"
              + " return create.call(URL, b); };");
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("an-zone")))
          .selectByValue("T-X");
      driver.findElement(By.id("an-attribution-csv")).click();
      waitFor(d -> driver.executeScript("return window.__csv") != null);
      @SuppressWarnings("unchecked")
      List<Object> file = (List<Object>) driver.executeScript("return window.__csv");
      assertThat(((List<?>) file.get(0)).stream().map(n -> ((Number) n).intValue()).toList())
          .containsExactly(0xEF, 0xBB, 0xBF);
      String csv = (String) file.get(1);
      assertThat(csv).startsWith("\uFEFF");
      String[] lines = csv.substring(1).split("\r\n");
      assertThat(lines).hasSize(1 + shown);
      assertThat(lines[1]).startsWith("T-X," + name + ",");
      assertThat(csv).contains("浦江县", "义乌市");
      Browser.screenshot(driver, "analysis-attribution");
      copyScreenshot("analysis-attribution");
    } finally {
      http.delete(PLAN + "/zones/T-X", "*");
    }
  }

  @Test
  void englishToggleTranslatesTheTab() {
    openAnalysis("overlaps");
    WebElement tab = driver.findElement(By.cssSelector("#tabs [data-tab=analysis]"));
    assertThat(tab.getText()).isEqualTo("空间分析");
    assertThat(text("analysis-nav")).contains("重叠与缝隙", "零星工业用地", "按行政区划拆分", "区块树");
    waitFor(d -> text("an-overlaps-total").contains("合计"));
    driver.findElement(By.id("lang")).click();
    waitFor(d -> tab.getText().equals("Analysis"));
    assertThat(text("analysis-nav"))
        .contains(
            "Overlaps and gaps", "Scattered industrial land", "Split by division", "Zone tree");
    assertThat(text("an-overlaps")).contains("Tolerance (m)", "Recompute", "Download");
    // Drawn again from the results held, in English.
    assertThat(text("an-overlaps-total")).contains("in all");
    openView("tree");
    waitFor(d -> !rows("#an-tree-table").isEmpty());
    assertThat(driver.findElement(By.cssSelector("#an-tree-table th:nth-child(4)")).getText())
        .isEqualTo("Roll-up (mu)");
    driver.findElement(By.id("lang")).click();
    waitFor(d -> tab.getText().equals("空间分析"));
  }

  // ---- helpers

  private void createZone(
      String code, String name, String parent, double x0, double y0, double x1, double y1) {
    String body =
        "{\"type\":\"Feature\",\"properties\":{\"name\":"
            + JSON.writeValueAsString(name)
            + ",\"kind\":\"COOPERATION\",\"parent\":"
            + (parent == null ? "null" : JSON.writeValueAsString(parent))
            + "},\"geometry\":"
            + GeoJson.write(square(x0, y0, x1, y1))
            + "}";
    assertThat(http.post(PLAN + "/zones/" + code, body).status()).as(code).isEqualTo(201);
  }

  private static Geometry square(double x0, double y0, double x1, double y1) {
    var f = new org.locationtech.jts.geom.GeometryFactory();
    return f.toGeometry(new Envelope(x0, x1, y0, y1));
  }

  /** Reloads the page and waits until it holds the given zones. */
  private void reloadWith(List<String> codes) {
    driver.navigate().refresh();
    waitFor(
        d ->
            Boolean.TRUE.equals(
                driver.executeScript(
                    "return typeof state !== 'undefined' && arguments[0].every(c =>"
                        + " state.features.some(f => f.properties.code === c))",
                    codes)));
  }

  private void openAnalysis(String view) {
    driver.findElement(By.cssSelector("#tabs [data-tab=analysis]")).click();
    openView(view);
  }

  private void openView(String view) {
    driver.findElement(By.cssSelector("#analysis-nav [data-view=" + view + "]")).click();
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** The data rows (not the heading) of a table. */
  private List<WebElement> rows(String tableSelector) {
    return driver.findElements(By.cssSelector(tableSelector + " tr:not(:first-child)"));
  }

  private WebElement row(String code) {
    return driver.findElement(By.cssSelector("#an-tree-table tr[data-code='" + code + "']"));
  }

  private Envelope mapBounds() {
    @SuppressWarnings("unchecked")
    List<Number> b =
        (List<Number>)
            driver.executeScript(
                "const b = map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]");
    return new Envelope(
        b.get(0).doubleValue(),
        b.get(2).doubleValue(),
        b.get(1).doubleValue(),
        b.get(3).doubleValue());
  }

  private static List<String> kinds(JsonNode overlaps) {
    List<String> out = new ArrayList<>();
    overlaps.get("features").forEach(f -> out.add(f.get("properties").get("kind").stringValue()));
    return out;
  }

  private static void collect(JsonNode node, Map<String, JsonNode> out) {
    out.put(node.get("code").stringValue(), node);
    node.get("children").forEach(c -> collect(c, out));
  }

  private static JsonNode division(JsonNode zone, String code) {
    for (JsonNode s : zone.get("divisions")) {
      if (s.get("code").stringValue().equals(code)) {
        return s;
      }
    }
    throw new AssertionError("division " + code + " not in the API's split");
  }

  private static List<Double> numbers(String text) {
    List<Double> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      out.add(Double.parseDouble(m.group()));
    }
    return out;
  }

  private static double number(String text) {
    List<Double> all = numbers(text);
    assertThat(all).as("a number in \"%s\"", text).isNotEmpty();
    return all.get(0);
  }

  /** The screenshot beside the test artefacts, also in /tmp for a look outside the build. */
  private static void copyScreenshot(String name) {
    try {
      Files.copy(
          Path.of("target", "screenshots", name + ".png"),
          Path.of(System.getProperty("java.io.tmpdir"), "zoneplan-" + name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
