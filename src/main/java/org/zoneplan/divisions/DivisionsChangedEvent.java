package org.zoneplan.divisions;

import org.locationtech.jts.geom.Envelope;

/**
 * Published (as a Spring application event) after a division's row changed. zoneplan itself writes
 * divisions only when loading sample data or importing them; the event comes from the store's
 * change log ({@code replicas.ChangeFeed}, PostGIS), so that a division edited in the database or
 * by another process reaches the division tiles and the analysis.
 *
 * @param code the division
 * @param oldExtent bounding box of the outline before (EPSG:4490), or null for none
 * @param newExtent bounding box after, or null for none (deleted, or no outline)
 */
public record DivisionsChangedEvent(String code, Envelope oldExtent, Envelope newExtent) {}
