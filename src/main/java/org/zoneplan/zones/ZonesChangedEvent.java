package org.zoneplan.zones;

import org.locationtech.jts.geom.Envelope;

/**
 * Published (as a Spring application event) after a zone of a plan version was created, replaced or
 * deleted, once the transaction committed. Caches (map tiles, analysis) listen for it.
 *
 * @param planId the plan version
 * @param code the zone
 * @param oldExtent bounding box of the geometry before (EPSG:4490), or null for a new zone
 * @param newExtent bounding box after, or null for a deleted zone
 */
public record ZonesChangedEvent(
    String planId, String code, Envelope oldExtent, Envelope newExtent) {}
