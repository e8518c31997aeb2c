package org.zoneplan.tiles;

import java.awt.Color;
import java.util.Map;
import org.zoneplan.parcels.LandUseCatalog;
import org.zoneplan.parcels.LandUseScheme;

/**
 * The first-level class of a land-use code (its ancestor of the first level in the scheme's code
 * table), the category it is drawn as, and its Chinese name in the parcel's own scheme (from {@link
 * LandUseCatalog}). The same two digits mean different classes in different schemes: industry is 06
 * in GB/T 21010-2017 and 三调 but 10 in the 2023 classes, where 06 is agricultural facilities.
 *
 * @param code the two-character class, e.g. {@code 06}
 * @param name Chinese name of the class in the scheme, e.g. 工矿仓储用地
 */
public record LandUseClass(String code, String name, Category category) {

  /** What a class is drawn as; colours follow the usual planning-map conventions. */
  public enum Category {
    CROPLAND(new Color(0xF5F0A0)),
    GARDEN(new Color(0xC8DC78)),
    FOREST(new Color(0x5AA050)),
    GRASSLAND(new Color(0xA0D28C)),
    WETLAND_WATER(new Color(0x7EC8E3)),
    AGRICULTURAL_FACILITY(new Color(0xDCC88C)),
    RESIDENTIAL(new Color(0xF5D246)),
    PUBLIC_SERVICE(new Color(0xE6648C)),
    COMMERCIAL(new Color(0xE6322D)),
    INDUSTRIAL(new Color(0xA0785A)),
    STORAGE(new Color(0x9B7FD2)),
    TRANSPORT(new Color(0xA0A0A0)),
    UTILITY(new Color(0x5A8CC8)),
    GREEN_SPACE(new Color(0x78C864)),
    SPECIAL(new Color(0x6E7850)),
    RESERVED(new Color(0xFFFFFF)),
    SEA(new Color(0x4A90C8)),
    OTHER(new Color(0xD2D2D2));

    private final Color colour;

    Category(Color colour) {
      this.colour = colour;
    }

    /** Fill colour (opaque; the renderer applies its own transparency). */
    public Color colour() {
      return colour;
    }
  }

  /** GB/T 21010-2017 土地利用现状分类, first level. */
  private static final Map<String, Category> GBT21010 =
      Map.ofEntries(
          Map.entry("01", Category.CROPLAND),
          Map.entry("02", Category.GARDEN),
          Map.entry("03", Category.FOREST),
          Map.entry("04", Category.GRASSLAND),
          Map.entry("05", Category.COMMERCIAL),
          Map.entry("06", Category.INDUSTRIAL),
          Map.entry("07", Category.RESIDENTIAL),
          Map.entry("08", Category.PUBLIC_SERVICE),
          Map.entry("09", Category.SPECIAL),
          Map.entry("10", Category.TRANSPORT),
          Map.entry("11", Category.WETLAND_WATER),
          Map.entry("12", Category.OTHER));

  /** 三调 working classes: like GB/T 21010 but 00 wetland, 06 mining only (storage is 0508). */
  private static final Map<String, Category> SANDIAO = withWetland00(GBT21010);

  private static Map<String, Category> withWetland00(Map<String, Category> classes) {
    Map<String, Category> out = new java.util.HashMap<>(classes);
    out.put("00", Category.WETLAND_WATER);
    return Map.copyOf(out);
  }

  /** 国土空间调查、规划、用途管制用地用海分类 (2023), first level. */
  private static final Map<String, Category> YDYH_2023 =
      Map.ofEntries(
          Map.entry("01", Category.CROPLAND),
          Map.entry("02", Category.GARDEN),
          Map.entry("03", Category.FOREST),
          Map.entry("04", Category.GRASSLAND),
          Map.entry("05", Category.WETLAND_WATER),
          Map.entry("06", Category.AGRICULTURAL_FACILITY),
          Map.entry("07", Category.RESIDENTIAL),
          Map.entry("08", Category.PUBLIC_SERVICE),
          Map.entry("09", Category.COMMERCIAL),
          Map.entry("10", Category.INDUSTRIAL),
          Map.entry("11", Category.STORAGE),
          Map.entry("12", Category.TRANSPORT),
          Map.entry("13", Category.UTILITY),
          Map.entry("14", Category.GREEN_SPACE),
          Map.entry("15", Category.SPECIAL),
          Map.entry("16", Category.RESERVED),
          Map.entry("17", Category.WETLAND_WATER),
          Map.entry("18", Category.SEA),
          Map.entry("19", Category.SEA),
          Map.entry("20", Category.SEA),
          Map.entry("21", Category.SEA),
          Map.entry("22", Category.SEA),
          Map.entry("23", Category.OTHER),
          Map.entry("24", Category.SEA));

  /**
   * The class of a code in its scheme; unknown classes are {@link Category#OTHER}. The first level
   * comes from the scheme's code table ({@link LandUseCatalog#firstLevel}), not from the code's
   * first two characters: in 三调 the wetland codes 0304, 0306, 0402, 0603 (盐田), 1105, 1106 and 1108
   * belong to 00 湿地, whatever their digits. A code not in the table falls back to its first two
   * characters.
   */
  public static LandUseClass of(LandUseScheme scheme, String landUseCode) {
    LandUseCatalog catalog = LandUseCatalog.standard();
    String code;
    if (landUseCode != null && catalog.isValid(scheme, landUseCode)) {
      code = catalog.firstLevel(scheme, landUseCode).code();
    } else {
      code = landUseCode == null || landUseCode.length() < 2 ? "" : landUseCode.substring(0, 2);
    }
    Map<String, Category> table =
        switch (scheme) {
          case GBT21010_2017 -> GBT21010;
          case SANDIAO -> SANDIAO;
          case YDYH_2023 -> YDYH_2023;
        };
    Category category = table.get(code);
    // The name from the scheme's own code table (parcels.LandUseCatalog), the one source of names.
    String name = catalog.name(scheme, code);
    return category == null || name == null
        ? new LandUseClass(code, "未知", Category.OTHER)
        : new LandUseClass(code, name, category);
  }
}
