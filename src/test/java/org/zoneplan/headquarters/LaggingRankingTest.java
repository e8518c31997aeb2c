package org.zoneplan.headquarters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zoneplan.headquarters.OpenIndicator.Better;

/**
 * The lagging ranking on a fixture worked by hand (every ratio below is an exact binary fraction or
 * stated as a fraction, so the expected values are exact or to 1e-12).
 */
class LaggingRankingTest {
  static final OpenIndicator A = indicator("A", Better.HIGHER);
  static final OpenIndicator B = indicator("B", Better.HIGHER);
  static final OpenIndicator C = indicator("C", Better.LOWER);

  static final List<TalkGrade> GRADES =
      List.of(
          // given out of order: the ranking sorts them by position
          new TalkGrade(3, "三级", "提醒", new BigDecimal("1"), true),
          new TalkGrade(1, "一级", "主要领导约谈", new BigDecimal("0.6"), true),
          new TalkGrade(2, "二级", "分管领导约谈", new BigDecimal("0.8"), true));

  static OpenIndicator indicator(String code, Better better) {
    return new OpenIndicator(code, "C1", "指标" + code, "个", better, "区商务局", List.of("YEARLY"), true);
  }

  static OpenUnit unit(String code, String kind) {
    return new OpenUnit(code, "单位" + code, kind, "330106", null, null);
  }

  static OpenValue v(String indicator, String unit, String target, String actual) {
    return new OpenValue(
        indicator,
        unit,
        "2030",
        target == null ? null : new BigDecimal(target),
        actual == null ? null : new BigDecimal(actual),
        false);
  }

  @Test
  void ratiosFollowWhichWayIsBetter() {
    assertThat(LaggingRanking.ratio(Better.HIGHER, bd("100"), bd("50"))).isEqualTo(0.5);
    assertThat(LaggingRanking.ratio(Better.HIGHER, bd("10"), bd("12"))).isEqualTo(1.2);
    assertThat(LaggingRanking.ratio(Better.HIGHER, bd("0"), bd("12"))).isNull();
    assertThat(LaggingRanking.ratio(Better.HIGHER, null, bd("12"))).isNull();
    assertThat(LaggingRanking.ratio(Better.HIGHER, bd("10"), null)).isNull();
    // lower is better: target ÷ value; a value of 0 meets any target ≥ 0
    assertThat(LaggingRanking.ratio(Better.LOWER, bd("5"), bd("10"))).isEqualTo(0.5);
    assertThat(LaggingRanking.ratio(Better.LOWER, bd("5"), bd("4"))).isEqualTo(1.25);
    assertThat(LaggingRanking.ratio(Better.LOWER, bd("5"), bd("0"))).isEqualTo(1.0);
    assertThat(LaggingRanking.ratio(Better.LOWER, bd("0"), bd("3"))).isEqualTo(0.0);
    assertThat(LaggingRanking.ratio(Better.LOWER, bd("-1"), bd("3"))).isNull();
  }

