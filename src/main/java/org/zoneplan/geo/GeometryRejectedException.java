package org.zoneplan.geo;

/** Thrown when input geometry cannot be accepted; carries the {@link GeometryIssue}. */
public class GeometryRejectedException extends RuntimeException {
  private final transient GeometryIssue issue;

  public GeometryRejectedException(GeometryIssue issue) {
    super(issue.reason());
    this.issue = issue;
  }

  public GeometryIssue issue() {
    return issue;
  }
}
