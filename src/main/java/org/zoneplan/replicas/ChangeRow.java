package org.zoneplan.replicas;

import org.locationtech.jts.geom.Envelope;

/**
 * One row of {@code change_log}.
 *
 * @param table the table written
 * @param op INSERT, UPDATE, DELETE, TRUNCATE, or WRITE (a table-level entry)
 * @param origin the writing zoneplan process's id, or null for any other client
 * @param planId a zone's plan version, else null
 * @param key the row's key (zone code, parcel id, division code, user name), or null
 * @param oldExtent bounding box before (EPSG:4490), or null
 * @param newExtent bounding box after, or null
 */
record ChangeRow(
    String table,
    String op,
    String origin,
    String planId,
    String key,
    Envelope oldExtent,
    Envelope newExtent) {

  /** An envelope from the four columns, or null when they are null. */
  static Envelope envelope(Double minX, Double minY, Double maxX, Double maxY) {
    if (minX == null || minY == null || maxX == null || maxY == null) {
      return null;
    }
    return new Envelope(minX, maxX, minY, maxY);
  }
}
