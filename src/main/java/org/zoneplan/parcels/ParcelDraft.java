package org.zoneplan.parcels;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * A parcel as a client sends it, read but not yet checked: {@link ParcelService} checks the code
 * and the geometry and computes the area. Fields as in {@link Parcel}.
 */
public record ParcelDraft(LandUseScheme scheme, String landUseCode, MultiPolygon geometry) {}
