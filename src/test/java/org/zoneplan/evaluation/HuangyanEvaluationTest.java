package org.zoneplan.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.zoneplan.evaluation.Evaluation.EnterpriseResult;

/**
 * The acceptance example: the shipped 黄岩 2023 rule set applied to ten hand-made enterprises. Every
 * expected figure below is the published formula worked by hand, written out with literal numbers
 * (value ÷ benchmark × weight, the values from the figures given to the engine); nothing is taken
 * from the engine. Units: 万元, 亩, 吨标准煤, 吨, persons, 万kWh.
 *
 * <p>The ten: five 规上 firms (A3 without emissions data), a power plant (T), a firm founded in 2022
 * (T, under 2 years), two 规下 firms on their own land, and a 规下 tenant renting 4 亩 from A2.
 */
class HuangyanEvaluationTest {
  private static final Offset<Double> EXACT = within(1e-9);

  static final String A1 = "91331003MA2A000018";
  static final String A2 = "91331003MA2A00002B";
  static final String A3 = "91331003MA2A00003E";
  static final String A4 = "91331003MA2A00004H";
  static final String A5 = "91331003MA2A00005L";
  static final String POWER = "91331003MA2A00006P";
  static final String YOUNG = "91331003MA2A00007T";
  static final String B1 = "92331003MA2A00008T";
  static final String B2 = "92331003MA2A00009X";
  static final String TENANT = "92331003MA2A0001A2";

  // ---- 规上, by hand: 亩均税收 ÷ 24.097 × 30, 亩均增加值 ÷ 136.16 × 20, 单位能耗增加值 ÷ 2.694 × 20,
  // 单位排放增加值 ÷ 4929.81 × 10, 全员劳动生产率 ÷ 18.14 × 10, R&D占比 ÷ 0.0302 × 10.

  // A1: 50 亩, tax 2409.7, VA 6808, revenue 30000, energy 2000 tce, emissions 1.0 t, R&D 906, 250
  // staff
  static final double A1_TAX = 2409.7 / 50 / 24.097 * 30; // 48.194 / 24.097 × 30 = 60
  static final double A1_VA = 6808.0 / 50 / 136.16 * 20; // 136.16 / 136.16 × 20 = 20
  static final double A1_ENERGY = 6808.0 / 2000 / 2.694 * 20; // 3.404 / 2.694 × 20 = 25.270973
  static final double A1_EMISSION = 6808.0 / 1.0 / 4929.81 * 10; // 6808 / 4929.81 × 10 = 13.809863
  static final double A1_LABOUR = 6808.0 / 250 / 18.14 * 10; // 27.232 / 18.14 × 10 = 15.012128
  static final double A1_RD = 906.0 / 30000 / 0.0302 * 10; // 0.0302 / 0.0302 × 10 = 10
  static final double A1_TOTAL =
      A1_TAX
          + A1_VA
          + A1_ENERGY
          + A1_EMISSION
          + A1_LABOUR
          + A1_RD; // 60 + 20 + 25.270973 + 13.809863 + 15.012128 + 10 = 144.092963

  // A2 (the tenant's landlord): 80 亩, tax 963.88, VA 5446.4, revenue 20000, energy 4000, emissions
  // 2.2, R&D 302, 300 staff
  static final double A2_TAX = 963.88 / 80 / 24.097 * 30; // 12.0485 / 24.097 × 30 = 15
  static final double A2_VA = 5446.4 / 80 / 136.16 * 20; // 68.08 / 136.16 × 20 = 10
  static final double A2_ENERGY = 5446.4 / 4000 / 2.694 * 20; // 1.3616 / 2.694 × 20 = 10.108389
  static final double A2_EMISSION =
      5446.4 / 2.2 / 4929.81 * 10; // 2475.6364 / 4929.81 × 10 = 5.021768
  static final double A2_LABOUR = 5446.4 / 300 / 18.14 * 10; // 18.154667 / 18.14 × 10 = 10.008085
  static final double A2_RD = 302.0 / 20000 / 0.0302 * 10; // 0.0151 / 0.0302 × 10 = 5

