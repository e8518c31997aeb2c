package org.zoneplan.reports;

import org.locationtech.jts.geom.Geometry;
import org.zoneplan.tiles.TileStyle;

/**
 * A feature of a report's map.
 *
 * @param geographic its geometry in EPSG:4490, x = longitude
 * @param style drawn as on the PNG tiles
 * @param label Chinese label, or null
 * @param role what it is to the zone of the report (for the legend and label priority)
 */
public record MapFeature(Geometry geographic, TileStyle style, String label, Role role) {
  /** What a feature is to the zone of the report. */
  public enum Role {
    /** The zone itself. */
    SUBJECT,
    /** Another zone of the plan near it. */
    NEIGHBOUR,
    /** One of its ancestors. */
    PARENT,
    /** An administrative division near it. */
    DIVISION
  }
}
