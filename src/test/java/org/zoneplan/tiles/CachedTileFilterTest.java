package org.zoneplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * If-None-Match on the fast path, worked from RFC 9110 (13.1.2: weak comparison, the {@code W/}
 * prefixes ignored; a list of tags; {@code *} matches any current representation).
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
}
