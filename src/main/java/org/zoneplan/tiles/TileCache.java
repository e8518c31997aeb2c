package org.zoneplan.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;
import org.locationtech.jts.geom.Envelope;

/**
 * Rendered tiles in memory, bounded by their size in bytes (Caffeine, least recently and frequently
 * used go first), keyed by layer, plan version, data version and tile.
 *
 * <p>Data versions are counters per layer (per layer and plan for zones), bumped by every edit. A
 * lookup uses the current version, so a tile rendered from data read before an edit is stored under
 * the old version and never served after it: no lock is needed between rendering and invalidation.
 * An edit does not throw the layer away, though: {@link #invalidate} moves every cached tile of the
 * old version whose data extent does not meet the edited bounding boxes to the new version,
 * unchanged (same bytes, same ETag), and drops the others. Thread-safe.
 */
final class TileCache {
  /** The scope of tiles drawn from all the data (the only scope until users get jurisdictions). */
  static final String UNRESTRICTED = "";

  /**
   * Cache key; {@code plan} is "" for layers without plan versions; {@code scope} is the data scope
   * the tile was drawn for ({@link #UNRESTRICTED}, "", for every user today; a jurisdiction later),
   * so that a scoped user never receives another scope's tile.
   */
  record Key(
      TileLayer layer,
      String plan,
      String scope,
      long version,
      TileFormat format,
      int z,
      int x,
      int y,
      long scopeGeneration) {
    TileCoord tile() {
      return new TileCoord(z, x, y);
    }
  }

  private final Cache<Key, CachedTile> cache;
  private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();

  /** Bumped by {@link #invalidateScoped()}: part of the key of every tile of a limited scope. */
  private final AtomicLong scopeGeneration = new AtomicLong();

