package org.zoneplan.evaluation;

/**
 * Published after a rule set was stored (a new version), for caches of evaluation results and the
 * grade tiles.
 *
 * @param id the new rule set's id
 */
public record RuleSetsChangedEvent(long id) {}
