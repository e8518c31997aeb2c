package org.zoneplan.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Spring Security's decisions for one kind of request, taken without its filter chain: an HTTP
 * Basic read whose password check is still in {@link CachingAuthenticationProvider}'s cache (issue
 * 16: a tile client sends its credentials with each of thousands of requests a minute, and the
 * chain's dozen filters, firewall wrappers and URL matchers cost more than answering a cached
 * tile).
 *
 * <p>Nothing is decided here that the chain would decide otherwise: the credentials are read by
 * Spring Security's own {@link BasicAuthenticationConverter}; the user comes from the same cache,
 * after the same {@link LoginThrottle} check, that the chain's authentication uses ({@link
 * CachingAuthenticationProvider#cached}); the URL rules are the API chain's own {@link
 * AuthorizationManager} (taken from its {@code AuthorizationFilter}, so every rule of {@link
 * SecurityConfiguration} applies); the response headers are written by the same {@link
 * HeaderWriter}s the chains use ({@link SecurityConfiguration#headerWriters}). Whatever this class
 * does not grant — no Basic header, credentials not checked in the last minutes, a wrong or locked
 * password, a URL the rules refuse or send elsewhere — goes through the whole chain, which answers
 * it as always (401, 403). The caller passes only requests the chain's firewall would let through.
 */
public final class CachedBasicAccess {
  private final CachingAuthenticationProvider authentication;
  private final AuthorizationManager<HttpServletRequest> rules;
  private final List<HeaderWriter> headers;
  private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  CachedBasicAccess(
      CachingAuthenticationProvider authentication,
      AuthorizationManager<HttpServletRequest> rules,
      List<HeaderWriter> headers) {
    this.authentication = authentication;
    this.rules = rules;
    this.headers = List.copyOf(headers);
  }

  /**
   * The signed-in user of {@code request} when it carries HTTP Basic credentials found in the cache
   * of verified passwords and the URL rules grant it the request; null otherwise (the request must
   * then go through the filter chain). Never checks a password and never counts a failure.
   */
  public Authentication granted(HttpServletRequest request) {
    UsernamePasswordAuthenticationToken attempt;
    try {
      attempt = basic.convert(request);
    } catch (AuthenticationException e) {
      return null; // a malformed header: the chain answers 401
    }
    if (attempt == null) {
      return null;
    }
    Authentication user = authentication.cached(attempt);
    if (user == null) {
      return null;
    }
    // The rules' path patterns read the parsed path from the request, and parse it for each rule
    // when it is not there (as it is not yet in front of Spring MVC's filters): parsed once here.
    boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
    if (parsedHere) {
      ServletRequestPathUtils.parseAndCache(request);
    }
    try {
      AuthorizationResult decision = rules.authorize(() -> user, request);
      return decision != null && decision.isGranted() ? user : null;
    } finally {
      if (parsedHere) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      }
    }
  }

  /**
   * Runs {@code answer} with {@code user} as the current user (what the chain's security context
   * gives a controller, e.g. for the data scope of access by jurisdiction), and clears it after.
   */
  public <E extends Exception> boolean runAs(Authentication user, Answer<E> answer) throws E {
    holder.setContext(holder.createEmptyContext());
    holder.getContext().setAuthentication(user);
    try {
      return answer.run();
    } finally {
      holder.clearContext();
    }
  }

  /**
   * Writes the security headers the chains write (X-Content-Type-Options, X-Frame-Options, CSP,
   * HSTS on HTTPS, and cache headers unless the response set its own). Call it once the answer's
   * own headers are set and before its body: the chains write them when the response is committed.
   */
  public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
    for (HeaderWriter writer : headers) {
      writer.writeHeaders(request, response);
    }
  }

  /** An answer given as a signed-in user: true if it answered, false to go on down the chain. */
  @FunctionalInterface
  public interface Answer<E extends Exception> {
    boolean run() throws E;
  }
}
