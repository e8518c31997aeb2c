package org.zoneplan.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.io.WKTReader;

class PolygonValidatorTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "MULTIPOLYGON (((119.7 29.5, 119.72 29.5, 119.72 29.52, 119.7 29.52, 119.7 29.5))) | | |",
        "MULTIPOLYGON (((119.7 29.5, 119.72 29.52, 119.72 29.5, 119.7 29.52, 119.7 29.5))) | SELF_INTERSECTION | 119.71 | 29.51",
        "MULTIPOLYGON (((29.5 119.7, 29.52 119.7, 29.52 119.72, 29.5 119.72, 29.5 119.7))) | AXES_SWAPPED | 29.5 | 119.7",
        "MULTIPOLYGON (((500000 3260000, 501000 3260000, 501000 3261000, 500000 3261000, 500000 3260000))) | OUTSIDE_CHINA | 500000 | 3260000",
        "MULTIPOLYGON (((119.7 29.5, 119.72 29.5, 119.72 29.52, 119.7 29.52, 119.7 29.5)), ((119.71 29.51, 119.73 29.51, 119.73 29.53, 119.71 29.53, 119.71 29.51))) | SELF_INTERSECTION | 119.72 | 29.51",
        "MULTIPOLYGON EMPTY | EMPTY | |"
      })
  void firstProblemIsReportedWithItsCoordinate(
      String wkt, GeometryIssue.Code code, Double x, Double y) throws Exception {
    var issue = PolygonValidator.check(new WKTReader().read(wkt));
    if (code == null) {
      assertThat(issue).isEmpty();
      return;
    }
    assertThat(issue).isPresent();
    assertThat(issue.get().code()).isEqualTo(code);
    if (x != null) {
      assertThat(issue.get().coordinate().x)
          .isCloseTo(x, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(issue.get().coordinate().y)
          .isCloseTo(y, org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
