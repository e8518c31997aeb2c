package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.Http;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The page's change proposals (变更方案) and zone history (历史版本) in headless Chromium, against a server
 * with the sample data. Each test changes its own zone, so the order does not matter.
 */
class WebProposalsBrowserTest extends PageTestBase {
  private static final String PLAN = "pujiang-2021";
  private static final String ZONES = "/api/plans/" + PLAN + "/zones/";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-proposals").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  @Test
  void plannerProposesAnEditedBoundaryAndTheApproversApprovalAppliesIt() {
    String code = "PJ-ZJW";
    JsonNode before = http.get(ZONES + code).json().get("properties");
    clickZone(code);
    waitFor(d -> info().contains("郑家坞片区"));
    tab("edit");
    driver.findElement(By.id("edit-selected")).click();
    waitFor(d -> d.findElements(By.cssSelector(".leaflet-editing-icon")).size() > 3);
    dragOutermostVertex(30);
    waitFor(
        d ->
            text("whatif").contains("→")
                && !text("whatif").contains("+0.0000 km²")
                && d.findElement(By.id("save-proposal")).isEnabled());
    String drawn =
        (String)
            driver.executeScript(
                "return JSON.stringify(state.editLayer.toGeoJSON(false).geometry)");
    JsonNode drawnArea = http.post("/api/measure", drawn).json();
    double drawnM2 = drawnArea.get("areaM2").doubleValue();
    assertThat(drawnM2).isGreaterThan(before.get("areaM2").doubleValue());
    // The live area has caught up with the drag (it would hide the message checked below).
    String liveMu = format("%.1f 亩", drawnArea.get("areaMu").doubleValue());
    waitFor(d -> text("live").contains(liveMu));

    // The reason is required: nothing is sent without it.
    int proposalsBefore = http.get("/api/proposals").json().size();
    driver.findElement(By.id("save-proposal")).click();
    waitFor(d -> d.findElement(By.id("problem")).isDisplayed());
    assertThat(text("problem")).contains("请填写变更理由");
    assertThat(http.get("/api/proposals").json().size()).isEqualTo(proposalsBefore);

    String reason = "郑家坞片区向东扩展,纳入新建厂区";
    driver.findElement(By.cssSelector("#proposal-form [name=reason]")).sendKeys(reason);
    driver.findElement(By.id("save-proposal")).click();
    waitFor(d -> detailStatus().equals("DRAFT"));
    long id = Long.parseLong(driver.findElement(By.id("proposal-detail")).getAttribute("data-id"));
    JsonNode draft = http.get("/api/proposals/" + id).json();
    assertThat(draft.get("reason").asString()).isEqualTo(reason);
    JsonNode change = draft.get("changes").get(0);
    assertThat(change.get("operation").asString()).isEqualTo("UPDATE");
    assertThat(change.get("code").asString()).isEqualTo(code);
    assertThat(change.get("baseVersion").intValue()).isEqualTo(before.get("version").intValue());
    // A draft changes nothing; the proposal's geometry is the one drawn.
    assertThat(http.get(ZONES + code).json().get("properties")).isEqualTo(before);
    assertThat(
            http.post("/api/measure", change.get("geometry").toString())
                .json()
                .get("areaM2")
                .doubleValue())
        .isEqualTo(drawnM2);
    assertThat(text("proposal-detail")).contains(reason, "郑家坞片区", "新边界", "方案影响在提交时测算并冻结");
    // The proposal's geometry is on the map.
    assertThat((Number) driver.executeScript("return proposalLayer.getLayers().length"))
        .satisfies(n -> assertThat(n.intValue()).isPositive());

    driver.findElement(By.id("proposal-submit")).click();
    waitFor(d -> detailStatus().equals("SUBMITTED"));
    JsonNode submitted = http.get("/api/proposals/" + id).json();
    assertThat(submitted.get("status").asString()).isEqualTo("SUBMITTED");
    JsonNode frozen = submitted.get("effectAtSubmission");
    assertThat(frozen.get("changes").get(0).get("areaAfterM2").doubleValue()).isEqualTo(drawnM2);
    String frozenDelta = delta(frozen.get("totalDeltaM2").doubleValue());
    waitFor(d -> listItem(id).getText().contains("已提交"));
    assertThat(listItem(id).getText()).contains("提交时测算(已冻结)", frozenDelta);
    assertThat(effectCell("total", "submitted")).isEqualTo(frozenDelta);
    assertThat(effectCell("total", "decided")).isEqualTo("—");
    JsonNode concentration = frozen.get("changes").get(0).get("concentration");
    assertThat(effectCell("concentration-" + code, "submitted"))
        .isEqualTo(
            percent(concentration.get("before").get("ratio").doubleValue())
                + " → "
                + percent(concentration.get("after").get("ratio").doubleValue()));
    Browser.screenshot(driver, "proposals-01-submitted");

    // The approver approves it with a comment.
    driver.findElement(By.id("decision-comment")).sendKeys("同意,按程序报批");
    driver.findElement(By.id("proposal-approve")).click();
    waitFor(d -> detailStatus().equals("APPROVED"));
    JsonNode approved = http.get("/api/proposals/" + id).json();
    assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
    assertThat(approved.get("decisionComment").asString()).isEqualTo("同意,按程序报批");
    JsonNode decided = approved.get("effectAtDecision");
    assertThat(effectCell("total", "submitted")).isEqualTo(frozenDelta);
    assertThat(effectCell("total", "decided"))
        .isEqualTo(delta(decided.get("totalDeltaM2").doubleValue()));
    assertThat(text("proposal-detail")).contains("已批准", "同意,按程序报批", "审批时重新测算");
    waitFor(d -> listItem(id).getText().contains("已批准"));
    Browser.screenshot(driver, "proposals-02-approved");

    // The change is applied: the zone now has the drawn area, and the info panel shows it.
    JsonNode after = http.get(ZONES + code).json().get("properties");
    assertThat(after.get("areaM2").doubleValue()).isCloseTo(drawnM2, within(drawnM2 * 1e-9));
    assertThat(after.get("version").intValue()).isEqualTo(before.get("version").intValue() + 1);
    String km2 = format("%.2f km²", after.get("areaKm2").doubleValue());
    String ha = format("%.2f ha", after.get("areaHa").doubleValue());
    assertThat(ha).isNotEqualTo(format("%.2f ha", before.get("areaHa").doubleValue()));
    tab("info");
    waitFor(d -> info().contains(km2) && info().contains(ha));
    Browser.screenshot(driver, "proposals-03-zone-after-approval");
  }

