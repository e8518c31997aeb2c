package org.zoneplan.zones;

import java.time.OffsetDateTime;

/**
 * One state a zone has had: the state after a change.
 *
 * @param operation CREATE, UPDATE, DELETE or RESTORE
 * @param zone the zone as it was after the change; null for a DELETE
 * @param proposalId the proposal the change came through, or null
 */
public record ZoneHistoryEntry(
    String planId,
    String code,
    int version,
    String operation,
    Zone zone,
    String changedBy,
    OffsetDateTime changedAt,
    String reason,
    Long proposalId) {}