  // A3: no emissions figure. 30 亩, tax 1084.365, VA 4084.8, revenue 25000, energy 1000, R&D 500,
  // 200 staff
  static final double A3_TAX = 1084.365 / 30 / 24.097 * 30; // 36.1455 / 24.097 × 30 = 45
  static final double A3_VA = 4084.8 / 30 / 136.16 * 20; // 136.16 / 136.16 × 20 = 20
  static final double A3_ENERGY = 4084.8 / 1000 / 2.694 * 20; // 4.0848 / 2.694 × 20 = 30.325167
  static final double A3_LABOUR = 4084.8 / 200 / 18.14 * 10; // 20.424 / 18.14 × 10 = 11.259096
  static final double A3_RD = 500.0 / 25000 / 0.0302 * 10; // 0.02 / 0.0302 × 10 = 6.622517

  // A4: 60 亩, tax 361.455, VA 2042.4, revenue 10000, energy 1500, emissions 3.0, R&D 0, 150 staff
  static final double A4_TAX = 361.455 / 60 / 24.097 * 30; // 6.02425 / 24.097 × 30 = 7.5
  static final double A4_VA = 2042.4 / 60 / 136.16 * 20; // 34.04 / 136.16 × 20 = 5
  static final double A4_ENERGY = 2042.4 / 1500 / 2.694 * 20; // 1.3616 / 2.694 × 20 = 10.108389
  static final double A4_EMISSION = 2042.4 / 3.0 / 4929.81 * 10; // 680.8 / 4929.81 × 10 = 1.380986
  static final double A4_LABOUR = 2042.4 / 150 / 18.14 * 10; // 13.616 / 18.14 × 10 = 7.506064
  static final double A4_RD = 0; // 0 / 20000 = 0

  // A5: 40 亩, tax 963.88, VA 2723.2, revenue 15000, energy 1200, emissions 1.5, R&D 226.5, 180
  // staff
  static final double A5_TAX = 963.88 / 40 / 24.097 * 30; // 24.097 / 24.097 × 30 = 30
  static final double A5_VA = 2723.2 / 40 / 136.16 * 20; // 68.08 / 136.16 × 20 = 10
  static final double A5_ENERGY = 2723.2 / 1200 / 2.694 * 20; // 2.269333 / 2.694 × 20 = 16.847315
  static final double A5_EMISSION =
      2723.2 / 1.5 / 4929.81 * 10; // 1815.4667 / 4929.81 × 10 = 3.68263
  static final double A5_LABOUR = 2723.2 / 180 / 18.14 * 10; // 15.128889 / 18.14 × 10 = 8.340071
  static final double A5_RD = 226.5 / 15000 / 0.0302 * 10; // 0.0151 / 0.0302 × 10 = 5

  // A3's emissions item: the average of the four 规上 firms that have the figure (the exempt power
  // plant and young firm are not evaluated, so not averaged):
  // (13.809863 + 5.021768 + 1.380986 + 3.68263) / 4 = 5.973812
  static final double A3_EMISSION = (A1_EMISSION + A2_EMISSION + A4_EMISSION + A5_EMISSION) / 4;

  static final double A2_TOTAL = A2_TAX + A2_VA + A2_ENERGY + A2_EMISSION + A2_LABOUR + A2_RD;
  static final double A3_TOTAL = A3_TAX + A3_VA + A3_ENERGY + A3_EMISSION + A3_LABOUR + A3_RD;
  static final double A4_TOTAL = A4_TAX + A4_VA + A4_ENERGY + A4_EMISSION + A4_LABOUR + A4_RD;
  static final double A5_TOTAL = A5_TAX + A5_VA + A5_ENERGY + A5_EMISSION + A5_LABOUR + A5_RD;

  // ---- 规下, by hand: 亩均税收 ÷ 11.5932 × 50 + 单位电耗税收 ÷ 0.2352 × 50
  // B1: 10 亩, tax 115.932, 500 万kWh
  static final double B1_TAX = 115.932 / 10 / 11.5932 * 50; // 11.5932 / 11.5932 × 50 = 50
  static final double B1_POWER = 115.932 / 500 / 0.2352 * 50; // 0.231864 / 0.2352 × 50 = 49.290816
  // B2: 8 亩, tax 46.3728, 400 万kWh
  static final double B2_TAX = 46.3728 / 8 / 11.5932 * 50; // 5.7966 / 11.5932 × 50 = 25
  static final double B2_POWER = 46.3728 / 400 / 0.2352 * 50; // 0.115932 / 0.2352 × 50 = 24.645408
  // TENANT: renting 4 亩 from A2, tax 69.5592, 150 万kWh
  static final double TN_TAX = 69.5592 / 4 / 11.5932 * 50; // 17.3898 / 11.5932 × 50 = 75
  static final double TN_POWER = 69.5592 / 150 / 0.2352 * 50; // 0.463728 / 0.2352 × 50 = 98.581633

