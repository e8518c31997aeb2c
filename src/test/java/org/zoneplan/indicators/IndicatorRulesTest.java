package org.zoneplan.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zoneplan.indicators.ZoneIndicatorEngine.Value;
import org.zoneplan.indicators.ZoneIndicatorEngine.ZoneResult;
import org.zoneplan.indicators.ZoneIndicatorsReport.IndicatorValue;
import org.zoneplan.indicators.ZoneIndicatorsReport.TargetRef;

/** The rules around the figures, worked by hand: periods, leading industries, ranks, 完成率. */
class IndicatorRulesTest {
  @Test
  void periodsEndOnTheQuartersLastDay() {
    assertThat(new Period(2024, 1).end()).isEqualTo(LocalDate.of(2024, 3, 31));
    assertThat(new Period(2024, 2).end()).isEqualTo(LocalDate.of(2024, 6, 30));
    assertThat(new Period(2024, null).end()).isEqualTo(LocalDate.of(2024, 12, 31));
    assertThat(new Period(2024, 3).yearFraction()).isEqualTo(0.75);
    assertThat(new Period(2024, 3).yearBefore()).isEqualTo(new Period(2023, 3));
    assertThat(new Period(2024, 3).label()).isEqualTo("2024Q3");
  }

  @Test
  void leadingIndustriesArePrefixesOfKnownClassesAtMostThree() {
    LeadingIndustries l =
        LeadingIndustries.of(
            Map.of(
                LeadingIndustries.ATTRIBUTE, List.of("38", "00", "3911", 17, "382", "1711", "38")));
    assertThat(l.codes()).containsExactly("38", "3911", "382");
    assertThat(l.problems()).hasSize(3);
    assertThat(String.join(" ", l.problems())).contains("00", "17", "1711");
    assertThat(l.matches("3825")).isTrue();
    assertThat(l.matches("3912")).isFalse();
    assertThat(l.matches(null)).isFalse();
    assertThat(LeadingIndustries.of(Map.of()).codes()).isEmpty();
    assertThat(LeadingIndustries.of(Map.of(LeadingIndustries.ATTRIBUTE, 38)).problems()).hasSize(1);
    assertThat(LeadingIndustries.of(Map.of(LeadingIndustries.ATTRIBUTE, "[38")).problems())
        .hasSize(1);
  }

  @Test
  void leadingIndustriesAsTextAsAShapefileOrSpreadsheetCarriesThem() {
    // the JSON array written as text (a shapefile's IND_CODES after an export), or a plain list
    assertThat(
            LeadingIndustries.of(Map.of(LeadingIndustries.ATTRIBUTE, "[\"3825\",\"3975\"]"))
                .codes())
        .containsExactly("3825", "3975");
    assertThat(LeadingIndustries.of(Map.of(LeadingIndustries.ATTRIBUTE, "3825, 3975、3491")).codes())
        .containsExactly("3825", "3975", "3491");
    assertThat(LeadingIndustries.of(Map.of(LeadingIndustries.ATTRIBUTE, " ")).codes()).isEmpty();
  }

  private static ZoneResult zone(String code, Indicator i, Double value) {
    return new ZoneResult(code, Map.of(i, new Value(value, null)), null);
  }

  @Test
  void ranksShareTiesAndFollowWhichWayIsBetter() {
    List<ZoneResult> tax = new ArrayList<>();
    tax.add(zone("a", Indicator.TAX_PER_MU, 5.0));
    tax.add(zone("b", Indicator.TAX_PER_MU, 7.0));
    tax.add(zone("c", Indicator.TAX_PER_MU, 7.0));
    tax.add(zone("d", Indicator.TAX_PER_MU, 1.0));
    assertThat(ZoneIndicatorsReport.ranks(tax, Indicator.TAX_PER_MU))
        .containsEntry("b", 1)
        .containsEntry("c", 1)
        .containsEntry("a", 3)
        .containsEntry("d", 4);
    List<ZoneResult> idle =
        List.of(
            zone("a", Indicator.IDLE_LAND_RATE, 2.0),
            zone("b", Indicator.IDLE_LAND_RATE, 0.0),
            zone("c", Indicator.IDLE_LAND_RATE, 9.0));
    assertThat(ZoneIndicatorsReport.ranks(idle, Indicator.IDLE_LAND_RATE))
        .containsEntry("b", 1)
        .containsEntry("a", 2)
        .containsEntry("c", 3);
  }

  @Test
  void completionIsValueOverTargetOrTargetOverValueForCeilings() {
    TargetRef floor = new TargetRef("CITY", 2025, "平均税收", 40, "万元/亩", "GE", "…");
    IndicatorValue q2 =
        ZoneIndicatorsReport.attain(
            new Value(30.0, null), Indicator.TAX_PER_MU, floor, new Period(2025, 2), 1, 3);
    assertThat(q2.periodTarget()).isEqualTo(20.0); // a flow: 40 × 2/4
    assertThat(q2.completion()).isCloseTo(1.5, within(1e-12));
    assertThat(q2.met()).isTrue();
    TargetRef share = new TargetRef("CITY", 2025, "主导产业占比", 60, "%", "GE", "…");
    IndicatorValue level =
        ZoneIndicatorsReport.attain(
            new Value(45.0, null),
            Indicator.LEADING_INDUSTRY_SHARE,
            share,
            new Period(2025, 2),
            2,
            3);
    assertThat(level.periodTarget()).isEqualTo(60.0); // a level: as it is
    assertThat(level.completion()).isCloseTo(0.75, within(1e-12));
    TargetRef ceiling = new TargetRef("ZONE", 2024, "土地闲置率", 5, "%", "LE", "…");
    IndicatorValue idle =
        ZoneIndicatorsReport.attain(
            new Value(10.0, null), Indicator.IDLE_LAND_RATE, ceiling, new Period(2024, null), 3, 3);
    assertThat(idle.completion()).isCloseTo(0.5, within(1e-12));
    assertThat(idle.met()).isFalse();
    IndicatorValue none =
        ZoneIndicatorsReport.attain(
            new Value(0.0, null), Indicator.IDLE_LAND_RATE, ceiling, new Period(2024, null), 1, 3);
    assertThat(none.completion()).isNull();
    assertThat(none.met()).isTrue();
    IndicatorValue missing =
        ZoneIndicatorsReport.attain(
            new Value(null, "no data"),
            Indicator.TAX_PER_MU,
            floor,
            new Period(2024, null),
            null,
            null);
    assertThat(missing.completion()).isNull();
    assertThat(missing.met()).isNull();
    assertThat(missing.reason()).isEqualTo("no data");
  }
}
