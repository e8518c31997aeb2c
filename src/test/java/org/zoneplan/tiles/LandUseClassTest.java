package org.zoneplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zoneplan.parcels.LandUseScheme;

/** First-level classes: the same two digits mean different things in different schemes. */
class LandUseClassTest {
  @ParameterizedTest(name = "{0} {1} is {2} ({3})")
  @CsvSource({
    "GBT21010_2017, 0601, 工矿仓储用地, INDUSTRIAL",
    "GBT21010_2017, 0604, 工矿仓储用地, INDUSTRIAL",
    "SANDIAO, 0601, 工矿用地, INDUSTRIAL",
    "SANDIAO, 0508, 商业服务业用地, COMMERCIAL",
    "YDYH_2023, 100101, 工矿用地, INDUSTRIAL",
    "YDYH_2023, 1101, 仓储用地, STORAGE",
    "YDYH_2023, 0601, 农业设施建设用地, AGRICULTURAL_FACILITY",
    "YDYH_2023, 0701, 居住用地, RESIDENTIAL",
    "YDYH_2023, 99, 未知, OTHER"
  })
  void classOfACode(
      LandUseScheme scheme, String code, String name, LandUseClass.Category category) {
    LandUseClass c = LandUseClass.of(scheme, code);
    assertThat(c.code()).isEqualTo(code.substring(0, 2));
    assertThat(c.name()).isEqualTo(name);
    assertThat(c.category()).isEqualTo(category);
  }

  /**
   * 三调's wetland codes keep the digits of their old classes but belong to 00 湿地 (the table in
   * 《第三次全国国土调查工作分类》): 0603 盐田 is a wetland, not 06 工矿用地; 1105 沿海滩涂 is not 11 水域.
   */
  @ParameterizedTest(name = "三调 {0} is 00 湿地")
  @CsvSource({"0304", "0306", "0402", "0603", "1105", "1106", "1108"})
  void sandiaoWetlandCodesAreWetlandWhateverTheirDigits(String code) {
    LandUseClass c = LandUseClass.of(LandUseScheme.SANDIAO, code);
    assertThat(c.code()).isEqualTo("00");
    assertThat(c.name()).isEqualTo("湿地");
    assertThat(c.category()).isEqualTo(LandUseClass.Category.WETLAND_WATER);
  }

  @org.junit.jupiter.api.Test
  void everyFirstLevelClassOfEverySchemeIsDrawnAsACategory() {
    org.zoneplan.parcels.LandUseCatalog catalog = org.zoneplan.parcels.LandUseCatalog.standard();
    int checked = 0;
    for (LandUseScheme scheme : LandUseScheme.values()) {
      for (var c : catalog.classes(scheme)) {
        if (c.parentCode() == null) {
          LandUseClass drawn = LandUseClass.of(scheme, c.code());
          assertThat(drawn.name()).as("%s %s", scheme, c.code()).isEqualTo(c.nameZh());
          assertThat(drawn.category()).as("%s %s", scheme, c.code()).isNotNull();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(30);
  }
}
