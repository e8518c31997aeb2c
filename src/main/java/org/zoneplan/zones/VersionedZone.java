package org.zoneplan.zones;

/**
 * A zone as stored and its version (its ETag), read together.
 *
 * @param version the version the zone's row holds, as in {@code zone_history}
 */
public record VersionedZone(Zone zone, int version) {}
