package org.zoneplan.evaluation;

import java.util.List;

/**
 * A rule set or an enterprise list that cannot be used, with every problem found: each names the
 * field (a JSON path such as {@code populations[0].indicators[2].benchmark}) and what is wrong.
 */
public class InvalidInputException extends RuntimeException {
  /** One problem: the field's path and the reason. */
  public record Issue(String field, String message) {}

  private final List<Issue> issues;

  public InvalidInputException(List<Issue> issues) {
    super(issues.get(0).field() + ": " + issues.get(0).message());
    this.issues = List.copyOf(issues);
  }

  public List<Issue> issues() {
    return issues;
  }
}
