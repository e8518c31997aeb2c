/**
 * Feature file codecs, free of Spring: readers of uploads (zipped shapefile with its own DBF and
 * {@code .prj} reading and encoding choice, GeoPackage, GeoJSON) after {@link
 * org.zoneplan.codecs.gis.SafeUnzip}, and streaming writers (shapefile with DBF, GeoPackage,
 * GeoJSON, KML, CSV) over a {@link org.zoneplan.codecs.gis.FeatureSource}; private temporary
 * folders; the one field schema of the exchanged layers ({@link
 * org.zoneplan.codecs.gis.LayerFields}). A file that cannot be read is a {@link
 * org.zoneplan.codecs.gis.GisFileException} (what is wrong and where), never an HTTP status.
 */
package org.zoneplan.codecs.gis;
