package org.zoneplan.analysis;

import java.util.List;

/**
 * What would change if one zone had another geometry; nothing is saved.
 *
 * @param code the zone
 * @param areaBeforeM2 the zone's ellipsoidal area now
 * @param areaAfterM2 with the proposed geometry
 * @param problemsBefore the zone's overlaps and children/parent problems now
 * @param problemsAfter the same with the proposed geometry
 * @param before the concentration now
 * @param industrialInsideAfterM2 industrial land inside the division and the union of the zones
 *     with the proposed geometry (the division's industrial total does not change)
 * @param zoneIndustrialAfterM2 industrial land inside the division and the proposed geometry
 * @param parcels parcels the zone would gain and lose (interior-point rule, see {@link
 *     ZoneMembership})
 */
public record WhatIf(
    String code,
    double areaBeforeM2,
    double areaAfterM2,
    List<SpatialProblem> problemsBefore,
    List<SpatialProblem> problemsAfter,
    Concentration before,
    double industrialInsideAfterM2,
    double zoneIndustrialAfterM2,
    ZoneMembership.Changes parcels) {
  public double ratioAfter() {
    double total = before.industrialTotalM2();
    return total > 0 ? industrialInsideAfterM2 / total : Double.NaN;
  }

  public double zoneIndustrialBeforeM2() {
    return before.zoneIndustrialM2().getOrDefault(code, 0.0);
  }
}
