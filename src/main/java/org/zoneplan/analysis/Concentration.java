package org.zoneplan.analysis;

import java.util.Map;

/**
 * The industrial-land concentration of a plan version in a division.
 *
 * @param industrialInsideM2 industrial land inside the division and inside the union of all the
 *     plan's zones (land covered by several zones counts once), ellipsoidal m²
 * @param industrialTotalM2 industrial land inside the division, ellipsoidal m²
 * @param zoneIndustrialM2 per zone code, industrial land inside the zone and the division; zones
 *     overlap (a parent contains its parts), so these do not add up to {@code industrialInsideM2}
 * @param parcelsCounted industrial parcels with land inside the division
 */
public record Concentration(
    double industrialInsideM2,
    double industrialTotalM2,
    Map<String, Double> zoneIndustrialM2,
    int parcelsCounted) {
  /** inside ÷ total, or NaN when the division has no industrial land. */
  public double ratio() {
    return industrialTotalM2 > 0 ? industrialInsideM2 / industrialTotalM2 : Double.NaN;
  }
}
