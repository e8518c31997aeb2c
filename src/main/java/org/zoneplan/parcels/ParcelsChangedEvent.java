package org.zoneplan.parcels;

import org.locationtech.jts.geom.Envelope;

/**
 * Published (as a Spring application event) after parcels were written: created, replaced, deleted
 * or imported. Caches of parcel data (analysis snapshots, map tiles) listen for it.
 *
 * @param extent the union of the old and new bounding boxes of what changed (EPSG:4490), or null
 *     when everything may have changed
 */
public record ParcelsChangedEvent(Envelope extent) {}
