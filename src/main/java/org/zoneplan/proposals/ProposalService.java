package org.zoneplan.proposals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.ZoneAttributes;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.JsonNode;

/**
 * Proposals from draft to decision. Approval applies every change in one transaction, each a
 * recorded zone change carrying the proposal's id and reason; it is refused when a zone changed
 * since the proposal was drafted.
 */
@Service
public class ProposalService {
  /**
   * DEBUG only: every 50th change an approval writes inside its transaction, which the SIGKILL test
   * waits for to show that its kill lands part-way through the writes.
   */
  private static final Logger progress = LoggerFactory.getLogger(ProposalService.class);

  private final ProposalRepository proposals;
  private final ZoneService zones;
  private final ProposalEffects effects;
  private final AuditLog audit;
  private final TransactionTemplate transaction;

  ProposalService(
      ProposalRepository proposals,
      ZoneService zones,
      ProposalEffects effects,
      AuditLog audit,
      TransactionTemplate transaction) {
    this.proposals = proposals;
    this.zones = zones;
    this.effects = effects;
    this.audit = audit;
    this.transaction = transaction;
  }

  @Transactional
  public Proposal create(Proposal draft) {
    zones.plan(draft.planId());
    if (draft.title() == null || draft.title().isBlank()) {
      throw ApiProblem.invalid("missing-property", "a proposal needs a title")
          .with("property", "title");
    }
    if (draft.reason() == null || draft.reason().isBlank()) {
      throw ApiProblem.invalid("missing-property", "a proposal needs a reason")
          .with("property", "reason");
    }
    if (draft.changes().isEmpty()) {
      throw ApiProblem.invalid("no-changes", "a proposal needs at least one zone change");
    }
    if (draft.targetMode() == Proposal.TargetMode.NEW_VERSION
        && (draft.newPlanId() == null || draft.newPlanName() == null)) {
      throw ApiProblem.invalid(
          "missing-property", "target NEW_VERSION needs the new plan version's id and name");
    }
    Set<String> codes = new HashSet<>();
    List<ProposedChange> changes = new ArrayList<>();
    for (ProposedChange c : draft.changes()) {
      if (!codes.add(c.code())) {
        throw ApiProblem.invalid("duplicate-change", "zone \"" + c.code() + "\" is changed twice")
            .with("code", c.code());
      }
      Integer base = c.baseVersion();
      if (c.operation() == ProposedChange.Operation.CREATE) {
        if (zones.versions(draft.planId()).containsKey(c.code())) {
          throw ApiProblem.conflict(
                  "duplicate-code", "zone \"" + c.code() + "\" already exists in " + draft.planId())
              .with("code", c.code());
        }
      } else {
        int current = zones.version(draft.planId(), c.code());
        if (base == null) {
          base = current;
        } else if (base != current) {
          throw ApiProblem.conflict(
                  "stale-version",
                  "zone \"" + c.code() + "\" is at version " + current + ", not " + base)
              .with("code", c.code());
        }
      }
      if (c.draft() != null) {
        ZoneAttributes.check(c.draft().attributes());
        PolygonValidator.requireValid(c.draft().geometry());
      }
      changes.add(new ProposedChange(changes.size() + 1, c.operation(), c.code(), base, c.draft()));
    }
    long id =
        proposals.insert(
            Proposal.draft(
                    draft.planId(),
                    draft.title(),
                    draft.reason(),
                    draft.targetMode(),
                    draft.newPlanId(),
                    draft.newPlanName(),
                    changes,
                    null,
                    null)
                .created(Actors.current(), now()));
    audit.record("proposal.create", "proposal/" + id, draft.title());
    return get(id);
  }

  public Proposal get(long id) {
    return proposals
        .find(id)
        .orElseThrow(
            () -> ApiProblem.notFound("proposal", "no proposal " + id).with("proposalId", id));
  }

  public List<Proposal> list(ProposalStatus status) {
    return proposals.findByStatus(status);
  }

  /** Freezes the what-if effect and hands the proposal to the approvers. */
  public Proposal submit(long id) {
    requireStatus(get(id), ProposalStatus.DRAFT, "submitted");
    return withEffect(
        id,
        effect -> {
          if (proposals.submit(id, now(), effect) == 0) {
            throw wrongStatus(get(id), "submitted");
          }
          audit.record("proposal.submit", "proposal/" + id, null);
          return get(id);
        });
  }

  public Proposal approve(long id, String comment) {
    requireStatus(get(id), ProposalStatus.SUBMITTED, "approved");
    return withEffect(id, effect -> approve(id, comment, effect));
  }

  /** How often a decision estimates its effect again because the plan changed meanwhile. */
  private static final int ESTIMATES = 3;

