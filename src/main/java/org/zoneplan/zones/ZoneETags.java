package org.zoneplan.zones;

import org.springframework.http.HttpStatus;
import org.zoneplan.system.ApiProblem;

/** A zone's ETag is its version: {@code "v7"}. */
public final class ZoneETags {
  private ZoneETags() {}

  public static String format(int version) {
    return "\"v" + version + "\"";
  }

  /**
   * The version an If-Match header names; null for {@code *} (any current version).
   *
   * @throws ApiProblem 428 when the header is missing, 412 when it names no version of ours
   */
  public static Integer requireIfMatch(String ifMatch, String code) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ApiProblem(
              HttpStatus.PRECONDITION_REQUIRED,
              "precondition-required",
              "Precondition required",
              "send If-Match with the ETag of zone \""
                  + code
                  + "\" as you last read it (GET answers it), so no one's change is lost")
          .with("code", code);
    }
    String value = ifMatch.strip();
    if (value.equals("*")) {
      return null;
    }
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    if (value.matches("\"v\\d{1,9}\"")) {
      return Integer.parseInt(value.substring(2, value.length() - 1));
    }
    throw new ApiProblem(
            HttpStatus.PRECONDITION_FAILED,
            "stale-version",
            "Precondition failed",
            "If-Match " + ifMatch + " is not an ETag of zone \"" + code + "\"")
        .with("code", code);
  }
}
