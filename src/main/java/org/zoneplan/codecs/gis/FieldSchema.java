package org.zoneplan.codecs.gis;

import java.util.Locale;

/**
 * Which field names an export uses. {@code DEFAULT}: the API's property names (GeoJSON, GeoPackage,
 * KML, CSV) and short upper-case names in shapefiles; {@code SURVEY}: the pinyin-initial names of
 * land-survey databases (BSM, YSDM, XZQDM, XZQMC, DLBM, DLMC, TBMJ, ...) in every format. The
 * mapping of each layer is in docs/api.md (Data exchange).
 */
public enum FieldSchema {
  DEFAULT,
  SURVEY;

  public static FieldSchema parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown schema \"" + text + "\": use default or survey");
    }
  }
}
