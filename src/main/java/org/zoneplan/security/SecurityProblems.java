package org.zoneplan.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 answers. API clients (paths under {@code /api} and {@code /tiles}, the OGC API unless
 * a browser asks for HTML, and anything sending credentials or {@code X-Requested-With}) get RFC
 * 9457 problem details like every other refusal; a browser asking for a page is sent to the login
 * form.
 *
 * <p>The {@code WWW-Authenticate: Basic} challenge goes only to clients that are not a browser
 * page: a challenge to a browser would make it prompt for and then cache Basic credentials, which
 * it would attach to cross-site requests too (Basic requests are exempt from CSRF tokens).
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
  static final String TYPE_PREFIX = "urn:zoneplan:problem:";
  private final JsonMapper json = JsonMapper.builder().build();
  private final LoginUrlAuthenticationEntryPoint login =
      new LoginUrlAuthenticationEntryPoint("/login");

  /** The request's path inside the application. */
  static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  static boolean isApiRequest(HttpServletRequest request) {
    String path = path(request);
    if (path.startsWith("/api/")
        || path.equals("/api")
        || path.startsWith("/tiles/")
        || path.startsWith("/actuator/")
        || path.startsWith("/v3/api-docs")) {
      return true;
    }
    if (request.getHeader("Authorization") != null
        || request.getHeader("X-Requested-With") != null) {
      return true;
    }
    return path.startsWith("/ogc") && !acceptsHtml(request);
  }

  private static boolean acceptsHtml(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, jakarta.servlet.ServletException {
    if (!isApiRequest(request)) {
      login.commence(request, response, e);
      return;
    }
    if (e instanceof LockedException) {
      response.setHeader("Retry-After", String.valueOf(LoginThrottle.WINDOW.toSeconds()));
      write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-failures", e.getMessage());
      return;
    }
    if (request.getHeader("X-Requested-With") == null && !acceptsHtml(request)) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"zoneplan\", charset=\"UTF-8\"");
    }
    boolean badCredentials = request.getHeader("Authorization") != null;
    write(
        response,
        HttpStatus.UNAUTHORIZED,
        badCredentials ? "bad-credentials" : "unauthenticated",
        badCredentials
            ? "the user name or password is wrong, or the account is disabled"
            : "sign in first: HTTP Basic credentials, or the login form for the page");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    if (e instanceof CsrfException) {
      write(
          response,
          HttpStatus.FORBIDDEN,
          "csrf",
          "missing or invalid CSRF token: the page sends it in the X-CSRF-TOKEN header, forms in"
              + " the _csrf field");
      return;
    }
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    String name =
        who == null || who instanceof AnonymousAuthenticationToken ? "anonymous" : who.getName();
    String roles =
        who == null
            ? ""
            : who.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .sorted()
                .collect(Collectors.joining(", "));
    write(
        response,
        HttpStatus.FORBIDDEN,
        "forbidden",
        "user '"
            + name
            + "' (roles: "
            + roles
            + ") may not "
            + request.getMethod()
            + " "
            + request.getRequestURI());
  }

  private void write(HttpServletResponse response, HttpStatus status, String slug, String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + slug);
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json.writeValueAsString(body));
  }
}