  @Test
  void rejectingAProposalWithACommentLeavesTheZoneUnchanged() {
    String code = "PJ-BZ-GT";
    long id = submittedProposal(code, 0.004, "高铁小镇扩区");
    JsonNode before = http.get(ZONES + code).json();
    int historyBefore = http.get(ZONES + code + "/history").json().size();
    tab("proposals");
    new Select(driver.findElement(By.id("proposal-status"))).selectByValue("SUBMITTED");
    waitFor(
        d -> !d.findElements(By.cssSelector("#proposal-list li[data-id='" + id + "']")).isEmpty());
    assertThat(driver.findElements(By.cssSelector("#proposal-list li.proposal-item")))
        .allMatch(li -> "SUBMITTED".equals(li.getAttribute("data-status")));
    listItem(id).click();
    waitFor(d -> detailStatus().equals("SUBMITTED") && detailId() == id);

    // A rejection needs a comment: refused on the page before anything is sent.
    driver.findElement(By.id("proposal-reject")).click();
    waitFor(d -> d.findElement(By.id("proposal-problem")).isDisplayed());
    assertThat(text("proposal-problem")).contains("驳回时须填写审批意见");
    assertThat(http.get("/api/proposals/" + id).json().get("status").asString())
        .isEqualTo("SUBMITTED");

    driver.findElement(By.id("decision-comment")).sendKeys("与铁路用地冲突");
    driver.findElement(By.id("proposal-reject")).click();
    waitFor(d -> detailStatus().equals("REJECTED"));
    assertThat(text("proposal-detail")).contains("已驳回", "与铁路用地冲突");
    assertThat(effectCell("total", "decided")).isNotEqualTo("—");
    Browser.screenshot(driver, "proposals-04-rejected");
    JsonNode rejected = http.get("/api/proposals/" + id).json();
    assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
    assertThat(rejected.get("decisionComment").asString()).isEqualTo("与铁路用地冲突");
    assertThat(http.get(ZONES + code).json()).isEqualTo(before);
    assertThat(http.get(ZONES + code + "/history").json().size()).isEqualTo(historyBefore);

    tab("info");
    clickZone(code);
    String km2 = format("%.2f km²", before.get("properties").get("areaKm2").doubleValue());
    waitFor(d -> info().contains("高铁小镇") && info().contains(km2));
  }

