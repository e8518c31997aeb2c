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

  /** This draft as stored: created by {@code by} at {@code at}, title and reason stripped. */
  public Proposal created(String by, OffsetDateTime at) {
    return draft(
        planId, title.strip(), reason.strip(), targetMode, newPlanId, newPlanName, changes, by, at);
  }

  /**
   * A new draft: as a client sends it ({@code by} and {@code at} null), or as stored. Nothing yet
   * of submission, decisions or effects.
   */
  public static Proposal draft(
      String planId,
      String title,
      String reason,
      TargetMode mode,
      String newPlanId,
      String newPlanName,
      List<ProposedChange> changes,
      String by,
      OffsetDateTime at) {
    return new Proposal(
        0,
        planId,
        title,
        reason,
        ProposalStatus.DRAFT,
        mode,
        newPlanId,
        newPlanName,
        by,
        at,
        null,
        null,
        null,
        null,
        null,
        null,
        changes);
  }
}
