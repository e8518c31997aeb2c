package org.zoneplan.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * A county's 亩均效益综合评价 rules for one year, as data: who is evaluated in which list (populations), on
 * which indicators with which benchmark and weight, who is exempt, and how scores become grades.
 * Read from JSON by {@link RuleSetJson}, which checks every field; the format is described in
 * {@code docs/evaluation.md}.
 *
 * @param divisionCode the division (6-digit 行政区划代码) that publishes the rules
 * @param version the stored version for (division, year), 1, 2, ...; 0 before it is stored
 * @param illustrative true when some figures are not published ones (say which in {@code source})
 * @param grading how scores become grades, unless a population has its own
 * @param populations the lists, in order: a firm belongs to the first whose selector matches
 */
public record RuleSet(
    String divisionCode,
    int year,
    String name,
    String source,
    int version,
    boolean illustrative,
    Exemptions exemptions,
    Grading grading,
    List<Population> populations) {

  public RuleSet {
    Objects.requireNonNull(divisionCode, "divisionCode");
    Objects.requireNonNull(grading, "grading");
    exemptions = exemptions == null ? Exemptions.NONE : exemptions;
    populations = List.copyOf(populations);
  }

  /** The same rules with another stored version number. */
  public RuleSet withVersion(int newVersion) {
    return new RuleSet(
        divisionCode,
        year,
        name,
        source,
        newVersion,
        illustrative,
        exemptions,
        grading,
        populations);
  }

  /**
   * The same rules applied to another year (a rule set of an earlier year used for a later one: the
   * years in production of the exemption count to {@code newYear}).
   */
  public RuleSet withYear(int newYear) {
    return new RuleSet(
        divisionCode,
        newYear,
        name,
        source,
        version,
        illustrative,
        exemptions,
        grading,
        populations);
  }

  /**
   * One evaluated list (规上, 规下 ≥ 3 亩, 租赁企业, ...).
   *
   * @param key a short identifier, unique in the rule set
   * @param name its Chinese name, as published
   * @param indicators empty exactly when the selector is {@link
   *     Selector.Kind#TENANTS_LANDLORD_GRADE}
   * @param missingData the rule for a missing figure, unless an indicator has its own
   * @param grading this list's grading, or null for the rule set's
   */
  public record Population(
      String key,
      String name,
      Selector selector,
      List<Indicator> indicators,
      MissingDataRule missingData,
      Grading grading) {
    public Population {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(selector, "selector");
      indicators = List.copyOf(indicators);
      missingData = missingData == null ? MissingDataRule.ZERO : missingData;
    }
  }

  /**
   * Which firms a population takes.
   *
   * @param mu the land threshold in 亩 for {@link Kind#BELOW_SIZE_MIN_MU} (≥) and {@link
   *     Kind#BELOW_SIZE_UNDER_MU} (&lt;), else null
   * @param size for the tenant kinds: only tenants of this size class, or null for both
   */
  public record Selector(Kind kind, Double mu, SizeClass size) {
    public enum Kind {
      /** Every firm (not taken by an earlier population). */
      ALL,
      /** 规上 firms. */
      ABOVE_SIZE,
      /** 规下 firms. */
      BELOW_SIZE,
      /** 规下 firms using at least {@code mu} 亩. */
      BELOW_SIZE_MIN_MU,
      /** 规下 firms using less than {@code mu} 亩. */
      BELOW_SIZE_UNDER_MU,
      /** Tenants without land of their own, scored as their own list (慈溪 租赁企业). */
      TENANTS,
      /** Tenants without land of their own, taking their landlord's grade, unscored (江山). */
      TENANTS_LANDLORD_GRADE
    }

    public Selector {
      Objects.requireNonNull(kind, "kind");
    }

    public boolean tenantKind() {
      return kind == Kind.TENANTS || kind == Kind.TENANTS_LANDLORD_GRADE;
    }

    public boolean matches(EnterpriseFacts f) {
      return switch (kind) {
        case ALL -> true;
        case ABOVE_SIZE -> f.size() == SizeClass.ABOVE_SIZE;
        case BELOW_SIZE -> f.size() == SizeClass.BELOW_SIZE;
        case BELOW_SIZE_MIN_MU -> f.size() == SizeClass.BELOW_SIZE && f.landMu() >= mu;
        case BELOW_SIZE_UNDER_MU -> f.size() == SizeClass.BELOW_SIZE && f.landMu() < mu;
        case TENANTS, TENANTS_LANDLORD_GRADE ->
            f.tenantWithoutOwnLand() && (size == null || size == f.size());
      };
    }
  }

  /**
   * One scored item: value ÷ benchmark × weight, at most {@code cap} when set.
   *
   * @param benchmark in the unit of the formula ({@link Formula#unit()}), &gt; 0
   * @param weight ≥ 0 (the item's score at the benchmark)
   * @param cap the most the item may score, or null for no cap
   * @param ifMissing this item's rule for missing data, or null for the population's
   */
  public record Indicator(
      Formula formula, double benchmark, double weight, Double cap, MissingDataRule ifMissing) {
    public Indicator {
      Objects.requireNonNull(formula, "formula");
    }
  }

  /**
   * Who is not graded on scores: firms producing for fewer than {@code minYearsInProduction} years
   * before the evaluation year (evaluation year − founded year &lt; N), and firms whose industry
   * code starts with one of {@code industryPrefixes} (GB/T 4754 大类 44 电力, 45 燃气, 46 水). They get
   * {@code grade}: {@link Grade#T} 不定等级, or {@link Grade#B} where a county treats them as B; either
   * way they are not ranked and do not count in the percentages.
   */
  public record Exemptions(
      Integer minYearsInProduction, List<String> industryPrefixes, Grade grade) {
    public static final Exemptions NONE = new Exemptions(null, List.of(), Grade.T);

    public Exemptions {
      industryPrefixes = industryPrefixes == null ? List.of() : List.copyOf(industryPrefixes);
      grade = grade == null ? Grade.T : grade;
    }
  }

  /**
   * How scores become grades.
   *
   * <p>{@link Method#RANK}: {@code cumulativePercent} = [a, b, c]: A the top a%, B to b%, C to c%,
   * D the rest. With n firms ranked, the cumulative counts are n × a / 100 ... rounded by {@code
   * rounding}; a firm of rank r (1 + the number of firms with a higher score, so equal scores share
   * a rank) gets the first grade whose cumulative count is ≥ r: equal scores share the better
   * grade.
   *
   * <p>{@link Method#THRESHOLDS}: {@code minScores} = [a, b, c], descending: A from a score of a, B
   * from b, C from c, D below.
   */
  public record Grading(
      Method method, List<Double> cumulativePercent, Rounding rounding, List<Double> minScores) {
    public enum Method {
      RANK,
      THRESHOLDS
    }

    /** How a fractional cumulative count is made whole. */
    public enum Rounding {
      /** To the nearest whole firm, .5 up (6.5 → 7). */
      HALF_UP,
      /** Down: A at most a%, D at least (100 − c)% (德州). */
      FLOOR,
      /** Up. */
      CEILING
    }

    public Grading {
      Objects.requireNonNull(method, "method");
      cumulativePercent = cumulativePercent == null ? List.of() : List.copyOf(cumulativePercent);
      minScores = minScores == null ? List.of() : List.copyOf(minScores);
      rounding = rounding == null ? Rounding.HALF_UP : rounding;
    }

    public static Grading byRank(Rounding rounding, double a, double b, double c) {
      return new Grading(Method.RANK, List.of(a, b, c), rounding, null);
    }

    public static Grading byThresholds(double a, double b, double c) {
      return new Grading(Method.THRESHOLDS, null, null, List.of(a, b, c));
    }
  }
}
