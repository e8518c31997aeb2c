package org.zoneplan.tiles;

import java.awt.Color;
import java.util.Map;
import org.zoneplan.parcels.LandUseScheme;

/**
 * The first-level class of a land-use code (its first two characters, in all three schemes), the
 * category it is drawn as, and its Chinese name in the parcel's own scheme. The same two digits
 * mean different classes in different schemes: industry is 06 in GB/T 21010-2017 and 三调 but 10 in
 * the 2023 classes, where 06 is agricultural facilities.
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

  private record Entry(String name, Category category) {}

  /** GB/T 21010-2017 土地利用现状分类, first level. */
  private static final Map<String, Entry> GBT21010 =
      Map.ofEntries(
          Map.entry("01", new Entry("耕地", Category.CROPLAND)),
          Map.entry("02", new Entry("园地", Category.GARDEN)),
          Map.entry("03", new Entry("林地", Category.FOREST)),
          Map.entry("04", new Entry("草地", Category.GRASSLAND)),
          Map.entry("05", new Entry("商服用地", Category.COMMERCIAL)),
          Map.entry("06", new Entry("工矿仓储用地", Category.INDUSTRIAL)),
          Map.entry("07", new Entry("住宅用地", Category.RESIDENTIAL)),
          Map.entry("08", new Entry("公共管理与公共服务用地", Category.PUBLIC_SERVICE)),
          Map.entry("09", new Entry("特殊用地", Category.SPECIAL)),
          Map.entry("10", new Entry("交通运输用地", Category.TRANSPORT)),
          Map.entry("11", new Entry("水域及水利设施用地", Category.WETLAND_WATER)),
          Map.entry("12", new Entry("其他土地", Category.OTHER)));

  /** 三调 working classes: like GB/T 21010 but 00 wetland, 06 mining only (storage is 0508). */
  private static final Map<String, Entry> SANDIAO =
      Map.ofEntries(
          Map.entry("00", new Entry("湿地", Category.WETLAND_WATER)),
          Map.entry("01", new Entry("耕地", Category.CROPLAND)),
          Map.entry("02", new Entry("种植园用地", Category.GARDEN)),
          Map.entry("03", new Entry("林地", Category.FOREST)),
          Map.entry("04", new Entry("草地", Category.GRASSLAND)),
          Map.entry("05", new Entry("商业服务业用地", Category.COMMERCIAL)),
          Map.entry("06", new Entry("工矿用地", Category.INDUSTRIAL)),
          Map.entry("07", new Entry("住宅用地", Category.RESIDENTIAL)),
          Map.entry("08", new Entry("公共管理与公共服务用地", Category.PUBLIC_SERVICE)),
          Map.entry("09", new Entry("特殊用地", Category.SPECIAL)),
          Map.entry("10", new Entry("交通运输用地", Category.TRANSPORT)),
          Map.entry("11", new Entry("水域及水利设施用地", Category.WETLAND_WATER)),
          Map.entry("12", new Entry("其他土地", Category.OTHER)));

  /** 国土空间调查、规划、用途管制用地用海分类 (2023), first level. */
  private static final Map<String, Entry> YDYH_2023 =
      Map.ofEntries(
          Map.entry("01", new Entry("耕地", Category.CROPLAND)),
          Map.entry("02", new Entry("园地", Category.GARDEN)),
          Map.entry("03", new Entry("林地", Category.FOREST)),
          Map.entry("04", new Entry("草地", Category.GRASSLAND)),
          Map.entry("05", new Entry("湿地", Category.WETLAND_WATER)),
          Map.entry("06", new Entry("农业设施建设用地", Category.AGRICULTURAL_FACILITY)),
          Map.entry("07", new Entry("居住用地", Category.RESIDENTIAL)),
          Map.entry("08", new Entry("公共管理与公共服务用地", Category.PUBLIC_SERVICE)),
          Map.entry("09", new Entry("商业服务业用地", Category.COMMERCIAL)),
          Map.entry("10", new Entry("工矿用地", Category.INDUSTRIAL)),
          Map.entry("11", new Entry("仓储用地", Category.STORAGE)),
          Map.entry("12", new Entry("交通运输用地", Category.TRANSPORT)),
          Map.entry("13", new Entry("公用设施用地", Category.UTILITY)),
          Map.entry("14", new Entry("绿地与开敞空间用地", Category.GREEN_SPACE)),
          Map.entry("15", new Entry("特殊用地", Category.SPECIAL)),
          Map.entry("16", new Entry("留白用地", Category.RESERVED)),
          Map.entry("17", new Entry("陆地水域", Category.WETLAND_WATER)),
          Map.entry("18", new Entry("渔业用海", Category.SEA)),
          Map.entry("19", new Entry("工矿通信用海", Category.SEA)),
          Map.entry("20", new Entry("交通运输用海", Category.SEA)),
          Map.entry("21", new Entry("游憩用海", Category.SEA)),
          Map.entry("22", new Entry("特殊用海", Category.SEA)),
          Map.entry("23", new Entry("其他土地", Category.OTHER)),
          Map.entry("24", new Entry("其他海域", Category.SEA)));

  /** The class of a code in its scheme; unknown classes are {@link Category#OTHER}. */
  public static LandUseClass of(LandUseScheme scheme, String landUseCode) {
    String code =
        landUseCode == null || landUseCode.length() < 2 ? "" : landUseCode.substring(0, 2);
    Map<String, Entry> table =
        switch (scheme) {
          case GBT21010_2017 -> GBT21010;
          case SANDIAO -> SANDIAO;
          case YDYH_2023 -> YDYH_2023;
        };
    Entry entry = table.get(code);
    return entry == null
        ? new LandUseClass(code, "未知", Category.OTHER)
        : new LandUseClass(code, entry.name(), entry.category());
  }
}
