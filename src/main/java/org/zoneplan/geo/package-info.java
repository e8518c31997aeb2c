/**
 * Geometry and geodesy, free of Spring: CGCS2000 (EPSG:4490, x = longitude), ellipsoidal areas
 * (GeographicLib), Gauss-Krüger zones (proj4j), area units (m², ha, 亩), GeoJSON reading with
 * precise problems, validation and repair, Web Mercator, geometry limits.
 */
package org.zoneplan.geo;
