package org.zoneplan.system;

import org.zoneplan.geo.AreaFigures;

/** Area figures as the API shows them: ellipsoidal m², km², ha, 亩, and the planar GK area. */
public record AreaJson(
    double areaM2, double areaKm2, double areaHa, double areaMu, double planarAreaM2, int gkEpsg) {
  public static AreaJson of(AreaFigures figures) {
    return new AreaJson(
        figures.squareMetres(),
        figures.km2(),
        figures.hectares(),
        figures.mu(),
        figures.planarSquareMetres(),
        figures.gkEpsg());
  }
}
