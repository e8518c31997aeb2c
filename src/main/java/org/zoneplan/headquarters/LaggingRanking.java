package org.zoneplan.headquarters;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The towns/streets and platforms lagging their targets in one period, ordered by how far they lag,
 * each graded for 分级约谈 (Spring-free).
 *
 * <p>An indicator's <b>completion ratio</b> (完成率) for a unit: HIGHER is better: {@code actual ÷
 * target} (a target ≤ 0 gives no ratio); LOWER is better: {@code target ÷ actual}, 1 when the value
 * is ≤ 0 (at or below any non-negative target), 0 for a positive value against a target of 0 (a
 * negative target gives no ratio). The indicator lags when its ratio is below 1. A pair without a
 * target or a value, or without a ratio, is not assessed.
 *
 * <p>A unit's <b>completion</b> is the mean over its assessed indicators of {@code min(ratio, 1)}:
 * beating one target does not make up for missing another. A unit lags when at least one of its
 * indicators lags. Lagging units are ordered by completion (lowest first), then by the number of
 * lagging indicators (most first), then by the order of the units given. The grade is the first of
 * the grades (by position) whose {@code belowRatio} exceeds the unit's completion, else none.
 */
public final class LaggingRanking {
  private LaggingRanking() {}

  /** One lagging indicator of a unit. */
  public record Lag(
      String indicator,
      String name,
      String unit,
      String better,
      String leadDepartment,
      BigDecimal target,
      BigDecimal actual,
      double ratio) {}

  /**
   * A lagging unit.
   *
   * @param rank 1 for the unit lagging most
   * @param completion mean of the capped ratios of its assessed indicators
   * @param assessed how many of its indicators have a ratio
   * @param lags its lagging indicators, lowest ratio first
   * @param grade the 约谈 grade, or null when no threshold applies
   */
  public record Entry(
      int rank,
      String unitCode,
      String unitName,
      String kind,
      double completion,
      int assessed,
      int lagging,
      String grade,
      String action,
      List<Lag> lags) {}

  /**
   * The ratio of {@code actual} to {@code target} as above, or null when there is none (either
   * missing, or a target on the wrong side of zero).
   */
  public static Double ratio(OpenIndicator.Better better, BigDecimal target, BigDecimal actual) {
    if (target == null || actual == null) {
      return null;
    }
    if (better == OpenIndicator.Better.HIGHER) {
      if (target.signum() <= 0) {
        return null;
      }
      return actual.divide(target, MathContext.DECIMAL64).doubleValue();
    }
    if (target.signum() < 0) {
      return null;
    }
    if (actual.signum() <= 0) {
      return 1.0;
    }
    return target.divide(actual, MathContext.DECIMAL64).doubleValue();
  }

  /**
   * The lagging units of one period's values, ranked.
   *
   * @param units in their order (ties keep it)
   * @param grades in any order; sorted by position here
   */
  public static List<Entry> rank(
      List<OpenIndicator> indicators,
      List<OpenUnit> units,
      List<OpenValue> values,
      List<TalkGrade> grades) {
    Map<String, OpenIndicator> byCode = new LinkedHashMap<>();
    indicators.forEach(i -> byCode.put(i.code(), i));
    Map<String, List<OpenValue>> byUnit = new LinkedHashMap<>();
    values.forEach(v -> byUnit.computeIfAbsent(v.unit(), k -> new ArrayList<>()).add(v));
    List<TalkGrade> ordered =
        grades.stream().sorted(Comparator.comparingInt(TalkGrade::position)).toList();

    record Scored(int order, OpenUnit unit, double completion, int assessed, List<Lag> lags) {}
    List<Scored> scored = new ArrayList<>();
    for (int u = 0; u < units.size(); u++) {
      OpenUnit unit = units.get(u);
      double sum = 0;
      int assessed = 0;
      List<Lag> lags = new ArrayList<>();
      for (OpenValue v : byUnit.getOrDefault(unit.code(), List.of())) {
        OpenIndicator ind = byCode.get(v.indicator());
        if (ind == null) {
          continue;
        }
        Double r = ratio(ind.better(), v.target(), v.actual());
        if (r == null) {
          continue;
        }
        assessed++;
        sum += Math.min(r, 1.0);
        if (r < 1.0) {
          lags.add(
              new Lag(
                  ind.code(),
                  ind.name(),
                  ind.unit(),
                  ind.better().name(),
                  ind.leadDepartment(),
                  v.target(),
                  v.actual(),
                  r));
        }
      }
      if (!lags.isEmpty()) {
        lags.sort(Comparator.comparingDouble(Lag::ratio).thenComparing(Lag::indicator));
        scored.add(new Scored(u, unit, sum / assessed, assessed, List.copyOf(lags)));
      }
    }
    scored.sort(
        Comparator.comparingDouble(Scored::completion)
            .thenComparing(Comparator.comparingInt((Scored s) -> s.lags().size()).reversed())
            .thenComparingInt(Scored::order));
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      Scored s = scored.get(i);
      TalkGrade g =
          ordered.stream()
              .filter(t -> s.completion() < t.belowRatio().doubleValue())
              .findFirst()
              .orElse(null);
      out.add(
          new Entry(
              i + 1,
              s.unit().code(),
              s.unit().name(),
              s.unit().kind(),
              s.completion(),
              s.assessed(),
              s.lags().size(),
              g == null ? null : g.grade(),
              g == null ? null : g.action(),
              s.lags()));
    }
    return out;
  }
}
