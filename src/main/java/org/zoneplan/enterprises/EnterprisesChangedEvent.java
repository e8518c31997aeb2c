package org.zoneplan.enterprises;

/**
 * Published after enterprises, land links, statistics or zone totals changed (for caches of results
 * computed from them).
 */
public record EnterprisesChangedEvent() {}
