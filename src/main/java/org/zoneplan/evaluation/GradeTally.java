package org.zoneplan.evaluation;

import java.util.EnumMap;
import java.util.Map;

/** Enterprises and their land (亩) counted by grade; every grade is present, zero when none. */
final class GradeTally {
  final Map<Grade, Integer> counts = new EnumMap<>(Grade.class);
  final Map<Grade, Double> mu = new EnumMap<>(Grade.class);

  GradeTally() {
    for (Grade g : Grade.values()) {
      counts.put(g, 0);
      mu.put(g, 0.0);
    }
  }

  /** Counts one enterprise of grade {@code grade} (ungraded ones are not counted) and its land. */
  void add(Grade grade, double landMu) {
    if (grade != null) {
      counts.merge(grade, 1, Integer::sum);
      mu.merge(grade, landMu, Double::sum);
    }
  }

  /** Every graded enterprise of the evaluation, with the land it uses in its county. */
  static GradeTally of(Evaluation evaluation) {
    GradeTally t = new GradeTally();
    evaluation.enterprises().forEach(e -> t.add(e.grade(), e.landMu()));
    return t;
  }
}
