package org.zoneplan.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.AnalysisInputs;
import org.zoneplan.indicators.ZoneGradeCounts;
import org.zoneplan.system.ApiProblem;

/**
 * The zone indicators' counts by grade, from the evaluation of the plan's county for the year
 * ({@link EvaluationResults#result} with the rule set it would choose itself; {@link
 * EvaluationResults#byZone} per zone: an enterprise counts in a zone when one of its parcels of the
 * year has its interior point in the zone or its subtree, the rule of the zone indicators). Null,
 * as {@link ZoneGradeCounts} asks, when the plan has no county with an outline or no rule set
 * applies to that county and year.
 */
@Component
class EvaluatedZoneGrades implements ZoneGradeCounts {
  private final EvaluationResults results;
  private final AnalysisInputs inputs;

  EvaluatedZoneGrades(EvaluationResults results, AnalysisInputs inputs) {
    this.results = results;
    this.inputs = inputs;
  }

  @Override
  public Map<String, Map<String, Integer>> counts(String planId, int year) {
    String county = inputs.defaultDivisionCode(inputs.planData(planId));
    if (county == null) {
      return null;
    }
    EvaluationResults.Result result;
    try {
      result = results.result(county, year, null);
    } catch (ApiProblem noRules) {
      // 404: no rule set for the county (or its parents) in that year or before; 422: no outline
      return null;
    }
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (EvaluationResults.ZoneGrades z : results.byZone(result, planId)) {
      Map<String, Integer> byGrade = new LinkedHashMap<>();
      z.countByGrade().forEach((grade, n) -> byGrade.put(grade.name(), n));
      out.put(z.code(), byGrade);
    }
    return out;
  }
}
