/**
 * Administrative divisions (city, county/district, town): outlines with their repair notes and
 * ellipsoidal areas, and the read API. Owns the {@code division} table.
 */
package org.zoneplan.divisions;
