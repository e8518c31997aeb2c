package org.zoneplan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.zoneplan.evaluation.RuleSet.Grading.Rounding;

/**
 * Grades by rank: A the top 20%, B to 60%, C to 95%, D the rest (淮安 2024). Expected counts are n ×
 * percent ÷ 100 rounded by hand; ties share the rank of the first of them and the better grade.
 */
class RankGradingTest {
  static final Grade A = Grade.A;
  static final Grade B = Grade.B;
  static final Grade C = Grade.C;
  static final Grade D = Grade.D;

  static RuleSet.Grading huaian(Rounding rounding) {
    return RuleSet.Grading.byRank(rounding, 20, 60, 95);
  }

  @Test
  void twentyFirmsWithoutTiesSplitFourEightSevenOne() {
    // 20 × 20% = 4, 20 × 60% = 12, 20 × 95% = 19: exact, so every rounding agrees.
    double[] scores = new double[20];
    for (int i = 0; i < 20; i++) {
      scores[i] = 100 - i; // 100, 99, ..., 81: rank i + 1
    }
    for (Rounding r : Rounding.values()) {
      Grader.Graded g = Grader.grade(scores, huaian(r));
      assertThat(g.grades())
          .as(r.name())
          .containsExactly(A, A, A, A, B, B, B, B, B, B, B, B, C, C, C, C, C, C, C, D);
      assertThat(g.ranks()[19]).isEqualTo(20);
    }
  }

  @Test
  void fractionalCountsAreRoundedAsTheRuleSetSays() {
    // n = 7: A 7 × 20% = 1.4, A+B 7 × 60% = 4.2, A+B+C 7 × 95% = 6.65.
    double[] seven = {70, 60, 50, 40, 30, 20, 10};
    // HALF_UP: 1, 4, 7 → A, B B B, C C C, no D.
    assertThat(Grader.cumulativeCounts(7, huaian(Rounding.HALF_UP))).containsExactly(1, 4, 7);
    assertThat(Grader.grade(seven, huaian(Rounding.HALF_UP)).grades())
        .containsExactly(A, B, B, B, C, C, C);
    // FLOOR: 1, 4, 6 → the last is D (A at most 20%, D at least 5%, as 德州 says).
    assertThat(Grader.cumulativeCounts(7, huaian(Rounding.FLOOR))).containsExactly(1, 4, 6);
    assertThat(Grader.grade(seven, huaian(Rounding.FLOOR)).grades())
        .containsExactly(A, B, B, B, C, C, D);
    // CEILING: 2, 5, 7.
    assertThat(Grader.cumulativeCounts(7, huaian(Rounding.CEILING))).containsExactly(2, 5, 7);
    assertThat(Grader.grade(seven, huaian(Rounding.CEILING)).grades())
        .containsExactly(A, A, B, B, B, C, C);
    // n = 10: 10 × 95% = 9.5 → HALF_UP 10 (no D), FLOOR 9 (one D); 10 × 20% = 2 exactly.
    assertThat(Grader.cumulativeCounts(10, huaian(Rounding.HALF_UP))).containsExactly(2, 6, 10);
    assertThat(Grader.cumulativeCounts(10, huaian(Rounding.FLOOR))).containsExactly(2, 6, 9);
    // 2.5 rounds up under HALF_UP: 25 % of 10 (another 经开区: A top 25%, B to 70%, C to 95%).
    assertThat(Grader.cumulativeCounts(10, RuleSet.Grading.byRank(Rounding.HALF_UP, 25, 70, 95)))
        .containsExactly(3, 7, 10);
  }

  @Test
  void equalScoresShareTheRankAndTheBetterGrade() {
    // n = 10, HALF_UP: A ranks ≤ 2, B ≤ 6, C ≤ 10 (9.5 → 10).
    // Scores: 90, 80, 80, 70, 60, 50, 50, 50, 40, 30. Ranks 1, 2, 2, 4, 5, 6, 6, 6, 9, 10.
    double[] scores = {90, 80, 80, 70, 60, 50, 50, 50, 40, 30};
    Grader.Graded g = Grader.grade(scores, huaian(Rounding.HALF_UP));
    assertThat(g.ranks()).containsExactly(1, 2, 2, 4, 5, 6, 6, 6, 9, 10);
    assertThat(g.grades()).containsExactly(A, A, A, B, B, B, B, B, C, C);
    // A tie across the A/B line: 90, 80, 80, 80, ...: rank 2 ≤ 2, all three 80s are A (4 A's).
    double[] acrossTheLine = {90, 80, 80, 80, 60, 50, 45, 40, 35, 30};
    Grader.Graded h = Grader.grade(acrossTheLine, huaian(Rounding.HALF_UP));
    assertThat(h.ranks()).containsExactly(1, 2, 2, 2, 5, 6, 7, 8, 9, 10);
    assertThat(h.grades()).containsExactly(A, A, A, A, B, B, C, C, C, C);
  }

  @Test
  void scoresEqualToTheSixthDecimalAreTiesAndInputOrderDoesNotMatter() {
    // 0.1 + 0.2 is 0.30000000000000004 in doubles: the same score as 0.3 for grading.
    double[] scores = {0.1 + 0.2, 0.3, 0.2, 0.4, 0.1};
    Grader.Graded g = Grader.grade(scores, RuleSet.Grading.byRank(Rounding.FLOOR, 20, 60, 95));
    // Sorted: 0.4 (1), 0.3 (2), 0.3 (2), 0.2 (4), 0.1 (5). n = 5, FLOOR: 1, 3, 4.
    assertThat(g.ranks()).containsExactly(2, 2, 4, 1, 5);
    assertThat(g.grades()).containsExactly(B, B, C, A, D);
  }

  @Test
  void anEmptyPopulationGradesNobody() {
    Grader.Graded g = Grader.grade(new double[0], huaian(Rounding.HALF_UP));
    assertThat(g.grades()).isEmpty();
  }
}
