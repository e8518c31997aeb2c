package org.zoneplan.proposals;

import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A planner's boundary change of one or more zones of a plan version, with its reason, and an
 * approver's decision.
 *
 * @param targetMode APPLY (to {@code planId}) or NEW_VERSION (a new plan version {@code newPlanId}
 *     copied from {@code planId}, then changed)
 * @param effectSubmitted the what-if effect frozen at submission
 * @param effectDecided the effect recomputed at the decision
 */
public record Proposal(
    long id,
    String planId,
    String title,
    String reason,
    ProposalStatus status,
    TargetMode targetMode,
    String newPlanId,
    String newPlanName,
    String createdBy,
    OffsetDateTime createdAt,
    OffsetDateTime submittedAt,
    String decidedBy,
    OffsetDateTime decidedAt,
    String decisionComment,
    JsonNode effectSubmitted,
    JsonNode effectDecided,
    List<ProposedChange> changes) {
  public enum TargetMode {
    APPLY,
    NEW_VERSION
  }

  /** A new draft as a client sends it: nothing yet of who, when, decisions or effects. */
  public static Proposal draft(
      String planId,
      String title,
      String reason,
      TargetMode mode,
      String newPlanId,
      String newPlanName,
      List<ProposedChange> changes) {
    return new Proposal(
        0,
        planId,
        title,
        reason,
        ProposalStatus.DRAFT,
        mode,
        newPlanId,
        newPlanName,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        changes);
  }
}
