/**
 * Data exchange with the land bureau's GIS: file readers and writers (shapefile with DBF,
 * GeoPackage, GeoJSON, KML, CSV, {@code .prj}), safe unzip, import of an upload (read and checked
 * whole, then one transaction) and export of the layers, and the command line.
 */
package org.zoneplan.exchange;
