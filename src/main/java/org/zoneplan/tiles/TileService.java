package org.zoneplan.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.zoneplan.divisions.DivisionsChangedEvent;
import org.zoneplan.enterprises.EnterprisesChangedEvent;
import org.zoneplan.evaluation.EvaluationResults;
import org.zoneplan.evaluation.RuleSetsChangedEvent;
import org.zoneplan.geo.WebMercator;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.tiles.TileCache.CachedTile;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.ZoneService;
import org.zoneplan.zones.ZonesChangedEvent;

/**
 * Vector (MVT) and PNG tiles of zones, parcels and divisions in the XYZ Web Mercator grid, cached
 * in memory and invalidated exactly by edits (see {@link TileCache}).
 *
 * <p>A tile is read from the store by the bounding box of the buffered tile converted back to
 * longitude and latitude (EPSG:4490, taken as WGS84 for display: the datums differ by centimetres),
 * through the spatial index; the geometry is projected to Web Mercator in Java.
 */
@Service
@EnableConfigurationProperties(TileProperties.class)
public class TileService {
  private static final Logger log = LoggerFactory.getLogger(TileService.class);

  /** Tile coordinates across an MVT tile (the spec's default). */
  public static final int EXTENT = 4096;

  /** Tile units kept beyond each edge of an MVT tile (4 pixels of a 256-pixel tile). */
  public static final int BUFFER = 64;

  /** Douglas–Peucker tolerance in tile units: a quarter pixel of a 256-pixel tile. */
  public static final double SIMPLIFY_TOLERANCE = 4;

  /** Below this zoom, parcels smaller than one pixel (of a 256-pixel tile) are left out. */
  public static final int KEEP_SMALL_PARCELS_FROM_ZOOM = 15;

  /** Around a PNG parcel tile, as a fraction of the tile: outlines reach this far (8 px). */
  private static final double PNG_PARCEL_MARGIN = 1.0 / 32;

  private static final double PIXELS_PER_TILE = TileRenderer.TILE_SIZE;

