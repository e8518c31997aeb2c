package org.zoneplan.parcels;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * A land parcel (地块). Who uses it, and their figures, are in the enterprises package ({@code
 * enterprise_land}, {@code enterprise_stat}); a parcel's land users are read with {@link
 * ParcelRepository#landUsers}.
 *
 * @param id store id (0 before it is stored)
 * @param scheme the classification {@code landUseCode} belongs to
 * @param landUseCode e.g. {@code 0601} (工业用地) in GB/T 21010 and 三调, {@code 100101} in the 2023
 *     classes
 * @param geometry MultiPolygon in EPSG:4490, x = longitude
 * @param areaM2 ellipsoidal area of {@code geometry}, m²
 */
public record Parcel(
    long id, LandUseScheme scheme, String landUseCode, MultiPolygon geometry, double areaM2) {
  public Parcel withId(long newId) {
    return new Parcel(newId, scheme, landUseCode, geometry, areaM2);
  }
}
