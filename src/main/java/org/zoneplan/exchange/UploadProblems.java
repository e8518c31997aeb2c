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

  static ApiProblem badRequest(String slug, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Invalid request", detail);
  }
}
