package org.zoneplan.system;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request zoneplan refuses, answered as RFC 9457 problem details by {@link ProblemAdvice}. The
 * {@code slug} becomes the problem type {@code urn:zoneplan:problem:<slug>}; extra properties name
 * what is wrong (the zone code, the coordinate, ...).
 */
public class ApiProblem extends RuntimeException {
  private final HttpStatus status;
  private final String slug;
  private final String title;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  public ApiProblem(HttpStatus status, String slug, String title, String detail) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  public static ApiProblem notFound(String what, String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, what + "-not-found", "Not found", detail);
  }

  public static ApiProblem invalid(String slug, String detail) {
    return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, slug, "Invalid input", detail);
  }

  public static ApiProblem conflict(String slug, String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, slug, "Conflict", detail);
  }

  public ApiProblem with(String key, Object value) {
    properties.put(key, value);
    return this;
  }

  public HttpStatus status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
