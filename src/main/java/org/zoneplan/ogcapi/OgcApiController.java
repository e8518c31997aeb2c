package org.zoneplan.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.PublicBaseUrl;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneFeatures;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * OGC API – Features under {@code /ogc}: Part 1 Core (landing page, conformance, collections, items
 * with {@code bbox}, {@code limit}, {@code offset} and {@code datetime}, single features; GeoJSON
 * and HTML), Part 2 (responses in {@code crs}, {@code bbox} in {@code bbox-crs}: CRS84, EPSG:4490
 * and the Gauss-Krüger zones, in each CRS's own axis order) and Part 4 (create, replace and delete
 * zones, with {@code ETag} and {@code If-Match}: 412 when stale). One collection per layer, and one
 * per plan version for zones ({@code zones-<planId>}); every collection is read from the store as
 * it is now.
 */
@RestController
@RequestMapping("/ogc")
class OgcApiController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
  static final MediaType OPENAPI =
      MediaType.parseMediaType("application/vnd.oai.openapi+json;version=3.0");
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 10_000;
  static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
          "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
          "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
          "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final OgcItems items;
  private final ZoneService zoneService;
  private final JsonMapper json;

  private final GeometryLimits limits;

  private final PublicBaseUrl publicBaseUrl;

  OgcApiController(
      OgcItems items,
      ZoneService zoneService,
      JsonMapper json,
      GeometryLimits limits,
      PublicBaseUrl publicBaseUrl) {
    this.publicBaseUrl = publicBaseUrl;
    this.limits = limits;
    this.items = items;
    this.zoneService = zoneService;
    this.json = json;
  }

  /** Links start here: the configured public address, never the request's Host header. */
  private String base() {
    return publicBaseUrl.get() + "/ogc";
  }

  /** HTML when asked for with {@code f=html}, or by a browser's Accept header without {@code f}. */
  private static boolean html(String f, HttpServletRequest request) {
    if (f != null) {
      if (f.equalsIgnoreCase("html")) {
        return true;
      }
      if (f.equalsIgnoreCase("json")) {
        return false;
      }
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-parameter",
          "Invalid parameter",
          "f must be json or html");
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains("text/html");
  }

  private static ObjectNode link(
      ArrayNode links, String href, String rel, String type, String title) {
    ObjectNode link = links.addObject();
    link.put("href", href);
    link.put("rel", rel);
    link.put("type", type);
    if (title != null) {
      link.put("title", title);
    }
    return link;
  }

  private ResponseEntity<String> respond(
      ObjectNode body, MediaType type, boolean html, String title) {
    if (html) {
      return ResponseEntity.ok()
          .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
          .body(OgcHtml.page(title, body));
    }
    return ResponseEntity.ok().contentType(type).body(json.writeValueAsString(body));
  }

  @GetMapping({"", "/"})
  ResponseEntity<String> landing(
      @RequestParam(required = false) String f, HttpServletRequest request) {
    String base = base();
    ObjectNode body = NODES.objectNode();
    body.put("title", "zoneplan OGC API – Features");
    body.put(
        "description",
        "Development zones (开发区/园区) by plan version, land parcels and administrative divisions,"
            + " CGCS2000 (EPSG:4490)");
    ArrayNode links = body.putArray("links");
    link(links, base + "?f=json", "self", "application/json", "this document");
    link(links, base + "?f=html", "alternate", "text/html", "this document as HTML");
    link(links, base + "/api", "service-desc", OPENAPI.toString(), "the API definition");
    link(links, base + "/conformance", "conformance", "application/json", "conformance classes");
    link(links, base + "/collections", "data", "application/json", "the collections");
    return respond(body, MediaType.APPLICATION_JSON, html(f, request), "zoneplan OGC API");
  }

  @GetMapping("/conformance")
  ResponseEntity<String> conformance(
      @RequestParam(required = false) String f, HttpServletRequest request) {
    ObjectNode body = NODES.objectNode();
    ArrayNode conforms = body.putArray("conformsTo");
    CONFORMANCE.forEach(conforms::add);
    return respond(body, MediaType.APPLICATION_JSON, html(f, request), "Conformance");
  }

  @GetMapping("/api")
  ResponseEntity<String> api() {
    return ResponseEntity.ok().contentType(OPENAPI).body(OgcOpenApi.document(base()));
  }

  @GetMapping("/collections")
  ResponseEntity<String> collections(
      @RequestParam(required = false) String f, HttpServletRequest request) {
    String base = base();
    ObjectNode body = NODES.objectNode();
    ArrayNode links = body.putArray("links");
    link(links, base + "/collections?f=json", "self", "application/json", "the collections");
    link(links, base + "/collections?f=html", "alternate", "text/html", "as HTML");
    ArrayNode list = body.putArray("collections");
    items.collections().forEach(c -> list.add(collectionJson(c, base)));
    ArrayNode crs = body.putArray("crs");
    OgcCrs.supported().forEach(crs::add);
    return respond(body, MediaType.APPLICATION_JSON, html(f, request), "Collections");
  }

  @GetMapping("/collections/{id}")
  ResponseEntity<String> collection(
      @PathVariable String id,
      @RequestParam(required = false) String f,
      HttpServletRequest request) {
    OgcCollection c = items.collection(id);
    return respond(
        collectionJson(c, base()), MediaType.APPLICATION_JSON, html(f, request), c.title());
  }

  private ObjectNode collectionJson(OgcCollection c, String base) {
    String self = base + "/collections/" + c.id();
    ObjectNode node = NODES.objectNode();
    node.put("id", c.id());
    node.put("title", c.title());
    node.put("description", c.description());
    node.put("itemType", "feature");
    ArrayNode links = node.putArray("links");
    link(links, self + "?f=json", "self", "application/json", "this collection");
    link(links, self + "?f=html", "alternate", "text/html", "as HTML");
    link(links, self + "/items?f=json", "items", GEO_JSON.toString(), "the features");
    link(links, self + "/items?f=html", "items", "text/html", "the features as HTML");
    ObjectNode extent = node.putObject("extent");
    if (c.extent() != null) {
      ObjectNode spatial = extent.putObject("spatial");
      ArrayNode box = spatial.putArray("bbox").addArray();
      box.add(c.extent().getMinX()).add(c.extent().getMinY());
      box.add(c.extent().getMaxX()).add(c.extent().getMaxY());
      spatial.put("crs", OgcCrs.CRS84_URI);
    }
    if (c.date() != null) {
      ObjectNode temporal = extent.putObject("temporal");
      String day = c.date() + "T00:00:00Z";
      temporal.putArray("interval").addArray().add(day).add(day);
      temporal.put("trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian");
    }
    ArrayNode crs = node.putArray("crs");
    OgcCrs.supported().forEach(crs::add);
    node.put("storageCrs", org.zoneplan.geo.Crs.CGCS2000.uri());
    return node;
  }

  @GetMapping("/collections/{id}/items")
  ResponseEntity<String> items(
      @PathVariable String id,
      @RequestParam(required = false) String f,
      @RequestParam(required = false) String bbox,
      @RequestParam(name = "bbox-crs", required = false) String bboxCrs,
      @RequestParam(required = false) String crs,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String offset,
      @RequestParam(required = false) String datetime,
      @RequestParam(required = false) String filter,
      @RequestParam(name = "filter-lang", required = false) String filterLang,
      @RequestParam(name = "filter-crs", required = false) String filterCrs,
      HttpServletRequest request) {
    if (filter != null || filterLang != null || filterCrs != null) {
      // Part 3 (CQL2) is not implemented: answering everything would look like a match.
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "filter-not-supported",
              "CQL2 not supported",
              "CQL2 not supported: filter, filter-lang and filter-crs (OGC API – Features Part 3)"
                  + " are not implemented; use bbox and datetime")
          .with(
              "parameter",
              filter != null ? "filter" : filterLang != null ? "filter-lang" : "filter-crs");
    }
    OgcCollection c = items.collection(id);
    OgcCrs out = crs(crs, "crs");
    Envelope box = bbox == null ? OgcItems.WORLD : bbox(bbox, crs(bboxCrs, "bbox-crs"));
    int pageSize = (int) integer(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    long start = integer(offset, "offset", 0, 0, Long.MAX_VALUE);
    LocalDate[] dates = datetime == null ? null : dates(datetime);
    OgcItems.Page page = items.page(c, box, dates, pageSize, start);

    ObjectNode body = NODES.objectNode();
    body.put("type", "FeatureCollection");
    body.put("timeStamp", Instant.now().toString());
    body.put("numberMatched", page.matched());
    body.put("numberReturned", page.items().size());
    ArrayNode features = body.putArray("features");
    UnaryOperator<Geometry> transform = out.fromStore();
    for (OgcItems.Item item : page.items()) {
      features.add(feature(item, transform));
    }
    String self = base() + "/collections/" + c.id() + "/items";
    String query = query(request, null);
    ArrayNode links = body.putArray("links");
    link(links, self + "?" + query(request, "json"), "self", GEO_JSON.toString(), "this page");
    link(links, self + "?" + query(request, "html"), "alternate", "text/html", "as HTML");
    link(links, base() + "/collections/" + c.id(), "collection", "application/json", c.title());
    if (start + page.items().size() < page.matched()) {
      link(
          links,
          self + "?" + withParam(query, "offset", Long.toString(start + pageSize)),
          "next",
          GEO_JSON.toString(),
          "next page");
    }
    if (start > 0) {
      link(
          links,
          self + "?" + withParam(query, "offset", Long.toString(Math.max(0, start - pageSize))),
          "prev",
          GEO_JSON.toString(),
          "previous page");
    }
    ResponseEntity<String> response = respond(body, GEO_JSON, html(f, request), c.title());
    return ResponseEntity.status(response.getStatusCode())
        .headers(response.getHeaders())
        .header("Content-Crs", "<" + out.uri() + ">")
        .body(response.getBody());
  }

  @GetMapping("/collections/{id}/items/{featureId}")
  ResponseEntity<String> item(
      @PathVariable String id,
      @PathVariable String featureId,
      @RequestParam(required = false) String f,
      @RequestParam(required = false) String crs,
      HttpServletRequest request) {
    OgcCollection c = items.collection(id);
    OgcCrs out = crs(crs, "crs");
    OgcItems.Item item = items.item(c, featureId);
    ObjectNode body = feature(item, out.fromStore());
    String self = base() + "/collections/" + c.id() + "/items/" + featureId;
    ArrayNode links = body.putArray("links");
    link(links, self + "?f=json", "self", GEO_JSON.toString(), "this feature");
    link(links, self + "?f=html", "alternate", "text/html", "as HTML");
    link(links, base() + "/collections/" + c.id(), "collection", "application/json", c.title());
    ResponseEntity<String> response = respond(body, GEO_JSON, html(f, request), item.id());
    return ResponseEntity.status(response.getStatusCode())
        .headers(response.getHeaders())
        .header("Content-Crs", "<" + out.uri() + ">")
        .eTag(etag(item))
        .body(response.getBody());
  }

  private ObjectNode feature(OgcItems.Item item, UnaryOperator<Geometry> transform) {
    ObjectNode feature = NODES.objectNode();
    feature.put("type", "Feature");
    feature.put("id", item.id());
    feature.set("properties", json.valueToTree(item.properties()));
    feature.set("geometry", GeoJson.write(transform.apply(item.geometry())));
    return feature;
  }

  /**
   * A strong entity tag of a feature: SHA-256 of its properties and geometry as stored. Any change
   * by anyone changes it.
   */
  private String etag(OgcItems.Item item) {
    ObjectNode canonical = feature(item, UnaryOperator.identity());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(json.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- Part 4: zones

  @PostMapping("/collections/{id}/items")
  ResponseEntity<String> create(
      @PathVariable String id,
      @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
      @RequestBody JsonNode body) {
    OgcCollection c = writable(id);
    String code = body.path("properties").path("code").asString(body.path("id").asString(""));
    if (code.isBlank()) {
      throw ApiProblem.invalid(
          "missing-property", "a new zone needs properties.code (or the feature's id)");
    }
    Zone zone = zoneService.create(c.planId(), code, draft(body, code, contentCrs));
    String location = base() + "/collections/" + c.id() + "/items/" + code;
    return ResponseEntity.created(URI.create(location))
        .eTag(etag(OgcItems.zone(zone)))
        .contentType(GEO_JSON)
        .body(json.writeValueAsString(feature(OgcItems.zone(zone), OgcCrs.CRS84.fromStore())));
  }

  @PutMapping("/collections/{id}/items/{featureId}")
  ResponseEntity<String> replace(
      @PathVariable String id,
      @PathVariable String featureId,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(name = "Content-Crs", required = false) String contentCrs,
      @RequestBody JsonNode body) {
    OgcCollection c = writable(id);
    Integer seen = requireCurrent(c, featureId, ifMatch);
    Zone zone =
        zoneService.replace(
            c.planId(),
            featureId,
            draft(body, featureId, contentCrs),
            seen,
            ZoneService.Change.NONE);
    return ResponseEntity.ok()
        .eTag(etag(OgcItems.zone(zone)))
        .contentType(GEO_JSON)
        .body(json.writeValueAsString(feature(OgcItems.zone(zone), OgcCrs.CRS84.fromStore())));
  }

  @DeleteMapping("/collections/{id}/items/{featureId}")
  ResponseEntity<Void> delete(
      @PathVariable String id,
      @PathVariable String featureId,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    OgcCollection c = writable(id);
    Integer seen = requireCurrent(c, featureId, ifMatch);
    zoneService.delete(c.planId(), featureId, seen, ZoneService.Change.NONE);
    return ResponseEntity.noContent().build();
  }

  private OgcCollection writable(String id) {
    OgcCollection c = items.collection(id);
    if (!c.writable()) {
      throw new ApiProblem(
          HttpStatus.METHOD_NOT_ALLOWED,
          "read-only-collection",
          "Read-only collection",
          "collection \"" + id + "\" cannot be changed here; zone collections can");
    }
    return c;
  }

  /**
   * 428 without {@code If-Match}, 412 when it names a version other than the current one ({@code *}
   * accepts any). Returns the zone's version the matching ETag was computed from (null for {@code
   * *}), for the write to check again inside its transaction: a change by someone else between this
   * check and the write is then refused with 412 instead of being overwritten.
   */
  private Integer requireCurrent(OgcCollection c, String featureId, String ifMatch) {
    // The feature and its version come from one statement: the ETag compared below and the
    // version the write checks again (in SQL) describe the same state.
    OgcItems.VersionedItem read = items.versionedZone(c, featureId);
    int version = read.version();
    String current = etag(read.item());
    if (ifMatch == null || ifMatch.isBlank()) {
      // as the REST API: a write without the version the writer saw could undo someone's change
      throw new ApiProblem(
              HttpStatus.PRECONDITION_REQUIRED,
              "precondition-required",
              "Precondition required",
              "send If-Match with the ETag of feature \""
                  + featureId
                  + "\" as you last read it (GET answers it), so no one's change is lost")
          .with("etag", current);
    }
    if (ifMatch.strip().equals("*")) {
      return null;
    }
    for (String tag : ifMatch.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals(current)) {
        return version;
      }
    }
    throw new ApiProblem(
            HttpStatus.PRECONDITION_FAILED,
            "stale-feature",
            "Precondition failed",
            "feature \"" + featureId + "\" has changed since " + ifMatch + "; it is now " + current)
        .with("etag", current);
  }

  private ZoneDraft draft(JsonNode body, String code, String contentCrs) {
    OgcCrs in = crs(contentCrs == null ? null : contentCrs.replaceAll("[<>]", ""), "Content-Crs");
    if (in.equals(OgcCrs.CRS84)) {
      return ZoneFeatures.draft(json, body, code, limits);
    }
    // Read the geometry as given, then bring it into EPSG:4490 (x = longitude).
    ZoneDraft given = ZoneFeatures.draft(json, body, code, limits);
    Geometry stored = in.toStore().apply(given.geometry());
    MultiPolygon geometry = (MultiPolygon) Cgcs2000.GEOMETRY_FACTORY.createGeometry(stored);
    return new ZoneDraft(
        given.name(),
        given.kind(),
        given.parentCode(),
        given.managedBy(),
        given.attributes(),
        geometry);
  }

  // ---------------------------------------------------------------- parameters

  private static OgcCrs crs(String value, String parameter) {
    try {
      return OgcCrs.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "invalid-parameter",
              "Invalid parameter",
              parameter + ": " + e.getMessage())
          .with("parameter", parameter);
    }
  }

  private static ApiProblem invalid(String parameter, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail)
        .with("parameter", parameter);
  }

  private static long integer(String value, String parameter, long fallback, long min, long max) {
    if (value == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value.strip());
      if (n < min) {
        throw invalid(parameter, parameter + " must be at least " + min);
      }
      return Math.min(n, max);
    } catch (NumberFormatException e) {
      throw invalid(parameter, parameter + " must be an integer, was \"" + value + "\"");
    }
  }

  /** A bbox in the axis order of its CRS, as an envelope in EPSG:4490 (x = longitude). */
  private static Envelope bbox(String value, OgcCrs crs) {
    String[] parts = value.split(",");
    if (parts.length != 4 && parts.length != 6) {
      throw invalid("bbox", "bbox must be 4 (or 6) comma-separated numbers");
    }
    double[] n = new double[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        n[i] = Double.parseDouble(parts[i].strip());
      }
    } catch (NumberFormatException e) {
      throw invalid("bbox", "bbox must be numbers, was \"" + value + "\"");
    }
    for (double v : n) {
      if (!Double.isFinite(v)) {
        throw invalid("bbox", "bbox values must be finite numbers, was \"" + value + "\"");
      }
    }
    int half = parts.length / 2;
    double a1 = n[0];
    double b1 = n[1];
    double a2 = n[half];
    double b2 = n[half + 1];
    if (a1 > a2 || b1 > b2) {
      throw invalid(
          "bbox", "bbox lower corner must not exceed its upper corner, was \"" + value + "\"");
    }
    // Corners and edge midpoints in the CRS's axis order, taken to EPSG:4490.
    Coordinate[] ring = {
      new Coordinate(a1, b1),
      new Coordinate((a1 + a2) / 2, b1),
      new Coordinate(a2, b1),
      new Coordinate(a2, (b1 + b2) / 2),
      new Coordinate(a2, b2),
      new Coordinate((a1 + a2) / 2, b2),
      new Coordinate(a1, b2),
      new Coordinate(a1, (b1 + b2) / 2),
    };
    Geometry points = Cgcs2000.GEOMETRY_FACTORY.createMultiPointFromCoords(ring);
    Envelope box;
    try {
      box = crs.toStore().apply(points).getEnvelopeInternal();
    } catch (RuntimeException e) {
      throw invalid(
          "bbox", "bbox cannot be taken from " + crs + " to EPSG:4490: \"" + value + "\"");
    }
    if (box.isNull()
        || !Double.isFinite(box.getMinX())
        || !Double.isFinite(box.getMinY())
        || !Double.isFinite(box.getMaxX())
        || !Double.isFinite(box.getMaxY())) {
      throw invalid("bbox", "bbox lies outside what " + crs + " can describe: \"" + value + "\"");
    }
    return box;
  }

  /** RFC 3339 instants or dates, or intervals with {@code /} and {@code ..}, to [from, to]. */
  private static LocalDate[] dates(String value) {
    String[] parts = value.split("/", -1);
    if (parts.length > 2) {
      throw invalid("datetime", "datetime must be an instant or an interval a/b");
    }
    LocalDate from = date(parts[0]);
    LocalDate to = parts.length == 2 ? date(parts[1]) : from;
    if (parts.length == 2
        && from != null
        && to != null
        && instant(parts[0]).isAfter(instant(parts[1]))) {
      throw invalid("datetime", "datetime interval \"" + value + "\" ends before it starts");
    }
    return new LocalDate[] {from, to};
  }

  /** An instant to compare interval ends: a date alone is its start, in UTC. */
  private static Instant instant(String s) {
    String t = s.strip();
    return t.length() == 10
        ? LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
        : OffsetDateTime.parse(t).toInstant();
  }

  private static LocalDate date(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.equals("..")) {
      return null;
    }
    try {
      return t.length() == 10 ? LocalDate.parse(t) : OffsetDateTime.parse(t).toLocalDate();
    } catch (DateTimeParseException e) {
      throw invalid("datetime", "datetime \"" + t + "\" is not RFC 3339");
    }
  }

  /** The request's query string with {@code f} set (or removed when null). */
  private static String query(HttpServletRequest request, String f) {
    String q = request.getQueryString() == null ? "" : request.getQueryString();
    q = withParam(q, "f", f);
    return q;
  }

  private static String withParam(String query, String name, String value) {
    StringBuilder b = new StringBuilder();
    for (String pair : query.split("&")) {
      if (pair.isEmpty() || pair.startsWith(name + "=")) {
        continue;
      }
      b.append(b.length() == 0 ? "" : "&").append(pair);
    }
    if (value != null) {
      b.append(b.length() == 0 ? "" : "&").append(name).append('=').append(value);
    }
    return b.toString();
  }
}
