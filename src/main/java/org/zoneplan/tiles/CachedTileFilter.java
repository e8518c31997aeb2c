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
import org.springframework.security.core.Authentication;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.zoneplan.security.CachedBasicAccess;
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
 * <p>A second instance stands <b>in front of</b> Spring Security's chain, for the tile clients that
 * send HTTP Basic credentials with every request (GIS clients, scripts, the benchmark): it answers
 * the same way when {@link CachedBasicAccess} grants the request without the chain (credentials
 * already checked in the last minutes, the API chain's URL rules, the chains' security headers),
 * and sends everything else on to the chain and the instance behind it. Both register in {@link
 * CachedTileConfiguration}.
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

  /**
   * The characters of a tile URL this filter answers in front of Spring Security, and of its query
   * string (the parameters' names and plain values); a table rather than a regular expression,
   * which took a tenth of a cached tile's time.
   */
  private static final boolean[] PLAIN_URI = ascii("/._@-");

  private static final boolean[] PLAIN_QUERY = ascii("=&._,:-");

  private final TileService tiles;

  /** In front of Spring Security: who may read, else null (behind it: the chain has decided). */
  private final CachedBasicAccess front;

  /** In front of the request-time metrics' filter: the timers of the answers given here. */
  private final TileRequestTimers timers;

  private final LongAdder served = new LongAdder();
  private final LongAdder rendered = new LongAdder();

  /** Behind Spring Security's filter chain: every request reaching it is signed in and allowed. */
  CachedTileFilter(TileService tiles) {
    this(tiles, null, null);
  }

  /**
   * In front of Spring Security's filter chain: answers only HTTP Basic requests whose user {@code
   * front} grants without the chain (see {@link CachedBasicAccess}); all others go on to the chain.
   * It stands in front of the request-time metrics' filter too, and times its answers with {@code
   * timers} under the same meter.
   */
  CachedTileFilter(TileService tiles, CachedBasicAccess front, TileRequestTimers timers) {
    this.tiles = tiles;
    this.front = front;
    this.timers = timers;
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
    if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
      if (front == null ? answer(unwrapped(request), response) : answerInFront(request, response)) {
        return;
      }
    }
    chain.doFilter(req, res);
  }

  /**
   * In front of the chain: a request whose URL and query hold nothing but plain characters (so the
   * chain's firewall would pass it, and nothing is decoded differently) and whose Basic user the
   * URL rules grant, answered as that user with the chain's security headers.
   */
  private boolean answerInFront(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) == null
        || !only(PLAIN_URI, request.getRequestURI())
        || (request.getQueryString() != null && !only(PLAIN_QUERY, request.getQueryString()))) {
      return false;
    }
    long start = System.nanoTime();
    Authentication user = front.granted(request);
    if (user == null) {
      return false;
    }
    boolean head = "HEAD".equals(request.getMethod());
    boolean answered;
    try {
      answered = front.runAs(user, () -> answer(request, response));
    } catch (IOException | RuntimeException e) {
      timers.record(head, response.getStatus(), System.nanoTime() - start, e);
      throw e;
    }
    if (answered) {
      timers.record(head, response.getStatus(), System.nanoTime() - start);
    }
    return answered;
  }

  /** Letters, digits and {@code others}, as a table by character. */
  private static boolean[] ascii(String others) {
    boolean[] table = new boolean[128];
    for (char c = '0'; c <= '9'; c++) {
      table[c] = true;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      table[c] = true;
      table[Character.toLowerCase(c)] = true;
    }
    others.chars().forEach(c -> table[c] = true);
    return table;
  }

  /** Whether {@code text} holds only characters of {@code table}. */
  private static boolean only(boolean[] table, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= table.length || !table[c]) {
        return false;
      }
    }
    return true;
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
   * apart. Behind Spring Security the chain has set the user; in front, {@link
   * CachedBasicAccess#runAs}.
   */
  String scope(HttpServletRequest request) {
    return tiles.currentScope();
  }

  private void write(
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
    if (front != null) {
      front.writeHeaders(request, response); // behind the chain, its own writers do it on commit
    }

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
