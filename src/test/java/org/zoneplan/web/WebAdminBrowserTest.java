package org.zoneplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.testsupport.Browser;
import org.zoneplan.testsupport.Credentials;
import org.zoneplan.testsupport.TestDirs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page's 系统管理 (administration) tab in headless Chromium: users, plan versions and the audit
 * log, for ADMIN users only. Each test works on its own users and plan version, so the order does
 * not matter; the demo accounts are never changed (the last-admin test is refused by design).
 */
class WebAdminBrowserTest extends PageTestBase {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PASSWORD = "Zoneplan-2024";

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    String dir = TestDirs.create("zoneplan-browser-admin").toString();
    registry.add("zoneplan.data-dir", () -> dir);
  }

  @Test
  void administrationTabIsShownToAdministratorsOnly() {
    for (String user : List.of("planner", "viewer")) {
      signInAs(new Credentials(user, Credentials.DEMO_PASSWORD));
      assertThat(adminTab().isDisplayed()).as(user).isFalse();
      // The page hides it; the server refuses the calls behind it anyway.
      assertThat(
              http.as(new Credentials(user, Credentials.DEMO_PASSWORD)).get("/api/users").status())
          .isEqualTo(403);
    }
    signInAs(Credentials.ADMIN);
    assertThat(adminTab().isDisplayed()).isTrue();
    assertThat(adminTab().getText()).isEqualTo("系统管理");
  }

  @Test
  void adminCreatesAViewerWhoCanThenSignIn() {
    openAdmin();
    WebElement form = driver.findElement(By.id("user-form"));
    form.findElement(By.name("username")).sendKeys("zhang.wei");
    form.findElement(By.name("displayName")).sendKeys("张伟");
    form.findElement(By.name("password")).sendKeys(PASSWORD);
    // VIEWER is ticked by default, and nothing else.
    assertThat(checkedRoles(form)).containsExactly("VIEWER");
    driver.findElement(By.id("user-create")).click();
    waitFor(d -> !d.findElements(userRow("zhang.wei")).isEmpty());
    assertThat(text("user-form-message")).isEqualTo("已创建用户: zhang.wei");
    assertThat(cells("zhang.wei"))
        .startsWith("zhang.wei", "张伟", "查看", "启用")
        .endsWith("admin", "管理");
    // The form is empty again for the next user.
    assertThat(form.findElement(By.name("username")).getAttribute("value")).isEmpty();
    assertThat(form.findElement(By.name("password")).getAttribute("value")).isEmpty();

    JsonNode user = http.get("/api/users/zhang.wei").json();
    assertThat(user.get("displayName").asString()).isEqualTo("张伟");
    assertThat(roles(user)).containsExactly("VIEWER");
    assertThat(user.get("enabled").asBoolean()).isTrue();
    assertThat(user.get("createdBy").asString()).isEqualTo("admin");
    assertThat(user.has("passwordHash") || user.has("password")).isFalse();

    Browser.signIn(driver, base(), new Credentials("zhang.wei", PASSWORD));
    waitFor(d -> d.findElements(By.cssSelector(".leaflet-overlay-pane path")).size() >= 11);
    waitFor(d -> text("user").contains("张伟"));
    assertThat(text("user")).contains("查看");
    assertThat(tabButton("edit").isDisplayed()).isFalse();
    assertThat(tabButton("export").isDisplayed()).isFalse();
    assertThat(adminTab().isDisplayed()).isFalse();
    assertThat(tabButton("dashboard").isDisplayed()).isTrue();
  }

  @Test
  void weakPasswordShowsTheServersMessageAndCreatesNothing() {
    int before = http.get("/api/users").json().size();
    // The server's own words for this password, asked directly (it creates nothing either).
    JsonNode problem =
        http.post(
                "/api/users",
                "{\"username\":\"weak.user\",\"password\":\"short1\",\"roles\":[\"VIEWER\"]}")
            .json();
    assertThat(problem.get("type").asString()).isEqualTo("urn:zoneplan:problem:weak-password");
    String detail = problem.get("detail").asString();

    openAdmin();
    WebElement form = driver.findElement(By.id("user-form"));
    form.findElement(By.name("username")).sendKeys("weak.user");
    form.findElement(By.name("password")).sendKeys("short1");
    driver.findElement(By.id("user-create")).click();
    waitFor(d -> text("user-form-message").contains(detail));
    assertThat(text("user-form-message")).isEqualTo("密码强度不足: " + detail);
    assertThat(driver.findElement(By.id("user-form-message")).getAttribute("role"))
        .isEqualTo("alert");
    // What was typed stays, to be corrected.
    assertThat(form.findElement(By.name("username")).getAttribute("value")).isEqualTo("weak.user");

    assertThat(http.get("/api/users/weak.user").status()).isEqualTo(404);
    assertThat(http.get("/api/users").json().size()).isEqualTo(before);
    assertThat(driver.findElements(userRow("weak.user"))).isEmpty();
    Browser.screenshot(driver, "40-admin-weak-password");
  }

  @Test
  void adminPromotesAUserToPlannerAndDisablesAnother() {
    createUser("li.na", "李娜", "VIEWER");
    createUser("wang.fang", "王芳", "VIEWER");
    openAdmin();
    manage("li.na");
    WebElement edit = driver.findElement(By.id("user-edit"));
    roleBox(edit, "VIEWER").click();
    roleBox(edit, "PLANNER").click();
    driver.findElement(By.id("user-save")).click();
    waitFor(d -> cells("li.na").get(2).equals("规划编制"));
    assertThat(text("user-detail-message")).isEqualTo("已保存: li.na");
    assertThat(roles(http.get("/api/users/li.na").json())).containsExactly("PLANNER");
    // The new role works at once: PLANNER includes VIEWER.
    JsonNode me = http.as(new Credentials("li.na", PASSWORD)).get("/api/me").json();
    assertThat(roles(me)).contains("PLANNER", "VIEWER").doesNotContain("ADMIN");

    manage("wang.fang");
    assertThat(driver.findElement(By.id("user-toggle")).getText()).isEqualTo("停用");
    driver.findElement(By.id("user-toggle")).click();
    waitFor(
        d ->
            "false".equals(d.findElement(userRow("wang.fang")).getAttribute("data-enabled"))
                && d.findElement(By.id("user-toggle")).getText().equals("启用"));
    assertThat(cells("wang.fang").get(3)).isEqualTo("已停用");
    assertThat(text("user-detail-message")).isEqualTo("已停用用户: wang.fang");
    JsonNode disabled = http.get("/api/users/wang.fang").json();
    assertThat(disabled.get("enabled").asBoolean()).isFalse();
    assertThat(roles(disabled)).containsExactly("VIEWER");
    assertThat(http.as(new Credentials("wang.fang", PASSWORD)).get("/api/me").status())
        .isEqualTo(401);
    // The other user is untouched.
    assertThat(http.get("/api/users/li.na").json().get("enabled").asBoolean()).isTrue();

    manage("li.na");
    driver.executeScript("document.getElementById('admin').scrollTop = 0");
    Browser.screenshot(driver, "41-admin-users"); // docs/screenshot-admin.png
  }

  @Test
  void resettingAPasswordLetsTheUserSignInWithIt() {
    createUser("sun.li", "孙丽", "APPROVER");
    openAdmin();
    manage("sun.li");
    WebElement password = driver.findElement(By.cssSelector("#user-password-form [name=password]"));
    password.sendKeys("abcdefgh");
    driver.findElement(By.id("user-reset-password")).click();
    waitFor(d -> text("user-detail-message").startsWith("密码强度不足"));
    assertThat(http.as(new Credentials("sun.li", PASSWORD)).get("/api/me").status()).isEqualTo(200);
    password.clear();
    password.sendKeys("New-pass-2025");
    driver.findElement(By.id("user-reset-password")).click();
    waitFor(d -> text("user-detail-message").equals("密码已重置: sun.li"));
    assertThat(password.getAttribute("value")).isEmpty();
    assertThat(http.as(new Credentials("sun.li", "New-pass-2025")).get("/api/me").status())
        .isEqualTo(200);
    assertThat(http.as(new Credentials("sun.li", PASSWORD)).get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void demotingOrDisablingTheOnlyAdminIsRefusedAndChangesNothing() {
    openAdmin();
    manage("admin");
    WebElement edit = driver.findElement(By.id("user-edit"));
    roleBox(edit, "ADMIN").click();
    roleBox(edit, "PLANNER").click();
    driver.findElement(By.id("user-save")).click();
    waitFor(d -> text("user-detail-message").contains("last enabled ADMIN"));
    assertThat(text("user-detail-message"))
        .isEqualTo("须保留至少一名启用的管理员: 'admin' is the last enabled ADMIN: keep at least one");
    // The form shows the server's state again: still ADMIN only.
    waitFor(d -> checkedRoles(d.findElement(By.id("user-edit"))).equals(List.of("ADMIN")));
    assertThat(cells("admin").get(2)).isEqualTo("管理员");
    Browser.screenshot(driver, "42-admin-last-admin");

    // The same refusal for disabling: the panel is drawn again from the server's state.
    WebElement toggle = driver.findElement(By.id("user-toggle"));
    toggle.click();
    waitFor(ExpectedConditions.stalenessOf(toggle));
    assertThat(text("user-detail-message")).contains("last enabled ADMIN");
    assertThat(driver.findElement(By.id("user-toggle")).getText()).isEqualTo("停用");
    JsonNode admin = http.get("/api/users/admin").json();
    assertThat(roles(admin)).containsExactly("ADMIN");
    assertThat(admin.get("enabled").asBoolean()).isTrue();
  }

  @Test
  void adminOpensAPlanVersionAsACopyAndApprovesIt() {
    int zones2021 = http.get("/api/plans/pujiang-2021/zones").json().get("features").size();
    openAdmin();
    driver.findElement(By.cssSelector("#admin-nav [data-view=plans]")).click();
    waitFor(d -> !d.findElements(planRow("pujiang-2021")).isEmpty());
    assertThat(planCells("pujiang-2021")).contains("pujiang-2021");
    WebElement form = driver.findElement(By.id("plan-form"));
    form.findElement(By.name("id")).sendKeys("pujiang-2025");
    form.findElement(By.name("name")).sendKeys("浦江经济开发区 2025 调整");
    WebElement date = form.findElement(By.name("date"));
    // Today by default; a date input takes its value in ISO form whatever the browser's locale.
    assertThat(date.getAttribute("value")).matches("\\d{4}-\\d{2}-\\d{2}");
    driver.executeScript("arguments[0].value = '2025-06-30'", date);
    new Select(form.findElement(By.name("copyFrom"))).selectByValue("pujiang-2021");
    driver.findElement(By.id("plan-create")).click();
    waitFor(d -> !d.findElements(planRow("pujiang-2025")).isEmpty());
    assertThat(text("plan-form-message")).isEqualTo("已新建规划版本: 浦江经济开发区 2025 调整 (pujiang-2025)");
    assertThat(planCells("pujiang-2025"))
        .startsWith("pujiang-2025", "浦江经济开发区 2025 调整", "2025-06-30", "草稿");

    // The page's version switches offer it, without a reload; the map's choice is kept.
    waitFor(d -> options("plan").contains("pujiang-2025"));
    assertThat(options("compare-to")).contains("pujiang-2025");
    assertThat(
            new Select(driver.findElement(By.cssSelector("#export-form [name=plan]")))
                .getOptions().stream().map(o -> o.getAttribute("value")).toList())
        .contains("pujiang-2025");
    assertThat(
            new Select(driver.findElement(By.id("plan")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("pujiang-2021");
    assertThat(http.get("/api/plans/pujiang-2025/zones").json().get("features").size())
        .isEqualTo(zones2021);
    assertThat(http.get("/api/plans/pujiang-2025").json().get("status").asString())
        .isEqualTo("DRAFT");

    new Select(driver.findElement(By.cssSelector("tr[data-plan='pujiang-2025'] select")))
        .selectByValue("APPROVED");
    driver.findElement(By.cssSelector("tr[data-plan='pujiang-2025'] .plan-save")).click();
    waitFor(
        d -> "APPROVED".equals(d.findElement(planRow("pujiang-2025")).getAttribute("data-status")));
    assertThat(planCells("pujiang-2025").get(3)).isEqualTo("已批复");
    assertThat(text("plan-table-message")).isEqualTo("已保存规划版本: pujiang-2025 · 已批复");
    assertThat(http.get("/api/plans/pujiang-2025").json().get("status").asString())
        .isEqualTo("APPROVED");
    Browser.screenshot(driver, "43-admin-plans");

    // The map switches to the new version and draws its zones.
    new Select(driver.findElement(By.id("plan"))).selectByValue("pujiang-2025");
    waitFor(
        d ->
            Boolean.TRUE.equals(
                driver.executeScript(
                    "return state.planId === 'pujiang-2025' && state.features.length === arguments[0]",
                    zones2021)));
  }

  @Test
  void duplicatePlanVersionIdShowsTheServersRefusal() {
    openAdmin();
    driver.findElement(By.cssSelector("#admin-nav [data-view=plans]")).click();
    waitFor(d -> !d.findElements(planRow("pujiang-2020")).isEmpty());
    WebElement form = driver.findElement(By.id("plan-form"));
    form.findElement(By.name("id")).sendKeys("pujiang-2020");
    form.findElement(By.name("name")).sendKeys("重复");
    driver.findElement(By.id("plan-create")).click();
    waitFor(d -> text("plan-form-message").startsWith("规划版本编号已存在: "));
    assertThat(text("plan-form-message")).contains("pujiang-2020");
    assertThat(http.get("/api/plans/pujiang-2020").json().get("name").asString())
        .isNotEqualTo("重复");
  }

  @Test
  void auditLogShowsTheUserCreationWithAdminAsActor() {
    createUser("zhao.lei", "赵磊", "LAND_BUREAU");
    openAdmin();
    driver.findElement(By.cssSelector("#admin-nav [data-view=audit]")).click();
    By created =
        By.cssSelector("#audit-table tr[data-action='user.create'][data-target='zhao.lei']");
    waitFor(d -> !d.findElements(created).isEmpty());
    List<String> cells = cellsOf(driver.findElement(created));
    assertThat(cells.get(1)).isEqualTo("admin");
    assertThat(cells.get(2)).isEqualTo("新建用户");
    assertThat(cells.get(3)).isEqualTo("zhao.lei");
    assertThat(cells.get(4)).contains("LAND_BUREAU");
    // Newest first, at most 100.
    assertThat(driver.findElements(By.cssSelector("#audit-table tr[data-action]")).size())
        .isBetween(1, 100);
    Browser.screenshot(driver, "44-admin-audit");

    // A later change appears on refresh.
    createUser("qian.hui", "钱慧", "VIEWER");
    By later = By.cssSelector("#audit-table tr[data-action='user.create'][data-target='qian.hui']");
    assertThat(driver.findElements(later)).isEmpty();
    driver.findElement(By.id("audit-refresh")).click();
    waitFor(d -> !d.findElements(later).isEmpty());
    assertThat(
            driver
                .findElement(By.cssSelector("#audit-table tr[data-action]"))
                .getAttribute("data-target"))
        .isEqualTo("qian.hui");
  }

  @Test
  void displayNamesWithHtmlAreShownAsText() {
    String name = "<img src=x onerror=\"document.title='pwned'\">恶意";
    createUser("chen.jie", name, "VIEWER");
    try {
      openAdmin();
      assertThat(cells("chen.jie").get(1)).isEqualTo(name);
      manage("chen.jie");
      assertThat(text("user-detail")).startsWith("chen.jie · " + name);
      assertThat(driver.findElements(By.cssSelector("#admin img"))).isEmpty();
      assertThat(driver.getTitle()).isNotEqualTo("pwned");
    } finally {
      // A plain name again, for the other tests' screenshots.
      http.put("/api/users/chen.jie", "{\"displayName\":\"陈杰\"}");
    }
  }

  @Test
  void englishToggleTranslatesTheAdministrationTab() {
    openAdmin();
    manage("admin");
    driver.findElement(By.id("lang")).click();
    waitFor(d -> adminTab().getText().equals("Administration"));
    assertThat(navTexts()).containsExactly("Users", "Plan versions", "Audit log");
    assertThat(text("user-table")).contains("User name", "Display name", "Roles", "Created by");
    assertThat(cells("admin").get(2)).isEqualTo("Administrator");
    assertThat(cells("admin").get(3)).isEqualTo("Enabled");
    assertThat(text("user-detail")).contains("Reset password", "Disable", "Land bureau");
    assertThat(driver.findElement(By.id("user-create")).getText()).isEqualTo("Create user");
    assertThat(text("user-form")).contains("Viewer", "Planner", "Approver");

    driver.findElement(By.cssSelector("#admin-nav [data-view=plans]")).click();
    waitFor(d -> !d.findElements(planRow("pujiang-2021")).isEmpty());
    assertThat(text("plan-table")).contains("Id", "Name", "Date", "Status");
    assertThat(
            new Select(driver.findElement(By.cssSelector("tr[data-plan='pujiang-2021'] select")))
                .getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("Draft", "Approved", "Superseded");
    assertThat(driver.findElement(By.id("plan-create")).getText()).isEqualTo("Create plan version");

    driver.findElement(By.cssSelector("#admin-nav [data-view=audit]")).click();
    waitFor(d -> !d.findElements(By.cssSelector("#audit-table tr[data-action]")).isEmpty());
    assertThat(text("audit-table")).contains("Time", "Who", "Action", "Target", "Detail");
    Browser.screenshot(driver, "45-admin-english");

    driver.findElement(By.id("lang")).click();
    waitFor(d -> adminTab().getText().equals("系统管理"));
    assertThat(navTexts()).containsExactly("用户", "规划版本", "审计日志");
    assertThat(text("audit-table")).contains("时间", "操作人");
  }

  // ---- helpers

  private void openAdmin() {
    adminTab().click();
    waitFor(d -> !d.findElements(userRow("admin")).isEmpty());
  }

  private void manage(String username) {
    driver.findElement(userRow(username)).findElement(By.cssSelector("button.manage")).click();
    waitFor(
        d ->
            d.findElement(By.id("user-detail")).isDisplayed()
                && username.equals(
                    d.findElement(By.id("user-detail")).getAttribute("data-username")));
  }

  /** A user through the API (as admin), with the test password. */
  private void createUser(String username, String displayName, String role) {
    String body =
        JSON.writeValueAsString(
            java.util.Map.of(
                "username",
                username,
                "displayName",
                displayName,
                "password",
                PASSWORD,
                "roles",
                List.of(role)));
    assertThat(http.post("/api/users", body).status()).isEqualTo(201);
  }

  private WebElement adminTab() {
    return tabButton("admin");
  }

  private WebElement tabButton(String tab) {
    return driver.findElement(By.cssSelector("#tabs [data-tab=" + tab + "]"));
  }

  private static By userRow(String username) {
    return By.cssSelector("#user-table tr[data-username='" + username + "']");
  }

  private static By planRow(String planId) {
    return By.cssSelector("#plan-table tr[data-plan='" + planId + "']");
  }

  private List<String> cells(String username) {
    return cellsOf(driver.findElement(userRow(username)));
  }

  private List<String> planCells(String planId) {
    return cellsOf(driver.findElement(planRow(planId)));
  }

  private static List<String> cellsOf(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
  }

  private static WebElement roleBox(WebElement form, String role) {
    return form.findElement(By.cssSelector("input[name=role][value=" + role + "]"));
  }

  private static List<String> checkedRoles(WebElement form) {
    return form.findElements(By.cssSelector("input[name=role]")).stream()
        .filter(WebElement::isSelected)
        .map(b -> b.getAttribute("value"))
        .toList();
  }

  private List<String> options(String selectId) {
    return new Select(driver.findElement(By.id(selectId)))
        .getOptions().stream().map(o -> o.getAttribute("value")).toList();
  }

  private List<String> navTexts() {
    return driver.findElements(By.cssSelector("#admin-nav button")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private static List<String> roles(JsonNode user) {
    List<String> roles = new ArrayList<>();
    user.get("roles").forEach(r -> roles.add(r.asString()));
    return roles;
  }
}
