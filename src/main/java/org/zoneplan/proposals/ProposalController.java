package org.zoneplan.proposals;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.zoneplan.zones.ZoneFeatures;
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
  ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body) {
    Proposal draft = parse(body);
    Proposal created = service.create(draft);
    return ResponseEntity.created(URI.create("/api/proposals/" + created.id())).body(view(created));
  }

  @GetMapping
  List<Map<String, Object>> list(
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
        .map(this::view)
        .toList();
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable long id) {
    return view(service.get(id));
  }

  @PostMapping("/{id}/submit")
  Map<String, Object> submit(@PathVariable long id) {
    return view(service.submit(id));
  }

  @PostMapping("/{id}/approve")
  Map<String, Object> approve(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    return view(service.approve(id, comment(body)));
  }

  /** Withdrawn by its author (ADMIN: any); {@code {"comment"}} optional. */
  @PostMapping("/{id}/withdraw")
  Map<String, Object> withdraw(
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
  Map<String, Object> reject(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
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

  private Map<String, Object> view(Proposal p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("planId", p.planId());
    out.put("title", p.title());
    out.put("reason", p.reason());
    out.put("status", p.status());
    Map<String, Object> target = new LinkedHashMap<>();
    target.put("mode", p.targetMode());
    target.put(
        "planId", p.targetMode() == Proposal.TargetMode.NEW_VERSION ? p.newPlanId() : p.planId());
    target.put("name", p.newPlanName());
    out.put("target", target);
    out.put("createdBy", p.createdBy());
    out.put("createdAt", str(p.createdAt()));
    out.put("submittedAt", str(p.submittedAt()));
    out.put("decidedBy", p.decidedBy());
    out.put("decidedAt", str(p.decidedAt()));
    out.put("decisionComment", p.decisionComment());
    out.put("effectAtSubmission", p.effectSubmitted());
    out.put("effectAtDecision", p.effectDecided());
    out.put(
        "changes",
        p.changes().stream()
            .map(
                c -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("operation", c.operation());
                  m.put("code", c.code());
                  m.put("baseVersion", c.baseVersion());
                  m.put("name", c.draft() == null ? null : c.draft().name());
                  m.put("kind", c.draft() == null ? null : c.draft().kind());
                  m.put("parent", c.draft() == null ? null : c.draft().parentCode());
                  m.put("managedBy", c.draft() == null ? null : c.draft().managedBy());
                  m.put("geometry", c.draft() == null ? null : GeoJson.write(c.draft().geometry()));
                  return m;
                })
            .toList());
    return out;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
