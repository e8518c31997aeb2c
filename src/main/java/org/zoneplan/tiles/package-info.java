/**
 * Map tiles: MVT and PNG (Java2D, CJK labels) for zones, parcels, divisions, grades and the other
 * layers, with a cache invalidated exactly by change events, and TileJSON.
 */
package org.zoneplan.tiles;
