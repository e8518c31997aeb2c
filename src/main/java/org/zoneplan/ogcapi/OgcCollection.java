package org.zoneplan.ogcapi;

import java.time.LocalDate;
import org.locationtech.jts.geom.Envelope;

/**
 * One collection: a layer, for zones of one plan version ({@code zones-pujiang-2021}).
 *
 * @param extent spatial extent in EPSG:4490 (x = longitude), or null when empty
 * @param date the plan version's date (the temporal extent of zone collections), or null
 */
record OgcCollection(
    String id,
    String title,
    String description,
    Layer layer,
    String planId,
    Envelope extent,
    LocalDate date) {
  enum Layer {
    ZONES,
    PARCELS,
    DIVISIONS
  }

  static final String ZONES_PREFIX = "zones-";

  boolean writable() {
    return layer == Layer.ZONES;
  }
}
