package org.zoneplan.web;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import tools.jackson.databind.JsonNode;

/**
 * The page in headless Chromium against a server with the sample data: one browser per test class,
 * signed in as admin through the login form before each test. Subclasses name their data folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("browser") // drives Chromium: left out by the fast command (README)
abstract class PageTestBase {
  static ChromeDriver driver;

  @LocalServerPort int port;
  Http http;

  @BeforeAll
  static void startBrowser() {
    driver = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void open() {
    http = new Http(port);
    signInAs(Credentials.ADMIN);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Signs in through the login form as {@code user} and opens the page with its zones drawn. If
   * Chromium does not finish loading the login form within {@link Browser#PAGE_LOAD} (it has hung
   * so now and then, the server idle, see {@link Browser#start}), a new browser is started and the
   * sign-in tried once more; any other failure, or a second one, fails the test.
   */
  void signInAs(Credentials user) {
    try {
      Browser.signIn(driver, base(), user);
    } catch (org.openqa.selenium.TimeoutException stuck) {
      System.err.println("Chromium stuck loading the login form: a new browser (" + stuck + ")");
      try {
        driver.quit();
      } catch (RuntimeException ignored) {
        // the stuck browser may not answer; its process is ended with its driver's
      }
      driver = Browser.start();
      Browser.signIn(driver, base(), user);
    }
    driver.get(base() + "/");
    waitFor(d -> d.findElements(By.cssSelector(".leaflet-overlay-pane path")).size() >= 11);
  }

  /** Chooses a jurisdiction in the page's selector and waits for its figures. */
  void chooseJurisdiction(String code) {
    String name = http.get("/api/jurisdictions/" + code).json().get("name").asString();
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("jurisdiction")))
        .selectByValue(code);
    waitFor(d -> d.findElement(By.id("jurisdiction-figures")).getText().contains(name));
  }

  String info() {
    return driver.findElement(By.id("info")).getText();
  }

  void clickMap(int dx, int dy) {
    new Actions(driver)
        .moveToElement(driver.findElement(By.id("map")), dx, dy)
        .click()
        .pause(Duration.ofMillis(350))
        .perform();
  }

  /** Clicks the map at an interior point of the zone, as a person would. */
  void clickZone(String planId, String code) {
    JsonNode feature = http.get("/api/plans/" + planId + "/zones/" + code).json();
    var point = GeoJson.readPolygonal(feature.get("geometry")).getInteriorPoint();
    WebElement map = driver.findElement(By.id("map"));
    @SuppressWarnings("unchecked")
    List<Number> xy =
        (List<Number>)
            driver.executeScript(
                "const p = map.latLngToContainerPoint([arguments[0], arguments[1]]); return [p.x, p.y];",
                point.getY(),
                point.getX());
    int width = map.getRect().getWidth();
    int height = map.getRect().getHeight();
    new Actions(driver)
        .moveToElement(map, xy.get(0).intValue() - width / 2, xy.get(1).intValue() - height / 2)
        .click()
        .perform();
  }

  void waitFor(Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }
}
