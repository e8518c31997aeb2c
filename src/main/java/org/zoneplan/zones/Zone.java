package org.zoneplan.zones;

import java.util.Map;
import org.locationtech.jts.geom.MultiPolygon;
import org.zoneplan.geo.AreaFigures;

/**
 * A zone of one plan version.
 *
 * @param code unique within the plan version
 * @param name Chinese name
 * @param parentCode code of the parent zone in the same version, or null for a root
 * @param managedBy managing body (管委会, a town), or null
 * @param attributes free attributes (leading industries, notes), JSON-compatible values
 * @param geometry MultiPolygon in EPSG:4490, x = longitude
 * @param area areas of {@code geometry} (its own, not rolled up)
 */
public record Zone(
    String planId,
    String code,
    String name,
    ZoneKind kind,
    String parentCode,
    String managedBy,
    Map<String, Object> attributes,
    MultiPolygon geometry,
    AreaFigures area) {}
