package org.zoneplan.parcels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zoneplan.parcels.LandUseScheme.GBT21010_2017;
import static org.zoneplan.parcels.LandUseScheme.SANDIAO;
import static org.zoneplan.parcels.LandUseScheme.YDYH_2023;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.zoneplan.parcels.LandUseCatalog.LandUseClass;

/** The code tables against the published standards (names and codes typed in from them). */
class LandUseCatalogTest {
  private final LandUseCatalog catalog = LandUseCatalog.standard();

  @ParameterizedTest(name = "{0} {1} {2}, first level {3}")
  @CsvSource({
    // GB/T 21010-2017
    "GBT21010_2017, 06,     工矿仓储用地, 06",
    "GBT21010_2017, 0601,   工业用地, 06",
    "GBT21010_2017, 0602,   采矿用地, 06",
    "GBT21010_2017, 0603,   盐田, 06",
    "GBT21010_2017, 0604,   仓储用地, 06",
    "GBT21010_2017, 1001,   铁路用地, 10",
    "GBT21010_2017, 0101,   水田, 01",
    "GBT21010_2017, 0810,   公园与绿地, 08",
    "GBT21010_2017, 1207,   裸岩石砾地, 12",
    // 三调 working classes
    "SANDIAO, 0101,  水田, 01",
    "SANDIAO, 0102,  水浇地, 01",
    "SANDIAO, 0103,  旱地, 01",
    "SANDIAO, 0201,  果园, 02",
    "SANDIAO, 0301,  乔木林地, 03",
    "SANDIAO, 05H1,  商业服务业设施用地, 05",
    "SANDIAO, 0508,  物流仓储用地, 05",
    "SANDIAO, 06,    工矿用地, 06",
    "SANDIAO, 0601,  工业用地, 06",
    "SANDIAO, 0602,  采矿用地, 06",
    "SANDIAO, 0603,  盐田, 00",
    "SANDIAO, 0701,  城镇住宅用地, 07",
    "SANDIAO, 0702,  农村宅基地, 07",
    "SANDIAO, 08H1,  机关团体新闻出版用地, 08",
    "SANDIAO, 08H2,  科教文卫用地, 08",
    "SANDIAO, 0809,  公用设施用地, 08",
    "SANDIAO, 0810,  公园与绿地, 08",
    "SANDIAO, 09,    特殊用地, 09",
    "SANDIAO, 1001,  铁路用地, 10",
    "SANDIAO, 1003,  公路用地, 10",
    "SANDIAO, 1004,  城镇村道路用地, 10",
    "SANDIAO, 1006,  农村道路, 10",
    "SANDIAO, 1101,  河流水面, 11",
    "SANDIAO, 1104,  坑塘水面, 11",
    "SANDIAO, 1104A, 养殖坑塘, 11",
    "SANDIAO, 1107,  沟渠, 11",
    "SANDIAO, 1109,  水工建筑用地, 11",
    "SANDIAO, 1202,  设施农用地, 12",
    "SANDIAO, 1203,  田坎, 12",
    "SANDIAO, 0301K, 可调整乔木林地, 03",
    // 用地用海分类 (2023)
    "YDYH_2023, 0101,   水田, 01",
    "YDYH_2023, 0701,   城镇住宅用地, 07",
    "YDYH_2023, 10,     工矿用地, 10",
    "YDYH_2023, 1001,   工业用地, 10",
    "YDYH_2023, 100101, 一类工业用地, 10",
    "YDYH_2023, 100102, 二类工业用地, 10",
    "YDYH_2023, 100103, 三类工业用地, 10",
    "YDYH_2023, 11,     仓储用地, 11",
    "YDYH_2023, 1101,   物流仓储用地, 11",
    "YDYH_2023, 110101, 一类物流仓储用地, 11",
    "YDYH_2023, 1102,   储备库用地, 11",
    "YDYH_2023, 16,     留白用地, 16",
    "YDYH_2023, 24,     其他海域, 24"
  })
  void publishedClasses(LandUseScheme scheme, String code, String name, String firstLevel) {
    assertThat(catalog.isValid(scheme, code)).isTrue();
    assertThat(catalog.name(scheme, code)).isEqualTo(name);
    assertThat(catalog.firstLevel(scheme, code).code()).isEqualTo(firstLevel);
  }

  @ParameterizedTest(name = "{1} is not a class of {0}")
  @CsvSource({
    "GBT21010_2017, 0508", // storage is 0604 in GB/T 21010
    "GBT21010_2017, 05H1",
    "GBT21010_2017, 0605",
    "GBT21010_2017, 100101",
    "SANDIAO, 0604", // 三调 moved storage to 0508
    "SANDIAO, 0501",
    "SANDIAO, 0901",
    "SANDIAO, 05h1",
    "YDYH_2023, 100104",
    "YDYH_2023, 0604",
    "YDYH_2023, 25",
    "YDYH_2023, '1001 '",
    "YDYH_2023, ''"
  })
  void unknownCodes(LandUseScheme scheme, String code) {
    assertThat(catalog.isValid(scheme, code)).isFalse();
    assertThat(catalog.name(scheme, code)).isNull();
    assertThat(catalog.find(scheme, code)).isEmpty();
    assertThatThrownBy(() -> catalog.firstLevel(scheme, code))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(scheme.title());
  }

