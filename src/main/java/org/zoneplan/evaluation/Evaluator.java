package org.zoneplan.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.zoneplan.evaluation.Evaluation.EnterpriseResult;
import org.zoneplan.evaluation.Evaluation.ItemScore;
import org.zoneplan.evaluation.Evaluation.PopulationSummary;

/**
 * Runs a {@link RuleSet} on one year's enterprises. Steps:
 *
 * <ol>
 *   <li>each firm goes to the first population whose selector matches (tenant selectors match only
 *       tenants without land of their own);
 *   <li>exempt firms (new, or a listed industry) get the exemption grade, no score, no rank;
 *   <li>every other firm of a scored population gets value ÷ benchmark × weight per indicator
 *       (capped); a missing value scores 0 or the population's average score of that item (over the
 *       firms that have the value);
 *   <li>each population is ranked and graded on the totals ({@link Grader});
 *   <li>tenants of a landlord-grade population take their landlord's grade.
 * </ol>
 *
 * Stateless and thread-safe.
 */
public final class Evaluator {
  private Evaluator() {}

  public static Evaluation evaluate(RuleSet rules, List<EnterpriseFacts> firms) {
    Map<String, Integer> byCode = new HashMap<>();
    for (int i = 0; i < firms.size(); i++) {
      if (byCode.put(firms.get(i).creditCode(), i) != null) {
        throw new IllegalArgumentException(
            "enterprise " + firms.get(i).creditCode() + " is listed twice");
      }
    }
    List<RuleSet.Population> populations = rules.populations();
    int[] populationOf = new int[firms.size()];
    String[] exemption = new String[firms.size()];
    List<List<Integer>> members = new ArrayList<>();
    populations.forEach(p -> members.add(new ArrayList<>()));
    int unassigned = 0;
    for (int i = 0; i < firms.size(); i++) {
      EnterpriseFacts f = firms.get(i);
      populationOf[i] = -1;
      for (int p = 0; p < populations.size(); p++) {
        if (populations.get(p).selector().matches(f)) {
          populationOf[i] = p;
          members.get(p).add(i);
          break;
        }
      }
      if (populationOf[i] < 0) {
        unassigned++;
      } else {
        exemption[i] = exemption(rules, f);
      }
    }

    EnterpriseResult[] results = new EnterpriseResult[firms.size()];
    for (int p = 0; p < populations.size(); p++) {
      RuleSet.Population population = populations.get(p);
      if (population.selector().kind() == RuleSet.Selector.Kind.TENANTS_LANDLORD_GRADE) {
        continue; // after every scored population is graded
      }
      scorePopulation(rules, population, firms, members.get(p), exemption, results);
    }
    for (int p = 0; p < populations.size(); p++) {
      RuleSet.Population population = populations.get(p);
      if (population.selector().kind() != RuleSet.Selector.Kind.TENANTS_LANDLORD_GRADE) {
        continue;
      }
      for (int i : members.get(p)) {
        EnterpriseFacts f = firms.get(i);
        if (exemption[i] != null) {
          results[i] = exempt(f, population, exemption[i], rules.exemptions().grade());
          continue;
        }
        Integer landlord =
            f.landlordCreditCode() == null ? null : byCode.get(f.landlordCreditCode());
        EnterpriseResult landlordResult = landlord == null ? null : results[landlord];
        Grade grade = landlordResult == null ? null : landlordResult.grade();
        String note =
            f.landlordCreditCode() == null
                ? "未填业主信用代码, 无从取得业主等级"
                : grade == null
                    ? "业主 " + f.landlordCreditCode() + " 未参评, 无从取得业主等级"
                    : "取业主 " + f.landlordCreditCode() + " 的等级";
        results[i] = unscored(f, population, grade, null, note);
      }
    }
    for (int i = 0; i < firms.size(); i++) {
      if (populationOf[i] < 0) {
        EnterpriseFacts f = firms.get(i);
        results[i] =
            new EnterpriseResult(
                f.creditCode(),
                f.name(),
                null,
                f.landMu(),
                List.of(),
                null,
                null,
                null,
                null,
                "不在任何评价名单");
      }
    }

    List<PopulationSummary> summaries = new ArrayList<>();
    for (int p = 0; p < populations.size(); p++) {
      GradeTally tally = new GradeTally();
      int ranked = 0;
      for (int i : members.get(p)) {
        EnterpriseResult r = results[i];
        if (r.rank() != null) {
          ranked++;
        }
        tally.add(r.grade(), r.landMu());
      }
      summaries.add(
          new PopulationSummary(
              populations.get(p).key(),
              populations.get(p).name(),
              members.get(p).size(),
              ranked,
              tally.counts,
              tally.mu));
    }
    return new Evaluation(
        rules.divisionCode(),
        rules.year(),
        rules.version(),
        List.of(results),
        summaries,
        unassigned);
  }

