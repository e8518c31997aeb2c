package org.zoneplan.parcels;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * A land parcel (地块).
 *
 * @param id store id (0 before it is stored)
 * @param scheme the classification {@code landUseCode} belongs to
 * @param landUseCode e.g. {@code 0601} (工业用地) in GB/T 21010 and 三调, {@code 100101} in the 2023
 *     classes
 * @param enterpriseName enterprise using the parcel, or null
 * @param creditCode the enterprise's unified social credit code (统一社会信用代码), or null
 * @param taxWan tax paid, 万元 a year, or null
 * @param valueAddedWan value added, 万元 a year, or null
 * @param employees or null
 * @param geometry MultiPolygon in EPSG:4490, x = longitude
 * @param areaM2 ellipsoidal area of {@code geometry}, m²
 */
public record Parcel(
    long id,
    LandUseScheme scheme,
    String landUseCode,
    String enterpriseName,
    String creditCode,
    Double taxWan,
    Double valueAddedWan,
    Integer employees,
    MultiPolygon geometry,
    double areaM2) {
  public Parcel withId(long newId) {
    return new Parcel(
        newId,
        scheme,
        landUseCode,
        enterpriseName,
        creditCode,
        taxWan,
        valueAddedWan,
        employees,
        geometry,
        areaM2);
  }
}
