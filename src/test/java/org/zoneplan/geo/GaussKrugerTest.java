package org.zoneplan.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;

class GaussKrugerTest {
  private static final CRSFactory CRS = new CRSFactory();

  /** Our code arithmetic against proj4j's EPSG table: central meridian and false easting. */
  @ParameterizedTest(name = "zone {0}")
  @ValueSource(ints = {25, 26, 30, 35, 39, 40, 41, 44, 45})
  void epsgCodesMatchTheEpsgDatabase(int zone) {
    GaussKruger gk = new GaussKruger(zone);
    CoordinateReferenceSystem plain = CRS.createFromName("EPSG:" + gk.epsg());
    assertThat(plain.getProjection().getProjectionLongitudeDegrees())
        .isCloseTo(3.0 * zone, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(plain.getProjection().getFalseEasting()).isEqualTo(500_000.0);
    CoordinateReferenceSystem prefixed = CRS.createFromName("EPSG:" + gk.epsgWithZonePrefix());
    assertThat(prefixed.getProjection().getProjectionLongitudeDegrees())
        .isCloseTo(3.0 * zone, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(prefixed.getProjection().getFalseEasting())
        .isEqualTo(zone * 1_000_000.0 + 500_000.0);
    assertThat(GaussKruger.forEpsg(gk.epsg())).isEqualTo(gk);
    assertThat(GaussKruger.forEpsg(gk.epsgWithZonePrefix())).isEqualTo(gk);
  }

  @ParameterizedTest(name = "{0}°E → zone {1}")
  @CsvSource({
    "119.89, 40, 4549, 4528", // Pujiang
    "120.16, 40, 4549, 4528", // Hangzhou
    "118.49, 39, 4548, 4527",
    "118.51, 40, 4549, 4528",
    "121.49, 40, 4549, 4528",
    "75.0, 25, 4534, 4513",
    "135.0, 45, 4554, 4533"
  })
  void zoneIsPickedByTheNearestCentralMeridian(double lon, int zone, int epsg, int prefixed) {
    GaussKruger gk = GaussKruger.forLongitude(lon);
    assertThat(gk.zone()).isEqualTo(zone);
    assertThat(gk.epsg()).isEqualTo(epsg);
    assertThat(gk.epsgWithZonePrefix()).isEqualTo(prefixed);
  }

  @ParameterizedTest
  @ValueSource(ints = {4512, 4555, 4326, 4490})
  void otherCodesAreNotGaussKrugerZones(int epsg) {
    assertThatThrownBy(() -> GaussKruger.forEpsg(epsg))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void theCentralMeridianProjectsToTheFalseEasting() {
    Geometry point = Cgcs2000.GEOMETRY_FACTORY.createPoint(new Coordinate(120.0, 29.0));
    Geometry projected = new GaussKruger(40).project(point);
    assertThat(projected.getCoordinate().x)
        .isCloseTo(500_000.0, org.assertj.core.data.Offset.offset(1e-6));
    // Meridian arc length from the equator to 29°N on GRS80: 3,209,... m.
    assertThat(projected.getCoordinate().y).isBetween(3_208_000.0, 3_211_000.0);
    assertThat(projected.getSRID()).isEqualTo(4549);
  }
}
