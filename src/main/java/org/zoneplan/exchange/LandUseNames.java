package org.zoneplan.exchange;

import java.util.Map;
import org.zoneplan.parcels.LandUseScheme;

/**
 * Names of the land-use classes (地类名称) that the survey schema's DLMC field shows: the classes
 * zoneplan's analyses look at (industry, mining, storage) in each scheme. Other codes get no name.
 */
final class LandUseNames {
  static final int LONGEST = 10;

  private static final Map<String, String> GBT21010 =
      Map.of(
          "06", "工矿仓储用地",
          "0601", "工业用地",
          "0602", "采矿用地",
          "0603", "盐田",
          "0604", "仓储用地");
  private static final Map<String, String> SANDIAO =
      Map.of(
          "06", "工矿用地",
          "0601", "工业用地",
          "0602", "采矿用地",
          "0603", "盐田",
          "0508", "物流仓储用地");
  private static final Map<String, String> YDYH =
      Map.of(
          "1001", "工业用地",
          "100101", "一类工业用地",
          "100102", "二类工业用地",
          "100103", "三类工业用地",
          "1101", "物流仓储用地",
          "1102", "储备库用地");

  private LandUseNames() {}

  static String name(LandUseScheme scheme, String code) {
    Map<String, String> names =
        switch (scheme) {
          case GBT21010_2017 -> GBT21010;
          case SANDIAO -> SANDIAO;
          case YDYH_2023 -> YDYH;
        };
    return names.get(code);
  }
}
