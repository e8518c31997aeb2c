package org.zoneplan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule settings the 黄岩 example does not use: caps, "treated as B", the 亩 thresholds of the 规下
 * lists (慈溪: ≥ 3 亩 and under 3 亩), firms no list selects, a landlord not evaluated, and the checks
 * on reading a rule set. Expected figures are worked by hand.
 */
class EvaluatorRulesTest {
  static final String F1 = "92331003MA2A00008T";
  static final String F2 = "92331003MA2A00009X";
  static final String F3 = "92331003MA2A0001A2";
  static final String F4 = "91331003MA2A000018";

  static EnterpriseFacts firm(
      String code,
      SizeClass size,
      String industry,
      boolean tenant,
      String landlord,
      double mu,
      double tax) {
    return new EnterpriseFacts(
        code, code, industry, size, 2010, tenant, landlord, mu, Map.of(Figure.TAX, tax));
  }

  static RuleSet rules(RuleSet.Exemptions exemptions, RuleSet.Population... populations) {
    return new RuleSet(
        "330282",
        2024,
        "test",
        "test",
        0,
        true,
        exemptions,
        RuleSet.Grading.byRank(RuleSet.Grading.Rounding.HALF_UP, 20, 60, 95),
        List.of(populations));
  }

  static RuleSet.Population population(String key, RuleSet.Selector selector, Double cap) {
    return new RuleSet.Population(
        key,
        key,
        selector,
        List.of(new RuleSet.Indicator(Formula.TAX_PER_MU, 10, 100, cap, null)),
        null,
        null);
  }

  @Test
  void aCapLimitsTheItemScore() {
    // 亩均税收 ÷ 10 × 100, cap 150: 30 万元/亩 would score 300, capped to 150; 12 scores 120.
    RuleSet r =
        rules(
            null,
            population("all", new RuleSet.Selector(RuleSet.Selector.Kind.ALL, null, null), 150.0));
    Evaluation e =
        Evaluator.evaluate(
            r,
            List.of(
                firm(F1, SizeClass.BELOW_SIZE, "3392", false, null, 10, 300),
                firm(F2, SizeClass.BELOW_SIZE, "3392", false, null, 10, 120)));
    assertThat(e.enterprises().get(0).totalScore()).isEqualTo(150.0);
    assertThat(e.enterprises().get(0).items().get(0).capped()).isTrue();
    assertThat(e.enterprises().get(0).items().get(0).value()).isCloseTo(30, within(1e-12));
    assertThat(e.enterprises().get(1).totalScore()).isCloseTo(120, within(1e-9));
    assertThat(e.enterprises().get(1).items().get(0).capped()).isFalse();
  }

  @Test
  void exemptFirmsTreatedAsBAreCountedUnderBButNotRanked() {
    // 另一经开区: 不定等级 treated as B. The water works (4610) is B without a score; the three
    // others are ranked alone: n = 3, A 0.6 → 1, A+B 1.8 → 2, A+B+C 2.85 → 3.
    RuleSet r =
        rules(
            new RuleSet.Exemptions(null, List.of("46"), Grade.B),
            population("all", new RuleSet.Selector(RuleSet.Selector.Kind.ALL, null, null), null));
    Evaluation e =
        Evaluator.evaluate(
            r,
            List.of(
                firm(F1, SizeClass.ABOVE_SIZE, "4610", false, null, 100, 0),
                firm(F2, SizeClass.ABOVE_SIZE, "3392", false, null, 10, 50),
                firm(F3, SizeClass.ABOVE_SIZE, "3392", false, null, 10, 40),
                firm(F4, SizeClass.ABOVE_SIZE, "3392", false, null, 10, 30)));
    assertThat(e.enterprises().get(0).grade()).isEqualTo(Grade.B);
    assertThat(e.enterprises().get(0).rank()).isNull();
    assertThat(e.enterprises().get(0).exemption()).contains("4610");
    assertThat(e.enterprises().stream().skip(1).map(Evaluation.EnterpriseResult::grade))
        .containsExactly(Grade.A, Grade.B, Grade.C);
    Evaluation.PopulationSummary all = e.populations().get(0);
    assertThat(all.ranked()).isEqualTo(3);
    assertThat(all.countByGrade()).containsEntry(Grade.B, 2).containsEntry(Grade.T, 0);
    assertThat(all.landMuByGrade().get(Grade.B)).isCloseTo(110, within(1e-12));
  }