  @Test
  void refusedApprovalShowsTheServersReason() {
    String code = "PJ-HZ";
    long id = submittedProposal(code, 0.003, "黄宅片区调整");
    // Someone edits the zone directly after the proposal was drafted.
    JsonNode current = http.get(ZONES + code).json();
    ((ObjectNode) current.get("properties")).put("managedBy", "黄宅镇人民政府");
    assertThat(http.put(ZONES + code, current.toString(), http.etag(ZONES + code)).status())
        .isEqualTo(200);
    JsonNode edited = http.get(ZONES + code).json();

    tab("proposals");
    waitFor(
        d -> !d.findElements(By.cssSelector("#proposal-list li[data-id='" + id + "']")).isEmpty());
    listItem(id).click();
    waitFor(d -> detailStatus().equals("SUBMITTED") && detailId() == id);
    driver.findElement(By.id("decision-comment")).sendKeys("同意");
    driver.findElement(By.id("proposal-approve")).click();
    waitFor(d -> d.findElement(By.id("proposal-problem")).isDisplayed());
    // The server's own words (its problem detail) beside the translated heading.
    assertThat(text("proposal-problem"))
        .contains("方案起草后区块已被修改", "changed since the proposal was drafted", code);
    assertThat(detailStatus()).isEqualTo("SUBMITTED");
    assertThat(http.get("/api/proposals/" + id).json().get("status").asString())
        .isEqualTo("SUBMITTED");
    assertThat(http.get(ZONES + code).json()).isEqualTo(edited);
    Browser.screenshot(driver, "proposals-05-approval-refused");
  }

  @Test
  void historyShowsEveryVersionAndRestoresAndDiffsAnOldOne() {
    String code = "PJ-1-X1";
    long id = submittedProposal(code, 0.004, "水晶小镇扩区");
    assertThat(http.post("/api/proposals/" + id + "/approve", "{\"comment\":\"同意\"}").status())
        .isEqualTo(200);
    JsonNode history = http.get(ZONES + code + "/history").json();
    assertThat(history).hasSize(2);
    JsonNode v1 = history.get(0);
    JsonNode v2 = history.get(1);
    assertThat(v2.get("proposalId").longValue()).isEqualTo(id);

    reload();
    clickZone(code);
    String km2Now = format("%.2f km²", v2.get("area").get("areaKm2").doubleValue());
    waitFor(d -> info().contains(km2Now));
    click(By.id("history-toggle"));
    waitFor(d -> d.findElements(By.cssSelector("#history li[data-version]")).size() == 2);
    String previous = historyText(1);
    assertThat(previous).contains("v1", v1.get("changedBy").asString(), "新建");
    String latest = historyText(2);
    assertThat(latest)
        .contains("v2", "当前版本", v2.get("changedBy").asString(), "水晶小镇扩区", "变更方案 #" + id);
    // The current version has nothing to restore or compare.
    assertThat(
            driver.findElements(By.cssSelector("#history li[data-version='2'] .history-restore")))
        .isEmpty();

    // Diff: the area delta from the API, and the land added drawn on the map.
    JsonNode diff = http.get(ZONES + code + "/diff?from=1&to=2").json();
    click(By.cssSelector("#history li[data-version='1'] .history-diff"));
    waitFor(d -> !d.findElements(By.id("history-diff-result")).isEmpty());
    assertThat(text("history-diff-result"))
        .contains("v1 → v2", delta(diff.get("deltaM2").doubleValue()));
    assertThat((Number) driver.executeScript("return historyDiffLayer.getLayers().length"))
        .satisfies(n -> assertThat(n.intValue()).isPositive());
    Browser.screenshot(driver, "proposals-06-history-diff");

    // Restore: version 1's area again, as a new version 3.
    click(By.cssSelector("#history li[data-version='1'] .history-restore"));
    String km2Then = format("%.2f km²", v1.get("area").get("areaKm2").doubleValue());
    String haThen = format("%.2f ha", v1.get("area").get("areaHa").doubleValue());
    waitFor(
        d ->
            info().contains(km2Then)
                && info().contains(haThen)
                && d.findElements(By.cssSelector("#history li[data-version='3']")).size() == 1);
    assertThat(historyText(3)).contains("当前版本", "恢复至第 1 版");
    assertThat(info()).contains("已恢复为 v1");
    JsonNode restored = http.get(ZONES + code).json().get("properties");
    assertThat(restored.get("areaM2").doubleValue())
        .isEqualTo(v1.get("area").get("areaM2").doubleValue());
    assertThat(restored.get("version").intValue()).isEqualTo(3);
    Browser.screenshot(driver, "proposals-07-history-restored");

    // The proposal id leads to the proposal.
    click(By.cssSelector("#history li[data-version='2'] .history-proposal"));
    waitFor(d -> d.findElement(By.id("proposals")).isDisplayed() && detailId() == id);
    assertThat(detailStatus()).isEqualTo("APPROVED");
  }

