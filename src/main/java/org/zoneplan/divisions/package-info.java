/**
 * Administrative divisions (city, county/district, town): outlines with their repair notes and
 * ellipsoidal areas, and the read API. Owns the {@code division} table: every write goes through
 * {@link org.zoneplan.divisions.DivisionService}, which publishes {@link
 * org.zoneplan.divisions.DivisionsChangedEvent}.
 */
package org.zoneplan.divisions;
