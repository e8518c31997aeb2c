package org.zoneplan.codecs.gis;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.geo.GeometryIssue;

/**
 * A feature as read from an uploaded file.
 *
 * @param number 1-based position in the file, for messages
 * @param attributes by field name as in the file, in file order
 * @param geometry in the file's CRS, or null for a null shape or one that could not be read
 * @param issue why the geometry could not be read (an unclosed ring, ...), or null
 */
public record ImportedFeature(
    int number, Map<String, Object> attributes, Geometry geometry, GeometryIssue issue) {}
