/**
 * Zones in plan versions: the zone tree, checked writes with versions and ETags (a conditional
 * update per write), append-only history with restore and diff, plan versions and their copies and
 * deletion, measurement. Owns {@code plan_version}, {@code zone}, {@code zone_history}.
 */
package org.zoneplan.zones;
