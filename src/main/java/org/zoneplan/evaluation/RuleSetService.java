package org.zoneplan.evaluation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rule sets (versioned per division and year, never overwritten) and the what-if evaluation on
 * them. A rule set is checked in full before anything is written ({@link RuleSetJson}); a bad one
 * is a 422 naming every field at fault.
 */
@Service
public class RuleSetService {
  private final RuleSetRepository repository;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  RuleSetService(RuleSetRepository repository, AuditLog audit, ApplicationEventPublisher events) {
    this.repository = repository;
    this.audit = audit;
    this.events = events;
  }

  /**
   * The newest version for the division and the latest year not after {@code year} (the same year
   * first, else the nearest earlier one), or empty.
   */
  public java.util.Optional<StoredRuleSet> applicable(String divisionCode, int year) {
    return repository.newestUpTo(divisionCode, year);
  }

  public List<StoredRuleSet> list(String divisionCode, Integer year) {
    return repository.findAll(divisionCode, year, false);
  }

  public StoredRuleSet get(long id) {
    return repository
        .find(id)
        .orElseThrow(
            () ->
                ApiProblem.notFound("rule-set", "no evaluation rule set with id " + id)
                    .with("id", id));
  }

  /** The stored rules, parsed (they were checked on write). */
  public RuleSet rules(StoredRuleSet stored) {
    return RuleSetJson.read(stored.json()).withVersion(stored.version());
  }

  /**
   * Stores {@code body} as the next version for its division and year (the "version" in the body is
   * replaced by the one assigned).
   */
  @Transactional
  public StoredRuleSet create(JsonNode body) {
    RuleSet rules;
    try {
      if (body != null && body.toString().length() > RuleSetJson.MAX_CHARS) {
        throw new InvalidInputException(
            List.of(
                new InvalidInputException.Issue(
                    "", "the rule set is longer than " + RuleSetJson.MAX_CHARS + " characters")));
      }
      rules = RuleSetJson.read(body);
    } catch (InvalidInputException e) {
      throw problem("invalid-rule-set", "rule set", e);
    }
    int version = repository.latestVersion(rules.divisionCode(), rules.year()) + 1;
    ObjectNode stored = ((ObjectNode) body).deepCopy();
    stored.put("version", version);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    long id =
        repository.insert(
            new StoredRuleSet(
                0,
                rules.divisionCode(),
                rules.year(),
                version,
                rules.name(),
                stored.toString(),
                Actors.current(),
                now));
    audit.record(
        "evaluation.rule-set.create",
        "evaluation-rule-set/" + id,
        rules.divisionCode() + " " + rules.year() + " v" + version + " " + rules.name());
    events.publishEvent(new RuleSetsChangedEvent(id));
    return get(id);
  }

  /**
   * Evaluates the enterprises in {@code enterprises} (a JSON array) on stored rule set {@code id}.
   */
  public Evaluation evaluate(long id, JsonNode enterprises) {
    RuleSet rules = rules(get(id));
    List<EnterpriseFacts> facts;
    try {
      facts = EnterpriseFactsJson.read(enterprises, "enterprises");
    } catch (InvalidInputException e) {
      throw problem("invalid-enterprises", "enterprise list", e);
    }
    return Evaluator.evaluate(rules, facts);
  }

  static ApiProblem problem(String slug, String what, InvalidInputException e) {
    InvalidInputException.Issue first = e.issues().get(0);
    return ApiProblem.invalid(
            slug,
            "the "
                + what
                + " is invalid: "
                + (first.field().isEmpty() ? "" : first.field() + " ")
                + first.message()
                + (e.issues().size() > 1 ? " (and " + (e.issues().size() - 1) + " more)" : ""))
        .with("field", first.field())
        .with(
            "errors",
            e.issues().stream()
                .map(i -> Map.of("field", i.field(), "message", i.message()))
                .toList());
  }
}
