package org.zoneplan.tiles;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.zoneplan.tiles.TileCache.CachedTile;

/**
 * The light path of tiles: a servlet filter just after Spring Security's filter chain (so every URL
 * rule of {@code security.SecurityConfiguration} and the cached Basic check have run) that answers
 * {@code GET}/{@code HEAD /tiles/{layer}/{z}/{x}/{y}.mvt|.png|@2x.png} through {@link TileService}
 * itself, before Spring MVC's dispatch, argument resolution, content negotiation and message
 * conversion: from {@link TileCache} when the tile is cached at the current data version, else
 * rendered and cached as the controller would ({@link TileService#tile}). It writes what {@link
 * TileController} writes for the same tile: the stored bytes (or the gzip form kept beside them),
 * the pre-computed weak ETag (304 on a matching {@code If-None-Match}), Content-Type,
 * Content-Disposition, Cache-Control and Vary.
 *
 * <p>Anything else goes on to the controller unchanged: a URL or parameter the controller would
 * answer with a problem, a tile whose rendering fails (the controller renders it again and answers
 * the failure as a problem), conditional requests with {@code If-Match} or {@code
 * If-Unmodified-Since} (412 rules), other methods. So the filter never decides an error, and a tile
 * dropped by an edit is never served from here: the lookup uses the current data version (see
 * {@link TileCache}).
 */
final class CachedTileFilter implements Filter {
  /** The controller's mapping: the request-time metrics are recorded under the same pattern. */
  static final String PATTERN = "/tiles/{layer}/{z}/{x}/{file}";

  private static final String PREFIX = "/tiles/";

  private final TileService tiles;
  private final LongAdder served = new LongAdder();
  private final LongAdder rendered = new LongAdder();

  CachedTileFilter(TileService tiles) {
    this.tiles = tiles;
  }

  /** Requests answered here from the cache (200, 204 or 304), for tests and diagnostics. */
  long served() {
    return served.sum();
  }

  /** Requests answered here with a tile rendered for them (a miss), for tests and diagnostics. */
  long rendered() {
    return rendered.sum();
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req instanceof HttpServletRequest request
        && res instanceof HttpServletResponse response
        && answer(unwrapped(request), response)) {
      return;
    }
    chain.doFilter(req, res);
  }

  /**
   * The container's request under Spring Security's wrappers, to read from: each read through them
   * walks five wrappers and has the firewall check the header's name and value with a regular
   * expression, a sizeable part of a cached tile's time. Nothing read here is written back into the
   * answer (the ETag compared, Accept-Encoding parsed, the parameters looked up; a request the
   * filter does not answer goes on as it came, wrappers and firewall included), and the security
   * chain has already authenticated and authorized the request.
   */
  private static HttpServletRequest unwrapped(HttpServletRequest request) {
    ServletRequest r = request;
    while (r instanceof ServletRequestWrapper wrapper) {
      r = wrapper.getRequest();
    }
    return r instanceof HttpServletRequest raw ? raw : request;
  }

  /** Answers the request from the cache and returns true, or returns false having written none. */
  private boolean answer(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      return false;
    }
    if (request.getHeader(HttpHeaders.IF_MATCH) != null
        || request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) != null) {
      return false; // preconditions that can answer 412: Spring MVC's rules, in the controller
    }
    String uri = request.getRequestURI();
    int start = request.getContextPath().length();
    if (!uri.startsWith(PREFIX, start)) {
      return false;
    }
    // /tiles/{layer}/{z}/{x}/{file}: exactly four segments, nothing encoded (else the controller)
    String[] parts = uri.substring(start + PREFIX.length()).split("/", -1);
    if (parts.length != 4 || uri.indexOf('%') >= 0 || uri.indexOf(';') >= 0) {
      return false;
    }
    TileLayer layer = TileLayer.byId(parts[0]).orElse(null);
    Matcher file = TileController.TILE_FILE.matcher(parts[3]);
    if (layer == null
        || !TileController.NUMBER.matcher(parts[1]).matches()
        || !TileController.NUMBER.matcher(parts[2]).matches()
        || !file.matches()) {
      return false;
    }
    boolean mvt = file.group(3).equals("mvt");
    if (mvt && file.group(2) != null) {
      return false;
    }
    TileFormat format =
        mvt ? TileFormat.MVT : file.group(2) != null ? TileFormat.PNG_2X : TileFormat.PNG;
    CachedTile tile;
    try {
      TileCoord coord =
          TileService.coord(
              layer,
              Integer.parseInt(parts[1]),
              Integer.parseInt(parts[2]),
              Integer.parseInt(file.group(1)));
      String plan =
          layer == TileLayer.GRADES
              ? tiles.gradesKey(
                  TileController.year(request.getParameter("year")),
                  TileController.ruleSet(request.getParameter("ruleSet")),
                  TileController.division(request.getParameter("division")))
              : tiles.plan(layer, request.getParameter("plan"));
      String scope = scope(request);
      tile = tiles.cached(layer, plan, scope, coord, format);
      if (tile == null) {
        // a miss: rendered and cached here, as the controller would (same key, bytes and ETag)
        tile = tiles.tile(layer, plan, scope, coord, format);
        rendered.increment();
      } else {
        served.increment();
      }
    } catch (RuntimeException e) {
      // the controller answers the same request with its problem (a bad parameter, an unknown
      // plan, the store failing while rendering: then it tries once more and reports the failure)
      return false;
    }
    ServerHttpObservationFilter.findObservationContext(request)
        .ifPresent(c -> c.setPathPattern(PATTERN));
    write(request, response, tile, mvt, parts[3], head);
    return true;
  }

  /**
   * The data scope of the requesting user (access by jurisdiction): {@link TileCache#UNRESTRICTED}
   * for a user who sees everything, else their scope's key; the cache keeps each scope's tiles
   * apart. This filter runs after Spring Security, so the user is known.
   */
  String scope(HttpServletRequest request) {
    return tiles.currentScope();
  }

  private static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      CachedTile tile,
      boolean mvt,
      String file,
      boolean head)
      throws IOException {
    response.setHeader(HttpHeaders.ETAG, tile.etag());
    response.setHeader(HttpHeaders.CACHE_CONTROL, TileController.CACHE_CONTROL);
    response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    if (matches(request.getHeaders(HttpHeaders.IF_NONE_MATCH), tile.etag())) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    if (tile.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    byte[] body;
    if (mvt && TileController.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
      body = tile.gzipped();
      response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
    } else {
      body = tile.bytes();
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(tile.mediaType());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, TileController.contentDisposition(file));
    response.setContentLength(body.length);
    if (!head) {
      response.getOutputStream().write(body);
    }
  }

  /**
   * Whether one of the {@code If-None-Match} entity tags matches {@code etag} by the weak
   * comparison (RFC 9110, 13.1.2: the {@code W/} prefixes ignored), or the header is {@code *}.
   */
  static boolean matches(Enumeration<String> ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String opaque = opaque(etag);
    while (ifNoneMatch.hasMoreElements()) {
      for (String candidate : ifNoneMatch.nextElement().split(",")) {
        String c = candidate.strip();
        if (c.equals("*") || opaque(c).equals(opaque)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String opaque(String etag) {
    return etag.startsWith("W/") ? etag.substring(2) : etag;
  }
}
