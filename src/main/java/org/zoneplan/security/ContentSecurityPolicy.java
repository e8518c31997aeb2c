package org.zoneplan.security;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import org.zoneplan.system.BasemapProperties;

/**
 * The Content-Security-Policy of every answer: scripts only from zoneplan itself (no inline script
 * anywhere), images from zoneplan and the configured basemap servers only, no framing. A script
 * injected through data despite the escaping would not run.
 */
final class ContentSecurityPolicy {
  private ContentSecurityPolicy() {}

  static String of(BasemapProperties basemaps) {
    Set<String> images = new LinkedHashSet<>();
    images.add("'self'");
    images.add("data:");
    images.add("blob:");
    if (present(basemaps.tiandituKey())) {
      images.add("https://*.tianditu.gov.cn");
    }
    for (String template : new String[] {basemaps.osmUrl(), basemaps.gcj02Url()}) {
      String source = source(template);
      if (source != null) {
        images.add(source);
      }
    }
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "
        + String.join(" ", images)
        + "; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self';"
        + " form-action 'self'; frame-ancestors 'none'";
  }

  /**
   * The CSP source of a tile URL template: its scheme and host, where a host label holding a
   * placeholder ({@code {s}}, {@code t{s}}) and the labels left of it become one {@code *}.
   */
  static String source(String template) {
    if (!present(template)) {
      return null;
    }
    String t = template.strip();
    int schemeEnd = t.indexOf("://");
    if (schemeEnd < 0) {
      return null;
    }
    String scheme = t.substring(0, schemeEnd);
    String rest = t.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    int lastPlaceholder = authority.lastIndexOf('}');
    if (lastPlaceholder >= 0) {
      int dot = authority.indexOf('.', lastPlaceholder);
      if (dot < 0) {
        return null;
      }
      authority = "*" + authority.substring(dot);
    }
    try {
      URI.create(scheme + "://" + authority.replace("*", "x"));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return scheme + "://" + authority;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
