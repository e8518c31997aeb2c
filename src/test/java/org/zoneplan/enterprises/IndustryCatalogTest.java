package org.zoneplan.enterprises;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped GB/T 4754-2017 table against the standard's published counts (20 门类, 97 大类, 1381 小类)
 * and classes looked up in the standard's text.
 */
class IndustryCatalogTest {
  private final IndustryCatalog catalog = IndustryCatalog.gbt4754();

  @Test
  void holdsEveryClassOfTheStandard() {
    assertThat(catalog.size()).isEqualTo(1381);
    assertThat(catalog.classes().stream().map(c -> c.divisionCode()).distinct()).hasSize(97);
    assertThat(catalog.classes().stream().map(c -> c.sectionCode()).distinct()).hasSize(20);
    for (IndustryCatalog.IndustryClass c : catalog.classes()) {
      assertThat(c.code()).matches("\\d{4}").startsWith(c.divisionCode());
      assertThat(c.name()).isNotBlank().doesNotStartWith(" ").doesNotEndWith(" ");
    }
    assertThat(
            catalog.classes().stream()
                .collect(Collectors.groupingBy(c -> c.divisionCode(), Collectors.toSet()))
                .values()
                .stream()
                .allMatch(
                    classes -> classes.stream().map(c -> c.sectionCode()).distinct().count() == 1))
        .isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "0111, 稻谷种植, 01, A",
    "3051, 技术玻璃制品制造, 30, C",
    "3741, 飞机制造, 37, C",
    "3874, 智能照明器具制造, 38, C",
    "3825, 光伏设备及元器件制造, 38, C",
    "1762, 针织或钩针编织物印染精加工, 17, C",
    "4411, 火力发电, 44, D",
    "6513, 应用软件开发, 65, I",
    "9700, 国际组织, 97, T"
  })
  void knowsClassesOfTheStandard(String code, String name, String division, String section) {
    IndustryCatalog.IndustryClass c = catalog.find(code).orElseThrow();
    assertThat(c.name()).isEqualTo(name);
    assertThat(c.divisionCode()).isEqualTo(division);
    assertThat(c.sectionCode()).isEqualTo(section);
  }

  @Test
  void sectionsListTheirDivisions() {
    assertThat(catalog.divisionsOf("C")).hasSize(31).contains("13", "43");
    assertThat(catalog.divisionsOf("Z")).isEmpty();
    assertThat(catalog.contains("3880")).isFalse();
  }
}
