package org.zoneplan.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address zoneplan is reached at, for links it writes (OGC API links, TileJSON, next pages).
 * Never the request's {@code Host} header as the client sent it, which anyone can forge (a forged
 * Host would otherwise be echoed into documents that caches and other clients keep):
 *
 * <ol>
 *   <li>{@code zoneplan.public-base-url} when set, e.g. {@code https://zoneplan.example.gov.cn};
 *   <li>else, when {@code server.forward-headers-strategy} is {@code native} or {@code framework}
 *       (the operator says a trusted proxy sets {@code X-Forwarded-*} / {@code Forwarded}), the
 *       address those headers give;
 *   <li>else the address and port the connection came in on (the server's own, not the client's
 *       say), e.g. {@code http://127.0.0.1:8080}.
 * </ol>
 */
@Component
public class PublicBaseUrl {
  private final String configured;
  private final boolean trustForwardedHeaders;

  PublicBaseUrl(
      @Value("${zoneplan.public-base-url:}") String configured,
      @Value("${server.forward-headers-strategy:none}") String forwardHeadersStrategy) {
    String c = configured == null ? "" : configured.strip();
    while (c.endsWith("/")) {
      c = c.substring(0, c.length() - 1);
    }
    this.configured = c;
    this.trustForwardedHeaders =
        forwardHeadersStrategy.equalsIgnoreCase("native")
            || forwardHeadersStrategy.equalsIgnoreCase("framework");
  }

  /** The base URL with the context path, without a trailing slash, for the current request. */
  public String get() {
    HttpServletRequest request =
        ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    return get(request);
  }

  public String get(HttpServletRequest request) {
    if (!configured.isEmpty()) {
      return configured + request.getContextPath();
    }
    if (trustForwardedHeaders) {
      return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
    String address = request.getLocalAddr();
    if (address.indexOf(':') >= 0 && !address.startsWith("[")) {
      address = "[" + address + "]";
    }
    return request.getScheme()
        + "://"
        + address
        + ":"
        + request.getLocalPort()
        + request.getContextPath();
  }

  /** The current request's URL (path and query) on {@link #get()}. */
  public String currentRequest() {
    HttpServletRequest request =
        ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    String query = request.getQueryString();
    return get(request)
        + request.getRequestURI().substring(request.getContextPath().length())
        + (query == null ? "" : "?" + query);
  }
}
