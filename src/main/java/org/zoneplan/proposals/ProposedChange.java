package org.zoneplan.proposals;

import org.zoneplan.zones.ZoneDraft;

/**
 * One zone change of a proposal.
 *
 * @param operation CREATE, UPDATE or DELETE
 * @param baseVersion the zone version the change was drafted against (UPDATE, DELETE); approval
 *     refuses when the zone has changed since
 * @param draft the zone after the change; null for DELETE
 */
public record ProposedChange(
    int seq, Operation operation, String code, Integer baseVersion, ZoneDraft draft) {
  public enum Operation {
    CREATE,
    UPDATE,
    DELETE
  }
}