  @Test
  void belowSizeListsSplitAtTheirMuThresholdAndUnselectedFirmsAreListedUngraded() {
    // 慈溪: 规下 on ≥ 3 亩 and under 3 亩; 3 亩 exactly belongs to the first. No 规上 list here.
    RuleSet r =
        rules(
            null,
            population(
                "big",
                new RuleSet.Selector(RuleSet.Selector.Kind.BELOW_SIZE_MIN_MU, 3.0, null),
                null),
            population(
                "small",
                new RuleSet.Selector(RuleSet.Selector.Kind.BELOW_SIZE_UNDER_MU, 3.0, null),
                null));
    Evaluation e =
        Evaluator.evaluate(
            r,
            List.of(
                firm(F1, SizeClass.BELOW_SIZE, "3392", false, null, 3, 30),
                firm(F2, SizeClass.BELOW_SIZE, "3392", false, null, 2.999, 30),
                firm(F3, SizeClass.ABOVE_SIZE, "3392", false, null, 50, 30)));
    assertThat(e.enterprises().stream().map(Evaluation.EnterpriseResult::population))
        .containsExactly("big", "small", null);
    assertThat(e.enterprises().get(2).grade()).isNull();
    assertThat(e.enterprises().get(2).note()).isEqualTo("不在任何评价名单");
    assertThat(e.unassigned()).isEqualTo(1);
  }

  @Test
  void aTenantWhoseLandlordIsNotEvaluatedGetsNoGradeAndSaysWhy() {
    RuleSet r =
        rules(
            null,
            new RuleSet.Population(
                "tenants",
                "租赁企业",
                new RuleSet.Selector(RuleSet.Selector.Kind.TENANTS_LANDLORD_GRADE, null, null),
                List.of(),
                null,
                null),
            population("all", new RuleSet.Selector(RuleSet.Selector.Kind.ALL, null, null), null));
    Evaluation e =
        Evaluator.evaluate(
            r,
            List.of(
                firm(F1, SizeClass.BELOW_SIZE, "3392", true, F4, 2, 10),
                firm(F2, SizeClass.BELOW_SIZE, "3392", false, null, 10, 10)));
    assertThat(e.enterprises().get(0).grade()).isNull();
    assertThat(e.enterprises().get(0).note()).contains(F4, "未参评");
    assertThat(e.enterprises().get(1).population()).isEqualTo("all");
  }

  @Test
  void duplicateEnterprisesAreRefused() {
    RuleSet r =
        rules(
            null,
            population("all", new RuleSet.Selector(RuleSet.Selector.Kind.ALL, null, null), null));
    EnterpriseFacts f = firm(F1, SizeClass.BELOW_SIZE, "3392", false, null, 2, 10);
    assertThatThrownBy(() -> Evaluator.evaluate(r, List.of(f, f)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(F1);
  }

  @Test
  void bothShippedRuleSetsReadAndHuaianIsMarkedIllustrative() throws IOException {
    RuleSet huangyan = read("huangyan-2023.json");
    assertThat(huangyan.divisionCode()).isEqualTo("331003");
    assertThat(huangyan.populations()).hasSize(2);
    assertThat(
            huangyan.populations().get(0).indicators().stream().mapToDouble(i -> i.weight()).sum())
        .isEqualTo(100.0);
    assertThat(
            huangyan.populations().get(1).indicators().stream().mapToDouble(i -> i.weight()).sum())
        .isEqualTo(100.0);
    RuleSet huaian = read("huaian-2024.json");
    assertThat(huaian.illustrative()).isTrue();
    assertThat(huaian.source()).contains("ILLUSTRATIVE");
    assertThat(huaian.populations().get(0).indicators().stream().map(i -> i.weight()))
        .containsExactly(45.0, 35.0, 20.0);
    assertThat(huaian.grading().cumulativePercent()).containsExactly(20.0, 60.0, 95.0);
  }

  @Test
  void readingReportsEveryBadFieldAtOnce() {
    String json =
        """
        {"divisionCode": "3310", "year": 1999, "name": "x", "source": "y",
         "grading": {"method": "RANK", "cumulativePercent": [20, 60]},
         "populations": [{"key": "a", "name": "a", "selector": {"kind": "BELOW_SIZE_MIN_MU"},
           "indicators": [{"formula": "TAX_PER_MU", "benchmark": 10, "weight": -5}]}]}
        """;
    assertThatThrownBy(() -> RuleSetJson.read(json))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.issues().stream().map(InvalidInputException.Issue::field))
                    .containsExactly(
                        "divisionCode",
                        "year",
                        "grading.cumulativePercent",
                        "populations[0].selector.mu",
                        "populations[0].indicators[0].weight"));
  }

  private static RuleSet read(String name) throws IOException {
    try (InputStream in = EvaluatorRulesTest.class.getResourceAsStream("/evaluation/" + name)) {
      return RuleSetJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
