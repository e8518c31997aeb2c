package org.zoneplan.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriUtils;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.PublicBaseUrl;
import org.zoneplan.tiles.TileCache.CachedTile;

/**
 * XYZ tiles in Web Mercator: {@code /tiles/{layer}/{z}/{x}/{y}.mvt}, {@code .png} and
 * {@code @2x.png}, and a TileJSON 3.0 document per layer at {@code /tiles/{layer}.json}. Tiles
 * carry a weak ETag and answer {@code If-None-Match} with 304; vector tiles are gzipped when the
 * client accepts it, and an empty vector tile is 204.
 */
@RestController
@RequestMapping("/tiles")
class TileController {
  static final Pattern TILE_FILE = Pattern.compile("(-?\\d{1,9})(@2x)?\\.(mvt|png)");
  static final Pattern NUMBER = Pattern.compile("-?\\d{1,9}");
  private static final String TILEJSON = ".json";

  /** Cache-Control of every tile: stored, but revalidated with its ETag before each use. */
  static final String CACHE_CONTROL = "no-cache";

  private final TileService tiles;
  private final PublicBaseUrl publicBaseUrl;

  TileController(TileService tiles, PublicBaseUrl publicBaseUrl) {
    this.publicBaseUrl = publicBaseUrl;
    this.tiles = tiles;
  }

