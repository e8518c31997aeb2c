package org.zoneplan.parcels;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * A parcel as a client sends it, read but not yet checked: {@link ParcelService} checks the codes
 * and figures and computes the area. Fields as in {@link Parcel}.
 */
public record ParcelDraft(
    LandUseScheme scheme,
    String landUseCode,
    String enterpriseName,
    String creditCode,
    Double taxWan,
    Double valueAddedWan,
    Integer employees,
    MultiPolygon geometry) {}