  static RuleSet huangyan() throws IOException {
    try (InputStream in =
        HuangyanEvaluationTest.class.getResourceAsStream("/evaluation/huangyan-2023.json")) {
      return RuleSetJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static EnterpriseFacts firm(
      String code,
      String industry,
      SizeClass size,
      int founded,
      boolean tenant,
      String landlord,
      double mu,
      Object... figures) {
    Map<Figure, Double> map = new EnumMap<>(Figure.class);
    for (int i = 0; i < figures.length; i += 2) {
      map.put((Figure) figures[i], ((Number) figures[i + 1]).doubleValue());
    }
    return new EnterpriseFacts(
        code, "企业" + code.substring(14), industry, size, founded, tenant, landlord, mu, map);
  }

  static List<EnterpriseFacts> tenFirms() {
    SizeClass up = SizeClass.ABOVE_SIZE;
    SizeClass down = SizeClass.BELOW_SIZE;
    List<EnterpriseFacts> firms = new ArrayList<>();
    firms.add(
        firm(
            A1,
            "3525",
            up,
            2010,
            false,
            null,
            50,
            Figure.TAX,
            2409.7,
            Figure.VALUE_ADDED,
            6808,
            Figure.REVENUE,
            30000,
            Figure.ENERGY,
            2000,
            Figure.EMISSIONS,
            1.0,
            Figure.RD,
            906,
            Figure.EMPLOYEES,
            250,
            Figure.ELECTRICITY,
            3000));
    firms.add(
        firm(
            A2,
            "2927",
            up,
            2005,
            false,
            null,
            80,
            Figure.TAX,
            963.88,
            Figure.VALUE_ADDED,
            5446.4,
            Figure.REVENUE,
            20000,
            Figure.ENERGY,
            4000,
            Figure.EMISSIONS,
            2.2,
            Figure.RD,
            302,
            Figure.EMPLOYEES,
            300));
    firms.add(
        firm(
            A3,
            "3670",
            up,
            2021,
            false,
            null,
            30,
            Figure.TAX,
            1084.365,
            Figure.VALUE_ADDED,
            4084.8,
            Figure.REVENUE,
            25000,
            Figure.ENERGY,
            1000,
            Figure.RD,
            500,
            Figure.EMPLOYEES,
            200));
    firms.add(
        firm(
            A4,
            "3311",
            up,
            1999,
            false,
            null,
            60,
            Figure.TAX,
            361.455,
            Figure.VALUE_ADDED,
            2042.4,
            Figure.REVENUE,
            10000,
            Figure.ENERGY,
            1500,
            Figure.EMISSIONS,
            3.0,
            Figure.RD,
            0,
            Figure.EMPLOYEES,
            150));
    firms.add(
        firm(
            A5,
            "3484",
            up,
            2015,
            false,
            null,
            40,
            Figure.TAX,
            963.88,
            Figure.VALUE_ADDED,
            2723.2,
            Figure.REVENUE,
            15000,
            Figure.ENERGY,
            1200,
            Figure.EMISSIONS,
            1.5,
            Figure.RD,
            226.5,
            Figure.EMPLOYEES,
            180));
    // A coal power plant (GB/T 4754 4411 火力发电): 大类 44 is exempt, whatever its figures.
    firms.add(
        firm(
            POWER,
            "4411",
            up,
            1998,
            false,
            null,
            200,
            Figure.TAX,
            9000,
            Figure.VALUE_ADDED,
            40000,
            Figure.REVENUE,
            90000,
            Figure.ENERGY,
            300000,
            Figure.EMISSIONS,
            900,
            Figure.RD,
            100,
            Figure.EMPLOYEES,
            400));
    // Founded 2022: 2023 − 2022 = 1 year, under 2: exempt (A3, founded 2021, has 2: not exempt).
    firms.add(
        firm(
            YOUNG,
            "3985",
            up,
            2022,
            false,
            null,
            20,
            Figure.TAX,
            5000,
            Figure.VALUE_ADDED,
            20000,
            Figure.REVENUE,
            50000,
            Figure.ENERGY,
            100,
            Figure.EMISSIONS,
            0.1,
            Figure.RD,
            5000,
            Figure.EMPLOYEES,
            100));
    firms.add(
        firm(
            B1, "3392", down, 2012, false, null, 10, Figure.TAX, 115.932, Figure.ELECTRICITY, 500));
    firms.add(
        firm(B2, "1713", down, 2016, false, null, 8, Figure.TAX, 46.3728, Figure.ELECTRICITY, 400));
    firms.add(
        firm(
            TENANT, "4090", down, 2018, true, A2, 4, Figure.TAX, 69.5592, Figure.ELECTRICITY, 150));
    return firms;
  }

  static EnterpriseResult result(Evaluation e, String code) {
    return e.enterprises().stream()
        .filter(r -> r.creditCode().equals(code))
        .findFirst()
        .orElseThrow();
  }

  static double item(EnterpriseResult r, Formula formula) {
    return r.items().stream().filter(i -> i.formula() == formula).findFirst().orElseThrow().score();
  }

  @Test
  void theHandArithmeticGivesTheRoundFiguresItClaims() {
    // Guards the expected values themselves: each comment above is the arithmetic, done again.
    assertThat(A1_TAX).isCloseTo(60, EXACT);
    assertThat(A1_VA).isCloseTo(20, EXACT);
    assertThat(A1_RD).isCloseTo(10, EXACT);
    assertThat(A2_TAX).isCloseTo(15, EXACT);
    assertThat(A3_TAX).isCloseTo(45, EXACT);
    assertThat(A4_TAX).isCloseTo(7.5, EXACT);
    assertThat(A5_TAX).isCloseTo(30, EXACT);
    assertThat(B1_TAX).isCloseTo(50, EXACT);
    assertThat(TN_TAX).isCloseTo(75, EXACT);
    assertThat(A1_TOTAL).isCloseTo(144.092963, within(1e-6));
    assertThat(A3_EMISSION).isCloseTo(5.973812, within(1e-6));
    assertThat(A3_TOTAL).isCloseTo(119.180591, within(1e-6));
    assertThat(A5_TOTAL).isCloseTo(73.870016, within(1e-6));
    assertThat(A2_TOTAL).isCloseTo(55.138243, within(1e-6));
    assertThat(A4_TOTAL).isCloseTo(31.495439, within(1e-6));
  }

  @Test
  void aboveSizeFirmsGetThePublishedItemScoresTotalsRanksAndGrades() throws IOException {
    Evaluation e = Evaluator.evaluate(huangyan(), tenFirms());

    EnterpriseResult a1 = result(e, A1);
    assertThat(a1.population()).isEqualTo("above-size");
    assertThat(item(a1, Formula.TAX_PER_MU)).isCloseTo(A1_TAX, EXACT);
    assertThat(item(a1, Formula.VALUE_ADDED_PER_MU)).isCloseTo(A1_VA, EXACT);
    assertThat(item(a1, Formula.VALUE_ADDED_PER_ENERGY)).isCloseTo(A1_ENERGY, EXACT);
    assertThat(item(a1, Formula.VALUE_ADDED_PER_EMISSION)).isCloseTo(A1_EMISSION, EXACT);
    assertThat(item(a1, Formula.LABOUR_PRODUCTIVITY)).isCloseTo(A1_LABOUR, EXACT);
    assertThat(item(a1, Formula.RD_SHARE)).isCloseTo(A1_RD, EXACT);
    assertThat(a1.items().get(0).value()).isCloseTo(48.194, EXACT); // 2409.7 万元 / 50 亩
    assertThat(a1.totalScore()).isCloseTo(A1_TOTAL, EXACT);

    EnterpriseResult a2 = result(e, A2);
    assertThat(item(a2, Formula.VALUE_ADDED_PER_ENERGY)).isCloseTo(A2_ENERGY, EXACT);
    assertThat(item(a2, Formula.VALUE_ADDED_PER_EMISSION)).isCloseTo(A2_EMISSION, EXACT);
    assertThat(a2.totalScore()).isCloseTo(A2_TOTAL, EXACT);
    assertThat(result(e, A4).totalScore()).isCloseTo(A4_TOTAL, EXACT);
    assertThat(item(result(e, A4), Formula.RD_SHARE)).isEqualTo(0.0);
    assertThat(result(e, A5).totalScore()).isCloseTo(A5_TOTAL, EXACT);

    // Ranks: A1 144.09 > A3 119.18 > A5 73.87 > A2 55.14 > A4 31.50 (n = 5).
    // Cumulative counts (HALF_UP): A 5 × 20% = 1, A+B 5 × 60% = 3, A+B+C 5 × 95% = 4.75 → 5: no D.
    assertThat(List.of(A1, A3, A5, A2, A4).stream().map(c -> result(e, c).rank()))
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(List.of(A1, A3, A5, A2, A4).stream().map(c -> result(e, c).grade()))
        .containsExactly(Grade.A, Grade.B, Grade.B, Grade.C, Grade.C);
  }

  @Test
  void aFirmWithoutEmissionsDataGetsTheListsAverageScoreOfThatItem() throws IOException {
    Evaluation e = Evaluator.evaluate(huangyan(), tenFirms());
    EnterpriseResult a3 = result(e, A3);
    Evaluation.ItemScore emission = a3.items().get(3);
    assertThat(emission.formula()).isEqualTo(Formula.VALUE_ADDED_PER_EMISSION);
    assertThat(emission.value()).isNull();
    assertThat(emission.missing()).isEqualTo("缺少主要污染物排放");
    assertThat(emission.score()).isCloseTo(A3_EMISSION, EXACT);
    assertThat(item(a3, Formula.TAX_PER_MU)).isCloseTo(A3_TAX, EXACT);
    assertThat(item(a3, Formula.VALUE_ADDED_PER_ENERGY)).isCloseTo(A3_ENERGY, EXACT);
    assertThat(item(a3, Formula.LABOUR_PRODUCTIVITY)).isCloseTo(A3_LABOUR, EXACT);
    assertThat(item(a3, Formula.RD_SHARE)).isCloseTo(A3_RD, EXACT);
    assertThat(a3.totalScore()).isCloseTo(A3_TOTAL, EXACT);
    assertThat(a3.note()).contains("单位排放增加值", "平均得分");
  }

  @Test
  void aUtilityAndAFirmUnderTwoYearsAreGradedTWithoutScoreOrRank() throws IOException {
    Evaluation e = Evaluator.evaluate(huangyan(), tenFirms());
    for (String code : List.of(POWER, YOUNG)) {
      EnterpriseResult r = result(e, code);
      assertThat(r.population()).isEqualTo("above-size");
      assertThat(r.grade()).isEqualTo(Grade.T);
      assertThat(r.totalScore()).isNull();
      assertThat(r.rank()).isNull();
      assertThat(r.items()).isEmpty();
    }
    assertThat(result(e, POWER).exemption()).contains("4411", "44");
    assertThat(result(e, YOUNG).exemption()).contains("2022", "2");
    Evaluation.PopulationSummary above = e.populations().get(0);
    assertThat(above.enterprises()).isEqualTo(7);
    assertThat(above.ranked()).isEqualTo(5);
    assertThat(above.countByGrade())
        .containsEntry(Grade.A, 1)
        .containsEntry(Grade.B, 2)
        .containsEntry(Grade.C, 2)
        .containsEntry(Grade.D, 0)
        .containsEntry(Grade.T, 2);
    // 亩 by grade: A = A1 50; B = A3 30 + A5 40; C = A2 80 + A4 60; T = 200 + 20.
    assertThat(above.landMuByGrade().get(Grade.A)).isCloseTo(50, EXACT);
    assertThat(above.landMuByGrade().get(Grade.B)).isCloseTo(70, EXACT);
    assertThat(above.landMuByGrade().get(Grade.C)).isCloseTo(140, EXACT);
    assertThat(above.landMuByGrade().get(Grade.T)).isCloseTo(220, EXACT);
  }

  @Test
  void belowSizeFirmsAreScoredOnTheirOwnFormula() throws IOException {
    // As shipped, a 规下 tenant is in the 规下 list, scored on the 4 亩 it rents.
    Evaluation e = Evaluator.evaluate(huangyan(), tenFirms());
    EnterpriseResult b1 = result(e, B1);
    assertThat(b1.population()).isEqualTo("below-size");
    assertThat(b1.items()).hasSize(2);
    assertThat(item(b1, Formula.TAX_PER_MU)).isCloseTo(B1_TAX, EXACT);
    assertThat(item(b1, Formula.TAX_PER_ELECTRICITY)).isCloseTo(B1_POWER, EXACT);
    assertThat(b1.totalScore()).isCloseTo(50 + 49.290816, within(1e-6));
    assertThat(result(e, B2).totalScore()).isCloseTo(B2_TAX + B2_POWER, EXACT);
    EnterpriseResult tenant = result(e, TENANT);
    assertThat(tenant.totalScore()).isCloseTo(TN_TAX + TN_POWER, EXACT); // 75 + 98.581633
    // n = 3: A 3 × 20% = 0.6 → 1, A+B 1.8 → 2, A+B+C 2.85 → 3.
    assertThat(List.of(TENANT, B1, B2).stream().map(c -> result(e, c).rank()))
        .containsExactly(1, 2, 3);
    assertThat(List.of(TENANT, B1, B2).stream().map(c -> result(e, c).grade()))
        .containsExactly(Grade.A, Grade.B, Grade.C);
  }

  /** The 黄岩 rules with a tenant population in front of the others. */
  static RuleSet withTenantPopulation(RuleSet base, RuleSet.Population tenants) {
    List<RuleSet.Population> populations = new ArrayList<>();
    populations.add(tenants);
    populations.addAll(base.populations());
    return new RuleSet(
        base.divisionCode(),
        base.year(),
        base.name(),
        base.source(),
        base.version(),
        base.illustrative(),
        base.exemptions(),
        base.grading(),
        populations);
  }

  @Test
  void aTenantAsItsOwnListIsScoredAndRankedApart() throws IOException {
    RuleSet base = huangyan();
    RuleSet rules =
        withTenantPopulation(
            base,
            new RuleSet.Population(
                "tenants",
                "租赁企业",
                new RuleSet.Selector(RuleSet.Selector.Kind.TENANTS, null, null),
                base.populations().get(1).indicators(),
                MissingDataRule.ZERO,
                null));
    Evaluation e = Evaluator.evaluate(rules, tenFirms());
    EnterpriseResult tenant = result(e, TENANT);
    assertThat(tenant.population()).isEqualTo("tenants");
    assertThat(tenant.totalScore()).isCloseTo(TN_TAX + TN_POWER, EXACT);
    // Alone in its list, n = 1: A 1 × 20% = 0.2 → 0, A+B 0.6 → 1: rank 1 is B.
    assertThat(tenant.rank()).isEqualTo(1);
    assertThat(tenant.grade()).isEqualTo(Grade.B);
    // The 规下 list is now B1 and B2, n = 2: A 0.4 → 0, A+B 1.2 → 1, A+B+C 1.9 → 2.
    assertThat(result(e, B1).grade()).isEqualTo(Grade.B);
    assertThat(result(e, B2).grade()).isEqualTo(Grade.C);
    assertThat(result(e, B1).rank()).isEqualTo(1);
    // 规上 is untouched.
    assertThat(result(e, A2).grade()).isEqualTo(Grade.C);
  }

  @Test
  void aTenantTakingItsLandlordsGradeGetsA2sC() throws IOException {
    RuleSet rules =
        withTenantPopulation(
            huangyan(),
            new RuleSet.Population(
                "tenants-landlord",
                "租赁企业 (随业主等级)",
                new RuleSet.Selector(
                    RuleSet.Selector.Kind.TENANTS_LANDLORD_GRADE, null, SizeClass.BELOW_SIZE),
                List.of(),
                null,
                null));
    Evaluation e = Evaluator.evaluate(rules, tenFirms());
    EnterpriseResult tenant = result(e, TENANT);
    assertThat(tenant.population()).isEqualTo("tenants-landlord");
    assertThat(tenant.totalScore()).isNull();
    assertThat(tenant.rank()).isNull();
    assertThat(tenant.grade()).isEqualTo(Grade.C); // A2 is rank 4 of 5 in 规上: C
    assertThat(tenant.note()).contains(A2);
    assertThat(e.populations().get(0).countByGrade()).containsEntry(Grade.C, 1);
    assertThat(e.populations().get(0).landMuByGrade().get(Grade.C)).isCloseTo(4, EXACT);
  }
}
