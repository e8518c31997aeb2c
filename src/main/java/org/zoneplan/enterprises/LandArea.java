package org.zoneplan.enterprises;

import org.zoneplan.geo.AreaUnits;

/**
 * The land an enterprise uses: the ellipsoidal (CGCS2000) area of each of its parcels times its
 * share, summed.
 *
 * @param areaM2 in m²
 * @param parcels how many parcels it uses
 */
public record LandArea(String creditCode, double areaM2, int parcels) {
  /** The same area in 亩 (1 亩 = 10,000 / 15 m²). */
  public double areaMu() {
    return AreaUnits.toMu(areaM2);
  }
}