  /** Why a firm is exempt, in Chinese, or null. */
  static String exemption(RuleSet rules, EnterpriseFacts f) {
    RuleSet.Exemptions e = rules.exemptions();
    if (f.industryCode() != null) {
      for (String prefix : e.industryPrefixes()) {
        if (f.industryCode().startsWith(prefix)) {
          return "行业 " + f.industryCode() + " 属豁免行业 " + prefix;
        }
      }
    }
    if (e.minYearsInProduction() != null
        && f.foundedYear() != null
        && rules.year() - f.foundedYear() < e.minYearsInProduction()) {
      return f.foundedYear() + " 年投产, 不满 " + e.minYearsInProduction() + " 年";
    }
    return null;
  }

  private static void scorePopulation(
      RuleSet rules,
      RuleSet.Population population,
      List<EnterpriseFacts> firms,
      List<Integer> members,
      String[] exemption,
      EnterpriseResult[] results) {
    List<Integer> scored = new ArrayList<>();
    for (int i : members) {
      if (exemption[i] != null) {
        results[i] = exempt(firms.get(i), population, exemption[i], rules.exemptions().grade());
      } else {
        scored.add(i);
      }
    }
    List<RuleSet.Indicator> indicators = population.indicators();
    int n = scored.size();
    Double[][] values = new Double[n][indicators.size()];
    double[][] scores = new double[n][indicators.size()];
    boolean[][] capped = new boolean[n][indicators.size()];
    double[] averages = new double[indicators.size()];
    for (int k = 0; k < indicators.size(); k++) {
      RuleSet.Indicator indicator = indicators.get(k);
      double sum = 0;
      int have = 0;
      for (int j = 0; j < n; j++) {
        Double v = indicator.formula().value(firms.get(scored.get(j)));
        values[j][k] = v;
        if (v != null) {
          double s = v / indicator.benchmark() * indicator.weight();
          if (indicator.cap() != null && s > indicator.cap()) {
            s = indicator.cap();
            capped[j][k] = true;
          }
          scores[j][k] = s;
          sum += s;
          have++;
        }
      }
      averages[k] = have == 0 ? 0 : sum / have;
    }
    double[] totals = new double[n];
    List<List<ItemScore>> items = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      EnterpriseFacts f = firms.get(scored.get(j));
      List<ItemScore> row = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      double total = 0;
      for (int k = 0; k < indicators.size(); k++) {
        RuleSet.Indicator indicator = indicators.get(k);
        String reason = null;
        if (values[j][k] == null) {
          reason = indicator.formula().missingReason(f);
          MissingDataRule rule =
              indicator.ifMissing() != null ? indicator.ifMissing() : population.missingData();
          scores[j][k] = rule == MissingDataRule.POPULATION_AVERAGE ? averages[k] : 0;
          missing.add(
              indicator.formula().label()
                  + ": "
                  + reason
                  + (rule == MissingDataRule.POPULATION_AVERAGE ? ", 取本名单该项平均得分" : ", 该项计0分"));
        }
        total += scores[j][k];
        row.add(
            new ItemScore(indicator.formula(), values[j][k], scores[j][k], reason, capped[j][k]));
      }
      totals[j] = total;
      items.add(row);
      notes.add(missing.isEmpty() ? null : String.join("; ", missing));
    }
    RuleSet.Grading grading = population.grading() != null ? population.grading() : rules.grading();
    Grader.Graded graded = Grader.grade(totals, grading);
    for (int j = 0; j < n; j++) {
      EnterpriseFacts f = firms.get(scored.get(j));
      results[scored.get(j)] =
          new EnterpriseResult(
              f.creditCode(),
              f.name(),
              population.key(),
              f.landMu(),
              List.copyOf(items.get(j)),
              totals[j],
              graded.ranks()[j],
              graded.grades()[j],
              null,
              notes.get(j));
    }
  }

  private static EnterpriseResult exempt(
      EnterpriseFacts f, RuleSet.Population population, String why, Grade grade) {
    return unscored(f, population, grade, why, null);
  }

  /** A result without item scores, total or rank: exempt, or graded by another's grade. */
  private static EnterpriseResult unscored(
      EnterpriseFacts f,
      RuleSet.Population population,
      Grade grade,
      String exemption,
      String note) {
    return new EnterpriseResult(
        f.creditCode(),
        f.name(),
        population.key(),
        f.landMu(),
        List.of(),
        null,
        null,
        grade,
        exemption,
        note);
  }
}