  @Test
  void plannerProposesANewZoneWithTheFormsProperties() {
    tab("edit");
    driver.findElement(By.id("draw-new")).click();
    // North-west of the county seat, away from every zone (as in WebPageBrowserTest).
    clickMap(-300, -220);
    clickMap(-200, -220);
    clickMap(-200, -140);
    clickMap(-300, -140);
    clickMap(-300, -220);
    waitFor(
        d ->
            d.findElement(By.id("save-proposal")).isEnabled()
                && d.findElement(By.id("zone-form")).isDisplayed());
    driver.findElement(By.cssSelector("#zone-form [name=code]")).sendKeys("PJ-NEW-1");
    driver.findElement(By.cssSelector("#zone-form [name=name]")).sendKeys("新材料产业园");
    new Select(driver.findElement(By.cssSelector("#zone-form [name=parent]"))).selectByValue("PJ");
    driver.findElement(By.cssSelector("#proposal-form [name=title]")).sendKeys("新设新材料产业园");
    driver.findElement(By.cssSelector("#proposal-form [name=reason]")).sendKeys("招商落地");
    driver.findElement(By.id("save-proposal")).click();
    waitFor(d -> detailStatus().equals("DRAFT"));
    JsonNode p = http.get("/api/proposals/" + detailId()).json();
    assertThat(p.get("title").asString()).isEqualTo("新设新材料产业园");
    JsonNode change = p.get("changes").get(0);
    assertThat(change.get("operation").asString()).isEqualTo("CREATE");
    assertThat(change.get("code").asString()).isEqualTo("PJ-NEW-1");
    assertThat(change.get("name").asString()).isEqualTo("新材料产业园");
    assertThat(text("proposal-detail")).contains("PJ-NEW-1 新材料产业园: 新增区块");
    assertThat(http.get(ZONES + "PJ-NEW-1").status()).isEqualTo(404);
  }

