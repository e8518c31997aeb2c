/**
 * OGC API – Features (Parts 1, 2 and 4) at {@code /ogc}: the store's layers as collections, CRS
 * negotiation, and zone writes with ETags through the zones package's conditional update.
 */
package org.zoneplan.ogcapi;