  @Test
  void nullIsNotACode() {
    assertThat(catalog.isValid(SANDIAO, null)).isFalse();
  }

  @Test
  void gbt21010HasTwelveFirstAndSeventyThreeSecondLevelClasses() {
    assertThat(count(GBT21010_2017, 1)).isEqualTo(12);
    assertThat(count(GBT21010_2017, 2)).isEqualTo(73);
    assertThat(count(GBT21010_2017, 3)).isZero();
    assertThat(firstLevelNames(GBT21010_2017))
        .containsExactly(
            "耕地",
            "园地",
            "林地",
            "草地",
            "商服用地",
            "工矿仓储用地",
            "住宅用地",
            "公共管理与公共服务用地",
            "特殊用地",
            "交通运输用地",
            "水域及水利设施用地",
            "其他土地");
  }

  @Test
  void sandiaoHasWetlandAsClass00AndThirteenFirstLevelClasses() {
    assertThat(firstLevelNames(SANDIAO))
        .containsExactly(
            "湿地",
            "耕地",
            "种植园用地",
            "林地",
            "草地",
            "商业服务业用地",
            "工矿用地",
            "住宅用地",
            "公共管理与公共服务用地",
            "特殊用地",
            "交通运输用地",
            "水域及水利设施用地",
            "其他土地");
    assertThat(catalog.children(SANDIAO, "00"))
        .extracting(LandUseClass::code)
        .containsExactly("0303", "0304", "0306", "0402", "0603", "1105", "1106", "1108");
    assertThat(catalog.children(SANDIAO, "06"))
        .extracting(LandUseClass::code)
        .containsExactly("0601", "0602");
    assertThat(catalog.children(SANDIAO, "09")).isEmpty();
  }

  @Test
  void ydyhHasTwentyFourFirstLevelClasses() {
    assertThat(firstLevelNames(YDYH_2023))
        .containsExactly(
            "耕地",
            "园地",
            "林地",
            "草地",
            "湿地",
            "农业设施建设用地",
            "居住用地",
            "公共管理与公共服务用地",
            "商业服务业用地",
            "工矿用地",
            "仓储用地",
            "交通运输用地",
            "公用设施用地",
            "绿地与开敞空间用地",
            "特殊用地",
            "留白用地",
            "陆地水域",
            "渔业用海",
            "工矿通信用海",
            "交通运输用海",
            "游憩用海",
            "特殊用海",
            "其他土地",
            "其他海域");
    assertThat(catalog.children(YDYH_2023, "1001"))
        .extracting(LandUseClass::code, LandUseClass::level)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("100101", 3),
            org.assertj.core.groups.Tuple.tuple("100102", 3),
            org.assertj.core.groups.Tuple.tuple("100103", 3));
  }

  @Test
  void isWithinFollowsTheParentChain() {
    assertThat(catalog.isWithin(YDYH_2023, "100102", "1001")).isTrue();
    assertThat(catalog.isWithin(YDYH_2023, "100102", "10")).isTrue();
    assertThat(catalog.isWithin(YDYH_2023, "1001", "1001")).isTrue();
    assertThat(catalog.isWithin(YDYH_2023, "110101", "1001")).isFalse();
    assertThat(catalog.isWithin(SANDIAO, "0603", "06")).isFalse();
    assertThat(catalog.isWithin(SANDIAO, "0603", "00")).isTrue();
    assertThat(catalog.isWithin(SANDIAO, "9999", "06")).isFalse();
  }

  /** Apart from 三调's wetland group, a child's code extends its parent's. */
  @ParameterizedTest
  @EnumSource(LandUseScheme.class)
  void childCodesExtendTheirParents(LandUseScheme scheme) {
    for (LandUseClass c : catalog.classes(scheme)) {
      assertThat(c.level()).isBetween(1, 3);
      if (c.parentCode() == null) {
        assertThat(c.code()).as(c.toString()).matches("[0-9]{2}");
      } else if (!(scheme == SANDIAO && c.parentCode().equals("00"))) {
        assertThat(c.code()).as(c.toString()).startsWith(c.parentCode());
      }
    }
  }

  private long count(LandUseScheme scheme, int level) {
    return catalog.classes(scheme).stream().filter(c -> c.level() == level).count();
  }

  private List<String> firstLevelNames(LandUseScheme scheme) {
    return catalog.classes(scheme).stream()
        .filter(c -> c.level() == 1)
        .map(LandUseClass::nameZh)
        .toList();
  }
}
