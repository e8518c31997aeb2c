package org.zoneplan.sample;

import static org.zoneplan.sample.EnterpriseGenerator.FIRST_YEAR;
import static org.zoneplan.sample.EnterpriseGenerator.LAST_YEAR;
import static org.zoneplan.sample.EnterpriseGenerator.SIZE_THRESHOLD_WAN;
import static org.zoneplan.sample.EnterpriseGenerator.round;

import java.util.ArrayList;
import java.util.List;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.SizeClass;
import org.zoneplan.sample.EnterpriseGenerator.Firm;
import org.zoneplan.sample.PujiangIndustries.Part;

/**
 * The annual statistics of one sample firm of {@link EnterpriseGenerator}, {@value
 * EnterpriseGenerator#FIRST_YEAR}–{@value EnterpriseGenerator#LAST_YEAR}: a steady tax per 亩
 * (lognormal, higher in the plan's leading industries, a tail of inefficient firms), the other
 * figures from it by typical ratios of the firm's industry, a trend per firm with yearly noise, the
 * years of building and of starting up, and the gaps officials' tables have (emissions unknown for
 * one firm in six). <b>Invented</b>: plausible, not any firm's figures. Deterministic: each figure
 * is a hash of the seed, a salt of its own and the firm ({@link HashRandom}).
 */
final class FirmStatistics {
  // Salts: one independent random stream per purpose (the generator's other salts are its own).
  private static final int S_TAX = 113;
  private static final int S_INEFFICIENT = 114;
  private static final int S_TREND = 115;
  private static final int S_NOISE = 116;
  private static final int S_RATIO = 117;
  private static final int S_ENERGY = 118;
  private static final int S_EMISSIONS = 119;
  private static final int S_RND = 120;
  private static final int S_WORKERS = 121;
  private static final int S_INVEST = 122;
  private static final int S_MISSING = 127;
  private static final int S_ELECTRICITY = 128;

  private FirmStatistics() {}

  /** Energy (tce per 万元 of revenue) and emissions (t per tce) by GB/T 4754 大类, typical. */
  private static double[] intensity(String code) {
    return switch (code.substring(0, 2)) {
      case "30" -> new double[] {0.12, 0.010}; // glass, crystal: furnaces
      case "17" -> new double[] {0.08, 0.012}; // textiles, dyeing
      case "18" -> new double[] {0.02, 0.004};
      case "24" -> new double[] {0.05, 0.006};
      case "26", "27", "29" -> new double[] {0.06, 0.010};
      case "44" -> new double[] {0.60, 0.006}; // power and heat
      case "45" -> new double[] {0.03, 0.002};
      case "46" -> new double[] {0.10, 0.030}; // sewage: COD, NH3-N
      case "59", "72" -> new double[] {0.01, 0.001};
      default -> new double[] {0.03, 0.005}; // metal products, machinery, electronics
    };
  }

  /** Median R&amp;D ÷ revenue by class: technology classes spend more. */
  private static double rndRate(String code) {
    return switch (code.substring(0, 2)) {
      case "38", "39", "27", "35" -> 0.035;
      case "34", "26" -> 0.025;
      case "44", "45", "46", "59", "72" -> 0.002;
      default -> 0.012;
    };
  }

