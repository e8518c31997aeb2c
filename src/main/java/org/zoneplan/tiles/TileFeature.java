package org.zoneplan.tiles;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature to draw or encode in a tile.
 *
 * @param id MVT feature id, or −1 for none
 * @param geometry Polygon or MultiPolygon in EPSG:4490, x = longitude
 * @param attributes MVT attributes (String, Number or Boolean; null values left out)
 * @param style how the PNG renderer draws it
 * @param label text of the feature's PNG label, or null for none
 */
public record TileFeature(
    long id, Geometry geometry, Map<String, Object> attributes, TileStyle style, String label) {}
