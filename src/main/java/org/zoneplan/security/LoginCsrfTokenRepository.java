package org.zoneplan.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Keeps the CSRF token in the session once there is one (a signed-in page), and before that (the
 * login form, which needs a token too) in a cookie sent only to {@code /login}. So showing the
 * login form creates no session: only a successful sign-in does (issue 13: a stranger's request
 * must not cost the server a session).
 *
 * <p>The cookie is HttpOnly and SameSite=Strict; it only guards the login form against login CSRF.
 * Once signed in, the session's own token (handed to the page by {@code /api/me}) guards every
 * write, and the cookie is never consulted while a session exists.
 */
final class LoginCsrfTokenRepository implements CsrfTokenRepository {
  static final String HEADER = "X-CSRF-TOKEN";
  private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
  private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

  LoginCsrfTokenRepository() {
    session.setHeaderName(HEADER);
    cookie.setHeaderName(HEADER);
    cookie.setCookieName("ZONEPLAN-LOGIN-CSRF");
    cookie.setCookiePath("/login");
    cookie.setCookieCustomizer(c -> c.httpOnly(true).sameSite("Strict").maxAge(-1));
  }

  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    return session.generateToken(request);
  }

  @Override
  public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    if (request.getSession(false) != null) {
      session.saveToken(token, request, response);
    } else {
      cookie.saveToken(token, request, response);
    }
  }

  @Override
  public CsrfToken loadToken(HttpServletRequest request) {
    return request.getSession(false) != null
        ? session.loadToken(request)
        : cookie.loadToken(request);
  }
}
