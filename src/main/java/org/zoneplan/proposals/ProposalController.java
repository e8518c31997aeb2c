package org.zoneplan.proposals;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneFeatures;
import org.zoneplan.zones.ZoneKind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Proposals: draft, submit, approve or reject. */
@RestController
@RequestMapping("/api/proposals")
class ProposalController {
  private final ProposalService service;
  private final JsonMapper json;

  private final GeometryLimits limits;

  ProposalController(ProposalService service, JsonMapper json, GeometryLimits limits) {
    this.limits = limits;
    this.service = service;
    this.json = json;
  }

  /**
   * Body: {@code {"planId", "title", "reason", "target": {"mode": "APPLY"} | {"mode":
   * "NEW_VERSION", "planId", "name"}, "changes": [{"operation": "CREATE"|"UPDATE"|"DELETE", "code",
   * "baseVersion"?, "feature"?}]}}.
   */
  @PostMapping
  ResponseEntity<View> create(@RequestBody JsonNode body) {
    Proposal draft = parse(body);
    Proposal created = service.create(draft);
    return ResponseEntity.created(URI.create("/api/proposals/" + created.id())).body(view(created));
  }

  @GetMapping
  List<View> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String planId,
      @RequestParam(required = false) String zone) {
    ProposalStatus filter = null;
    if (status != null) {
      try {
        filter = ProposalStatus.valueOf(status.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid(
                "invalid-status",
                "status must be one of DRAFT, SUBMITTED, APPROVED, REJECTED, WITHDRAWN; was "
                    + status)
            .with("status", status);
      }
    }
    return service.list(filter).stream()
        .filter(p -> planId == null || p.planId().equals(planId))
        .filter(p -> zone == null || p.changes().stream().anyMatch(c -> c.code().equals(zone)))
        .map(ProposalController::view)
        .toList();
  }

  @GetMapping("/{id}")
  View get(@PathVariable long id) {
    return view(service.get(id));
  }

  @PostMapping("/{id}/submit")
  View submit(@PathVariable long id) {
    return view(service.submit(id));
  }

  @PostMapping("/{id}/approve")
  View approve(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    return view(service.approve(id, comment(body)));
  }

  /** Withdrawn by its author (ADMIN: any); {@code {"comment"}} optional. */
  @PostMapping("/{id}/withdraw")
  View withdraw(
      @PathVariable long id,
      @RequestBody(required = false) JsonNode body,
      Authentication authentication) {
    boolean admin =
        authentication != null
            && authentication.getAuthorities().stream()
                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    return view(service.withdraw(id, comment(body), admin));
  }

  @PostMapping("/{id}/reject")
  View reject(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    return view(service.reject(id, comment(body)));
  }

  private static String comment(JsonNode body) {
    return body == null || body.get("comment") == null || body.get("comment").isNull()
        ? null
        : body.get("comment").asString();
  }

  private Proposal parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiProblem.invalid("malformed-proposal", "the body must be a JSON object");
    }
    String planId = text(body, "planId");
    if (planId == null) {
      throw ApiProblem.invalid("missing-property", "planId is required").with("property", "planId");
    }
    JsonNode target = body.get("target");
    Proposal.TargetMode mode = Proposal.TargetMode.APPLY;
    String newPlanId = null;
    String newPlanName = null;
    if (target != null && !target.isNull()) {
      try {
        mode = Proposal.TargetMode.valueOf(text(target, "mode"));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw ApiProblem.invalid("invalid-target", "target.mode must be APPLY or NEW_VERSION");
      }
      newPlanId = text(target, "planId");
      newPlanName = text(target, "name");
    }
    JsonNode changesNode = body.get("changes");
    if (changesNode == null || !changesNode.isArray()) {
      throw ApiProblem.invalid("missing-property", "changes must be an array")
          .with("property", "changes");
    }
    List<ProposedChange> changes = new ArrayList<>();
    for (JsonNode c : changesNode) {
      ProposedChange.Operation op;
      try {
        op = ProposedChange.Operation.valueOf(text(c, "operation"));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw ApiProblem.invalid(
            "invalid-operation", "each change's operation must be CREATE, UPDATE or DELETE");
      }
      String code = text(c, "code");
      if (code == null) {
        throw ApiProblem.invalid("missing-property", "each change needs a zone code")
            .with("property", "code");
      }
      Integer base =
          c.has("baseVersion") && !c.get("baseVersion").isNull()
              ? c.get("baseVersion").intValue()
              : null;
      var draft =
          op == ProposedChange.Operation.DELETE
              ? null
              : ZoneFeatures.draft(json, c.get("feature"), code, limits);
      changes.add(new ProposedChange(changes.size() + 1, op, code, base, draft));
    }
    return Proposal.draft(
        planId,
        text(body, "title"),
        text(body, "reason"),
        mode,
        newPlanId,
        newPlanName,
        changes,
        null,
        null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  /**
   * A proposal as the API shows it: times as ISO text, the effects as computed at submission and at
   * decision (null before), each change with its draft's fields (null for a deletion).
   */
  record View(
      long id,
      String planId,
      String title,
      String reason,
      ProposalStatus status,
      Target target,
      String createdBy,
      String createdAt,
      String submittedAt,
      String decidedBy,
      String decidedAt,
      String decisionComment,
      JsonNode effectAtSubmission,
      JsonNode effectAtDecision,
      List<Change> changes) {}

  /**
   * Where the approved changes go: the plan itself, or a new version {@code planId}, {@code name}.
   */
  record Target(Proposal.TargetMode mode, String planId, String name) {}

  record Change(
      ProposedChange.Operation operation,
      String code,
      Integer baseVersion,
      String name,
      ZoneKind kind,
      String parent,
      String managedBy,
      JsonNode geometry) {
    static Change of(ProposedChange c) {
      ZoneDraft d = c.draft();
      return new Change(
          c.operation(),
          c.code(),
          c.baseVersion(),
          d == null ? null : d.name(),
          d == null ? null : d.kind(),
          d == null ? null : d.parentCode(),
          d == null ? null : d.managedBy(),
          d == null ? null : GeoJson.write(d.geometry()));
    }
  }

  private static View view(Proposal p) {
    return new View(
        p.id(),
        p.planId(),
        p.title(),
        p.reason(),
        p.status(),
        new Target(
            p.targetMode(),
            p.targetMode() == Proposal.TargetMode.NEW_VERSION ? p.newPlanId() : p.planId(),
            p.newPlanName()),
        p.createdBy(),
        str(p.createdAt()),
        str(p.submittedAt()),
        p.decidedBy(),
        str(p.decidedAt()),
        p.decisionComment(),
        p.effectSubmitted(),
        p.effectDecided(),
        p.changes().stream().map(Change::of).toList());
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
