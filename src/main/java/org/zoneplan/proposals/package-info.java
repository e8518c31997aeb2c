/**
 * Proposals: zone changes drafted by a planner, their effect frozen at submission and recomputed at
 * the decision (estimated before the writing transaction), approved or rejected by an approver,
 * applied as recorded zone changes. Owns {@code proposal} and {@code proposal_change}.
 */
package org.zoneplan.proposals;