  static List<AnnualStatistics> of(long seed, Firm firm) {
    int k = firm.key;
    String code = firm.industry.code();
    boolean storage = code.startsWith("59") || code.equals("7224");
    // Steady tax per 亩 in the last year, as in ParcelGenerator: lognormal, a tail near zero.
    double taxPerMu;
    if (!firm.utility && !firm.park && HashRandom.uniform(seed, S_INEFFICIENT, k, 0) < 0.07) {
      taxPerMu = HashRandom.uniform(seed, S_INEFFICIENT, k, 1);
    } else {
      double median =
          firm.part == Part.OUTSIDE
              ? ParcelGenerator.MEDIAN_TAX_OUTSIDE_WAN_PER_MU
              : ParcelGenerator.MEDIAN_TAX_INSIDE_WAN_PER_MU;
      double sigma = firm.part == Part.OUTSIDE ? 0.95 : 0.8;
      taxPerMu = median * StrictMath.exp(sigma * HashRandom.gaussian(seed, S_TAX, k, 0));
    }
    if (storage) {
      taxPerMu *= 0.5;
    }
    if (firm.park) {
      taxPerMu =
          2
              + 3
                  * HashRandom.uniform(
                      seed, S_TAX, k, 1); // rent of the whole park on its own small share
    }
    if (isLeading(firm)) {
      taxPerMu *= 1.3; // the plan's leading industries: larger, more productive firms
    }
    double steadyTax = taxPerMu * firm.landMu;
    double valueAddedRatio = 3 + 3 * HashRandom.uniform(seed, S_RATIO, k, 0);
    double valueAddedRate = 0.18 + 0.14 * HashRandom.uniform(seed, S_RATIO, k, 1);
    double[] intensity = intensity(code);
    double energyPerRevenue =
        intensity[0] * StrictMath.exp(0.35 * HashRandom.gaussian(seed, S_ENERGY, k, 0));
    double emissionsPerEnergy =
        intensity[1] * StrictMath.exp(0.5 * HashRandom.gaussian(seed, S_EMISSIONS, k, 0));
    double electricityShare = 0.45 + 0.45 * HashRandom.uniform(seed, S_ELECTRICITY, k, 0);
    double workersPerMu =
        (storage ? 2 : 6) * StrictMath.exp(0.5 * HashRandom.gaussian(seed, S_WORKERS, k, 0));
    boolean declining = HashRandom.uniform(seed, S_TREND, k, 0) < 0.125;
    double trend =
        declining
            ? -0.03 - 0.12 * HashRandom.uniform(seed, S_TREND, k, 1)
            : 0.07 + 0.04 * HashRandom.gaussian(seed, S_TREND, k, 2);
    double rnd =
        Math.min(
            0.12, rndRate(code) * StrictMath.exp(0.5 * HashRandom.gaussian(seed, S_RND, k, 0)));
    boolean noRnd = HashRandom.uniform(seed, S_RND, k, 1) < 0.25;
    double investmentRate = 0.02 + 0.06 * HashRandom.uniform(seed, S_INVEST, k, 0);
    // Emissions unknown: one firm in six reports none.
    boolean emissionsUnknown = HashRandom.uniform(seed, S_MISSING, k, 0) < 1.0 / 6;

    int first = Math.max(FIRST_YEAR, firm.founded);
    int last = firm.closed == null ? LAST_YEAR : Math.min(LAST_YEAR, firm.closed);
    // Levels by year, from the last year back: level(LAST) = 1.
    double[] level = new double[LAST_YEAR - FIRST_YEAR + 1];
    level[level.length - 1] = 1;
    for (int y = LAST_YEAR; y > FIRST_YEAR; y--) {
      double growth =
          Math.max(-0.3, Math.min(0.35, trend + 0.05 * HashRandom.gaussian(seed, S_NOISE, k, y)));
      level[y - 1 - FIRST_YEAR] = level[y - FIRST_YEAR] / (1 + growth);
    }
    List<AnnualStatistics> rows = new ArrayList<>();
    for (int y = first; y <= last; y++) {
      double ramp = 1;
      if (y < firm.operatingFrom) {
        ramp = 0; // building, or idle land
      } else if (y == firm.operatingFrom && firm.operatingFrom >= FIRST_YEAR - 1) {
        ramp = 0.3;
      } else if (y == firm.operatingFrom + 1 && firm.operatingFrom >= FIRST_YEAR - 1) {
        ramp = 0.7;
      }
      double l = level[y - FIRST_YEAR] * ramp;
      double tax = steadyTax * l;
      double employees = Math.max(1, workersPerMu * firm.landMu * (0.6 + 0.4 * l));
      if (ramp == 0) {
        tax =
            firm.idleOnly
                ? 0
                : 0.2 * firm.landMu * HashRandom.uniform(seed, S_NOISE, k, 100 + y); // 印花税, 土地税
        employees = 2 + 10 * HashRandom.uniform(seed, S_WORKERS, k, y);
      }
      double valueAdded = tax * valueAddedRatio;
      double revenue = valueAdded / valueAddedRate;
      double energy = revenue * energyPerRevenue;
      double electricity = energy * electricityShare / 1.229; // 1 万kWh = 1.229 tce (当量值)
      Double emissions =
          emissionsUnknown || HashRandom.uniform(seed, S_MISSING, k, y) < 0.02
              ? null
              : round(energy * emissionsPerEnergy, 3);
      double rndWan = noRnd ? 0 : revenue * rnd;
      double investment;
      if (y >= firm.constructionFrom && y < firm.operatingFrom && !firm.idleOnly) {
        investment =
            (200 + 200 * HashRandom.uniform(seed, S_INVEST, k, 1)) * firm.constructionMu / 2;
      } else if (firm.constructionMu > 0
          && firm.operatingFrom <= y
          && y <= firm.operatingFrom + 1
          && firm.operatingFrom >= FIRST_YEAR) {
        investment =
            (80 + 80 * HashRandom.uniform(seed, S_INVEST, k, 2))
                * firm.constructionMu
                / 2; // fitting out
      } else {
        boolean expansion = HashRandom.uniform(seed, S_INVEST, k, 10 + y) < 0.1;
        investment =
            revenue
                * investmentRate
                * (expansion ? 4 : 1)
                * (0.7 + 0.6 * HashRandom.uniform(seed, S_INVEST, k, 20 + y));
      }
      rows.add(
          new AnnualStatistics(
              firm.code,
              y,
              round(tax, 2),
              round(valueAdded, 2),
              round(revenue, 2),
              round(energy, 2),
              emissions,
              round(rndWan, 2),
              (int) Math.round(employees),
              round(electricity, 2),
              round(investment, 2)));
    }
    return rows;
  }

  private static boolean isLeading(Firm firm) {
    return switch (firm.part) {
      case CORE -> List.of("3825", "3975", "3491", "3049", "2439").contains(firm.industry.code());
      case HUANGZHAI -> List.of("3825", "3975", "3351").contains(firm.industry.code());
      case BAIMA_ZHENGZHAI -> List.of("3976", "3491", "3581").contains(firm.industry.code());
      case ZHENGJIAWU -> List.of("1751", "1761", "1819").contains(firm.industry.code());
      case OUTSIDE -> false;
    };
  }

  /** 规上 when the revenue of the last year reported reaches the threshold. */
  static SizeClass sizeClass(List<AnnualStatistics> rows) {
    if (rows.isEmpty()) {
      return SizeClass.BELOW;
    }
    AnnualStatistics last = rows.get(rows.size() - 1);
    return last.revenueWan() != null && last.revenueWan() >= SIZE_THRESHOLD_WAN
        ? SizeClass.ABOVE
        : SizeClass.BELOW;
  }
}
