package org.zoneplan.system;

import java.net.URI;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.UncategorizedSQLException;
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
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

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

  /**
   * Another write held the rows for longer than the store waits (10 s on both engines): nothing was
   * written, and the same request may simply be sent again.
   */
  @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
  ResponseEntity<ProblemDetail> busy(DataAccessException e) {
    ProblemDetail body =
        apiProblem(
            new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "store-busy",
                "Store busy",
                "another change held the same data for too long; nothing was written, try again"));
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(body);
  }

  /**
   * PostgreSQL's lock timeout (SQLSTATE 55P03) reaches Spring uncategorized; it is the same "busy".
   * Any other uncategorized store error is a 500 as problem details, without the SQL.
   */
  @ExceptionHandler(UncategorizedSQLException.class)
  ResponseEntity<ProblemDetail> uncategorized(UncategorizedSQLException e) {
    if (e.getSQLException() != null && "55P03".equals(e.getSQLException().getSQLState())) {
      return busy(e);
    }
    log.error("store error", e);
    return ResponseEntity.internalServerError()
        .body(
            apiProblem(
                new ApiProblem(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "store-error",
                    "Store error",
                    "the store failed; nothing was written")));
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
