package org.zoneplan.enterprises;

import java.util.HashMap;
import java.util.Map;

/**
 * The land of a year summed link by link: each link's parcel area (stored ellipsoidal, m²) times
 * its share, added per enterprise. The one definition of "land of the year", fed by {@link
 * EnterpriseRepository#forEachLandUse} both in {@link EnterpriseRepository#landAreas} and in the 亩均
 * evaluation (which sums the link rows it reads anyway instead of reading them twice).
 */
public final class LandSums {
  /** Mutable per enterprise, so that adding boxes no double. */
  private static final class Sum {
    double areaM2;
    int parcels;
  }

  private final Map<String, Sum> byCode = new HashMap<>();

  /** Adds one link: {@code parcelAreaM2} is the whole parcel's area, {@code share} in (0, 1]. */
  public void add(String creditCode, double parcelAreaM2, double share) {
    Sum s = byCode.get(creditCode);
    if (s == null) {
      s = new Sum();
      byCode.put(creditCode, s);
    }
    s.areaM2 += parcelAreaM2 * share;
    s.parcels++;
  }

  /** The enterprise's land, m² (0 when it has no link added). */
  public double areaM2(String creditCode) {
    Sum s = byCode.get(creditCode);
    return s == null ? 0 : s.areaM2;
  }

  /** The enterprise's land and parcel count, or null when it has no link added. */
  public LandArea get(String creditCode) {
    Sum s = byCode.get(creditCode);
    return s == null ? null : new LandArea(creditCode, s.areaM2, s.parcels);
  }
}
