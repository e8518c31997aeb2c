/**
 * The store: one property chooses the embedded H2GIS file database or PostGIS; per-engine Flyway
 * folders; the geometry transfer (WKB) and bounding-box conditions both engines share; the embedded
 * store's single-writer transaction manager.
 */
package org.zoneplan.store;
