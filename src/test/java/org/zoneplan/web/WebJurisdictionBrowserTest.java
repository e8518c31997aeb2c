package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/**
 * The jurisdiction selector (辖区) in headless Chromium: the page opens on 浦江县 with its plan; the
 * switch to 杭州市 limits the plan switch to the city's plans, loads the newest (the map and the
 * dashboard follow it), fits the map to the city's outline and shows the city's figures as the API
 * gives them; and back to 浦江县.
 */
class WebJurisdictionBrowserTest extends PageTestBase {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-jurisdictions").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  private List<String> options(String id) {
    List<String> out = new ArrayList<>();
    new Select(driver.findElement(By.id(id)))
        .getOptions()
        .forEach(o -> out.add(o.getAttribute("value")));
    return out;
  }

  private String figures() {
    return driver.findElement(By.id("jurisdiction-figures")).getText();
  }

  @Test
  void switchesPujiangAndHangzhou() {
    Select jurisdiction = new Select(driver.findElement(By.id("jurisdiction")));
    waitFor(d -> figures().contains("浦江县"));
    assertThat(jurisdiction.getFirstSelectedOption().getAttribute("value")).isEqualTo("330726");
    assertThat(options("plan")).contains("pujiang-2021").doesNotContain("xiaoshan-4286");
    assertThat(options("jurisdiction")).contains("330100", "330109", "330111", "330726");

    jurisdiction.selectByValue("330100");
    waitFor(d -> figures().contains("杭州市"));
    // the switch takes the newest of the city's plans counted in its figures (not superseded)
    JsonNode city = http.get("/api/jurisdictions/330100").json();
    String cityPlan = null;
    for (JsonNode p : city.get("plans")) {
      if (p.get("counted").asBoolean()) {
        cityPlan = p.get("id").asString();
      }
    }
    String expected = cityPlan;
    int zones = http.get("/api/plans/" + expected + "/zones").json().get("features").size();
    waitFor(d -> expected.equals(d.findElement(By.id("plan")).getAttribute("value")));
    assertThat(options("plan")).contains("xiaoshan-4286", expected).doesNotContain("pujiang-2021");
    // the map holds that plan's zones
    waitFor(
        d ->
            ((Number) driver.executeScript("return state.features.length")).intValue() == zones
                && expected.equals(driver.executeScript("return state.planId")));
    // the map is fitted to the city (its centre lies in Hangzhou, not Pujiang)
    Number lat = (Number) driver.executeScript("return map.getCenter().lat");
    assertThat(lat.doubleValue()).isBetween(29.2, 30.6);
    // the figures are the API's
    String shown = figures();
    assertThat(shown).contains("区块 " + city.get("figures").get("zones").asInt());
    WebElement xiaoshan =
        driver.findElement(By.cssSelector("#jurisdiction-figures tr[data-division='330109']"));
    JsonNode row = null;
    for (JsonNode c : city.get("children")) {
      if (c.get("code").asString().equals("330109")) {
        row = c;
      }
    }
    assertThat(xiaoshan.getText()).contains("萧山区").contains(row.get("zones").asString());
    // the dashboard follows the plan: its period names a district of the city, not 浦江县
    List<String> districts = new ArrayList<>();
    city.get("children").forEach(c -> districts.add(c.get("name").asString()));
    driver.findElement(By.cssSelector("#tabs button[data-tab=dashboard]")).click();
    waitFor(
        d -> {
          String period = d.findElement(By.id("db-period")).getText();
          return districts.stream().anyMatch(period::contains);
        });

    // English relabels the figures
    driver.findElement(By.id("lang")).click();
    waitFor(d -> figures().contains("Zones"));
    driver.findElement(By.id("lang")).click();

    jurisdiction.selectByValue("330726");
    waitFor(d -> figures().contains("浦江县"));
    waitFor(d -> "pujiang-2021".equals(d.findElement(By.id("plan")).getAttribute("value")));
    waitFor(d -> "pujiang-2021".equals(driver.executeScript("return state.planId")));

    // lists follow the jurisdiction: 浦江县 has no programme of its own, 杭州市 has Xiaoshan's
    driver.findElement(By.cssSelector("#tabs button[data-tab=programmes]")).click();
    waitFor(d -> d.findElement(By.id("pg-status")).getText().equals("暂无计划"));
    assertThat(options("pg-programme")).isEmpty();
    jurisdiction.selectByValue("330100");
    waitFor(d -> options("pg-programme").contains("xiaoshan-4286"));
    jurisdiction.selectByValue("330726");
    waitFor(d -> options("pg-programme").isEmpty());
    driver.findElement(By.cssSelector("#tabs button[data-tab=info]")).click();
  }
}
