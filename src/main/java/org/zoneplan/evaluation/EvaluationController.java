package org.zoneplan.evaluation;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  List<Map<String, Object>> list(
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Integer year) {
    return service.list(division, year).stream().map(s -> summary(s)).toList();
  }

  @GetMapping("/rule-sets/{id}")
  Map<String, Object> get(@PathVariable long id) {
    return full(service.get(id));
  }

  /** A new version of a division's rules for a year; the body is the rule set JSON. */
  @PostMapping("/rule-sets")
  ResponseEntity<Map<String, Object>> create(HttpServletRequest request) {
    StoredRuleSet created = service.create(JsonBodies.read(request, json, MAX_RULE_SET_BYTES));
    return ResponseEntity.created(URI.create("/api/evaluation/rule-sets/" + created.id()))
        .body(full(created));
  }

  /** Body: {@code {"ruleSetId": 1, "enterprises": [EnterpriseFacts ...]}}. */
  @PostMapping("/run")
  Map<String, Object> run(HttpServletRequest request) {
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
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ruleSet", summary(stored));
    out.put("evaluation", evaluation);
    return out;
  }

  private static Map<String, Object> summary(StoredRuleSet s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("divisionCode", s.divisionCode());
    out.put("year", s.year());
    out.put("version", s.version());
    out.put("name", s.name());
    out.put("createdBy", s.createdBy());
    out.put("createdAt", s.createdAt() == null ? null : s.createdAt().toString());
    return out;
  }

  private Map<String, Object> full(StoredRuleSet s) {
    Map<String, Object> out = summary(s);
    out.put("rules", json.readTree(s.json()));
    return out;
  }
}
