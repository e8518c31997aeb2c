package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/**
 * The page's 指标看板 (dashboard.js) and 亩均评价 (muju.js) in headless Chromium against the sample data:
 * every figure read back from the page (text, or a chart's data through {@code Chart.getChart})
 * equals the API's, fetched by the test with HTTP Basic as a VIEWER.
 */
class WebDashboardBrowserTest extends PageTestBase {
  private static final String PLAN = "/api/plans/pujiang-2021";
  private static final String CORE = "PJ-1-CORE";

  /** Pujiang, the plan's county (the yearly indicators' default jurisdiction). */
  private static final String COUNTY = "330726";

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-dashboard").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  private Http viewer() {
    return http.as(new Credentials("viewer", Credentials.DEMO_PASSWORD));
  }

  private List<Integer> yearsHeld() {
    List<Integer> years = new ArrayList<>();
    viewer()
        .get(PLAN + "/zones/" + CORE + "/indicators/series")
        .json()
        .get("years")
        .forEach(y -> years.add(y.intValue()));
    return years;
  }

  private void openTab(String tab) {
    driver.findElement(By.cssSelector("#tabs [data-tab=" + tab + "]")).click();
  }

  /** Chooses the year and quarter ("" for the whole year) and waits for their figures. */
  private void choosePeriod(int year, String quarter) {
    new Select(driver.findElement(By.id("db-year"))).selectByValue(String.valueOf(year));
    new Select(driver.findElement(By.id("db-quarter"))).selectByValue(quarter);
    String period = year + (quarter.isEmpty() ? "" : "Q" + quarter);
    waitFor(
        d ->
            (Boolean)
                driver.executeScript(
                    "return dbUi.result !== null && dbUi.result.period === arguments[0]"
                        + " && document.getElementById('db-period').textContent.includes(arguments[0])",
                    period));
  }

  private String coreTaxText() {
    return driver
        .findElement(
            By.cssSelector(
                "#db-table tr[data-code='" + CORE + "'] td[data-key='taxPerMu'] .db-value"))
        .getText();
  }

  @Test
  void changingTheYearChangesTheGaugeAndTheTableAsTheApiSays() {
    List<Integer> years = yearsHeld();
    assertThat(years).hasSizeGreaterThanOrEqualTo(2);
    openTab("dashboard");
    waitFor(d -> d.findElements(By.id("gauge-value")).size() == 1);
    List<String> gauges = new ArrayList<>();
    List<Double> taxes = new ArrayList<>();
    for (int year : List.of(years.get(0), years.get(years.size() - 1))) {
      choosePeriod(year, "");
      JsonNode api = viewer().get(PLAN + "/indicators/yearly?year=" + year).json();
      double concentration = api.get("plan").get("concentration").get("value").doubleValue();
      String gauge = driver.findElement(By.id("gauge-value")).getText();
      assertThat(gauge).isEqualTo(String.format(Locale.ROOT, "%.1f%%", concentration));
      gauges.add(gauge);
      double tax = zone(api, CORE).get("values").get("taxPerMu").get("value").doubleValue();
      assertThat(Double.parseDouble(coreTaxText())).isCloseTo(tax, within(0.005));
      taxes.add(tax);
      // Below the city's 40 万元/亩: marked, with its 完成率 and rank shown.
      JsonNode v = zone(api, CORE).get("values").get("taxPerMu");
      String cell =
          driver
              .findElement(
                  By.cssSelector("#db-table tr[data-code='" + CORE + "'] td[data-key='taxPerMu']"))
              .getText();
      assertThat(cell)
          .contains(
              String.format(Locale.ROOT, "%.1f%%", 100 * v.get("completion").doubleValue()),
              "第 " + v.get("rank").intValue() + "/" + v.get("ranked").intValue() + " 名");
      String cls =
          driver
              .findElement(
                  By.cssSelector("#db-table tr[data-code='" + CORE + "'] td[data-key='taxPerMu']"))
              .getAttribute("class");
      assertThat(cls.contains("below")).isEqualTo(!v.get("met").booleanValue());
    }
    assertThat(gauges.get(0)).isNotEqualTo(gauges.get(1));
    assertThat(taxes.get(0)).isNotEqualTo(taxes.get(1));
    Browser.screenshot(driver, "dashboard-review");
  }

  @Test
  void timeSeriesHasOnePointPerYearHeld() {
    openTab("dashboard");
    waitFor(d -> d.findElements(By.id("gauge-value")).size() == 1);
    new Select(driver.findElement(By.id("db-series-zone"))).selectByValue("PJ-HZ");
    new Select(driver.findElement(By.id("db-series-indicator"))).selectByValue("taxPerMu");
    JsonNode api = viewer().get(PLAN + "/zones/PJ-HZ/indicators/series").json();
    waitFor(
        d ->
            (Boolean)
                driver.executeScript(
                    "const c = Chart.getChart(document.getElementById('db-series-chart'));"
                        + " return !!c && c.data.datasets[0].label.startsWith('黄宅片区');"));
    @SuppressWarnings("unchecked")
    Map<String, Object> data =
        (Map<String, Object>)
            driver.executeScript(
                "const c = Chart.getChart(document.getElementById('db-series-chart'));"
                    + " return {labels: c.data.labels, values: c.data.datasets[0].data};");
    List<?> labels = (List<?>) data.get("labels");
    List<?> values = (List<?>) data.get("values");
    assertThat(api.get("years").size()).isGreaterThanOrEqualTo(4); // the sample: 2021–2024
    assertThat(labels).hasSize(api.get("years").size());
    assertThat(api.get("points").size()).isEqualTo(api.get("years").size());
    for (int k = 0; k < labels.size(); k++) {
      JsonNode point = api.get("points").get(k);
      assertThat(labels.get(k)).isEqualTo(String.valueOf(api.get("years").get(k).intValue()));
      assertThat(point.get("year").intValue()).isEqualTo(api.get("years").get(k).intValue());
      assertThat(((Number) values.get(k)).doubleValue())
          .isCloseTo(point.get("values").get("taxPerMu").get("value").doubleValue(), within(1e-9));
    }
    Browser.screenshot(driver, "dashboard-series");
  }

  /**
   * The sample's own quarters (sample.QuarterGenerator, illustrative): the radar of Q2 and of Q3
   * are the API's for those quarters, and differ; the page says the quarters are illustrative.
   */
  @Test
  void radarFollowsTheQuarter() {
    int year = 2023;
    openTab("dashboard");
    waitFor(d -> d.findElements(By.id("gauge-value")).size() == 1);
    new Select(driver.findElement(By.id("radar-zone"))).selectByValue(CORE);

    choosePeriod(year, "");
    List<Double> wholeYear = radar();
    List<Double> apiYear =
        completions(viewer().get(PLAN + "/indicators/yearly?year=" + year).json());
    assertThat(wholeYear).hasSameSizeAs(apiYear).isNotEmpty();
    assertClose(wholeYear, apiYear);
    assertThat(driver.findElement(By.id("db-quarter-notice")).isDisplayed()).isFalse();

    choosePeriod(year, "2");
    List<Double> q2 = radar();
    List<Double> apiQ2 =
        completions(viewer().get(PLAN + "/indicators/yearly?year=" + year + "&quarter=2").json());
    assertClose(q2, apiQ2);
    assertThat(driver.findElement(By.id("db-quarter-notice")).getText()).contains("示例");
    driver.executeScript("document.getElementById('db-table').scrollIntoView()");
    Browser.screenshot(driver, "dashboard-table-q2");

    choosePeriod(year, "3");
    List<Double> q3 = radar();
    List<Double> apiQ3 =
        completions(viewer().get(PLAN + "/indicators/yearly?year=" + year + "&quarter=3").json());
    assertClose(q3, apiQ3);
    assertThat(q2.stream().filter(v -> v != null).count()).isGreaterThanOrEqualTo(2);
    assertThat(q3).isNotEqualTo(q2);
    assertThat(q2).isNotEqualTo(wholeYear);
    // The target ring is at 100% on every axis.
    assertThat(
            (Boolean)
                driver.executeScript(
                    "return Chart.getChart(document.getElementById('radar-chart'))"
                        + ".data.datasets[1].data.every(v => v === 100)"))
        .isTrue();
    Browser.screenshot(driver, "dashboard-radar-q3");
  }

  /**
   * A click on the 亩均 tab's new download button (grades per zone) saves the server's .xlsx, whose
   * counts and land by grade are the API's for the year and rule set shown.
   */
  @Test
  void gradesPerZoneButtonDownloadsAnXlsxOfTheApisCounts() throws Exception {
    Path downloads = TestDirs.create("zoneplan-downloads");
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    openTab("muju");
    waitFor(d -> d.findElements(By.cssSelector("#mj-zone-table tr[data-code]")).size() > 1);
    WebElement button = driver.findElement(By.id("mj-zones-xlsx"));
    assertThat(button.getText()).isEqualTo("下载 .xlsx");
    String year = driver.findElement(By.id("mj-year")).getAttribute("value");
    String ruleSet = driver.findElement(By.id("mj-rule-set")).getAttribute("value");
    assertThat(button.getAttribute("href")).contains("/api/evaluation/results/zones.xlsx?");
    button.click();
    waitFor(
        d -> {
          try (var files = Files.list(downloads)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".xlsx"));
          } catch (IOException e) {
            return false;
          }
        });
    Path file;
    try (var files = Files.list(downloads)) {
      file = files.filter(f -> f.getFileName().toString().endsWith(".xlsx")).findFirst().get();
    }
    // The Chinese name of Content-Disposition's filename* (RFC 5987).
    assertThat(file.getFileName().toString()).startsWith("亩均等级分区块-").endsWith("-" + year + ".xlsx");
    JsonNode api =
        viewer()
            .get(
                "/api/evaluation/results?division="
                    + COUNTY
                    + "&year="
                    + year
                    + "&ruleSet="
                    + ruleSet
                    + "&planId=pujiang-2021")
            .json();
    try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(file))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("区块代码");
      JsonNode zones = api.get("zones");
      assertThat(sheet.getLastRowNum()).isEqualTo(zones.size() + 1);
      for (int i = 0; i < zones.size(); i++) {
        Row row = sheet.getRow(i + 1);
        JsonNode z = zones.get(i);
        assertThat(row.getCell(0).getStringCellValue()).isEqualTo(z.get("code").asString());
        assertThat(row.getCell(4).getNumericCellValue())
            .isEqualTo(z.get("countByGrade").get("A").doubleValue());
        assertThat(row.getCell(5).getNumericCellValue())
            .isEqualTo(z.get("landMuByGrade").get("A").doubleValue());
      }
    }
  }

  @Test
  void tableDownloadsAsTheServersXlsx() throws IOException {
    List<Integer> years = yearsHeld();
    int year = years.get(years.size() - 1);
    openTab("dashboard");
    waitFor(d -> d.findElements(By.id("gauge-value")).size() == 1);
    choosePeriod(year, "");
    String href = driver.findElement(By.id("db-xlsx")).getAttribute("href");
    assertThat(href).contains("/indicators/yearly.xlsx?year=" + year);
    Download download = downloadInPage(href);
    assertThat(download.status).isEqualTo(200);
    assertThat(download.type)
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(new String(download.bytes, 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    JsonNode api = viewer().get(PLAN + "/indicators/yearly?year=" + year).json();
    double tax = zone(api, CORE).get("values").get("taxPerMu").get("value").doubleValue();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(download.bytes))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("区块代码");
      boolean found = false;
      for (Row row : sheet) {
        if (row.getRowNum() > 0
            && CORE.equals(row.getCell(0).getStringCellValue())
            && "taxPerMu".equals(row.getCell(4).getStringCellValue())) {
          assertThat(row.getCell(6).getNumericCellValue()).isCloseTo(tax, within(1e-9));
          found = true;
        }
      }
      assertThat(found).isTrue();
    }
  }

  @Test
  void mujuTabShowsTheApisCountsByGradeAndItsGradeLayerFollowsTheYear() throws IOException {
    List<Integer> years = yearsHeld();
    openTab("muju");
    waitFor(d -> d.findElements(By.cssSelector("#mj-zone-table tr[data-code]")).size() > 1);
    assertThat(driver.findElement(By.id("mj-notice")).isDisplayed()).isTrue();
    List<byte[]> tiles = new ArrayList<>();
    for (int year : List.of(years.get(0), years.get(years.size() - 1))) {
      new Select(driver.findElement(By.id("mj-year"))).selectByValue(String.valueOf(year));
      waitFor(
          d ->
              (Boolean)
                  driver.executeScript(
                      "return mjUi.result !== null && mjUi.result.year === arguments[0]"
                          + " && mjGradeTiles._url.includes('year=' + arguments[0])",
                      year));
      String ruleSet = driver.findElement(By.id("mj-rule-set")).getAttribute("value");
      assertThat(ruleSet).isNotEmpty(); // Pujiang has no rules: the page chose a rule set
      JsonNode api =
          viewer()
              .get(
                  "/api/evaluation/results?division="
                      + COUNTY
                      + "&year="
                      + year
                      + "&ruleSet="
                      + ruleSet
                      + "&planId=pujiang-2021")
              .json();
      // Counts by grade: every zone and the county total.
      for (JsonNode z : api.get("zones")) {
        for (String g : List.of("A", "B", "C", "D", "T")) {
          assertThat(cellCount(z.get("code").asString(), g))
              .as("%s %s %d", z.get("code").asString(), g, year)
              .isEqualTo(z.get("countByGrade").get(g).intValue());
        }
      }
      for (String g : List.of("A", "B", "C", "D", "T")) {
        assertThat(cellCount("", g)).isEqualTo(api.get("countByGrade").get(g).intValue());
      }
      // The grade layer: the tile template is the TileJSON's of that year, and its tiles are the
      // server's for that year.
      String template = (String) driver.executeScript("return mjGradeTiles._url");
      JsonNode tileJson =
          viewer()
              .get(
                  "/tiles/grades.json?format=png&year="
                      + year
                      + "&ruleSet="
                      + ruleSet
                      + "&division="
                      + COUNTY)
              .json();
      assertThat(base() + template.replace("{r}", ""))
          .isEqualTo(tileJson.get("tiles").get(0).asString());
      String tilePath = template.replace("{z}", "13").replace("{x}", "6825").replace("{y}", "3393");
      tilePath = tilePath.replace("{r}", "");
      Download inPage = downloadInPage(tilePath);
      assertThat(inPage.status).isEqualTo(200);
      assertThat(inPage.type).isEqualTo("image/png");
      assertThat(inPage.bytes).isEqualTo(basicGet(tilePath));
      tiles.add(inPage.bytes);
      // The list of the grade chosen.
      new Select(driver.findElement(By.id("mj-grade"))).selectByValue("A");
      int aCount = api.get("countByGrade").get("A").intValue();
      waitFor(d -> d.findElement(By.id("mj-list-count")).getText().contains("共 " + aCount + " 家"));
      assertThat(driver.findElements(By.cssSelector("#mj-list-table td.mj-grade")))
          .isNotEmpty()
          .allSatisfy(td -> assertThat(td.getText()).isEqualTo("A"));
      new Select(driver.findElement(By.id("mj-grade"))).selectByValue("");
    }
    assertThat(tiles.get(0)).isNotEqualTo(tiles.get(1));
    // Pujiang has no rules of its own: the page says whose rules grade it.
    assertThat(driver.findElement(By.id("mj-status")).getText()).contains("本县没有亩均评价规则");
    assertThat(driver.findElement(By.id("mj-rules")).getText()).contains("基准值", "权重");

    String href = driver.findElement(By.id("mj-xlsx")).getAttribute("href");
    Download xlsx = downloadInPage(href);
    assertThat(xlsx.status).isEqualTo(200);
    assertThat(xlsx.type)
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes))) {
      assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("统一社会信用代码");
    }
    driver.executeScript("document.getElementById('mj-notice').scrollIntoView()");
    Browser.screenshot(driver, "muju");
  }

  @Test
  void englishToggleTranslatesTheDashboardAndMuju() {
    openTab("dashboard");
    waitFor(d -> d.findElements(By.id("gauge-value")).size() == 1);
    driver.findElement(By.id("lang")).click();
    waitFor(
        d ->
            d.findElement(By.cssSelector("#tabs [data-tab=muju]"))
                .getText()
                .equals("Per-mu evaluation"));
    assertThat(driver.findElement(By.id("db-period")).getText()).startsWith("Period ");
    assertThat(driver.findElement(By.cssSelector("#db-table th[data-key=taxPerMu]")).getText())
        .startsWith("Tax per mu");
    assertThat(new Select(driver.findElement(By.id("db-quarter"))).getOptions().get(0).getText())
        .isEqualTo("Whole year");
    Browser.screenshot(driver, "dashboard-english");
    driver.findElement(By.id("lang")).click();
  }

  // ---- helpers

  private static JsonNode zone(JsonNode yearly, String code) {
    for (JsonNode z : yearly.get("zones")) {
      if (z.get("code").asString().equals(code)) {
        return z;
      }
    }
    throw new AssertionError("no zone " + code);
  }

  /** The API's 完成率 × 100 of the core zone for the indicators with a target, as the radar's axes. */
  private static List<Double> completions(JsonNode yearly) {
    List<Double> out = new ArrayList<>();
    JsonNode core = zone(yearly, CORE).get("values");
    for (JsonNode i : yearly.get("indicators")) {
      String key = i.get("key").asString();
      if (!i.get("level").asString().equals("ZONE")) {
        continue;
      }
      boolean targeted = false;
      for (JsonNode z : yearly.get("zones")) {
        targeted |= !z.get("values").get(key).get("target").isNull();
      }
      if (targeted) {
        JsonNode c = core.get(key).get("completion");
        out.add(c == null || c.isNull() ? null : 100 * c.doubleValue());
      }
    }
    return out;
  }

  private List<Double> radar() {
    List<?> raw =
        (List<?>)
            driver.executeScript(
                "return Chart.getChart(document.getElementById('radar-chart')).data.datasets[0].data");
    List<Double> out = new ArrayList<>();
    for (Object o : raw) {
      out.add(o == null ? null : ((Number) o).doubleValue());
    }
    return out;
  }

  private static void assertClose(List<Double> actual, List<Double> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int k = 0; k < actual.size(); k++) {
      if (expected.get(k) == null) {
        assertThat(actual.get(k)).as("axis %d", k).isNull();
      } else {
        assertThat(actual.get(k)).as("axis %d", k).isCloseTo(expected.get(k), within(1e-9));
      }
    }
  }

  private int cellCount(String zoneCode, String grade) {
    return Integer.parseInt(
        driver
            .findElement(
                By.cssSelector(
                    "#mj-zone-table tr[data-code='"
                        + zoneCode
                        + "'] td[data-grade='"
                        + grade
                        + "'] .mj-count"))
            .getText());
  }

  private record Download(int status, String type, byte[] bytes) {}

  /** Fetches a URL in the page's session (its cookie, no Basic header), as a download would. */
  private Download downloadInPage(String url) {
    @SuppressWarnings("unchecked")
    Map<String, Object> r =
        (Map<String, Object>)
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " fetch(arguments[0]).then(async r => { const b = new Uint8Array(await r.arrayBuffer());"
                    + " let s = ''; for (let i = 0; i < b.length; i += 8192)"
                    + " s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));"
                    + " done({status: r.status, type: r.headers.get('Content-Type'), body: btoa(s)}); },"
                    + " e => done({status: -1, type: String(e), body: ''}));",
                url);
    return new Download(
        ((Number) r.get("status")).intValue(),
        (String) r.get("type"),
        Base64.getDecoder().decode((String) r.get("body")));
  }

  private byte[] basicGet(String path) throws IOException {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                ("viewer:" + Credentials.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<byte[]> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base() + path))
                      .header("Authorization", "Basic " + auth)
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
