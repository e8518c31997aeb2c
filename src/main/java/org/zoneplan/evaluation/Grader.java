package org.zoneplan.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Ranks and grades the total scores of one population ({@link RuleSet.Grading} says the rules).
 * Scores equal to the sixth decimal are equal: they share a rank and the better grade.
 */
public final class Grader {
  private static final Grade[] ORDER = {Grade.A, Grade.B, Grade.C};

  private Grader() {}

  /** Ranks (1 = best; equal scores share the rank: 1, 2, 2, 4) and grades, in input order. */
  public record Graded(int[] ranks, Grade[] grades) {}

  public static Graded grade(double[] scores, RuleSet.Grading grading) {
    int n = scores.length;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = key(scores[i]);
    }
    long[] sortedDesc = keys.clone();
    Arrays.sort(sortedDesc);
    int[] ranks = new int[n];
    for (int i = 0; i < n; i++) {
      // Number of scores strictly greater = n − (index just past the last score ≤ this one).
      ranks[i] = 1 + (n - upperBound(sortedDesc, keys[i]));
    }
    Grade[] grades = new Grade[n];
    if (grading.method() == RuleSet.Grading.Method.RANK) {
      int[] cumulative = cumulativeCounts(n, grading);
      for (int i = 0; i < n; i++) {
        grades[i] = Grade.D;
        for (int g = 0; g < ORDER.length; g++) {
          if (ranks[i] <= cumulative[g]) {
            grades[i] = ORDER[g];
            break;
          }
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        grades[i] = Grade.D;
        for (int g = 0; g < ORDER.length; g++) {
          if (keys[i] >= key(grading.minScores().get(g))) {
            grades[i] = ORDER[g];
            break;
          }
        }
      }
    }
    return new Graded(ranks, grades);
  }

  /**
   * The cumulative counts of grades A, A+B, A+B+C among {@code n} firms: n × percent ÷ 100, rounded
   * as the grading says (computed in decimal, so 20% of 5 is exactly 1).
   */
  public static int[] cumulativeCounts(int n, RuleSet.Grading grading) {
    RoundingMode mode =
        switch (grading.rounding()) {
          case HALF_UP -> RoundingMode.HALF_UP;
          case FLOOR -> RoundingMode.FLOOR;
          case CEILING -> RoundingMode.CEILING;
        };
    int[] counts = new int[ORDER.length];
    for (int g = 0; g < ORDER.length; g++) {
      counts[g] =
          BigDecimal.valueOf(n)
              .multiply(BigDecimal.valueOf(grading.cumulativePercent().get(g)))
              .divide(BigDecimal.valueOf(100))
              .setScale(0, mode)
              .intValueExact();
    }
    return counts;
  }

  /** The score to the sixth decimal, as an integer. */
  static long key(double score) {
    return Math.round(score * 1e6);
  }

  /** Index of the first element greater than {@code key} in an ascending array. */
  private static int upperBound(long[] ascending, long key) {
    int lo = 0;
    int hi = ascending.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ascending[mid] <= key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
