package org.zoneplan.enterprises;

import java.util.Locale;

/** 规模以上 / 规模以下: above or below the size threshold of the statistics bureau. */
public enum SizeClass {
  ABOVE("规上"),
  BELOW("规下");

  private final String nameZh;

  SizeClass(String nameZh) {
    this.nameZh = nameZh;
  }

  public String nameZh() {
    return nameZh;
  }

  /**
   * The class for 规上 / 规模以上 / ABOVE or 规下 / 规模以下 / BELOW (any case), or null for a blank.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static SizeClass parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    return switch (t.toUpperCase(Locale.ROOT)) {
      case "规上", "规模以上", "规上企业", "ABOVE" -> ABOVE;
      case "规下", "规模以下", "规下企业", "BELOW" -> BELOW;
      default -> throw new IllegalArgumentException("size class is 规上 or 规下, not \"" + t + "\"");
    };
  }
}
