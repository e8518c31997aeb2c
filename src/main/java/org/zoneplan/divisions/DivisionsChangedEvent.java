package org.zoneplan.divisions;

import org.locationtech.jts.geom.Envelope;

/**
 * Published (as a Spring application event) after a division's row changed: by {@link
 * DivisionService} for this process's writes (imports, sample data), and from the store's change
 * log ({@code replicas.ChangeFeed}, PostGIS) for a division edited in the database or by another
 * process, so that either reaches the division tiles, the tiles of users limited by jurisdiction,
 * and the analysis.
 *
 * @param code the division
 * @param oldExtent bounding box of the outline before (EPSG:4490), or null for none
 * @param newExtent bounding box after, or null for none (deleted, or no outline)
 */
public record DivisionsChangedEvent(String code, Envelope oldExtent, Envelope newExtent) {}
