package org.zoneplan.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;
import org.zoneplan.store.StoreProperties;

/**
 * The login form, in Chinese with an English version ({@code ?lang=en}); Spring Security's own form
 * is English only. Rendered on the server so that it carries the CSRF token without script.
 */
@Controller
class LoginPageController {
  private final boolean demo;

  LoginPageController(StoreProperties store, AccountProperties accounts) {
    this.demo = InitialUsers.demoEnabled(store, accounts);
  }

  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String login(
      HttpServletRequest request,
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout,
      @RequestParam(required = false) String locked,
      @RequestParam(required = false) String lang) {
    boolean en = "en".equals(lang);
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String message = "";
    if (locked != null) {
      message =
          "<p class=\"problem\" role=\"alert\">"
              + (en ? "Too many failed sign-ins: try again in 15 minutes." : "登录失败次数过多,请 15 分钟后再试。")
              + "</p>";
    } else if (error != null) {
      message =
          "<p class=\"problem\" role=\"alert\">"
              + (en ? "Wrong user name or password." : "用户名或密码错误。")
              + "</p>";
    } else if (logout != null) {
      message = "<p class=\"hint\">" + (en ? "You have signed out." : "已退出登录。") + "</p>";
    }
    String demoHint =
        !demo
            ? ""
            : "<p class=\"hint\" id=\"demo-accounts\">"
                + (en
                    ? "Demo accounts (for trying zoneplan out only): admin, planner, approver,"
                        + " viewer, landbureau; password <code>demo</code>."
                    : "演示账号(仅供试用):admin、planner、approver、viewer、landbureau,密码均为"
                        + " <code>demo</code>。")
                + "</p>";
    String csrfField =
        csrf == null
            ? ""
            : "<input type=\"hidden\" name=\""
                + HtmlUtils.htmlEscape(csrf.getParameterName())
                + "\" value=\""
                + HtmlUtils.htmlEscape(csrf.getToken())
                + "\">";
    return """
        <!doctype html>
        <html lang="%s">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>%s</title>
          <link rel="stylesheet" href="/app.css">
        </head>
        <body class="login">
          <form id="login-form" method="post" action="/login" class="login-box">
            <h1>%s</h1>
            %s
            <label><span>%s</span><input id="username" name="username" autocomplete="username" required autofocus></label>
            <label><span>%s</span><input id="password" name="password" type="password" autocomplete="current-password" required></label>
            %s
            <button id="login" type="submit">%s</button>
            %s
            <p><a id="lang" href="/login%s">%s</a></p>
          </form>
        </body>
        </html>
        """
        .formatted(
            en ? "en" : "zh-CN",
            en ? "zoneplan sign in" : "zoneplan 登录",
            en ? "Development zone plans" : "开发区(园区)规划",
            message,
            en ? "User name" : "用户名",
            en ? "Password" : "密码",
            csrfField,
            en ? "Sign in" : "登录",
            demoHint,
            en ? "" : "?lang=en",
            en ? "中文" : "English");
  }
}
