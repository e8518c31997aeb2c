package org.zoneplan.proposals;

/**
 * DRAFT → SUBMITTED → APPROVED or REJECTED; a draft or a submitted proposal may be WITHDRAWN by its
 * author (or an ADMIN). Nothing else.
 */
public enum ProposalStatus {
  DRAFT,
  SUBMITTED,
  APPROVED,
  REJECTED,
  WITHDRAWN
}
