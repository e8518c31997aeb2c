package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/**
 * The page's 项目 tab in headless Chromium with the sample projects of pujiang-2021: the list and the
 * counts per zone are the API's, every located project is on the map, a click on a row opens its
 * popup (with the 示意 label of illustrative data), and the English toggle relabels the tab.
 */
class WebProjectsBrowserTest extends PageTestBase {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-projects").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  private List<List<String>> rows(String tableId) {
    List<List<String>> out = new ArrayList<>();
    for (WebElement tr : driver.findElements(By.cssSelector("#" + tableId + " tr"))) {
      List<String> cells = new ArrayList<>();
      tr.findElements(By.tagName("td")).forEach(td -> cells.add(td.getText().strip()));
      if (!cells.isEmpty()) {
        out.add(cells);
      }
    }
    return out;
  }

  @Test
  void listFiguresLayerAndPopupAreTheApis() {
    JsonNode layer = http.get("/api/projects?planId=pujiang-2021").json().get("features");
    assertThat(layer.size()).isPositive();
    driver.findElement(By.cssSelector("#tabs button[data-tab=projects]")).click();
    waitFor(d -> rows("pj-table").size() == layer.size());
    List<List<String>> list = rows("pj-table");
    for (int i = 0; i < layer.size(); i++) {
      JsonNode p = layer.get(i).get("properties");
      assertThat(list.get(i).get(0)).isEqualTo(p.get("name").asString());
      assertThat(list.get(i).get(1)).isEqualTo(p.get("stage").asString());
    }
    // counts per zone as the API gives them
    JsonNode figures = http.get("/api/projects/figures?by=zone&planId=pujiang-2021").json();
    List<List<String>> shown = rows("pj-figure-table");
    int k = 0;
    for (JsonNode g : figures.get("groups")) {
      if (g.get("projects").asInt() > 0) {
        assertThat(shown.get(k).get(0)).isEqualTo(g.get("name").asString());
        assertThat(shown.get(k).get(1)).isEqualTo(g.get("projects").asString());
        k++;
      }
    }
    assertThat(k).isPositive();
    // every located project on the map
    int located = 0;
    for (JsonNode f : layer) {
      if (!f.get("geometry").isNull()) {
        located++;
      }
    }
    Number drawn = (Number) driver.executeScript("return pjLayer.getLayers().length;");
    assertThat(drawn.intValue()).isEqualTo(located);
    // a row opens its popup
    JsonNode first = layer.get(0).get("properties");
    driver
        .findElement(
            By.cssSelector("#pj-table tr[data-project='" + first.get("id").asLong() + "']"))
        .click();
    waitFor(d -> !d.findElements(By.cssSelector(".leaflet-popup-content .pj-popup")).isEmpty());
    // Leaflet fades a popup in: until it is opaque, Selenium reads no text from it
    waitFor(
        d ->
            d.findElement(By.cssSelector(".leaflet-popup-content"))
                .getText()
                .contains(first.get("name").asString()));
    String popup = driver.findElement(By.cssSelector(".leaflet-popup-content")).getText();
    assertThat(popup)
        .contains(first.get("name").asString())
        .contains(first.get("stage").asString());
    if (first.get("illustrative").asBoolean()) {
      assertThat(popup).contains("示意");
      assertThat(driver.findElement(By.id("pj-illustrative")).isDisplayed()).isTrue();
    }
    // English
    driver.findElement(By.id("lang")).click();
    waitFor(
        d ->
            d.findElement(By.cssSelector("#tabs button[data-tab=projects]"))
                .getText()
                .equals("Projects"));
    assertThat(driver.findElement(By.cssSelector("#pj-table th")).getText()).isEqualTo("Name");
    driver.findElement(By.id("lang")).click();
    driver.findElement(By.cssSelector("#tabs button[data-tab=info]")).click();
  }
}
