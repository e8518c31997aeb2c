package org.zoneplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** The cache's data versions: what an edit keeps, drops, and never serves again. */
class TileCacheTest {
  private static final TileCache.ExtentOf EXTENT = TileService::dataExtent;

  @Test
  void anEditKeepsTilesAwayFromItAndDropsTheOthersAtEveryZoom() {
    TileCache cache = new TileCache(1 << 20);
    TileCoord near = TileCoord.containing(119.90, 29.45, 14);
    TileCoord nearParent = TileCoord.containing(119.90, 29.45, 8);
    TileCoord far = TileCoord.containing(120.30, 29.80, 14);
    TileCache.CachedTile a = new TileCache.CachedTile(new byte[] {1}, "x", 0);
    TileCache.CachedTile b = new TileCache.CachedTile(new byte[] {2}, "x", 0);
    TileCache.CachedTile c = new TileCache.CachedTile(new byte[] {3}, "x", 0);
    cache.put(cache.key(TileLayer.ZONES, "p", TileFormat.MVT, near), a);
    cache.put(cache.key(TileLayer.ZONES, "p", TileFormat.MVT, nearParent), b);
    cache.put(cache.key(TileLayer.ZONES, "p", TileFormat.MVT, far), c);
    TileCache.Key otherPlan = cache.key(TileLayer.ZONES, "q", TileFormat.MVT, near);
    cache.put(otherPlan, a);

    Envelope edited = new Envelope(119.899, 119.901, 29.449, 29.451);
    List<TileCache.Key> dropped = cache.invalidate(TileLayer.ZONES, "p", List.of(edited), EXTENT);

    assertThat(dropped).extracting(TileCache.Key::tile).containsExactlyInAnyOrder(near, nearParent);
    assertThat(cache.version(TileLayer.ZONES, "p")).isEqualTo(1);
    assertThat(cache.get(cache.key(TileLayer.ZONES, "p", TileFormat.MVT, far))).isSameAs(c);
    assertThat(cache.get(cache.key(TileLayer.ZONES, "p", TileFormat.MVT, near))).isNull();
    assertThat(cache.get(otherPlan)).as("another plan is untouched").isSameAs(a);
  }

  /**
   * Issue 12: after a zone or division change every tile of a limited scope goes, wherever it is;
   * unrestricted tiles stay with their data version and ETag; a scoped tile rendered before is
   * never served after.
   */
  @Test
  void scopedTilesGoWholeUnrestrictedOnesStay() {
    TileCache cache = new TileCache(1 << 20);
    TileCoord far = TileCoord.containing(120.30, 29.80, 14);
    TileCache.CachedTile all = new TileCache.CachedTile(new byte[] {1}, "x", 0);
    TileCache.CachedTile scoped = new TileCache.CachedTile(new byte[] {2}, "x", 0);
    cache.put(cache.key(TileLayer.ZONES, "p", TileCache.UNRESTRICTED, TileFormat.MVT, far), all);
    cache.put(cache.key(TileLayer.ZONES, "p", "fy", TileFormat.MVT, far), scoped);
    cache.put(cache.key(TileLayer.ZONES, "q", "fy", TileFormat.MVT, far), scoped);
    TileCache.Key inFlight = cache.key(TileLayer.PARCELS, "", "fy", TileFormat.MVT, far);
    cache.put(inFlight, scoped);

    assertThat(cache.invalidateScoped()).isEqualTo(3);
    assertThat(cache.version(TileLayer.ZONES, "p")).isZero();
    assertThat(
            cache.get(cache.key(TileLayer.ZONES, "p", TileCache.UNRESTRICTED, TileFormat.MVT, far)))
        .isSameAs(all);
    assertThat(cache.get(cache.key(TileLayer.ZONES, "p", "fy", TileFormat.MVT, far))).isNull();
    assertThat(cache.get(cache.key(TileLayer.ZONES, "q", "fy", TileFormat.MVT, far))).isNull();
    // a scoped render that began before the change stores under the old key: never served
    cache.put(inFlight, scoped);
    assertThat(cache.get(cache.key(TileLayer.PARCELS, "", "fy", TileFormat.MVT, far))).isNull();
  }

  @Test
  void aTileRenderedBeforeAnEditIsNeverServedAfterIt() {
    TileCache cache = new TileCache(1 << 20);
    TileCoord far = TileCoord.containing(120.30, 29.80, 14);
    TileCache.Key before = cache.key(TileLayer.PARCELS, "", TileFormat.PNG, far);
    cache.invalidate(TileLayer.PARCELS, "", null, EXTENT);
    // The render that read the old data finishes now and stores under the old version.
    cache.put(before, new TileCache.CachedTile(new byte[] {9}, "x", before.version()));
    assertThat(cache.get(cache.key(TileLayer.PARCELS, "", TileFormat.PNG, far))).isNull();
    // The next edit removes such orphans.
    cache.invalidate(TileLayer.PARCELS, "", List.of(new Envelope(0, 1, 0, 1)), EXTENT);
    assertThat(cache.get(before)).isNull();
  }

  @Test
  void aScopeNeverReceivesAnotherScopesTileAndEditsReachEveryScope() {
    TileCache cache = new TileCache(1 << 20);
    TileCoord near = TileCoord.containing(119.90, 29.45, 14);
    TileCoord far = TileCoord.containing(120.30, 29.80, 14);
    TileCache.CachedTile all = new TileCache.CachedTile(new byte[] {1}, "x", 0);
    TileCache.CachedTile county = new TileCache.CachedTile(new byte[] {2}, "x", 0);
    cache.put(cache.key(TileLayer.PARCELS, "", TileCache.UNRESTRICTED, TileFormat.MVT, far), all);
    assertThat(cache.get(cache.key(TileLayer.PARCELS, "", "330726", TileFormat.MVT, far)))
        .as("a scoped user does not get the unrestricted tile")
        .isNull();
    cache.put(cache.key(TileLayer.PARCELS, "", "330726", TileFormat.MVT, far), county);
    cache.put(cache.key(TileLayer.PARCELS, "", "330726", TileFormat.MVT, near), county);
    assertThat(cache.get(cache.key(TileLayer.PARCELS, "", "330782", TileFormat.MVT, far))).isNull();
    assertThat(
            cache.get(
                cache.key(TileLayer.PARCELS, "", TileCache.UNRESTRICTED, TileFormat.MVT, far)))
        .isSameAs(all);

    Envelope edited = new Envelope(119.899, 119.901, 29.449, 29.451);
    List<TileCache.Key> dropped = cache.invalidate(TileLayer.PARCELS, "", List.of(edited), EXTENT);
    assertThat(dropped).extracting(TileCache.Key::scope).containsExactly("330726");
    assertThat(cache.get(cache.key(TileLayer.PARCELS, "", "330726", TileFormat.MVT, near)))
        .isNull();
    // kept tiles move to the new version in their own scope
    assertThat(cache.get(cache.key(TileLayer.PARCELS, "", "330726", TileFormat.MVT, far)))
        .isSameAs(county);
    assertThat(
            cache.get(
                cache.key(TileLayer.PARCELS, "", TileCache.UNRESTRICTED, TileFormat.MVT, far)))
        .isSameAs(all);
  }
}