  /**
   * Runs a decision with the proposal's effect (the what-if analysis, which takes a while)
   * estimated <em>before</em> the writing transaction, so that no analysis holds the store's
   * writers (the embedded store has one writer at a time). Inside the transaction the plan's zone
   * versions are compared with those the estimate saw; if a zone changed meanwhile the effect is
   * estimated again, and after {@value #ESTIMATES} tries the last estimate is kept.
   */
  private Proposal withEffect(long id, Function<JsonNode, Proposal> decision) {
    Proposal p = get(id);
    for (int attempt = 1; ; attempt++) {
      Map<String, Integer> seen = zones.versions(p.planId());
      JsonNode effect = effects.estimate(p.planId(), p.changes());
      boolean lastTry = attempt >= ESTIMATES;
      Proposal decided =
          transaction.execute(
              status ->
                  lastTry || zones.versions(p.planId()).equals(seen)
                      ? decision.apply(effect)
                      : null);
      if (decided != null) {
        return decided;
      }
    }
  }

  private Proposal approve(long id, String comment, JsonNode effect) {
    Proposal p = locked(id);
    requireStatus(p, ProposalStatus.SUBMITTED, "approved");
    String targetPlan = p.planId();
    ZoneService.Change change = new ZoneService.Change(p.reason(), p.id());
    for (ProposedChange c : p.changes()) {
      if (c.baseVersion() != null) {
        int current = zones.version(p.planId(), c.code());
        if (current != c.baseVersion()) {
          throw ApiProblem.conflict(
                  "proposal-outdated",
                  "zone \""
                      + c.code()
                      + "\" changed since the proposal was drafted (version "
                      + c.baseVersion()
                      + ", now "
                      + current
                      + "); the planner must redraft it")
              .with("code", c.code());
        }
      }
    }
    if (p.targetMode() == Proposal.TargetMode.NEW_VERSION) {
      zones.copyPlan(
          p.planId(),
          new PlanVersion(
              p.newPlanId(), p.newPlanName(), LocalDate.now(ZoneOffset.UTC), PlanStatus.DRAFT),
          change);
      targetPlan = p.newPlanId();
    }
    int written = 0;
    for (ProposedChange c : p.changes()) {
      switch (c.operation()) {
        case CREATE -> zones.create(targetPlan, c.code(), c.draft(), change);
        case UPDATE -> zones.replace(targetPlan, c.code(), c.draft(), null, change);
        case DELETE -> zones.delete(targetPlan, c.code(), null, change);
        default -> throw new IllegalStateException("unknown operation " + c.operation());
      }
      if (++written % 50 == 0) {
        progress.debug(
            "proposal {}: {} of {} changes written, not committed",
            id,
            written,
            p.changes().size());
      }
    }
    if (proposals.decide(id, ProposalStatus.APPROVED, Actors.current(), now(), comment, effect)
        == 0) {
      throw wrongStatus(get(id), "approved");
    }
    audit.record("proposal.approve", "proposal/" + id, comment);
    return get(id);
  }

  public Proposal reject(long id, String comment) {
    if (comment == null || comment.isBlank()) {
      throw ApiProblem.invalid("missing-property", "a rejection needs a comment saying why")
          .with("property", "comment");
    }
    requireStatus(get(id), ProposalStatus.SUBMITTED, "rejected");
    return withEffect(id, effect -> reject(id, comment, effect));
  }

  private Proposal reject(long id, String comment, JsonNode effect) {
    Proposal p = locked(id);
    requireStatus(p, ProposalStatus.SUBMITTED, "rejected");
    if (proposals.decide(id, ProposalStatus.REJECTED, Actors.current(), now(), comment, effect)
        == 0) {
      throw wrongStatus(get(id), "rejected");
    }
    audit.record("proposal.reject", "proposal/" + id, comment);
    return get(id);
  }

  /**
   * Withdraws a draft or a submitted proposal (its author, or someone who may act for any author:
   * an ADMIN); a decided one cannot be withdrawn.
   */
  @Transactional
  public Proposal withdraw(long id, String comment, boolean forAnyAuthor) {
    Proposal p = locked(id);
    if (!forAnyAuthor && !p.createdBy().equals(Actors.current())) {
      throw new ApiProblem(
              HttpStatus.FORBIDDEN,
              "not-author",
              "Forbidden",
              "only " + p.createdBy() + ", who drafted proposal " + id + ", may withdraw it")
          .with("createdBy", p.createdBy());
    }
    if (p.status() != ProposalStatus.DRAFT && p.status() != ProposalStatus.SUBMITTED) {
      throw wrongStatus(p, "withdrawn");
    }
    if (proposals.withdraw(id, Actors.current(), now(), comment) == 0) {
      throw wrongStatus(get(id), "withdrawn");
    }
    audit.record("proposal.withdraw", "proposal/" + id, comment);
    return get(id);
  }

  private Proposal locked(long id) {
    return proposals
        .findForUpdate(id)
        .orElseThrow(
            () -> ApiProblem.notFound("proposal", "no proposal " + id).with("proposalId", id));
  }

  private static void requireStatus(Proposal p, ProposalStatus expected, String verb) {
    if (p.status() != expected) {
      throw wrongStatus(p, verb);
    }
  }

  private static ApiProblem wrongStatus(Proposal p, String verb) {
    return new ApiProblem(
            HttpStatus.CONFLICT,
            "invalid-transition",
            "Conflict",
            "proposal " + p.id() + " is " + p.status() + " and cannot be " + verb)
        .with("status", p.status().name());
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
