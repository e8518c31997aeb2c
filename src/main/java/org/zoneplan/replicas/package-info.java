/**
 * Several zoneplan processes on one PostGIS database: what one process, or any other client of the
 * database, changes reaches the caches of every process (map tiles, analysis, indicators,
 * evaluation, cached sign-ins and page sessions) through PostgreSQL itself.
 *
 * <p>Triggers (migration {@code postgresql/V17}) record every change of the zone, parcel and
 * division tables with the old and new bounding boxes, and every write of the tables results are
 * made from, in {@code change_log}, and {@code NOTIFY zoneplan_changes}. {@link ChangeFeed} LISTENs
 * on a connection of its own, reads the rows committed since it last read and turns them into the
 * same application events the process's own writes publish ({@link ChangeBatch}). See {@code
 * docs/replicas.md}.
 */
package org.zoneplan.replicas;
