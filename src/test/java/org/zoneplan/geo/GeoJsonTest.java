package org.zoneplan.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKTReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GeoJsonTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void polygonIsReadAsMultiPolygonWithLongitudeFirst() {
    MultiPolygon read =
        GeoJson.readPolygonal(
            JSON.readTree(
                "{\"type\":\"Polygon\",\"coordinates\":[[[119,29],[120,29],[120,30],[119,30],[119,29]]]}"));
    assertThat(read.toText())
        .isEqualTo("MULTIPOLYGON (((119 29, 120 29, 120 30, 119 30, 119 29)))");
    assertThat(read.getSRID()).isEqualTo(4490);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"Polygon\",\"coordinates\":[[[119,29],[120,29],[120,30],[119,30]]]} | UNCLOSED_RING | exterior ring of polygon 1 is not closed: it starts at (119.0, 29.0) but ends at (119.0, 30.0)",
        "{\"type\":\"Polygon\",\"coordinates\":[[[119,29],[120,29],[119,29]]]} | TOO_FEW_POINTS | has 3 positions",
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[119,29],[120,29],[120,30],[119,29]]],[[[119,29],[120,29],[120,30],[119,30]]]]} | UNCLOSED_RING | exterior ring of polygon 2",
        "{\"type\":\"LineString\",\"coordinates\":[[119,29],[120,29]]} | NOT_POLYGON | LineString is not a Polygon",
        "{\"type\":\"Polygon\",\"coordinates\":[[[119,\"29\"],[120,29],[120,30],[119,29]]]} | MALFORMED | position 1 of exterior ring of polygon 1",
        "{\"type\":\"Polygon\"} | MALFORMED | Polygon coordinates must be an array",
        "{\"coordinates\":[]} | MALFORMED | no \"type\"",
        "{\"type\":\"Circle\",\"coordinates\":[]} | MALFORMED | unknown GeoJSON geometry type"
      })
  void structuralProblemsAreNamed(String json, GeometryIssue.Code code, String reason) {
    GeometryRejectedException e =
        catchThrowableOfType(
            GeometryRejectedException.class, () -> GeoJson.readPolygonal(JSON.readTree(json)));
    assertThat(e).isNotNull();
    assertThat(e.issue().code()).isEqualTo(code);
    assertThat(e.issue().reason()).contains(reason);
  }

  @Test
  void writtenPolygonsFollowRfc7946Winding() throws Exception {
    // Clockwise shell, counter-clockwise hole: the writer must reverse both.
    MultiPolygon wkt =
        (MultiPolygon)
            new WKTReader()
                .read("MULTIPOLYGON (((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2)))");
    JsonNode written = GeoJson.write(wkt);
    MultiPolygon back = GeoJson.readPolygonal(written);
    assertThat(
            Orientation.isCCW(
                back.getGeometryN(0).getCoordinates().length > 0
                    ? ((org.locationtech.jts.geom.Polygon) back.getGeometryN(0))
                        .getExteriorRing()
                        .getCoordinates()
                    : null))
        .isTrue();
    assertThat(
            Orientation.isCCW(
                ((org.locationtech.jts.geom.Polygon) back.getGeometryN(0))
                    .getInteriorRingN(0)
                    .getCoordinates()))
        .isFalse();
    assertThat(back.norm().equalsExact(wkt.norm())).isTrue();
  }
}
