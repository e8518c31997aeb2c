package org.zoneplan.proposals;

/** DRAFT → SUBMITTED → APPROVED or REJECTED; nothing else. */
public enum ProposalStatus {
  DRAFT,
  SUBMITTED,
  APPROVED,
  REJECTED
}
