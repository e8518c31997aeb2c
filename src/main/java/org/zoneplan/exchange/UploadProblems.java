package org.zoneplan.exchange;

import org.springframework.http.HttpStatus;
import org.zoneplan.system.ApiProblem;

/** The problems an upload can be refused with (all 4xx, nothing written). */
final class UploadProblems {
  private UploadProblems() {}

  static ApiProblem unsafe(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "unsafe-archive", "Unsafe archive", detail);
  }

  static ApiProblem tooLarge(String detail) {
    return new ApiProblem(
        HttpStatus.PAYLOAD_TOO_LARGE, "upload-too-large", "Upload too large", detail);
  }

  static ApiProblem unreadable(String detail) {
    return new ApiProblem(
        HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-file", "Unreadable file", detail);
  }

  static ApiProblem notPolygon(String detail) {
    return new ApiProblem(
        HttpStatus.UNPROCESSABLE_CONTENT, "not-polygon", "Not a polygon layer", detail);
  }

  static ApiProblem crs(String detail) {
    return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-crs", "Unknown CRS", detail);
  }

  /**
   * An upload over one of the limits of {@code zoneplan.exchange.*}: names the limit, its value and
   * the property that sets it.
   */
  static ApiProblem overLimit(String what, String property, long max, String detail) {
    return new ApiProblem(
            HttpStatus.UNPROCESSABLE_CONTENT, "upload-limit", "Upload over a limit", detail)
        .with("limit", what)
        .with("max", max)
        .with("property", property);
  }

  /** Reading the upload took longer than {@code zoneplan.exchange.read-timeout}. */
  static ApiProblem tooSlow(long seconds) {
    return new ApiProblem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "upload-too-slow",
            "Upload too slow to read",
            "reading the file took longer than "
                + seconds
                + " s (zoneplan.exchange.read-timeout); nothing was written")
        .with("limit", "read-timeout")
        .with("max", seconds)
        .with("property", "zoneplan.exchange.read-timeout");
  }

  static ApiProblem badRequest(String slug, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Invalid request", detail);
  }
}
