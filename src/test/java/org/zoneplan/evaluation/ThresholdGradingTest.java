package org.zoneplan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grades by score thresholds (what zoneplan did before, with 30/15/5 万元/亩): A from 30, B from 15, C
 * from 5, D below; a score equal to a threshold reaches it.
 */
class ThresholdGradingTest {
  @Test
  void scoresAreGradedByThresholdsAndStillRanked() {
    double[] scores = {45, 30, 29.999, 15, 14.5, 5, 4.999999, 0};
    Grader.Graded g = Grader.grade(scores, RuleSet.Grading.byThresholds(30, 15, 5));
    assertThat(g.grades())
        .containsExactly(Grade.A, Grade.A, Grade.B, Grade.B, Grade.C, Grade.C, Grade.D, Grade.D);
    assertThat(g.ranks()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void aPopulationGradedByThresholdsInsideARankedRuleSet() {
    // 亩均税收 ÷ 10 × 100: 12 万元/亩 on 10 亩 scores 120 / 10 × 100 / 10 = 120 → A (≥ 100);
    // 6 万元/亩 scores 60 → B (≥ 60); 2 万元/亩 scores 20 → D (< 30).
    RuleSet.Population below =
        new RuleSet.Population(
            "below",
            "规下",
            new RuleSet.Selector(RuleSet.Selector.Kind.BELOW_SIZE, null, null),
            List.of(new RuleSet.Indicator(Formula.TAX_PER_MU, 10, 100, null, null)),
            MissingDataRule.ZERO,
            RuleSet.Grading.byThresholds(100, 60, 30));
    RuleSet rules =
        new RuleSet(
            "330726",
            2024,
            "test",
            "test",
            0,
            true,
            null,
            RuleSet.Grading.byRank(RuleSet.Grading.Rounding.HALF_UP, 20, 60, 95),
            List.of(below));
    List<EnterpriseFacts> firms =
        List.of(
            facts("92331003MA2A00008T", 120),
            facts("92331003MA2A00009X", 60),
            facts("92331003MA2A0001A2", 20));
    Evaluation e = Evaluator.evaluate(rules, firms);
    assertThat(e.enterprises().stream().map(Evaluation.EnterpriseResult::grade))
        .containsExactly(Grade.A, Grade.B, Grade.D);
    assertThat(e.enterprises().get(0).totalScore()).isEqualTo(120.0);
    assertThat(e.populations().get(0).countByGrade())
        .containsEntry(Grade.A, 1)
        .containsEntry(Grade.B, 1)
        .containsEntry(Grade.C, 0)
        .containsEntry(Grade.D, 1);
  }

  private static EnterpriseFacts facts(String code, double tax) {
    return new EnterpriseFacts(
        code, code, "3311", SizeClass.BELOW_SIZE, 2010, false, null, 10, Map.of(Figure.TAX, tax));
  }
}
