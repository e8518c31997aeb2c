package org.zoneplan.analysis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.zoneplan.parcels.LandUseScheme;

/**
 * Decides which land-use codes count as industrial land, per classification scheme: a code counts
 * when it starts with one of the scheme's configured prefixes, so {@code 1001} also matches {@code
 * 100101}–{@code 100103}. Prefixes never match across schemes: {@code 1001} is industrial land in
 * the 2023 classes but railway land in GB/T 21010, and a parcel is only ever compared with the
 * prefixes of the scheme it was recorded in. Storage (仓储) is a separate set of prefixes that a
 * switch adds. Immutable and thread-safe.
 */
public final class LandUseClassifier {
  /** What a land-use code is, for the concentration ratio. */
  public enum Use {
    INDUSTRIAL,
    STORAGE,
    OTHER
  }

  /** GB/T 21010 and 三调: 0601 工业用地; the 2023 classes: 1001 工业用地 (and 100101…). */
  public static final Map<LandUseScheme, List<String>> DEFAULT_INDUSTRIAL =
      Map.of(
          LandUseScheme.GBT21010_2017, List.of("0601"),
          LandUseScheme.SANDIAO, List.of("0601"),
          LandUseScheme.YDYH_2023, List.of("1001"));

  /** GB/T 21010: 0604 仓储用地; 三调: 0508 物流仓储用地; the 2023 classes: 1101 物流仓储用地. */
  public static final Map<LandUseScheme, List<String>> DEFAULT_STORAGE =
      Map.of(
          LandUseScheme.GBT21010_2017, List.of("0604"),
          LandUseScheme.SANDIAO, List.of("0508"),
          LandUseScheme.YDYH_2023, List.of("1101"));

  private final Map<LandUseScheme, List<String>> industrial;
  private final Map<LandUseScheme, List<String>> storage;

  /**
   * @param industrial prefixes of industrial codes per scheme (a scheme missing: none count)
   * @param storage prefixes of storage codes per scheme, counted only when asked to
   */
  public LandUseClassifier(
      Map<LandUseScheme, List<String>> industrial, Map<LandUseScheme, List<String>> storage) {
    this.industrial = copy(industrial);
    this.storage = copy(storage);
  }

  public static LandUseClassifier defaults() {
    return new LandUseClassifier(DEFAULT_INDUSTRIAL, DEFAULT_STORAGE);
  }

  public Use classify(LandUseScheme scheme, String code) {
    if (scheme == null || code == null) {
      return Use.OTHER;
    }
    String c = code.strip();
    if (matches(industrial.get(scheme), c)) {
      return Use.INDUSTRIAL;
    }
    if (matches(storage.get(scheme), c)) {
      return Use.STORAGE;
    }
    return Use.OTHER;
  }

  /** Whether land with this code counts as industrial land for the concentration ratio. */
  public boolean counts(LandUseScheme scheme, String code, boolean includeStorage) {
    Use use = classify(scheme, code);
    return use == Use.INDUSTRIAL || (includeStorage && use == Use.STORAGE);
  }

  /** The prefixes that count, per scheme, as reported with every result. */
  public Map<LandUseScheme, List<String>> countedPrefixes(boolean includeStorage) {
    Map<LandUseScheme, List<String>> out = new EnumMap<>(LandUseScheme.class);
    for (LandUseScheme scheme : LandUseScheme.values()) {
      List<String> prefixes = new java.util.ArrayList<>(industrial.getOrDefault(scheme, List.of()));
      if (includeStorage) {
        prefixes.addAll(storage.getOrDefault(scheme, List.of()));
      }
      out.put(scheme, List.copyOf(prefixes));
    }
    return out;
  }

  private static boolean matches(List<String> prefixes, String code) {
    if (prefixes == null) {
      return false;
    }
    for (String prefix : prefixes) {
      if (code.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static Map<LandUseScheme, List<String>> copy(Map<LandUseScheme, List<String>> in) {
    Map<LandUseScheme, List<String>> out = new EnumMap<>(LandUseScheme.class);
    if (in != null) {
      in.forEach(
          (scheme, prefixes) ->
              out.put(
                  scheme,
                  prefixes == null
                      ? List.of()
                      : prefixes.stream().map(String::strip).filter(p -> !p.isEmpty()).toList()));
    }
    return out;
  }
}