  @Test
  void lagsAreRankedByCappedMeanCompletionThenByLaggingCountThenByUnitOrder() {
    List<OpenUnit> units = new ArrayList<>();
    for (String u : List.of("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8")) {
      units.add(unit(u, u.equals("U3") || u.equals("U4") ? OpenUnit.PLATFORM : OpenUnit.TOWN));
    }
    List<OpenValue> values =
        List.of(
            // U1: A 0.5, B 1.2 → 1, C 5/10 = 0.5: (0.5 + 1 + 0.5) / 3 = 2/3, two lagging
            v("A", "U1", "100", "50"),
            v("B", "U1", "10", "12"),
            v("C", "U1", "5", "10"),
            // U2: A 0.9, B 2 → 1, C 5/4 → 1: 2.9 / 3, one lagging
            v("A", "U2", "100", "90"),
            v("B", "U2", "10", "20"),
            v("C", "U2", "5", "4"),
            // U3: A 1, B no ratio (target 0), C value 0 → 1: not lagging
            v("A", "U3", "100", "100"),
            v("B", "U3", "0", "5"),
            v("C", "U3", "5", "0"),
            // U4: A 0.4, B without a value (not assessed): 0.4
            v("A", "U4", "100", "40"),
            v("B", "U4", "10", null),
            // U5: A 0.75, B 0.75: 0.75, two lagging
            v("A", "U5", "100", "75"),
            v("B", "U5", "10", "7.5"),
            // U6: A 0.5, B 1: 0.75, one lagging (after U5: fewer lags)
            v("A", "U6", "100", "50"),
            v("B", "U6", "10", "10"),
            // U7: C target 0, value 3 → 0: completion 0
            v("C", "U7", "0", "3"),
            // U8: as U6 (tie: kept after U6, the order given)
            v("A", "U8", "100", "50"),
            v("B", "U8", "10", "10"),
            // an unknown indicator is ignored
            v("Z", "U3", "1", "0"));

    List<LaggingRanking.Entry> r = LaggingRanking.rank(List.of(A, B, C), units, values, GRADES);

    assertThat(r)
        .extracting(LaggingRanking.Entry::unitCode)
        .containsExactly("U7", "U4", "U1", "U5", "U6", "U8", "U2");
    assertThat(r).extracting(LaggingRanking.Entry::rank).containsExactly(1, 2, 3, 4, 5, 6, 7);
    double[] completion = {0.0, 0.4, 2.0 / 3, 0.75, 0.75, 0.75, 2.9 / 3};
    int[] assessed = {1, 1, 3, 2, 2, 2, 3};
    int[] lagging = {1, 1, 2, 2, 1, 1, 1};
    String[] grades = {"一级", "一级", "二级", "二级", "二级", "二级", "三级"};
    for (int i = 0; i < r.size(); i++) {
      assertThat(r.get(i).completion())
          .as("completion %d", i)
          .isCloseTo(completion[i], within(1e-12));
      assertThat(r.get(i).assessed()).as("assessed %d", i).isEqualTo(assessed[i]);
      assertThat(r.get(i).lagging()).as("lagging %d", i).isEqualTo(lagging[i]);
      assertThat(r.get(i).grade()).as("grade %d", i).isEqualTo(grades[i]);
    }
    assertThat(r.get(0).action()).isEqualTo("主要领导约谈");
    // U1's lags: A and C both at 0.5, by code
    assertThat(r.get(2).lags()).extracting(LaggingRanking.Lag::indicator).containsExactly("A", "C");
    assertThat(r.get(2).lags().get(1).better()).isEqualTo("LOWER");
    assertThat(r.get(2).lags().get(1).target()).isEqualByComparingTo("5");
    assertThat(r.get(2).lags().get(1).actual()).isEqualByComparingTo("10");
    assertThat(r.get(2).kind()).isEqualTo(OpenUnit.TOWN);
    assertThat(r.get(1).kind()).isEqualTo(OpenUnit.PLATFORM);
  }

  @Test
  void aUnitBeyondEveryThresholdIsListedWithoutAGrade() {
    List<TalkGrade> strict = List.of(new TalkGrade(1, "一级", "约谈", new BigDecimal("0.5"), true));
    List<LaggingRanking.Entry> r =
        LaggingRanking.rank(
            List.of(A),
            List.of(unit("U1", OpenUnit.TOWN)),
            List.of(v("A", "U1", "100", "75")),
            strict);
    assertThat(r).hasSize(1);
    assertThat(r.get(0).grade()).isNull();
    assertThat(r.get(0).action()).isNull();
  }

  @Test
  void nothingLagsWhenEveryTargetIsMet() {
    assertThat(
            LaggingRanking.rank(
                List.of(A, C),
                List.of(unit("U1", OpenUnit.TOWN)),
                List.of(v("A", "U1", "100", "100"), v("C", "U1", "5", "5")),
                GRADES))
        .isEmpty();
  }

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }
}
