package org.zoneplan.sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sample enterprises of {@link EnterpriseGenerator} make, by part of Pujiang's 2021 plan:
 * the GB/T 4754-2017 classes a firm of each part is drawn from, as the county's plan names the
 * parts' industries (core area: 光电, 高端装备, 新材料, 智能硬件, 生物科技, 水晶, 绗缝家纺; 黄宅: 光伏, LED, 高端机电, 新材料, 五金,
 * 制锁; 白马-郑宅: 新一代信息技术, 智能装备, 生物医疗; 郑家坞: 纺织, 服装), with weights and the endings of the firms' names;
 * the trades outside the zones, storage and utilities; and each zone's leading industries. The
 * weights and names are invented (illustrative sample data).
 */
public final class PujiangIndustries {
  private PujiangIndustries() {}

  /** A part of the plan, with the industries its firms are drawn from. */
  public enum Part {
    CORE("核心区及关联拓展区"),
    HUANGZHAI("黄宅片区"),
    BAIMA_ZHENGZHAI("白马-郑宅片区"),
    ZHENGJIAWU("郑家坞片区"),
    OUTSIDE("开发区外");

    private final String nameZh;

    Part(String nameZh) {
      this.nameZh = nameZh;
    }

    public String nameZh() {
      return nameZh;
    }

    /**
     * The part of a zone of plan {@value EnterpriseGenerator#PLAN} by its code, or null for the
     * whole platform.
     */
    public static Part ofZone(String code) {
      if (code.startsWith("PJ-1")) {
        return CORE;
      }
      if (code.startsWith("PJ-HZ")) {
        return HUANGZHAI;
      }
      if (code.startsWith("PJ-BZ")) {
        return BAIMA_ZHENGZHAI;
      }
      if (code.startsWith("PJ-ZJW")) {
        return ZHENGJIAWU;
      }
      return null;
    }
  }

  /** A GB/T 4754-2017 class a firm may have, with the endings of its firms' names. */
  record Industry(String code, double weight, String... endings) {}

  private static final Industry[] CORE_INDUSTRIES = {
    // 光电: 光伏配件, LED
    new Industry("3825", 0.20, "光伏科技有限公司", "新能源科技有限公司", "光伏材料有限公司"),
    new Industry("3975", 0.18, "光电科技有限公司", "照明科技有限公司", "半导体照明有限公司"),
    // 高端装备
    new Industry("3491", 0.14, "智能装备有限公司", "机器人科技有限公司", "自动化设备有限公司"),
    new Industry("3421", 0.04, "数控机床有限公司", "精密机械有限公司"),
    // 新材料
    new Industry("2659", 0.07, "新材料科技有限公司", "高分子材料有限公司"),
    // 智能硬件
    new Industry("3961", 0.06, "智能科技有限公司", "智能硬件有限公司"),
    new Industry("3969", 0.03, "智能电子有限公司"),
    // 生物科技
    new Industry("2761", 0.05, "生物科技有限公司", "生物医药有限公司"),
    // 水晶
    new Industry("3049", 0.09, "水晶有限公司", "水晶制品有限公司", "水晶玻璃有限公司"),
    new Industry("2439", 0.05, "水晶工艺品有限公司", "工艺品有限公司"),
    // 绗缝家纺
    new Industry("1771", 0.09, "绗缝制品有限公司", "家纺有限公司", "绗缝家纺有限公司")
  };

  /** 水晶小镇 (PJ-1-X1): the core's industries, crystal first. */
  private static final Industry[] CRYSTAL_TOWN_INDUSTRIES = {
    new Industry("3049", 0.36, "水晶有限公司", "水晶制品有限公司", "水晶玻璃有限公司"),
    new Industry("2439", 0.26, "水晶工艺品有限公司", "工艺品有限公司"),
    new Industry("3975", 0.14, "光电科技有限公司", "照明科技有限公司"),
    new Industry("3961", 0.08, "智能科技有限公司"),
    new Industry("1771", 0.10, "绗缝制品有限公司", "家纺有限公司"),
    new Industry("2659", 0.06, "新材料科技有限公司")
  };

  private static final Industry[] HUANGZHAI_INDUSTRIES = {
    new Industry("3825", 0.22, "光伏科技有限公司", "新能源科技有限公司"), // 光伏
    new Industry("3975", 0.15, "光电科技有限公司", "照明科技有限公司"), // LED
    new Industry("3351", 0.21, "锁业有限公司", "锁具有限公司", "五金锁业有限公司"), // 制锁
    new Industry("3812", 0.08, "电机有限公司", "机电有限公司"), // 高端机电
    new Industry("3823", 0.05, "电气有限公司"),
    new Industry("2659", 0.08, "新材料科技有限公司", "高分子材料有限公司"), // 新材料
    new Industry("3329", 0.13, "五金制品有限公司", "五金工具有限公司"), // 五金
    new Industry("3322", 0.08, "工具有限公司", "五金工具有限公司")
  };