  @Test
  void englishToggleTranslatesTheProposalsTab() {
    long id = submittedProposal("PJ-BZ-ZZ", 0.002, "郑宅镇功能分区调整");
    WebElement tabButton = driver.findElement(By.cssSelector("#tabs [data-tab=proposals]"));
    assertThat(tabButton.getText()).isEqualTo("变更方案");
    driver.findElement(By.id("lang")).click();
    waitFor(d -> tabButton.getText().equals("Proposals"));
    tab("proposals");
    assertThat(
            new Select(driver.findElement(By.id("proposal-status")))
                .getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("All", "Draft", "Submitted", "Approved", "Rejected", "Withdrawn");
    waitFor(
        d -> !d.findElements(By.cssSelector("#proposal-list li[data-id='" + id + "']")).isEmpty());
    listItem(id).click();
    waitFor(d -> detailId() == id && text("proposal-detail").contains("At submission (frozen)"));
    assertThat(text("proposal-detail"))
        .contains("Submitted", "Reason", "new boundary", "Approve", "Reject");
    assertThat(driver.findElement(By.id("save-proposal")).getDomProperty("textContent"))
        .isEqualTo("Save as proposal");
    Browser.screenshot(driver, "proposals-08-english");
    driver.findElement(By.id("decision-comment")).sendKeys("looks fine");
    driver.findElement(By.id("lang")).click();
    waitFor(d -> tabButton.getText().equals("变更方案"));
    assertThat(text("proposal-detail")).contains("提交时测算(已冻结)", "批准", "驳回");
    // A comment being typed survives the switch.
    assertThat(driver.findElement(By.id("decision-comment")).getDomProperty("value"))
        .isEqualTo("looks fine");
  }

  @Test
  void actionsFollowTheUsersRoles() {
    String code = "PJ-1-X2";
    long submitted = submittedProposal(code, 0.002, "江南新区");
    // A second version, so that the history has one to restore.
    JsonNode zone = http.get(ZONES + code).json();
    ((ObjectNode) zone.get("properties")).put("managedBy", "江南新区管委会");
    assertThat(http.put(ZONES + code, zone.toString(), http.etag(ZONES + code)).status())
        .isEqualTo(200);
    // A viewer (the demo account): no planner or approver actions, no edit tab, no restore.
    signInAs(new Credentials("viewer", "demo"));
    tab("proposals");
    waitFor(
        d ->
            !d.findElements(By.cssSelector("#proposal-list li[data-id='" + submitted + "']"))
                .isEmpty());
    listItem(submitted).click();
    waitFor(d -> detailId() == submitted);
    assertThat(driver.findElements(By.id("proposal-approve"))).isEmpty();
    assertThat(driver.findElements(By.id("proposal-reject"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("#tabs [data-tab=edit]")).isDisplayed()).isFalse();
    clickZone(code);
    tab("info");
    click(By.id("history-toggle"));
    waitFor(d -> d.findElements(By.cssSelector("#history li[data-version]")).size() == 2);
    assertThat(driver.findElements(By.cssSelector("#history li[data-version='1'] .history-diff")))
        .hasSize(1);
    assertThat(
            driver.findElements(By.cssSelector("#history li[data-version='1'] .history-restore")))
        .isEmpty();

    // An approver may decide, but not draft (no edit tab).
    signInAs(new Credentials("approver", "demo"));
    tab("proposals");
    waitFor(
        d ->
            !d.findElements(By.cssSelector("#proposal-list li[data-id='" + submitted + "']"))
                .isEmpty());
    listItem(submitted).click();
    waitFor(d -> !d.findElements(By.id("proposal-approve")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("#tabs [data-tab=edit]")).isDisplayed()).isFalse();

    // A planner drafts and restores.
    signInAs(new Credentials("planner", "demo"));
    clickZone(code);
    tab("edit");
    driver.findElement(By.id("edit-selected")).click();
    waitFor(d -> d.findElement(By.id("save-proposal")).isDisplayed());
    driver.findElement(By.id("cancel")).click();
    tab("info");
    click(By.id("history-toggle"));
    waitFor(
        d ->
            driver
                    .findElements(By.cssSelector("#history li[data-version='1'] .history-restore"))
                    .size()
                == 1);
  }

  @Test
  void itsAuthorWithdrawsASubmittedProposalAndOthersSeeNoWithdrawButton() {
    Http planner = http.as(new Credentials("planner", "demo"));
    long id = submittedProposal(planner, "PJ-1-CORE", 0.002, "撤回测试");
    // The approver sees no withdraw button: it is not theirs.
    signInAs(new Credentials("approver", "demo"));
    tab("proposals");
    waitFor(
        d -> !d.findElements(By.cssSelector("#proposal-list li[data-id='" + id + "']")).isEmpty());
    listItem(id).click();
    waitFor(d -> detailId() == id);
    assertThat(driver.findElements(By.id("proposal-withdraw"))).isEmpty();
    // Its author withdraws it; the server's status is shown.
    signInAs(new Credentials("planner", "demo"));
    tab("proposals");
    waitFor(
        d -> !d.findElements(By.cssSelector("#proposal-list li[data-id='" + id + "']")).isEmpty());
    listItem(id).click();
    waitFor(d -> detailId() == id);
    click(By.id("proposal-withdraw"));
    waitFor(d -> detailStatus().equals("WITHDRAWN"));
    assertThat(text("proposal-detail")).contains("已撤回");
    assertThat(http.get("/api/proposals/" + id).json().get("status").asString())
        .isEqualTo("WITHDRAWN");
  }

  @Test
  void proposalTextsWithHtmlAreShownAsText() {
    String evil = "<img src=x onerror=\"document.title='pwned'\">恶意";
    long id = submittedProposal("PJ-BZ-BM", 0.002, evil);
    tab("proposals");
    waitFor(
        d -> !d.findElements(By.cssSelector("#proposal-list li[data-id='" + id + "']")).isEmpty());
    listItem(id).click();
    waitFor(d -> detailId() == id);
    assertThat(text("proposal-detail")).contains(evil);
    assertThat(listItem(id).getText()).contains(evil);
    assertThat(driver.findElements(By.cssSelector("#proposals img"))).isEmpty();
    assertThat(driver.getTitle()).isNotEqualTo("pwned");
  }

  // ---- helpers

  /** A submitted proposal (through the API) growing the zone by a buffer of {@code degrees}. */
  private long submittedProposal(String code, double degrees, String reason) {
    return submittedProposal(http, code, degrees, reason);
  }

  private long submittedProposal(Http http, String code, double degrees, String reason) {
    JsonNode zone = http.get(ZONES + code).json();
    JsonNode properties = zone.get("properties");
    Geometry grown = GeoJson.readPolygonal(zone.get("geometry")).buffer(degrees);
    ObjectNode body = JSON.createObjectNode();
    body.put("planId", PLAN);
    body.put("title", properties.get("name").asString() + "调整");
    body.put("reason", reason);
    body.putObject("target").put("mode", "APPLY");
    ObjectNode change = body.putArray("changes").addObject();
    change.put("operation", "UPDATE");
    change.put("code", code);
    ObjectNode feature = change.putObject("feature");
    feature.put("type", "Feature");
    ObjectNode props = feature.putObject("properties");
    for (String key : List.of("name", "kind", "parent", "managedBy")) {
      props.set(key, properties.get(key));
    }
    feature.set("geometry", GeoJson.write(grown));
    Http.Response created = http.post("/api/proposals", body.toString());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    long id = created.json().get("id").longValue();
    Http.Response submitted = http.post("/api/proposals/" + id + "/submit", "");
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
    return id;
  }

  /** Moves the vertex farthest from the centre outwards, through Leaflet's own marker events. */
  private void dragOutermostVertex(int pixels) {
    driver.executeScript(
        "const markers = state.editLayer.editing._verticesHandlers[0]._markers;"
            + " const c = map.latLngToContainerPoint(state.editLayer.getBounds().getCenter());"
            + " let m = markers[0];"
            + " for (const x of markers) if (map.latLngToContainerPoint(x.getLatLng()).distanceTo(c)"
            + "   > map.latLngToContainerPoint(m.getLatLng()).distanceTo(c)) m = x;"
            + " const v = map.latLngToContainerPoint(m.getLatLng());"
            + " const d = v.subtract(c); const p = v.add(d.divideBy(d.distanceTo([0, 0]) / arguments[0]));"
            + " m.setLatLng(map.containerPointToLatLng(p));"
            + " m.fire('drag', {target: m}); m.fire('dragend', {target: m});",
        pixels);
  }

  /** The page's area delta format: signed km² with 4 decimals and 亩 with 1. */
  private static String delta(double m2) {
    double km2 = m2 / 1e6;
    double mu = m2 / (10000.0 / 15);
    return (km2 >= 0 ? "+" : "")
        + format("%.4f", km2)
        + " km² ("
        + (mu >= 0 ? "+" : "")
        + format("%.1f", mu)
        + " 亩)";
  }

  private static String percent(double ratio) {
    return format("%.1f%%", 100 * ratio);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  private void reload() {
    driver.navigate().refresh();
    waitFor(d -> d.findElements(By.cssSelector(".leaflet-overlay-pane path")).size() >= 11);
  }

  private void tab(String name) {
    driver.findElement(By.cssSelector("#tabs [data-tab=" + name + "]")).click();
    waitFor(d -> d.findElement(By.id(name)).isDisplayed());
  }

  private WebElement listItem(long id) {
    return driver.findElement(By.cssSelector("#proposal-list li[data-id='" + id + "']"));
  }

  /** The text of a version in the history list (the info panel is redrawn as figures arrive). */
  private String historyText(int version) {
    By item = By.cssSelector("#history li[data-version='" + version + "']");
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(item).getText());
  }

  /** Clicks, again if the element was redrawn meanwhile. */
  private void click(By locator) {
    new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(locator).click();
              return true;
            });
  }

  private String detailStatus() {
    String status = driver.findElement(By.id("proposal-detail")).getAttribute("data-status");
    return status == null ? "" : status;
  }

  private long detailId() {
    String id = driver.findElement(By.id("proposal-detail")).getAttribute("data-id");
    return id == null ? -1 : Long.parseLong(id);
  }

  private String effectCell(String row, String which) {
    return driver
        .findElement(By.cssSelector("#proposal-detail tr[data-row='" + row + "'] .effect-" + which))
        .getText();
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private void clickZone(String code) {
    clickZone(PLAN, code);
  }
}
