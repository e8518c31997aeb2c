package org.zoneplan.tiles;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the tile server.
 *
 * @param cacheMegabytes size bound of the in-memory tile cache, MB of tile bytes (default 256)
 * @param font font family of PNG labels (default "Noto Sans CJK SC", Debian's fonts-noto-cjk)
 */
@ConfigurationProperties("zoneplan.tiles")
public record TileProperties(Integer cacheMegabytes, String font) {
  public TileProperties {
    cacheMegabytes = cacheMegabytes == null ? 256 : cacheMegabytes;
    font = font == null || font.isBlank() ? "Noto Sans CJK SC" : font;
  }
}
