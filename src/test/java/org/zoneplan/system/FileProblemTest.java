package org.zoneplan.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.zoneplan.codecs.gis.GisFileException;

/**
 * The file codecs' refusals as problem details, without a server: each kind keeps the status, type
 * and title uploads were answered with when the readers built HTTP problems themselves.
 */
class FileProblemTest {
  @ParameterizedTest
  @CsvSource({
    "UNSAFE_ARCHIVE, 400, unsafe-archive, Unsafe archive",
    "TOO_LARGE, 413, upload-too-large, Upload too large",
    "UNREADABLE, 422, unreadable-file, Unreadable file",
    "NOT_POLYGON, 422, not-polygon, Not a polygon layer",
    "UNKNOWN_CRS, 422, unknown-crs, Unknown CRS",
    "UNSUPPORTED, 415, unsupported-file, Unsupported file",
  })
  void eachKindKeepsItsProblem(String kind, int status, String slug, String title) {
    ProblemDetail body =
        new ProblemAdvice()
            .gisFile(new GisFileException(GisFileException.Kind.valueOf(kind), "the zip says so"));
    assertThat(body.getStatus()).isEqualTo(status);
    assertThat(body.getType()).hasToString("urn:zoneplan:problem:" + slug);
    assertThat(body.getTitle()).isEqualTo(title);
    assertThat(body.getDetail()).isEqualTo("the zip says so");
    assertThat(body.getProperties()).isNullOrEmpty();
  }

  @ParameterizedTest
  @CsvSource({"features, zoneplan.exchange.max-import-features, 200000"})
  void aLimitIsNamedWithItsValueAndProperty(String limit, String property, long max) {
    ProblemDetail body =
        new ProblemAdvice()
            .gisFile(GisFileException.overLimit(limit, property, max, "too many features"));
    assertThat(body.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
    assertThat(body.getType()).hasToString("urn:zoneplan:problem:upload-limit");
    assertThat(body.getTitle()).isEqualTo("Upload over a limit");
    assertThat(body.getProperties())
        .containsEntry("limit", limit)
        .containsEntry("max", max)
        .containsEntry("property", property);
  }

  @ParameterizedTest
  @CsvSource({"60"})
  void aSlowReadNamesTheReadTimeout(long seconds) {
    ProblemDetail body = new ProblemAdvice().gisFile(GisFileException.tooSlow(seconds));
    assertThat(body.getStatus()).isEqualTo(422);
    assertThat(body.getType()).hasToString("urn:zoneplan:problem:upload-too-slow");
    assertThat(body.getTitle()).isEqualTo("Upload too slow to read");
    assertThat(body.getDetail())
        .isEqualTo(
            "reading the file took longer than 60 s (zoneplan.exchange.read-timeout); nothing was"
                + " written");
    assertThat(body.getProperties())
        .containsEntry("limit", "read-timeout")
        .containsEntry("max", seconds)
        .containsEntry("property", "zoneplan.exchange.read-timeout");
  }
}
