package org.zoneplan.geo;

import org.locationtech.jts.geom.Geometry;

/**
 * The area of a geometry in EPSG:4490 as the land bureau reports it: ellipsoidal on the CGCS2000
 * ellipsoid in m², km², ha and 亩, plus the planar area in the 3-degree Gauss-Krüger zone picked
 * from the geometry's longitude.
 *
 * @param squareMetres ellipsoidal area, m²
 * @param planarSquareMetres planar area in zone {@code gkEpsg}, m²
 * @param gkEpsg EPSG code of the Gauss-Krüger zone (4534–4554 series, false easting 500000)
 */
public record AreaFigures(double squareMetres, double planarSquareMetres, int gkEpsg) {
  public static AreaFigures of(Geometry geographic) {
    GaussKruger zone = GaussKruger.forGeometry(geographic);
    return new AreaFigures(
        EllipsoidalArea.squareMetres(geographic), zone.planarArea(geographic), zone.epsg());
  }

  public double km2() {
    return AreaUnits.toKm2(squareMetres);
  }

  public double hectares() {
    return AreaUnits.toHectares(squareMetres);
  }

  public double mu() {
    return AreaUnits.toMu(squareMetres);
  }
}
