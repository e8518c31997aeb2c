package org.zoneplan.enterprises;

import java.util.Locale;

/** How an enterprise uses a parcel: as its owner (权属, the land right holder) or as a tenant. */
public enum LandRole {
  OWNER("自有"),
  TENANT("租用");

  private final String nameZh;

  LandRole(String nameZh) {
    this.nameZh = nameZh;
  }

  public String nameZh() {
    return nameZh;
  }

  /**
   * The role for 自有 / 权属 / 业主 / OWNER or 租用 / 承租 / TENANT (any case).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static LandRole parse(String text) {
    String t = text == null ? "" : text.strip();
    return switch (t.toUpperCase(Locale.ROOT)) {
      case "自有", "权属", "业主", "产权", "OWNER" -> OWNER;
      case "租用", "承租", "租赁", "TENANT" -> TENANT;
      default -> throw new IllegalArgumentException("role is 自有 or 租用, not \"" + t + "\"");
    };
  }
}
