package org.zoneplan.system;

import java.net.URI;
import java.sql.SQLException;
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
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.zoneplan.codecs.gis.GisFileException;
import org.zoneplan.geo.GeometryIssue;
import org.zoneplan.geo.GeometryLimitExceededException;
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

  /** A geometry over a limit: 422 naming the limit, its value and its property. */
  @ExceptionHandler(GeometryLimitExceededException.class)
  ProblemDetail geometryLimit(GeometryLimitExceededException e) {
    return apiProblem(
        new ApiProblem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "geometry-too-large",
                "Geometry over a limit",
                e.getMessage())
            .with("limit", e.limit())
            .with("max", e.max())
            .with("actual", e.actual())
            .with("property", e.property()));
  }

  /** An analysis past {@code zoneplan.limits.analysis-timeout}: stopped, 503. */
  @ExceptionHandler(Deadline.ExceededException.class)
  ProblemDetail deadline(Deadline.ExceededException e) {
    return apiProblem(
        new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "analysis-timeout",
                "Computation took too long",
                e.getMessage())
            .with("limit", "analysis-timeout")
            .with("maxMs", e.limit().toMillis())
            .with("property", e.property()));
  }

  /** A body without Content-Length that grew past its limit while it was read. */
  @ExceptionHandler(RequestBodyLimitFilter.BodyTooLargeException.class)
  ProblemDetail bodyTooLarge(RequestBodyLimitFilter.BodyTooLargeException e) {
    return apiProblem(
        new ApiProblem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "body-too-large",
                "Request body too large",
                e.getMessage() + "; nothing was written")
            .with("limit", "body-size")
            .with("max", e.max())
            .with("property", e.property()));
  }

  /** A feature file that cannot be read: 400, 413, 415 or 422 by what is wrong; nothing written. */
  @ExceptionHandler(GisFileException.class)
  ProblemDetail gisFile(GisFileException e) {
    return apiProblem(fileProblem(e));
  }

  /** A feature file that cannot be read, as the problem the API answers (the command line too). */
  public static ApiProblem fileProblem(GisFileException e) {
    HttpStatus status =
        switch (e.kind()) {
          case UNSAFE_ARCHIVE -> HttpStatus.BAD_REQUEST;
          case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
          case UNSUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
          default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    ApiProblem problem = new ApiProblem(status, e.kind().slug(), e.kind().title(), e.getMessage());
    if (e.limit() != null) {
      problem.with("limit", e.limit()).with("max", e.max()).with("property", e.property());
    }
    return problem;
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
    // The store's message names tables, columns and the SQL: logged, never answered (issue 13).
    log.warn("store constraint: {}", e.getMostSpecificCause().getMessage());
    return apiProblem(
        ApiProblem.conflict(
            "constraint-violation",
            "the store refused the change (a duplicate, a missing parent or a value too long for"
                + " the store); nothing was written"));
  }

  /**
   * Another write held the rows for longer than the store waits (10 s on both engines): nothing was
   * written, and the same request may simply be sent again.
   */
  @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
  ResponseEntity<ProblemDetail> busy(DataAccessException e) {
    log.warn("store busy: {}", e.getMostSpecificCause().toString());
    if (isStatementTimeout(e)) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(
              apiProblem(
                  new ApiProblem(
                          HttpStatus.SERVICE_UNAVAILABLE,
                          "statement-timeout",
                          "Store query took too long",
                          "a store query ran longer than zoneplan.limits.statement-timeout and was"
                              + " cancelled; nothing was written")
                      .with("limit", "statement-timeout")
                      .with("property", "zoneplan.limits.statement-timeout")));
    }
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
    if (e.getSQLException() != null && "55P03".equals(e.getSQLException().getSQLState())
        || isStatementTimeout(e)) {
      return busy(e);
    }
    return storeError(e);
  }

  /**
   * SQLSTATE 57014, "query canceled": PostgreSQL's {@code statement_timeout} and H2's {@code
   * QUERY_TIMEOUT} (error code 57014 too).
   */
  static boolean isStatementTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && ("57014".equals(sql.getSQLState()) || sql.getErrorCode() == 57014)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Why a body could not be read, without class or method names (Spring names the handler method
   * when the body is missing, Jackson the Java types it expected).
   */
  static String unreadableBody(HttpMessageNotReadableException ex) {
    Throwable cause = ex.getMostSpecificCause();
    if (cause == ex || cause == null) {
      return "the request body is missing or cannot be read";
    }
    String message =
        cause instanceof tools.jackson.core.JacksonException j
            ? j.getOriginalMessage()
            : cause.getMessage();
    String first = message == null ? "" : message.lines().findFirst().orElse("");
    // Anything that looks like a qualified Java name (org.zoneplan.X, java.util.Map) goes.
    first =
        first
            .replaceAll("`[^`]*`", "a value")
            .replaceAll("\\b[a-z][a-z0-9_]*(\\.[A-Za-z_$][A-Za-z0-9_$]*){2,}(\\([^)]*\\))?", "…");
    return "the request body is not well-formed JSON: " + first;
  }

  private ResponseEntity<ProblemDetail> storeError(Exception e) {
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

  /** Any other store failure: a 503 for a statement timeout, else a 500 without the SQL. */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> store(DataAccessException e) {
    if (isStatementTimeout(e)) {
      return busy(e);
    }
    return storeError(e);
  }

  /**
   * An upload over {@code spring.servlet.multipart.max-file-size}: 413 as a zoneplan problem (the
   * base class would answer it with the type {@code about:blank}).
   */
  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail body =
        apiProblem(
            new ApiProblem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                GisFileException.Kind.TOO_LARGE.slug(),
                GisFileException.Kind.TOO_LARGE.title(),
                "the upload is larger than allowed"
                    + (ex.getMaxUploadSize() > 0
                        ? " (" + ex.getMaxUploadSize() / (1024 * 1024) + " MB)"
                        : "")
                    + "; nothing was read"));
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(body);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(bodyTooLarge(tooLarge));
      }
    }
    ProblemDetail body =
        apiProblem(
            new ApiProblem(
                HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", unreadableBody(ex)));
    return ResponseEntity.badRequest().body(body);
  }
}
