package org.zoneplan.codecs.gis;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text encodings of Chinese shapefiles: GBK (code page 936) and UTF-8, by the names they go by
 * in {@code .cpg} files, DBF language driver bytes and requests.
 */
public final class ShapefileEncoding {
  public static final Charset GBK = Charset.forName("GBK");

  private ShapefileEncoding() {}

  /**
   * {@code GBK}, {@code CP936}, {@code 936}, {@code ANSI 936}, {@code GB2312} → GBK; {@code UTF-8},
   * {@code UTF8}, {@code 65001} → UTF-8.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Charset parse(String name) {
    String s = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace(" ", "");
    switch (s) {
      case "GBK", "CP936", "936", "ANSI936", "MS936", "WINDOWS-936", "GB2312", "EUC-CN" -> {
        return GBK;
      }
      case "UTF-8", "UTF8", "65001", "CP65001" -> {
        return StandardCharsets.UTF_8;
      }
      default ->
          throw new IllegalArgumentException(
              "unsupported encoding \"" + name + "\": use GBK (CP936) or UTF-8");
    }
  }

  /**
   * The encoding a DBF language driver byte names, or null when it names neither: 0x4D (what
   * zoneplan and ArcGIS write) and 0x7A (what GDAL writes) both mean code page 936.
   */
  public static Charset forLanguageDriver(int ldid) {
    return ldid == 0x4D || ldid == 0x7A ? GBK : null;
  }
}
