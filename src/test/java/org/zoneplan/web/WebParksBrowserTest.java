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
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/**
 * The 合作园区 tab: both sample parks on the map and in the list with their illustrative label; the
 * popup shows every published figure with its source phrase as the API gives it; the assessment
 * view switches between territorial and shared figures (滨江's 2023 固投 with sharing: 44.8 + 17.7 =
 * 62.5 亿元, by territory 0); English labels.
 */
class WebParksBrowserTest extends PageTestBase {

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-parks").toString();
    registry.add("zoneplan.data-dir", () -> dir);
    registry.add("zoneplan.sample-data.parcels", () -> "0");
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }

  @Test
  void parksPanelShowsParksFiguresAndTheAssessmentWithAndWithoutSharing() {
    chooseJurisdiction("330100"); // the parks are Hangzhou's (the page opens on 浦江县)
    driver.findElement(By.cssSelector("#tabs [data-tab=parks]")).click();
    // the two cooperation parks, and the illustrative 科创飞地 of the Xihu sample (issue 14.8)
    int parks = http.get("/api/parks").json().size();
    assertThat(parks).isEqualTo(3);
    waitFor(d -> d.findElements(By.cssSelector("#pk-list .pk-park")).size() == parks);
    for (WebElement park : driver.findElements(By.cssSelector("#pk-list .pk-park"))) {
      assertThat(park.findElement(By.className("pk-illustrative")).getText())
          .isEqualTo("示意边界(非官方)");
    }
    assertThat(driver.findElement(By.id("pk-list")).getText()).contains("116");
    Long onMap = (Long) driver.executeScript("return pkLayer.getLayers().length");
    assertThat(onMap).isEqualTo(parks);

    // the popup: every figure with the source phrase the API holds
    driver.findElement(By.cssSelector("#pk-list .pk-park[data-park=binfu] a")).click();
    waitFor(
        d -> d.findElements(By.cssSelector(".leaflet-popup .pk-figures tr[data-item]")).size() > 0);
    JsonNode figures = http.get("/api/parks/binfu/figures").json();
    List<WebElement> rows =
        driver.findElements(By.cssSelector(".leaflet-popup .pk-figures tr[data-item]"));
    assertThat(rows).hasSize(figures.size());
    for (int i = 0; i < figures.size(); i++) {
      JsonNode f = figures.get(i);
      // textContent: the popup scrolls, so rows below its fold are not "displayed" to Selenium
      String text = rows.get(i).getAttribute("textContent");
      assertThat(text).contains(f.get("period").asString());
      assertThat(text).contains(f.get("valueText").asString() + " " + f.get("unit").asString());
      assertThat(text).contains(f.get("sourcePhrase").asString());
    }
    // Leaflet fades a popup in: until it is opaque, Selenium reads no text from it
    waitFor(d -> d.findElement(By.className("leaflet-popup")).getText().contains("示意边界(非官方)"));
    assertThat(driver.findElement(By.className("leaflet-popup")).getText())
        .contains("示意边界(非官方)", "32.0 亿元");
    Browser.screenshot(driver, "parks-popup");

    // the assessment of 2023: territorial, then shared
    new Select(driver.findElement(By.id("pk-period"))).selectByValue("2023");
    waitFor(
        d ->
            d.findElements(By.cssSelector("#pk-assessment-table tr[data-code='330108']")).size()
                == 1);
    assertThat(fixedAssetInvestment("330108")).isEqualTo("0");
    assertThat(fixedAssetInvestment("330111")).isEqualTo("44.8");
    driver.findElement(By.id("pk-shared")).click();
    waitFor(d -> fixedAssetInvestment("330108").equals("62.5"));
    assertThat(fixedAssetInvestment("330109")).isEqualTo("17.7");
    Browser.screenshot(driver, "parks-assessment-shared");

    driver.findElement(By.id("lang")).click();
    waitFor(
        d ->
            d.findElement(By.cssSelector("#tabs [data-tab=parks]"))
                .getText()
                .equals("Cooperation parks"));
    waitFor(
        d ->
            d.findElement(By.cssSelector("#pk-list .pk-illustrative"))
                .getText()
                .equals("Illustrative boundary (not official)"));
    assertThat(driver.findElement(By.id("pk-assessment-table")).getText())
        .contains("fixed-asset investment");
  }

  private String fixedAssetInvestment(String code) {
    return driver
        .findElement(
            By.cssSelector(
                "#pk-assessment-table tr[data-code='"
                    + code
                    + "'] td[data-item='fixed_asset_investment']"))
        .getText();
  }
}
