package org.zoneplan.evaluation;

import java.util.Map;
import java.util.Optional;

/**
 * The grades of a division's enterprises for a year (for counts by grade elsewhere, e.g. the zone
 * indicators), as {@code GET /api/evaluation/results} gives them with the rule set it would choose.
 */
public interface GradeSource {
  /**
   * Grades by credit code of the evaluated enterprises of the division in the year (enterprises
   * without a grade are absent), or empty when no rule set applies (none for the division, its
   * parents, in that year or before).
   *
   * @throws org.zoneplan.system.ApiProblem 404 for an unknown division, 422 for a year out of range
   *     or a division without outline
   */
  Optional<Map<String, Grade>> grades(String divisionCode, int year);
}
