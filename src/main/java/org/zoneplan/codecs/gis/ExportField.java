package org.zoneplan.codecs.gis;

/**
 * A column of an exported layer.
 *
 * @param name the name in GeoJSON, GeoPackage, KML and CSV (the API's property name, or the survey
 *     name under the survey schema)
 * @param dbfName the shapefile's name: ASCII, at most 10 bytes (DBF limit)
 * @param type value type; values are {@code String}, {@code Long} or {@code Double} (or null)
 * @param maxChars for text, the longest value in characters (sizes the DBF field); else 0
 * @param decimals for reals, the decimals written to the DBF; else 0
 */
public record ExportField(String name, String dbfName, Type type, int maxChars, int decimals) {
  public enum Type {
    TEXT,
    INTEGER,
    REAL
  }

  public ExportField {
    if (dbfName.isEmpty()
        || dbfName.length() > 10
        || !dbfName.chars().allMatch(c -> c < 128 && c > 32)) {
      throw new IllegalArgumentException(
          "DBF field name must be 1–10 ASCII characters: \"" + dbfName + "\"");
    }
  }

  public static ExportField text(String name, String dbfName, int maxChars) {
    return new ExportField(name, dbfName, Type.TEXT, Math.max(1, maxChars), 0);
  }

  public static ExportField integer(String name, String dbfName) {
    return new ExportField(name, dbfName, Type.INTEGER, 0, 0);
  }

  public static ExportField real(String name, String dbfName, int decimals) {
    return new ExportField(name, dbfName, Type.REAL, 0, decimals);
  }

  /** The same field with another longest length (text). */
  public ExportField withMaxChars(int chars) {
    return new ExportField(name, dbfName, type, Math.max(1, chars), decimals);
  }
}