  @GetMapping("/{layer}/{z}/{x}/{file}")
  ResponseEntity<byte[]> tile(
      @PathVariable String layer,
      @PathVariable String z,
      @PathVariable String x,
      @PathVariable String file,
      @RequestParam(required = false) String plan,
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String ruleSet,
      @RequestParam(required = false) String division,
      @RequestHeader(value = HttpHeaders.ACCEPT_ENCODING, required = false) String acceptEncoding,
      WebRequest request) {
    TileLayer tileLayer = TileService.layer(layer);
    Matcher m = TILE_FILE.matcher(file);
    if (!m.matches()) {
      throw new ApiProblem(
              HttpStatus.NOT_FOUND,
              "tile-format-not-found",
              "Not found",
              "a tile is {y}.mvt, {y}.png or {y}@2x.png, not \"" + file + "\"")
          .with("file", file);
    }
    boolean mvt = m.group(3).equals("mvt");
    if (mvt && m.group(2) != null) {
      throw new ApiProblem(
              HttpStatus.NOT_FOUND,
              "tile-format-not-found",
              "Not found",
              "vector tiles have no @2x form: ask for {y}.mvt")
          .with("file", file);
    }
    TileFormat format =
        mvt ? TileFormat.MVT : m.group(2) != null ? TileFormat.PNG_2X : TileFormat.PNG;
    TileCoord coord =
        TileService.coord(tileLayer, number("z", z), number("x", x), Integer.parseInt(m.group(1)));
    String planId =
        tileLayer == TileLayer.GRADES
            ? tiles.gradesKey(year(year), ruleSet(ruleSet), division(division))
            : tiles.plan(tileLayer, plan);
    CachedTile tile = tiles.tile(tileLayer, planId, tiles.currentScope(), coord, format);

    if (request.checkNotModified(tile.etag())) {
      // 304 (or 412 on a failed If-Match), status and ETag set by Spring; a 304 also carries the
      // caching headers of the 200 it stands for (RFC 9110, 15.4.5), as on the fast path.
      if (request instanceof ServletWebRequest servlet
          && servlet.getResponse() != null
          && servlet.getResponse().getStatus() == HttpStatus.NOT_MODIFIED.value()) {
        servlet.getResponse().setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        servlet.getResponse().setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
      }
      return null;
    }
    ResponseEntity.BodyBuilder response =
        ResponseEntity.status(tile.isEmpty() ? HttpStatus.NO_CONTENT : HttpStatus.OK)
            .eTag(tile.etag())
            .cacheControl(CacheControl.noCache())
            .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    if (tile.isEmpty()) {
      return response.build();
    }
    response
        .contentType(MediaType.parseMediaType(tile.mediaType()))
        // the tile's own name (the file is checked above: digits, @2x, .mvt or .png), instead of
        // the "f.txt" Spring MVC would add for a body under an unknown extension
        .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(file));
    if (mvt && acceptsGzip(acceptEncoding)) {
      return response.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(tile.gzipped());
    }
    return response.body(tile.bytes());
  }

  /** TileJSON 3.0.0 of a layer: {@code /tiles/zones.json?plan=…&format=png}. */
  @GetMapping("/{document}")
  ResponseEntity<Map<String, Object>> tileJson(
      @PathVariable String document,
      @RequestParam(required = false) String plan,
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String ruleSet,
      @RequestParam(required = false) String division,
      @RequestParam(required = false, defaultValue = "mvt") String format) {
    if (!document.endsWith(TILEJSON)) {
      throw ApiProblem.notFound(
              "tile-layer", "no tile document \"" + document + "\"; try /tiles/zones.json")
          .with("layer", document);
    }
    TileLayer layer =
        TileService.layer(document.substring(0, document.length() - TILEJSON.length()));
    if (!format.equals("mvt") && !format.equals("png")) {
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "invalid-tile-format",
              "Invalid tile format",
              "format is mvt or png, not \"" + format + "\"")
          .with("format", format);
    }
    String planId =
        layer == TileLayer.GRADES
            ? tiles.gradesKey(year(year), ruleSet(ruleSet), division(division))
            : tiles.plan(layer, plan);
    // the configured public address, never the request's Host header (PublicBaseUrl)
    String base = publicBaseUrl.get() + "/tiles/";
    String query =
        layer == TileLayer.ZONES
            ? "?plan=" + UriUtils.encodeQueryParam(planId, java.nio.charset.StandardCharsets.UTF_8)
            : layer == TileLayer.GRADES
                ? "?year="
                    + year(year)
                    + (ruleSet(ruleSet) == null ? "" : "&ruleSet=" + ruleSet(ruleSet))
                    + (division(division) == null ? "" : "&division=" + division(division))
                : "";
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tilejson", "3.0.0");
    doc.put(
        "name",
        layer == TileLayer.ZONES
            ? "zones " + planId
            : layer == TileLayer.GRADES ? "grades " + planId : layer.id());
    doc.put("description", layer.description());
    doc.put("version", "1.0.0");
    doc.put("attribution", "zoneplan; geometry in CGCS2000 (EPSG:4490), shown as WGS84");
    doc.put("scheme", "xyz");
    doc.put("tiles", List.of(base + layer.id() + "/{z}/{x}/{y}." + format + query));
    doc.put("minzoom", layer.minZoom());
    doc.put("maxzoom", layer.maxZoom());
    Envelope extent = tiles.extent(layer, planId);
    if (extent != null) {
      doc.put(
          "bounds",
          List.of(extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()));
      int centreZoom = Math.max(layer.minZoom(), Math.min(layer.maxZoom(), 11));
      doc.put("center", List.of(extent.centre().x, extent.centre().y, centreZoom));
    } else {
      doc.put("bounds", List.of(-180.0, -85.05112877980659, 180.0, 85.05112877980659));
    }
    if (format.equals("mvt")) {
      Map<String, Object> vectorLayer = new LinkedHashMap<>();
      vectorLayer.put("id", layer.id());
      vectorLayer.put("description", layer.description());
      vectorLayer.put("minzoom", layer.minZoom());
      vectorLayer.put("maxzoom", layer.maxZoom());
      vectorLayer.put("fields", layer.fields());
      List<Object> layers = new ArrayList<>();
      layers.add(vectorLayer);
      doc.put("vector_layers", layers);
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(doc);
  }

  /** The grade tiles' year: 422 when missing or not a whole number (range checked later). */
  static Integer year(String text) {
    if (text == null || text.isBlank()) {
      throw ApiProblem.invalid("missing-year", "the grades layer needs ?year= (e.g. year=2023)")
          .with("field", "year");
    }
    if (!NUMBER.matcher(text.strip()).matches()) {
      throw ApiProblem.invalid(
              "invalid-parameter", "year must be a whole number, not \"" + text + "\"")
          .with("field", "year");
    }
    return Integer.valueOf(text.strip());
  }

  /** The grade tiles' division (with a rule set): a division code of at most 12 digits. */
  static String division(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!text.strip().matches("[0-9]{2,12}")) {
      throw ApiProblem.invalid(
              "invalid-parameter", "division must be a division code, not \"" + text + "\"")
          .with("field", "division");
    }
    return text.strip();
  }

  static Long ruleSet(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (!NUMBER.matcher(text.strip()).matches()) {
      throw ApiProblem.invalid(
              "invalid-parameter", "ruleSet must be a rule-set id, not \"" + text + "\"")
          .with("field", "ruleSet");
    }
    return Long.valueOf(text.strip());
  }

  private static int number(String name, String text) {
    if (!NUMBER.matcher(text).matches()) {
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "invalid-tile-coordinate",
              "Invalid tile coordinate",
              name + " must be a whole number, not \"" + text + "\"")
          .with(name, text);
    }
    return Integer.parseInt(text);
  }

  /** Content-Disposition of a tile: inline, named after its file ({@code 6787.mvt}). */
  static String contentDisposition(String file) {
    return "inline; filename=\"" + file + "\"";
  }

  /** Whether Accept-Encoding allows gzip (not refused with q=0). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.trim().split(";");
      String coding = pieces[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
        boolean refused = false;
        for (int i = 1; i < pieces.length; i++) {
          String p = pieces[i].trim().replace(" ", "");
          if (p.matches("q=0(\\.0{0,3})?")) {
            refused = true;
          }
        }
        if (!refused) {
          return true;
        }
      }
    }
    return false;
  }
}
