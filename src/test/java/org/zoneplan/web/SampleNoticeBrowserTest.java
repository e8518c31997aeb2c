package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.TestDirs;

/** The page's header says the sample data is illustrative, in both languages. */
class SampleNoticeBrowserTest extends PageTestBase {

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-notice").toString();
    registry.add("zoneplan.data-dir", () -> dir);
    registry.add("zoneplan.sample-data.parcels", () -> "500");
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }

  @Test
  void headerShowsTheIllustrativeNoticeInBothLanguages() {
    waitFor(d -> d.findElement(By.id("sample-notice")).isDisplayed());
    assertThat(driver.findElement(By.id("sample-notice")).getText()).isEqualTo("示例数据（虚构）");
    assertThat(driver.findElement(By.id("sample-notice")).getAttribute("title"))
        .contains("虚构")
        .contains("invented");
    driver.findElement(By.id("lang")).click();
    waitFor(
        d -> d.findElement(By.id("sample-notice")).getText().equals("Illustrative sample data"));
    Browser.screenshot(driver, "sample-notice-english");
  }
}
