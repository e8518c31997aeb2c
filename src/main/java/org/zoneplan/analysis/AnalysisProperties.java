package org.zoneplan.analysis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.zoneplan.parcels.LandUseScheme;

/**
 * Settings of the spatial analysis, {@code zoneplan.analysis.*}. Every value has a default here, so
 * nothing needs to be set.
 *
 * @param industrialCodes land-use code prefixes that count as industrial land, per scheme; a prefix
 *     matches its subclasses ({@code 1001} matches {@code 100101}). Schemes not given keep their
 *     defaults: GBT21010_2017 and SANDIAO {@code 0601}, YDYH_2023 {@code 1001}. Codes never match
 *     across schemes ({@code 1001} is railway land in GB/T 21010).
 * @param storageCodes prefixes of storage land (仓储), counted only with {@code includeStorage}:
 *     GBT21010_2017 {@code 0604}, SANDIAO {@code 0508}, YDYH_2023 {@code 1101}
 * @param includeStorage whether storage counts as industrial land by default (false); the request
 *     parameter {@code includeStorage} overrides it
 * @param concentrationTarget the target concentration ratio (0.70: 70% of industrial land inside
 *     zones, Hangzhou 2025)
 * @param efficiency per-亩 efficiency class thresholds, see {@link EfficiencyThresholds}
 * @param cityTargets city targets shown beside the indicators
 * @param gapToleranceM gaps between neighbouring zones and overlaps narrower than this are reported
 *     as gaps and slivers, metres in the Gauss-Krüger plane (5)
 * @param minProblemAreaM2 overlaps, gaps and parts outside a parent smaller than this are ignored,
 *     m² (1)
 * @param warmUp build the in-memory parcel index and each plan's default concentration in the
 *     background at start-up (true)
 */
@ConfigurationProperties("zoneplan.analysis")
public record AnalysisProperties(
    Map<LandUseScheme, List<String>> industrialCodes,
    Map<LandUseScheme, List<String>> storageCodes,
    Boolean includeStorage,
    Double concentrationTarget,
    Efficiency efficiency,
    CityTargets cityTargets,
    Double gapToleranceM,
    Double minProblemAreaM2,
    Boolean warmUp) {
  public AnalysisProperties {
    industrialCodes = withDefaults(industrialCodes, LandUseClassifier.DEFAULT_INDUSTRIAL);
    storageCodes = withDefaults(storageCodes, LandUseClassifier.DEFAULT_STORAGE);
    includeStorage = includeStorage != null && includeStorage;
    concentrationTarget = concentrationTarget == null ? 0.70 : concentrationTarget;
    efficiency = efficiency == null ? new Efficiency(null, null, null) : efficiency;
    cityTargets = cityTargets == null ? new CityTargets(null, null, null, null, null) : cityTargets;
    gapToleranceM = gapToleranceM == null ? OverlapFinder.DEFAULT_TOLERANCE_M : gapToleranceM;
    minProblemAreaM2 =
        minProblemAreaM2 == null ? OverlapFinder.DEFAULT_MIN_AREA_M2 : minProblemAreaM2;
    warmUp = warmUp == null || warmUp;
    if (!(concentrationTarget >= 0 && concentrationTarget <= 1)) {
      throw new IllegalArgumentException(
          "zoneplan.analysis.concentration-target must be within 0…1, was " + concentrationTarget);
    }
  }

  /** The defaults, as if nothing were configured. */
  public static AnalysisProperties defaults() {
    return new AnalysisProperties(null, null, null, null, null, null, null, null, null);
  }

  /** Thresholds of tax per 亩 for classes A, B and C, 万元/亩 (defaults 30, 15, 5; below C is D). */
  public record Efficiency(Double taxPerMuA, Double taxPerMuB, Double taxPerMuC) {
    public Efficiency {
      taxPerMuA = taxPerMuA == null ? EfficiencyThresholds.DEFAULT.a() : taxPerMuA;
      taxPerMuB = taxPerMuB == null ? EfficiencyThresholds.DEFAULT.b() : taxPerMuB;
      taxPerMuC = taxPerMuC == null ? EfficiencyThresholds.DEFAULT.c() : taxPerMuC;
    }

    public EfficiencyThresholds thresholds() {
      return new EfficiencyThresholds(taxPerMuA, taxPerMuB, taxPerMuC);
    }
  }

  /**
   * City targets (Hangzhou, 2025), shown beside the indicators; the concentration target is {@link
   * AnalysisProperties#concentrationTarget()}.
   *
   * @param taxPerMuWan average tax per 亩 at least this, 万元/亩 (40)
   * @param valueAddedPerMuWan value added per 亩, 万元/亩 (none by default)
   * @param newScatteredIndustrialMu new scattered industrial land outside zones, 亩 (0)
   * @param inefficientRemediatedMuPerYear inefficient industrial land remediated a year, 亩 (10,000)
   * @param newStandardFactoryM2PerYear new standard factory floor a year, m² (4,000,000)
   */
  public record CityTargets(
      Double taxPerMuWan,
      Double valueAddedPerMuWan,
      Double newScatteredIndustrialMu,
      Double inefficientRemediatedMuPerYear,
      Double newStandardFactoryM2PerYear) {
    public CityTargets {
      taxPerMuWan = taxPerMuWan == null ? 40.0 : taxPerMuWan;
      newScatteredIndustrialMu = newScatteredIndustrialMu == null ? 0.0 : newScatteredIndustrialMu;
      inefficientRemediatedMuPerYear =
          inefficientRemediatedMuPerYear == null ? 10_000.0 : inefficientRemediatedMuPerYear;
      newStandardFactoryM2PerYear =
          newStandardFactoryM2PerYear == null ? 4_000_000.0 : newStandardFactoryM2PerYear;
    }
  }

  public LandUseClassifier classifier() {
    return new LandUseClassifier(industrialCodes, storageCodes);
  }

  public OverlapFinder overlapFinder() {
    return new OverlapFinder(gapToleranceM, minProblemAreaM2);
  }

  private static Map<LandUseScheme, List<String>> withDefaults(
      Map<LandUseScheme, List<String>> given, Map<LandUseScheme, List<String>> defaults) {
    Map<LandUseScheme, List<String>> out = new EnumMap<>(LandUseScheme.class);
    out.putAll(defaults);
    if (given != null) {
      given.forEach((scheme, prefixes) -> out.put(scheme, prefixes == null ? List.of() : prefixes));
    }
    return Map.copyOf(out);
  }
}
