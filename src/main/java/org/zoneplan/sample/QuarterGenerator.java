package org.zoneplan.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.indicators.QuarterStatistics;

/**
 * Illustrative quarterly figures (季度累计) for the sample enterprises, from their yearly statistics:
 * each flow (tax, value added, revenue, energy, emissions, R&D, electricity, investment) is split
 * over the four quarters by a seasonal pattern with a small per-enterprise variation, and written
 * cumulative from 1 January, so that Q1 ≤ Q2 ≤ Q3 ≤ Q4 and Q4 is exactly the year's figure. The
 * average headcount (a level, not a flow) is the year's in every quarter. <b>Invented</b>, like the
 * rest of the sample: no county publishes enterprise quarters; the pattern only makes the quarterly
 * review show plausible, different figures per quarter. Deterministic per seed, credit code and
 * year. No Spring.
 */
public final class QuarterGenerator {
  /** The note stored with every generated row ({@code enterprise_stat_quarter.note}). */
  public static final String NOTE = "示例数据(虚构):按年度统计与季节比例生成的季度累计数,非实际上报数 (illustrative)";

  /**
   * Share of a year's output in each quarter: a slow first quarter (Spring Festival), the busiest
   * fourth (year-end); roughly the pattern of Zhejiang's industrial output by quarter.
   */
  static final double[] OUTPUT_SHARES = {0.21, 0.25, 0.25, 0.29};

  /** Fixed-asset investment is lumpier and back-loaded: projects start after the first quarter. */
  static final double[] INVESTMENT_SHARES = {0.14, 0.27, 0.26, 0.33};

  /** Each quarter's share varies by up to ± this fraction per enterprise and year. */
  static final double VARIATION = 0.12;

  /** Cumulative figures are rounded to this many decimals (as 万元 are reported: 4 places). */
  static final double ROUND = 1e4;

  private QuarterGenerator() {}

  /** Four cumulative rows (Q1..Q4) per yearly row, in the order given. */
  public static List<QuarterStatistics> generate(List<AnnualStatistics> years, long seed) {
    List<QuarterStatistics> out = new ArrayList<>(years.size() * 4);
    for (AnnualStatistics s : years) {
      SplittableRandom random =
          new SplittableRandom(seed * 31 + s.creditCode().hashCode() * 17L + s.year());
      double[] output = cumulative(OUTPUT_SHARES, random);
      double[] investment = cumulative(INVESTMENT_SHARES, random);
      for (int q = 0; q < 4; q++) {
        out.add(
            new QuarterStatistics(
                q + 1,
                new AnnualStatistics(
                    s.creditCode(),
                    s.year(),
                    part(s.taxWan(), output, q),
                    part(s.valueAddedWan(), output, q),
                    part(s.revenueWan(), output, q),
                    part(s.energyTce(), output, q),
                    part(s.emissionsTonnes(), output, q),
                    part(s.rndWan(), output, q),
                    s.employees(),
                    part(s.electricityWanKwh(), output, q),
                    part(s.investmentWan(), investment, q))));
      }
    }
    return out;
  }

  /** Cumulative shares of the year to the end of each quarter; the last is exactly 1. */
  static double[] cumulative(double[] shares, SplittableRandom random) {
    double[] varied = new double[4];
    double sum = 0;
    for (int q = 0; q < 4; q++) {
      varied[q] = shares[q] * (1 + VARIATION * (2 * random.nextDouble() - 1));
      sum += varied[q];
    }
    double[] out = new double[4];
    double run = 0;
    for (int q = 0; q < 3; q++) {
      run += varied[q] / sum;
      out[q] = run;
    }
    out[3] = 1;
    return out;
  }

  /**
   * The figure cumulative to quarter {@code q} (0-based): the year's exactly in Q4; earlier
   * quarters rounded (rounding keeps the order) and never above the year's.
   */
  static Double part(Double year, double[] cumulative, int q) {
    if (year == null || q == 3) {
      return year;
    }
    return Math.min(year, Math.round(year * cumulative[q] * ROUND) / ROUND);
  }
}
