package org.zoneplan.divisions;

import org.locationtech.jts.geom.MultiPolygon;
import org.zoneplan.geo.AreaFigures;

/**
 * An administrative division (行政区划) with its official code.
 *
 * @param code official division code (6 digits for a county, 9 for a town)
 * @param level COUNTY or TOWN
 * @param parentCode code of the enclosing division, or null
 * @param geometry MultiPolygon in EPSG:4490, or null where no outline is held
 * @param area areas of {@code geometry}, or null without geometry
 * @param repairNote what was repaired when the outline was imported, or null
 */
public record Division(
    String code,
    String name,
    String level,
    String parentCode,
    MultiPolygon geometry,
    AreaFigures area,
    String repairNote) {}
