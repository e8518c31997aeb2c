package org.zoneplan.zones;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.geo.AreaFigures;

/**
 * A zone in the plan's hierarchy.
 *
 * @param rolledUp area of the union of the zone's own geometry and all its descendants'
 * @param rolledUpGeometry that union, EPSG:4490
 */
public record ZoneNode(
    Zone zone, AreaFigures rolledUp, Geometry rolledUpGeometry, List<ZoneNode> children) {}