  private static final Industry[] BAIMA_ZHENGZHAI_INDUSTRIES = {
    // 新一代信息技术
    new Industry("3976", 0.17, "光电子科技有限公司", "光通信科技有限公司"),
    new Industry("3983", 0.10, "传感科技有限公司", "传感器有限公司"),
    new Industry("3982", 0.06, "电路科技有限公司", "电子科技有限公司"),
    // 智能装备
    new Industry("3491", 0.20, "智能装备有限公司", "机器人科技有限公司", "自动化设备有限公司"),
    new Industry("3493", 0.06, "增材制造科技有限公司"),
    // 生物医疗
    new Industry("3581", 0.21, "医疗器械有限公司", "医疗科技有限公司"),
    new Industry("2761", 0.10, "生物科技有限公司", "生物医药有限公司"),
    new Industry("3584", 0.10, "医用器械有限公司")
  };

  private static final Industry[] ZHENGJIAWU_INDUSTRIES = {
    // 纺织
    new Industry("1751", 0.30, "纺织有限公司", "化纤织造有限公司"),
    new Industry("1761", 0.15, "针织有限公司", "织造有限公司"),
    new Industry("1713", 0.05, "印染有限公司"),
    // 服装
    new Industry("1819", 0.30, "服饰有限公司", "服装有限公司"),
    new Industry("1829", 0.15, "针织服装有限公司"),
    new Industry("1830", 0.05, "服饰配件有限公司")
  };

  /** Outside the zones: Pujiang's traditional trades (村级工业点, town edges). */
  private static final Industry[] OUTSIDE_INDUSTRIES = {
    new Industry("3049", 0.18, "水晶有限公司", "水晶制品有限公司"),
    new Industry("2439", 0.07, "水晶工艺品有限公司", "工艺品有限公司"),
    new Industry("3351", 0.15, "锁业有限公司", "锁具有限公司"),
    new Industry("3329", 0.10, "五金制品有限公司"),
    new Industry("1771", 0.15, "绗缝制品有限公司", "家纺有限公司"),
    new Industry("2927", 0.10, "塑料制品有限公司", "塑业有限公司"),
    new Industry("3054", 0.05, "日用玻璃制品有限公司"),
    new Industry("1830", 0.05, "服饰有限公司"),
    new Industry("3484", 0.10, "机械配件有限公司", "机械有限公司"),
    new Industry("3399", 0.05, "金属制品有限公司")
  };

  static final Industry[] STORAGE_INDUSTRIES = {
    new Industry("5920", 0.7, "仓储有限公司", "物流有限公司"), new Industry("7224", 0.3, "供应链管理有限公司")
  };

  /** Utilities (大类 44, 45, 46), taken in turn. */
  static final Industry[] UTILITIES = {
    new Industry("4430", 1, "热电有限公司", "热力有限公司"),
    new Industry("4620", 1, "污水处理有限公司", "水务有限公司"),
    new Industry("4511", 1, "燃气有限公司", "天然气有限公司"),
    new Industry("4610", 1, "自来水有限公司", "供水有限公司"),
    new Industry("4420", 1, "电力有限公司", "供电服务有限公司"),
    new Industry("4416", 1, "光伏发电有限公司")
  };

  static final Industry PARK_COMPANY = new Industry("7221", 1, "小微企业园开发有限公司", "产业园管理有限公司");

  /** The leading industries (1–3 GB/T 4754 classes) of each zone of the 2021 plan, by code. */
  public static final Map<String, List<String>> LEADING_INDUSTRY_CODES =
      Collections.unmodifiableMap(
          new LinkedHashMap<>(
              Map.ofEntries(
                  Map.entry("PJ", List.of("3825", "3975", "3491")),
                  Map.entry("PJ-1", List.of("3825", "3975", "3491")),
                  Map.entry("PJ-1-CORE", List.of("3825", "3975", "3491")),
                  Map.entry("PJ-1-X1", List.of("3049", "2439")),
                  Map.entry("PJ-1-X2", List.of("3825", "3975", "3491")),
                  Map.entry("PJ-HZ", List.of("3825", "3975", "3351")),
                  Map.entry("PJ-BZ", List.of("3976", "3491", "3581")),
                  Map.entry("PJ-BZ-BM", List.of("3976", "3491", "3581")),
                  Map.entry("PJ-BZ-ZZ", List.of("3976", "3491", "3581")),
                  Map.entry("PJ-BZ-GT", List.of("3976", "3491", "3581")),
                  Map.entry("PJ-ZJW", List.of("1751", "1761", "1819")))));

  /** The classes firms of a part (and, in the core, of 水晶小镇) may have, with their weights. */
  static List<Industry> industriesOf(Part part, boolean crystalTown) {
    return List.of(
        switch (part) {
          case CORE -> crystalTown ? CRYSTAL_TOWN_INDUSTRIES : CORE_INDUSTRIES;
          case HUANGZHAI -> HUANGZHAI_INDUSTRIES;
          case BAIMA_ZHENGZHAI -> BAIMA_ZHENGZHAI_INDUSTRIES;
          case ZHENGJIAWU -> ZHENGJIAWU_INDUSTRIES;
          case OUTSIDE -> OUTSIDE_INDUSTRIES;
        });
  }
}
