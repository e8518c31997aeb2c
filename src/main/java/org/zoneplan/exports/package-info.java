/**
 * Export of the layers as files: {@link org.zoneplan.exports.ExportController} and the command line
 * call {@link org.zoneplan.exports.ExportService}, which streams an {@link
 * org.zoneplan.exports.ExportLayer} bean's features (zones, parcels, divisions, overlaps, scattered
 * land, and others' layers such as boundary points) to a {@code codecs.gis} writer, zipped where
 * the format has several files.
 */
package org.zoneplan.exports;
