package org.zoneplan.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation: every enterprise (in input order) and every population's counts.
 *
 * @param unassigned enterprises no population selects (listed among {@code enterprises} too)
 */
public record Evaluation(
    String divisionCode,
    int year,
    int ruleSetVersion,
    List<EnterpriseResult> enterprises,
    List<PopulationSummary> populations,
    int unassigned) {

  /**
   * One enterprise's result.
   *
   * @param population the key of its population, or null when none selects it
   * @param items one per indicator of its population, in the rule set's order (empty when exempt or
   *     taking its landlord's grade)
   * @param totalScore Σ item scores, or null when not scored
   * @param rank within its population (1 = best, equal scores share a rank), or null when not
   *     ranked
   * @param grade or null when none can be given (no population; landlord not graded)
   * @param exemption why it is exempt (Chinese), or null
   * @param note anything else a reader needs: missing data, the landlord whose grade it takes
   */
  public record EnterpriseResult(
      String creditCode,
      String name,
      String population,
      double landMu,
      List<ItemScore> items,
      Double totalScore,
      Integer rank,
      Grade grade,
      String exemption,
      String note) {}

  /**
   * One item of one enterprise.
   *
   * @param value the indicator's value in its unit, or null when missing
   * @param score value ÷ benchmark × weight (capped), or the missing-data rule's score
   * @param missing why the value is missing (Chinese), or null
   * @param capped true when the cap cut the score
   */
  public record ItemScore(
      Formula formula, Double value, double score, String missing, boolean capped) {
    /** The indicator's Chinese name (亩均税收 ...), written to JSON beside the formula key. */
    @JsonProperty("label")
    public String label() {
      return formula.label();
    }
  }

  /**
   * A population's counts and land (亩) by grade, exempt firms included under their grade.
   *
   * @param ranked the firms ranked on scores (the n of the percentages)
   */
  public record PopulationSummary(
      String key,
      String name,
      int enterprises,
      int ranked,
      Map<Grade, Integer> countByGrade,
      Map<Grade, Double> landMuByGrade) {}
}
