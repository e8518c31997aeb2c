package org.zoneplan.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.zoneplan.testsupport.Cs2cs;

class BoundaryPointsTest {
  /** Part 1: a square stored counter-clockwise with a clockwise hole; part 2: a triangle. */
  static final String ZONE_A =
      "MULTIPOLYGON (((120 30, 120.01 30, 120.01 30.01, 120 30.01, 120 30),"
          + " (120.002 30.002, 120.002 30.004, 120.004 30.004, 120.004 30.002, 120.002 30.002)),"
          + " ((120.02 30, 120.03 30, 120.025 30.01, 120.02 30)))";

  /** East of part 1, stored clockwise; its north-west corner 2 cm east of A's J2. */
  static final String ZONE_B =
      "MULTIPOLYGON (((120.0100002 30.01, 120.02 30.01, 120.02 30, 120.01 30, 120.0100002 30.01)))";

  /** A vertex about 0.11 m north of A's J1: farther than the tolerance. */
  static final String ZONE_C =
      "MULTIPOLYGON (((120 30.011, 119.99 30.011, 119.995 30.010001, 120 30.011)))";

  static Geometry wkt(String text) {
    try {
      return new WKTReader().read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void numbersClockwiseFromTheNorthWestShellThenHolesThenTheNextPart() {
    List<BoundaryPoint> points = BoundaryPoints.of(wkt(ZONE_A), new Crs(4549));
    // Worked by hand from the class comment's rule.
    double[][] expected = {
      {120, 30.01}, {120.01, 30.01}, {120.01, 30}, {120, 30},
      {120.002, 30.004}, {120.004, 30.004}, {120.004, 30.002}, {120.002, 30.002},
      {120.025, 30.01}, {120.03, 30}, {120.02, 30}
    };
    int[][] partRing = {
      {1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 2}, {1, 2}, {1, 2}, {1, 2}, {2, 1}, {2, 1}, {2, 1}
    };
    assertThat(points).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      BoundaryPoint p = points.get(i);
      assertThat(p.name()).isEqualTo("J" + (i + 1));
      assertThat(p.number()).isEqualTo(i + 1);
      assertThat(p.longitude()).isEqualTo(expected[i][0]);
      assertThat(p.latitude()).isEqualTo(expected[i][1]);
      assertThat(new int[] {p.part(), p.ring()}).containsExactly(partRing[i]);
      assertThat(p.shared()).isEmpty();
    }
  }

  @Test
  void coordinatesAndDistancesEqualProjsToOneMillimetre() {
    Cs2cs.requireAvailable();
    Geometry zone = wkt(ZONE_A);
    for (int epsg : new int[] {4549, 4528}) {
      List<BoundaryPoint> points = BoundaryPoints.of(zone, new Crs(epsg));
      List<double[]> lonLat = new ArrayList<>();
      points.forEach(p -> lonLat.add(new double[] {p.longitude(), p.latitude()}));
      List<Cs2cs.NorthEast> reference = Cs2cs.project(lonLat, epsg);
      for (int i = 0; i < points.size(); i++) {
        BoundaryPoint p = points.get(i);
        assertThat(p.x())
            .as("X of %s in EPSG:%d", p.name(), epsg)
            .isCloseTo(reference.get(i).northing(), within(0.001));
        assertThat(p.y())
            .as("Y of %s in EPSG:%d", p.name(), epsg)
            .isCloseTo(reference.get(i).easting(), within(0.001));
        // The next point of the same ring: the ring's first after its last.
        int next = i + 1;
        if (next == points.size()
            || points.get(next).ring() != p.ring()
            || points.get(next).part() != p.part()) {
          next = i;
          while (next > 0
              && points.get(next - 1).ring() == p.ring()
              && points.get(next - 1).part() == p.part()) {
            next--;
          }
        }
        double distance =
            Math.hypot(
                reference.get(next).northing() - reference.get(i).northing(),
                reference.get(next).easting() - reference.get(i).easting());
        assertThat(p.distanceM())
            .as("distance from %s", p.name())
            .isCloseTo(distance, within(0.001));
      }
      if (epsg == 4528) {
        // Zone 40's number in front: 8 digits before the decimal point.
        assertThat(points.get(0).y()).isBetween(40_000_000.0, 41_000_000.0);
      } else {
        assertThat(points.get(0).y()).isBetween(0.0, 1_000_000.0);
      }
    }
  }

  @Test
  void pointsWithinTheToleranceOfANeighboursPointNameIt() {
    List<BoundaryPoint> points =
        BoundaryPoints.of(
            wkt(ZONE_A),
            new Crs(4549),
            Map.of("B", wkt(ZONE_B), "C", wkt(ZONE_C)),
            BoundaryPoints.SHARED_TOLERANCE_M);
    // B numbers its own ring J1 (120.0100002 30.01), J2 (120.02 30.01), J3 (120.02 30), J4.
    assertThat(points.get(1).sharedText()).isEqualTo("B:J1");
    assertThat(points.get(1).shared().get(0).offsetM()).isBetween(0.015, 0.025);
    assertThat(points.get(2).sharedText()).isEqualTo("B:J4");
    assertThat(points.get(2).shared().get(0).offsetM()).isEqualTo(0.0);
    assertThat(points.get(10).sharedText()).isEqualTo("B:J3");
    // C's point 0.11 m north of J1 is not the same point; nothing else is shared.
    assertThat(points.get(0).shared()).isEmpty();
    assertThat(points.stream().filter(p -> !p.shared().isEmpty()).count()).isEqualTo(3);
  }

  @Test
  void theNumberingDoesNotDependOnTheTablesCrs() {
    List<String> a =
        BoundaryPoints.of(wkt(ZONE_A), new Crs(4549)).stream()
            .map(p -> p.name() + p.longitude() + p.latitude())
            .toList();
    List<String> b =
        BoundaryPoints.of(wkt(ZONE_A), new Crs(4548)).stream()
            .map(p -> p.name() + p.longitude() + p.latitude())
            .toList();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void refusesAGeographicCrs() {
    assertThatThrownBy(() -> BoundaryPoints.of(wkt(ZONE_A), Crs.CGCS2000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Gauss-Krüger");
  }
}
