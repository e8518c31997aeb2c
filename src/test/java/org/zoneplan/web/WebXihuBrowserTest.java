package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;

/**
 * The 开放经济 tab (issue 14.8): the headquarters lists with the published counts, the 2023 rewards
 * with the published totals and their source phrase, the firms on the map, the lagging towns and
 * platforms of a period as the API ranks them, the illustrative labels; English labels.
 */
class WebXihuBrowserTest extends PageTestBase {

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-xihu").toString();
    registry.add("zoneplan.data-dir", () -> dir);
    registry.add("zoneplan.sample-data.parcels", () -> "0");
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }

  @Test
  void openEconomyTabShowsListsRewardsAndTheLaggingRanking() {
    driver.findElement(By.cssSelector("#tabs [data-tab=xihu]")).click();
    waitFor(d -> d.findElements(By.cssSelector("#xh-lagging-table tr")).size() > 1);
    assertThat(driver.findElement(By.id("xh-list-table")).getText()).contains("120 家", "5 个");
    String rewards = driver.findElement(By.id("xh-rewards")).getText();
    assertThat(rewards)
        .contains("1700 万元", "850 万元", "与公布数一致")
        .contains("2023: 1,700万元 of 星级培育奖励, 850万元 from the district");
    assertThat(driver.findElement(By.id("xh-illustrative")).getText()).startsWith("示意");
    Long onMap = (Long) driver.executeScript("return xhLayer.getLayers().length");
    assertThat(onMap).isEqualTo(125);

    // the ranking as the API gives it for the period shown (the latest)
    String period =
        new Select(driver.findElement(By.id("xh-period"))).getFirstSelectedOption().getText();
    JsonNode lagging =
        http.get("/api/open-indicators/lagging?period=" + period).json().get("lagging");
    var rows = driver.findElements(By.cssSelector("#xh-lagging-table tr"));
    assertThat(rows).hasSize(lagging.size() + 1);
    assertThat(rows.get(1).getText())
        .startsWith("1 " + lagging.get(0).get("unitName").asString())
        .contains(lagging.get(0).get("grade").asString());
    assertThat(driver.findElements(By.cssSelector("#xh-system-table tr"))).hasSize(31);
    Browser.screenshot(driver, "xihu-open-economy");

    // platforms only
    new Select(driver.findElement(By.id("xh-kind"))).selectByValue("平台");
    waitFor(
        d ->
            d.findElements(By.cssSelector("#xh-lagging-table tr")).size()
                == http.get("/api/open-indicators/lagging?period=" + period + "&kind=平台")
                        .json()
                        .get("lagging")
                        .size()
                    + 1);

    driver.findElement(By.id("lang")).click();
    waitFor(
        d ->
            d.findElement(By.cssSelector("#tabs [data-tab=xihu]"))
                .getText()
                .equals("Open economy"));
    waitFor(
        d -> d.findElement(By.id("xh-rewards")).getText().contains("equals the published total"));
  }
}
