package org.zoneplan.tiles;

/** What a tile is served as. */
public enum TileFormat {
  /** Mapbox Vector Tile 2.1. */
  MVT("application/vnd.mapbox-vector-tile", 1),
  /** PNG, 256 pixels. */
  PNG("image/png", 1),
  /** PNG, 512 pixels ({@code @2x}, for high-density screens). */
  PNG_2X("image/png", 2);

  private final String mediaType;
  private final int scale;

  TileFormat(String mediaType, int scale) {
    this.mediaType = mediaType;
    this.scale = scale;
  }

  public String mediaType() {
    return mediaType;
  }

  /** Pixel scale of a PNG (1 or 2). */
  public int scale() {
    return scale;
  }
}
