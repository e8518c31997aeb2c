package org.zoneplan.system;

import java.net.URI;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.zoneplan.geo.GeometryIssue;
import org.zoneplan.geo.GeometryRejectedException;

/** The one place that turns refused requests into RFC 9457 problem details. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {
  static final String TYPE_PREFIX = "urn:zoneplan:problem:";

  @ExceptionHandler(ApiProblem.class)
  ProblemDetail apiProblem(ApiProblem problem) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    body.setType(URI.create(TYPE_PREFIX + problem.slug()));
    body.setTitle(problem.title());
    problem.properties().forEach(body::setProperty);
    return body;
  }

  @ExceptionHandler(GeometryRejectedException.class)
  ProblemDetail geometry(GeometryRejectedException e) {
    return apiProblem(geometryProblem(e.issue()));
  }

  /** A refused geometry as a 422 problem naming the reason and, where known, the coordinate. */
  public static ApiProblem geometryProblem(GeometryIssue issue) {
    ApiProblem problem =
        new ApiProblem(
                issue.code() == GeometryIssue.Code.MALFORMED
                    ? HttpStatus.BAD_REQUEST
                    : HttpStatus.UNPROCESSABLE_CONTENT,
                issue.code() == GeometryIssue.Code.MALFORMED
                    ? "malformed-geojson"
                    : "invalid-geometry",
                issue.code() == GeometryIssue.Code.MALFORMED
                    ? "Malformed GeoJSON"
                    : "Invalid geometry",
                issue.reason())
            .with("reason", issue.code().name());
    Coordinate at = issue.coordinate();
    if (at != null) {
      problem.with("coordinate", List.of(at.x, at.y));
    }
    return problem;
  }

  /** A constraint the service did not foresee: the store refused, nothing was written. */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ProblemDetail integrity(DataIntegrityViolationException e) {
    return apiProblem(
        ApiProblem.conflict(
            "constraint-violation",
            "the store refused the change: " + e.getMostSpecificCause().getMessage()));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail body =
        apiProblem(
            new ApiProblem(
                HttpStatus.BAD_REQUEST,
                "malformed-json",
                "Malformed JSON",
                "the request body is not well-formed JSON: "
                    + ex.getMostSpecificCause().getMessage().lines().findFirst().orElse("")));
    return ResponseEntity.badRequest().body(body);
  }
}
