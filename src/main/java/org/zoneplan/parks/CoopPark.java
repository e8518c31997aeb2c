package org.zoneplan.parks;

import java.time.OffsetDateTime;
import java.util.List;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * A cooperation park (特别合作园): promoted by one body, lying in one or more host districts.
 *
 * @param id short key, e.g. {@code binfu}
 * @param name Chinese name as published, e.g. 滨富特别合作区
 * @param promoterName the promoting body, e.g. 高新区(滨江)
 * @param promoterCode the promoter's division code, e.g. 330108
 * @param hostCodes the host districts' division codes, in the order given
 * @param planId with {@code zoneCode}: the boundary is that zone of that plan; else null
 * @param geometry the park's own boundary (EPSG:4490, lon/lat) when it is not a zone; else null
 * @param illustrative the boundary is made up for the map (示意), not surveyed or published
 * @param boundaryNote how the boundary was drawn, or null
 * @param source the document the figures come from, or null
 */
public record CoopPark(
    String id,
    String name,
    String nameEn,
    String promoterName,
    String promoterCode,
    List<String> hostCodes,
    String planId,
    String zoneCode,
    MultiPolygon geometry,
    boolean illustrative,
    String boundaryNote,
    SharingRule sharingRule,
    List<ParkFigure> figures,
    String source,
    String updatedBy,
    OffsetDateTime updatedAt) {}