  private final TileFeatures features;
  private final ZoneService zones;
  private final EvaluationResults grades;
  private final TileProperties properties;
  private final TileCache cache;
  private final Cache<String, String> plans =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(10)).maximumSize(1000).build();
  private volatile TileRenderer renderer;

  TileService(
      TileFeatures features,
      ZoneService zones,
      TileProperties properties,
      EvaluationResults grades,
      ObjectProvider<MeterRegistry> meters) {
    this.features = features;
    this.zones = zones;
    this.grades = grades;
    this.properties = properties;
    this.cache = new TileCache(properties.cacheMegabytes() * 1024L * 1024L);
    // cache_gets_total{cache="tiles",result="hit"|"miss"}, evictions and size, for Prometheus.
    meters.ifAvailable(r -> CaffeineCacheMetrics.monitor(r, cache.caffeine(), "tiles"));
  }

  /** The layer of an id in a URL, or a 404 problem. */
  public static TileLayer layer(String id) {
    return TileLayer.byId(id)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                        "tile-layer",
                        "no tile layer \""
                            + id
                            + "\"; layers are zones, parcels, grades and divisions")
                    .with("layer", id));
  }

  /**
   * The plan version a zones tile shows: the given one (404 problem when unknown) or, when null,
   * the newest by date. "" for other layers.
   */
  public String plan(TileLayer layer, String planId) {
    if (layer != TileLayer.ZONES) {
      return "";
    }
    String key = planId == null || planId.isBlank() ? "" : planId;
    String resolved = plans.getIfPresent(key);
    if (resolved == null) {
      if (key.isEmpty()) {
        List<PlanVersion> all = zones.plans();
        if (all.isEmpty()) {
          throw ApiProblem.notFound("plan", "there is no plan version yet");
        }
        resolved = all.get(all.size() - 1).id();
      } else {
        resolved = zones.plan(key).id();
      }
      plans.put(key, resolved);
    }
    return resolved;
  }

  /**
   * The key of the grade tiles of a year ({@code year} required: 422 when missing or out of range;
   * {@code ruleSet} optional: 404 when unknown): {@code year:ruleSet-or-auto:ids used}, e.g. {@code
   * 2024:auto:2024/3.5}. It goes into the cache key and the ETag, so tiles of another year or rule
   * set, or of rules chosen anew after a new version, are never mixed up.
   */
  public String gradesKey(Integer year, Long ruleSetId) {
    return gradesKey(year, ruleSetId, null);
  }

  /**
   * As {@link #gradesKey(Integer, Long)}, with {@code division} (only with a rule set) the
   * enterprises of that division under the rule set: {@code year:ruleSet:division:ids used}.
   */
  public String gradesKey(Integer year, Long ruleSetId, String division) {
    int y = EvaluationResults.checkYear(year);
    EvaluationResults.ParcelGrades g = grades.parcelGrades(y, ruleSetId, division);
    return y
        + ":"
        + (ruleSetId == null ? "auto" : ruleSetId.toString())
        + ":"
        + (division == null || division.isBlank() ? "-" : division.strip())
        + ":"
        + g.tag();
  }

  private Map<Long, EvaluationResults.ParcelGrade> parcelGrades(String key) {
    String[] parts = key.split(":", 4);
    return grades
        .parcelGrades(
            Integer.parseInt(parts[0]),
            parts[1].equals("auto") ? null : Long.valueOf(parts[1]),
            parts[2].equals("-") ? null : parts[2])
        .byParcel();
  }

  /** The tile at z/x/y if it lies in the grid and the layer's zoom range, else a 400 problem. */
  public static TileCoord coord(TileLayer layer, int z, int x, int y) {
    if (z < layer.minZoom() || z > layer.maxZoom()) {
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "zoom-out-of-range",
              "Zoom out of range",
              "layer \""
                  + layer.id()
                  + "\" has tiles from zoom "
                  + layer.minZoom()
                  + " to "
                  + layer.maxZoom()
                  + ", not "
                  + z)
          .with("layer", layer.id())
          .with("minzoom", layer.minZoom())
          .with("maxzoom", layer.maxZoom());
    }
    if (TileCoord.outsideGrid(z, x, y)) {
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "tile-outside-grid",
              "Tile outside the grid",
              TileCoord.outsideGridReason(z, x, y))
          .with("z", z)
          .with("x", x)
          .with("y", y);
    }
    return new TileCoord(z, x, y);
  }

  /** A tile of the current request's scope from the cache, rendered and cached when missing. */
  CachedTile tile(TileLayer layer, String plan, TileCoord tile, TileFormat format) {
    return tile(layer, plan, currentScope(), tile, format);
  }

  /**
   * The current request's data scope (access by jurisdiction, {@code ZoneVisibility}): {@link
   * TileCache#UNRESTRICTED} when the user may see everything.
   */
  String currentScope() {
    return zones.visibility().scopeKey();
  }

  /**
   * The tile from the cache if it is there at the current data version, else null (nothing is
   * rendered): the fast path of {@link CachedTileFilter}.
   */
  CachedTile cached(TileLayer layer, String plan, String scope, TileCoord tile, TileFormat format) {
    return cache.get(cache.key(layer, plan, scope, format, tile));
  }

  /**
   * A tile of a scope from the cache, rendered and cached when missing. {@code scope} must be the
   * current request's ({@link #currentScope()}): a scoped user's tile is drawn from what they may
   * see (their zones; parcels of their land) and kept under its own key.
   */
  CachedTile tile(TileLayer layer, String plan, String scope, TileCoord tile, TileFormat format) {
    if (!scope.equals(currentScope())) {
      throw new IllegalArgumentException("a tile is drawn for the current request's scope only");
    }
    TileCache.Key key = cache.key(layer, plan, scope, format, tile);
    CachedTile cached = cache.get(key);
    if (cached == null) {
      byte[] bytes =
          format == TileFormat.MVT
              ? renderMvt(layer, plan, tile)
              : renderPng(layer, plan, tile, format.scale());
      cached =
          new CachedTile(
              bytes, format.mediaType(), key.version(), layer == TileLayer.GRADES ? plan : "");
      if (format == TileFormat.MVT) {
        cached.gzipped(); // compressed once here, never per request
      }
      // Stored under the version read before rendering: if an edit came in between, the entry is
      // never looked up again (see TileCache).
      cache.put(key, cached);
    }
    return cached;
  }

  /** A vector tile through the cache (rendered on a miss); null when it has no feature. */
  public byte[] mvt(TileLayer layer, String plan, TileCoord tile) {
    return tile(layer, plan, tile, TileFormat.MVT).bytes();
  }

  /** Encodes a vector tile without the cache; null when it has no feature. */
  public byte[] renderMvt(TileLayer layer, String plan, TileCoord tile) {
    boolean dropSmall = parcelLike(layer) && tile.z() < KEEP_SMALL_PARCELS_FROM_ZOOM;
    List<TileFeature> found = read(layer, plan, tile, (double) BUFFER / EXTENT, dropSmall);
    double unitsPerPixel = EXTENT / PIXELS_PER_TILE;
    double minArea = dropSmall ? unitsPerPixel * unitsPerPixel : 0;
    MvtEncoder encoder = new MvtEncoder();
    MvtEncoder.Layer out = encoder.layer(layer.id(), EXTENT);
    for (TileFeature feature : found) {
      Geometry geometry =
          MvtGeometry.forTile(
              feature.geometry(), tile, EXTENT, BUFFER, SIMPLIFY_TOLERANCE, minArea);
      if (geometry != null) {
        out.addPolygonal(geometry, feature.attributes(), feature.id());
      }
    }
    return encoder.isEmpty() ? null : encoder.encode();
  }

  /** Draws a PNG tile without the cache (a transparent tile when nothing is there). */
  public byte[] renderPng(TileLayer layer, String plan, TileCoord tile, int scale) {
    boolean dropSmall = parcelLike(layer) && tile.z() < KEEP_SMALL_PARCELS_FROM_ZOOM;
    List<TileFeature> found = read(layer, plan, tile, pngMargin(layer), dropSmall);
    if (dropSmall) {
      double minArea = 1.0; // one pixel, in pixels of a 256-pixel tile
      List<TileFeature> kept = new ArrayList<>(found.size());
      for (TileFeature f : found) {
        if (MvtGeometry.project(f.geometry(), tile, PIXELS_PER_TILE).getArea() >= minArea) {
          kept.add(f);
        }
      }
      found = kept;
    }
    return TileRenderer.png(renderer().draw(tile, scale, found));
  }

  private List<TileFeature> read(
      TileLayer layer, String plan, TileCoord tile, double buffer, boolean dropSmall) {
    Envelope lonLat = tile.lonLatEnvelope(buffer);
    List<TileFeature> found =
        switch (layer) {
          case ZONES -> features.zones(plan, lonLat);
          case PARCELS -> features.parcels(lonLat, dropSmall ? minParcelAreaM2(tile, lonLat) : 0);
          case GRADES ->
              features.grades(
                  lonLat, dropSmall ? minParcelAreaM2(tile, lonLat) : 0, parcelGrades(plan));
          case DIVISIONS -> features.divisions(lonLat);
        };
    return visibleOnly(layer, plan, found);
  }

  /**
   * What the current request may see of the features (access by jurisdiction): its zones, and the
   * parcels of its land (by interior point); divisions are public outlines.
   */
  private List<TileFeature> visibleOnly(TileLayer layer, String plan, List<TileFeature> found) {
    var visibility = zones.visibility();
    if (visibility.scopeKey().isEmpty() || layer == TileLayer.DIVISIONS) {
      return found;
    }
    if (layer == TileLayer.ZONES) {
      var codes = visibility.visibleCodes(plan);
      return codes == null
          ? found
          : found.stream().filter(f -> codes.contains(f.attributes().get("code"))).toList();
    }
    var land = visibility.landFilter(null);
    return land == null ? found : found.stream().filter(f -> land.test(f.geometry())).toList();
  }

  private static boolean parcelLike(TileLayer layer) {
    return layer == TileLayer.PARCELS || layer == TileLayer.GRADES;
  }

  /**
   * Ground area of one pixel (of a 256-pixel tile) where it is smallest in the box, with 5% to
   * spare: parcels below it are below a pixel everywhere in the tile, and need not be read.
   */
  static double minParcelAreaM2(TileCoord tile, Envelope lonLat) {
    double pixelAtEquator =
        2 * Math.PI * WebMercator.RADIUS_M / (PIXELS_PER_TILE * (1L << tile.z()));
    double maxAbsLat = Math.max(Math.abs(lonLat.getMinY()), Math.abs(lonLat.getMaxY()));
    double pixel = pixelAtEquator * Math.cos(Math.toRadians(maxAbsLat));
    return 0.95 * pixel * pixel;
  }

  private static double pngMargin(TileLayer layer) {
    return parcelLike(layer) ? PNG_PARCEL_MARGIN : TileRenderer.LABEL_MARGIN;
  }

  /** The box (EPSG:4490) a tile's content is read from: an edit meeting it changes the tile. */
  static Envelope dataExtent(TileLayer layer, TileFormat format, TileCoord tile) {
    return tile.lonLatEnvelope(
        format == TileFormat.MVT ? (double) BUFFER / EXTENT : pngMargin(layer));
  }

  TileRenderer renderer() {
    TileRenderer r = renderer;
    if (r == null) {
      synchronized (this) {
        r = renderer;
        if (r == null) {
          r = new TileRenderer(TileRenderer.findFont(properties.font()));
          log.info("PNG tile labels in font \"{}\"", r.labelFont(1).getFontName());
          renderer = r;
        }
      }
    }
    return r;
  }

  /** Bounding box of a layer's data (EPSG:4490), or null when it is empty. */
  Envelope extent(TileLayer layer, String plan) {
    return features.extent(layer, plan);
  }

  /** Forgets every cached tile (benchmarks: to time rendering). */
  public void clearCache() {
    cache.clear();
  }

  /** Cached tiles. */
  public long cachedTiles() {
    return cache.size();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void zonesChanged(ZonesChangedEvent event) {
    List<Envelope> changed = new ArrayList<>();
    changed.add(event.oldExtent());
    changed.add(event.newExtent());
    List<TileCache.Key> dropped =
        cache.invalidate(TileLayer.ZONES, event.planId(), changed, TileService::dataExtent);
    int scoped = dropScoped();
    log.debug(
        "Zone {}/{} changed: {} cached tiles dropped, {} of limited scopes",
        event.planId(),
        event.code(),
        dropped.size(),
        scoped);
  }

  /**
   * Drops every tile drawn for users limited by jurisdiction: a change of zones or divisions may
   * alter them anywhere (which zones they see follows zone parents and where zones lie among the
   * divisions; the parcels they see follow the land of their divisions and zones, of every plan).
   * Unrestricted tiles are not touched. The access scopes' own cache has forgotten by then ({@code
   * AccessScopes} listens first).
   */
  private int dropScoped() {
    return cache.invalidateScoped();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void parcelsChanged(ParcelsChangedEvent event) {
    List<TileCache.Key> dropped =
        cache.invalidate(
            TileLayer.PARCELS,
            "",
            event.extent() == null ? null : List.of(event.extent()),
            TileService::dataExtent);
    log.debug("Parcels changed: {} cached tiles dropped", dropped.size());
    cache.invalidateLayer(TileLayer.GRADES);
  }

  /** A division's outline or name changed: its tiles, old and new place, go. */
  @TransactionalEventListener(fallbackExecution = true)
  void divisionsChanged(DivisionsChangedEvent event) {
    List<Envelope> changed = new ArrayList<>();
    changed.add(event.oldExtent());
    changed.add(event.newExtent());
    List<TileCache.Key> dropped =
        cache.invalidate(TileLayer.DIVISIONS, "", changed, TileService::dataExtent);
    int scoped = dropScoped();
    log.debug(
        "Division {} changed: {} cached tiles dropped, {} of limited scopes",
        event.code(),
        dropped.size(),
        scoped);
  }

  /** Grades follow enterprises, their land and statistics: every grade tile goes. */
  @TransactionalEventListener(fallbackExecution = true)
  void enterprisesChanged(EnterprisesChangedEvent event) {
    log.debug(
        "Enterprises changed: {} grade tiles dropped", cache.invalidateLayer(TileLayer.GRADES));
  }

  /** A new rule-set version may change the grades and which rules apply: every grade tile goes. */
  @TransactionalEventListener(fallbackExecution = true)
  void ruleSetsChanged(RuleSetsChangedEvent event) {
    log.debug("Rule sets changed: {} grade tiles dropped", cache.invalidateLayer(TileLayer.GRADES));
  }
}
