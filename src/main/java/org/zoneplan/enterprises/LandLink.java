package org.zoneplan.enterprises;

/**
 * An enterprise's use of a parcel.
 *
 * @param share the part of the parcel it uses, 0 < share ≤ 1; the shares of one parcel add up to at
 *     most 1
 */
public record LandLink(String creditCode, long parcelId, LandRole role, double share) {}
