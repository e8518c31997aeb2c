package org.zoneplan.codecs.gis;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature of an exported layer.
 *
 * @param id the feature's identifier (zone code, parcel id, division code)
 * @param values one per {@link ExportField} of the source, in order: {@code String}, {@code Long},
 *     {@code Double} or null
 * @param geometry polygonal (or a point, for a {@link FeatureSource#POINT} layer), EPSG:4490 (x =
 *     longitude); writers reproject it
 */
public record ExportFeature(String id, Object[] values, Geometry geometry) {}
