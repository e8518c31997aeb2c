package org.zoneplan.evaluation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.JsonBodies;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/evaluation}: the 亩均效益综合评价 rule sets (read: anyone signed in; new version: ADMIN, see
 * {@code SecurityConfiguration}) and the what-if evaluation of a list of enterprises given in the
 * request (anyone signed in: it writes nothing).
 */
@RestController
@RequestMapping("/api/evaluation")
class EvaluationController {
  /** Largest rule set accepted, in bytes of UTF-8 JSON. */
  static final int MAX_RULE_SET_BYTES = 1 << 20;

  /** Largest what-if request accepted (some 50,000 enterprises), in bytes of UTF-8 JSON. */
  static final int MAX_RUN_BYTES = 32 << 20;

  private final RuleSetService service;
  private final JsonMapper json;

  EvaluationController(RuleSetService service, JsonMapper json) {
    this.service = service;
    this.json = json;
  }

  @GetMapping("/rule-sets")
  List<Summary> list(
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Integer year) {
    return service.list(division, year).stream().map(Summary::of).toList();
  }

  @GetMapping("/rule-sets/{id}")
  Full get(@PathVariable long id) {
    return full(service.get(id));
  }

  /** A new version of a division's rules for a year; the body is the rule set JSON. */
  @PostMapping("/rule-sets")
  ResponseEntity<Full> create(HttpServletRequest request) {
    StoredRuleSet created = service.create(JsonBodies.read(request, json, MAX_RULE_SET_BYTES));
    return ResponseEntity.created(URI.create("/api/evaluation/rule-sets/" + created.id()))
        .body(full(created));
  }

  /** Body: {@code {"ruleSetId": 1, "enterprises": [EnterpriseFacts ...]}}. */
  @PostMapping("/run")
  Run run(HttpServletRequest request) {
    JsonNode body = JsonBodies.read(request, json, MAX_RUN_BYTES);
    if (body == null || !body.isObject()) {
      throw ApiProblem.invalid("invalid-run", "the body must be a JSON object").with("field", "");
    }
    JsonNode id = body.get("ruleSetId");
    if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
      throw ApiProblem.invalid("invalid-run", "ruleSetId must be the id of a stored rule set")
          .with("field", "ruleSetId");
    }
    StoredRuleSet stored = service.get(id.longValue());
    Evaluation evaluation = service.evaluate(stored.id(), body.get("enterprises"));
    return new Run(Summary.of(stored), evaluation);
  }

  /** A stored rule set without its rules; {@code createdAt} as ISO text. */
  record Summary(
      long id,
      String divisionCode,
      int year,
      int version,
      String name,
      String createdBy,
      String createdAt) {
    static Summary of(StoredRuleSet s) {
      return new Summary(
          s.id(),
          s.divisionCode(),
          s.year(),
          s.version(),
          s.name(),
          s.createdBy(),
          s.createdAt() == null ? null : s.createdAt().toString());
    }
  }

  /** A stored rule set with its rules (the JSON as stored). */
  record Full(@JsonUnwrapped Summary summary, JsonNode rules) {}

  /** An evaluation and the rule set it ran on. */
  record Run(Summary ruleSet, Evaluation evaluation) {}

  private Full full(StoredRuleSet s) {
    return new Full(Summary.of(s), json.readTree(s.json()));
  }
}
