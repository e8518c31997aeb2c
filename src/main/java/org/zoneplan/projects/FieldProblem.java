package org.zoneplan.projects;

/**
 * A project field that cannot be accepted: which field (its API name) and why, in a sentence. The
 * API answers it as a 422 naming the property; the table import as a row-report line naming the
 * column.
 */
class FieldProblem extends RuntimeException {
  private final String field;

  FieldProblem(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
