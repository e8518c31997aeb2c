package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/**
 * The page's 产业载体 tab in headless Chromium with the sample programme 萧山区"4286"产业载体: the figures
 * shown are the API's (fetched here as a VIEWER), the 示意 label is visible, the 20 members are drawn
 * coloured by status, a click on one opens its popup, and the English toggle relabels the panel.
 */
class WebProgrammesBrowserTest extends PageTestBase {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-programmes").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  private Http viewer() {
    return http.as(new Credentials("viewer", Credentials.DEMO_PASSWORD));
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

  static String mu(double areaMu) {
    return String.format(java.util.Locale.ROOT, "%,d", Math.round(areaMu));
  }

  @Test
  void panelShowsTheApisFiguresMembersByStatusAndTheIllustrativeLabel() {
    chooseJurisdiction("330109"); // 萧山区: its programme (the page opens on 浦江县, which has none)
    driver.findElement(By.cssSelector("#tabs button[data-tab=programmes]")).click();
    waitFor(d -> d.findElements(By.cssSelector("#pg-share-table tr")).size() == 6);

    WebElement label = driver.findElement(By.id("pg-illustrative"));
    assertThat(label.isDisplayed()).isTrue();
    assertThat(label.getText()).contains("示意");

    JsonNode figures = viewer().get("/api/programmes/xiaoshan-4286/figures").json();
    List<List<String>> categories = rows("pg-category-table");
    assertThat(categories).hasSize(5);
    for (int i = 0; i < 4; i++) {
      JsonNode g = figures.get("byCategory").get(i);
      assertThat(categories.get(i))
          .containsExactly(
              g.get("name").asString(),
              g.get("targetCount").asString(),
              g.get("count").asString(),
              mu(g.get("areaMu").doubleValue()));
    }
    assertThat(categories.get(4).get(2)).isEqualTo("20");
    assertThat(categories.get(4).get(3))
        .isEqualTo(mu(figures.get("total").get("areaMu").doubleValue()));
    List<List<String>> statuses = rows("pg-status-table");
    assertThat(statuses)
        .extracting(r -> r.get(0))
        .containsExactly("基本建设完成", "建设初具规模", "更新改造取得明显成效", "有实质性推进");
    assertThat(statuses).extracting(r -> r.get(1)).containsExactly("6", "8", "5", "1");

    // The 5个80% of the year chosen: the sample has no consumption, project or statistic inside
    // the carriers' district outline... whatever it holds, the page shows the API's shares.
    String year = driver.findElement(By.id("pg-year")).getAttribute("value");
    JsonNode shares =
        viewer().get("/api/programmes/xiaoshan-4286/shares?year=" + year).json().get("shares");
    List<List<String>> shown = rows("pg-share-table");
    assertThat(shown).hasSize(5);
    for (int i = 0; i < 5; i++) {
      JsonNode s = shares.get(i);
      assertThat(shown.get(i).get(0)).isEqualTo(s.get("name").asString());
      if (s.get("share").isNull()) {
        assertThat(shown.get(i).get(3)).isEqualTo("无数据");
        assertThat(shown.get(i).get(6)).isEqualTo(s.get("reason").asString());
      } else {
        assertThat(shown.get(i).get(3))
            .isEqualTo(
                String.format(java.util.Locale.ROOT, "%.1f%%", 100 * s.get("share").doubleValue()));
      }
      assertThat(shown.get(i).get(4)).isEqualTo("80.0%");
    }

    // 20 members on the map, coloured by status (four colours for the four groups).
    Number drawn = (Number) driver.executeScript("return pgLayer.getLayers().length;");
    assertThat(drawn.intValue()).isEqualTo(20);
    @SuppressWarnings("unchecked")
    List<String> colours =
        (List<String>)
            driver.executeScript(
                "return [...new Set(pgLayer.getLayers().map(l => l.options.color))];");
    assertThat(colours).hasSize(4);

    // A click on a member opens its popup: name, the 示意 label, its status and source phrase.
    JsonNode member =
        viewer().get("/api/programmes/xiaoshan-4286/members").json().get("features").get(0);
    Point inside = GeoJson.readPolygonal(member.get("geometry")).getInteriorPoint();
    WebElement map = driver.findElement(By.id("map"));
    @SuppressWarnings("unchecked")
    List<Number> xy =
        (List<Number>)
            driver.executeScript(
                "const p = map.latLngToContainerPoint([arguments[0], arguments[1]]); return [p.x, p.y];",
                inside.getY(),
                inside.getX());
    new Actions(driver)
        .moveToElement(
            map,
            xy.get(0).intValue() - map.getRect().getWidth() / 2,
            xy.get(1).intValue() - map.getRect().getHeight() / 2)
        .click()
        .perform();
    waitFor(d -> !d.findElements(By.cssSelector(".leaflet-popup-content .pg-popup")).isEmpty());
    JsonNode p = member.get("properties");
    // Leaflet fades a popup in: until it is opaque, Selenium reads no text from it
    waitFor(
        d ->
            d.findElement(By.cssSelector(".leaflet-popup-content"))
                .getText()
                .contains(p.get("zoneName").asString()));
    String popup = driver.findElement(By.cssSelector(".leaflet-popup-content")).getText();
    assertThat(popup)
        .contains(p.get("zoneName").asString())
        .contains("示意")
        .contains(p.get("status").asString())
        .contains(p.get("statusPhrase").asString());

    // English.
    driver.findElement(By.id("lang")).click();
    waitFor(
        d ->
            d.findElement(By.cssSelector("#tabs button[data-tab=programmes]"))
                .getText()
                .equals("Programmes"));
    assertThat(driver.findElement(By.id("pg-illustrative")).getText()).startsWith("Illustrative");
    driver.findElement(By.id("lang")).click();
  }
}