  TileCache(long maximumBytes) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maximumBytes)
            .weigher((Key k, CachedTile t) -> t.weight())
            .recordStats()
            .build();
  }

  /** The cache itself, for its hit and miss metrics. */
  Cache<Key, CachedTile> caffeine() {
    return cache;
  }

  /** Current data version of a layer (and plan). */
  long version(TileLayer layer, String plan) {
    return counter(layer, plan).get();
  }

  private AtomicLong counter(TileLayer layer, String plan) {
    return versions.computeIfAbsent(layer.id() + "/" + plan, k -> new AtomicLong());
  }

  Key key(TileLayer layer, String plan, TileFormat format, TileCoord tile) {
    return key(layer, plan, UNRESTRICTED, format, tile);
  }

  Key key(TileLayer layer, String plan, String scope, TileFormat format, TileCoord tile) {
    return new Key(
        layer,
        plan,
        scope,
        version(layer, plan),
        format,
        tile.z(),
        tile.x(),
        tile.y(),
        scope.equals(UNRESTRICTED) ? 0 : scopeGeneration.get());
  }

  CachedTile get(Key key) {
    return cache.getIfPresent(key);
  }

  void put(Key key, CachedTile tile) {
    cache.put(key, tile);
  }

  /**
   * After an edit: bumps the data version of the layer (and plan), drops the cached tiles (of every
   * scope) whose data extent ({@code extentOf}) meets one of {@code changed} (at every zoom) and
   * keeps all others under the new version. With {@code changed} null, drops every tile of the
   * layer (and plan).
   *
   * @return the tiles dropped
   */
  synchronized List<Key> invalidate(
      TileLayer layer, String plan, List<Envelope> changed, ExtentOf extentOf) {
    long old = counter(layer, plan).getAndIncrement();
    long now = old + 1;
    List<Key> dropped = new ArrayList<>();
    for (Key key : new ArrayList<>(cache.asMap().keySet())) {
      if (key.layer() != layer || !key.plan().equals(plan) || key.version() >= now) {
        continue; // another layer, or rendered since the bump
      }
      CachedTile tile = cache.asMap().remove(key);
      if (tile == null || key.version() != old) {
        continue; // evicted meanwhile, or an orphan of an older version
      }
      Envelope extent = extentOf.extent(key.layer(), key.format(), key.tile());
      boolean meets =
          changed == null || changed.stream().anyMatch(e -> e != null && e.intersects(extent));
      if (meets) {
        dropped.add(key);
      } else {
        cache
            .asMap()
            .putIfAbsent(
                new Key(
                    layer,
                    plan,
                    key.scope(),
                    now,
                    key.format(),
                    key.z(),
                    key.x(),
                    key.y(),
                    key.scopeGeneration()),
                tile);
      }
    }
    return dropped;
  }

  /**
   * Drops every cached tile drawn for a limited scope (users limited by jurisdiction), of every
   * layer and plan, after a zone or division change: what such a user may see depends on division
   * outlines and on zones anywhere (a zone's parent, the land of their zones), not only on the data
   * inside the tile. Tiles of the {@link #UNRESTRICTED} scope are not touched (no data version is
   * bumped); a scoped tile rendered before this call is stored under the old scope generation and
   * never looked up again.
   *
   * @return the tiles dropped
   */
  int invalidateScoped() {
    scopeGeneration.incrementAndGet();
    int dropped = 0;
    for (Key key : new ArrayList<>(cache.asMap().keySet())) {
      if (!key.scope().equals(UNRESTRICTED) && cache.asMap().remove(key) != null) {
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * Drops every cached tile of a layer, of every plan (the grade tiles after a change of
   * enterprises, rule sets or parcels), bumping each plan's data version first so that a tile
   * rendered from older data is never stored under a current version.
   */
  synchronized int invalidateLayer(TileLayer layer) {
    versions.forEach(
        (k, v) -> {
          if (k.startsWith(layer.id() + "/")) {
            v.incrementAndGet();
          }
        });
    int n = 0;
    for (Key key : new ArrayList<>(cache.asMap().keySet())) {
      if (key.layer() == layer && cache.asMap().remove(key) != null) {
        n++;
      }
    }
    return n;
  }

  void clear() {
    cache.invalidateAll();
  }

  long size() {
    return cache.estimatedSize();
  }

  /** The extent of data (EPSG:4490) a tile of a layer and format is drawn from. */
  @FunctionalInterface
  interface ExtentOf {
    Envelope extent(TileLayer layer, TileFormat format, TileCoord tile);
  }

  /**
   * One rendered tile: its bytes (null for an empty vector tile, answered 204), media type and
   * ETag; the gzip form is made on first demand and kept.
   */
  static final class CachedTile {
    private final byte[] bytes;
    private final String mediaType;
    private final String etag;
    private volatile byte[] gzipped;

    CachedTile(byte[] bytes, String mediaType, long version) {
      this(bytes, mediaType, version, "");
    }

    /** With {@code tag} (e.g. the grade tiles' year and rule-set ids) at the head of the ETag. */
    CachedTile(byte[] bytes, String mediaType, long version, String tag) {
      this.bytes = bytes;
      this.mediaType = mediaType;
      this.etag = etag(bytes, tag.isEmpty() ? Long.toString(version) : tag + "-" + version);
    }

    byte[] bytes() {
      return bytes;
    }

    boolean isEmpty() {
      return bytes == null;
    }

    String mediaType() {
      return mediaType;
    }

    /**
     * Weak ETag (the gzip and identity forms are the same representation): the data version it was
     * rendered at and a checksum of its bytes. Kept when the tile survives an edit elsewhere.
     */
    String etag() {
      return etag;
    }

    byte[] gzipped() {
      byte[] g = gzipped;
      if (g == null && bytes != null) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
          gzip.write(bytes);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        g = out.toByteArray();
        gzipped = g;
      }
      return g;
    }

    int weight() {
      return 200 + (bytes == null ? 0 : bytes.length * 3 / 2);
    }

    private static String etag(byte[] bytes, String version) {
      if (bytes == null) {
        return "W/\"" + version + "-empty\"";
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      return "W/\"" + version + "-" + Long.toHexString(crc.getValue()) + "-" + bytes.length + "\"";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CachedTile t && Objects.equals(etag, t.etag);
    }

    @Override
    public int hashCode() {
      return etag.hashCode();
    }
  }
}
