package org.zoneplan.zones;

import java.util.Map;
import org.locationtech.jts.geom.MultiPolygon;

/** What a client sends to create or replace a zone; areas are computed by zoneplan. */
public record ZoneDraft(
    String name,
    ZoneKind kind,
    String parentCode,
    String managedBy,
    Map<String, Object> attributes,
    MultiPolygon geometry) {}
