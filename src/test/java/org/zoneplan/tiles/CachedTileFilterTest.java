package org.zoneplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * If-None-Match on the light path, worked from RFC 9110 (13.1.2: weak comparison, the {@code W/}
 * prefixes ignored; a list of tags; {@code *} matches any current representation); and what the
 * light path does with a miss (renders it through the tile service) and with a failed rendering
 * (leaves the request to the controller, having written nothing), with a stand-in tile service.
 */
class CachedTileFilterTest {
  private static final String ETAG = "W/\"3-1a2b3c-5120\"";

  private static boolean matches(String... headers) {
    return CachedTileFilter.matches(Collections.enumeration(List.of(headers)), ETAG);
  }

  @Test
  void weakComparisonIgnoresTheWeakPrefixOnEitherSide() {
    assertThat(matches("W/\"3-1a2b3c-5120\"")).isTrue();
    assertThat(matches("\"3-1a2b3c-5120\"")).isTrue();
    assertThat(
            CachedTileFilter.matches(Collections.enumeration(List.of(ETAG)), "\"3-1a2b3c-5120\""))
        .isTrue();
  }

  @Test
  void anyTagOfAListOrOfSeveralHeadersAndTheStar() {
    assertThat(matches("\"x\", W/\"3-1a2b3c-5120\" , \"y\"")).isTrue();
    assertThat(matches("\"x\"", "W/\"3-1a2b3c-5120\"")).isTrue();
    assertThat(matches("*")).isTrue();
  }

  @Test
  void otherTagsDoNotMatch() {
    assertThat(matches("W/\"4-1a2b3c-5120\"")).isFalse(); // another data version
    assertThat(matches("W/\"3-1a2b3c-5121\"")).isFalse();
    assertThat(matches("3-1a2b3c-5120")).isFalse(); // unquoted: not this entity tag
    assertThat(matches("")).isFalse();
    assertThat(CachedTileFilter.matches(null, ETAG)).isFalse();
    assertThat(CachedTileFilter.matches(Collections.emptyEnumeration(), ETAG)).isFalse();
  }

  private static final TileCoord TILE = new TileCoord(16, 54581, 27156);

  private static TileService missingEverywhere() {
    TileService tiles = mock(TileService.class);
    when(tiles.plan(TileLayer.PARCELS, null)).thenReturn("");
    when(tiles.currentScope()).thenReturn(TileCache.UNRESTRICTED);
    when(tiles.cached(any(), any(), any(), any(), any())).thenReturn(null);
    return tiles;
  }

  private static MockHttpServletRequest get(String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
    request.addHeader("Accept-Encoding", "identity");
    return request;
  }

  @Test
  void aMissIsRenderedThroughTheTileServiceAndAnsweredWithoutTheController() throws Exception {
    TileService tiles = missingEverywhere();
    byte[] bytes = {0x1a, 0x02, 0x08, 0x01};
    TileCache.CachedTile tile = new TileCache.CachedTile(bytes, TileFormat.MVT.mediaType(), 7);
    when(tiles.tile(TileLayer.PARCELS, "", TileCache.UNRESTRICTED, TILE, TileFormat.MVT))
        .thenReturn(tile);
    CachedTileFilter filter = new CachedTileFilter(tiles);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(get("/tiles/parcels/16/54581/27156.mvt"), response, chain);

    assertThat(chain.getRequest()).as("the controller is not reached").isNull();
    assertThat(filter.rendered()).isEqualTo(1);
    assertThat(filter.served()).isZero();
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentAsByteArray()).isEqualTo(bytes);
    assertThat(response.getHeader("ETag")).isEqualTo(tile.etag()).startsWith("W/\"7-");
    assertThat(response.getHeader("Content-Disposition"))
        .isEqualTo("inline; filename=\"27156.mvt\"");
    assertThat(response.getContentType()).startsWith("application/vnd.mapbox-vector-tile");
    verify(tiles).tile(TileLayer.PARCELS, "", TileCache.UNRESTRICTED, TILE, TileFormat.MVT);
  }

  @Test
  void aFailedRenderingIsLeftToTheControllerWithNothingWritten() throws Exception {
    TileService tiles = missingEverywhere();
    when(tiles.tile(any(), any(), any(), any(), eq(TileFormat.MVT)))
        .thenThrow(new DataAccessResourceFailureException("the store is down"));
    CachedTileFilter filter = new CachedTileFilter(tiles);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    MockHttpServletRequest request = get("/tiles/parcels/16/54581/27156.mvt");

    filter.doFilter(request, response, chain);

    assertThat(chain.getRequest()).as("on to the controller, as it came").isSameAs(request);
    assertThat(filter.rendered()).isZero();
    assertThat(filter.served()).isZero();
    assertThat(response.getHeaderNames()).isEmpty();
    assertThat(response.getContentAsByteArray()).isEmpty();
    assertThat(response.isCommitted()).isFalse();
  }
}
