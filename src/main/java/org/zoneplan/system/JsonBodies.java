package org.zoneplan.system;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies read as JSON no further than a limit of the endpoint's own, below the general
 * {@code zoneplan.limits.max-body-size}: Spring's {@code @RequestBody} would read any size first.
 */
public final class JsonBodies {
  private JsonBodies() {}

  /**
   * The body as a JSON tree: 413 {@code body-too-large} past {@code maxBytes}, 400 {@code
   * malformed-json} when it does not parse.
   */
  public static JsonNode read(HttpServletRequest request, JsonMapper json, int maxBytes) {
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
    if (bytes.length > maxBytes) {
      throw new ApiProblem(
              HttpStatus.PAYLOAD_TOO_LARGE,
              "body-too-large",
              "Request too large",
              "the request body is larger than " + maxBytes + " bytes")
          .with("maxBytes", maxBytes);
    }
    try {
      return json.readTree(bytes);
    } catch (JacksonException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "malformed-json",
          "Malformed JSON",
          "the request body is not well-formed JSON: " + e.getOriginalMessage());
    }
  }
}
