/**
 * Land parcels: land use in three schemes (code tables in {@code resources/landuse}), credit-code
 * checks (GB 32100), land-supply records (供地), writes through {@link
 * org.zoneplan.parcels.ParcelService} with a change event. Owns {@code parcel} and {@code
 * parcel_supply}.
 */
package org.zoneplan.parcels;
