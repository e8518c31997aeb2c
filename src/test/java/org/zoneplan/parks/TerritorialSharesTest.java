package org.zoneplan.parks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;

/**
 * Territorial shares on two adjacent one-degree districts A (119–120°E) and B (120–121°E), 30–31°N.
 * Expected values from hand-drawn pieces and symmetry, not from the code's overlay: a box symmetric
 * about a meridian has two halves of equal ellipsoidal area (the ellipsoid is symmetric about every
 * meridian plane). Every case is checked with the outlines prepared for one call and prepared once
 * for all calls (the benchmark's and the assessment's way).
 */
class TerritorialSharesTest {
  static final Map<String, Geometry> DISTRICTS = new LinkedHashMap<>();

  static {
    DISTRICTS.put("A", box(119, 30, 120, 31));
    DISTRICTS.put("B", box(120, 30, 121, 31));
    DISTRICTS.put("X", null); // a district without an outline is left out
  }

  static Polygon box(double x0, double y0, double x1, double y1) {
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(x0, y0),
          new Coordinate(x1, y0),
          new Coordinate(x1, y1),
          new Coordinate(x0, y1),
          new Coordinate(x0, y0)
        });
  }

  static List<Map<String, Double>> both(Geometry area) {
    return List.of(TerritorialShares.of(area, DISTRICTS), TerritorialShares.of(area, PREPARED));
  }

  static final TerritorialShares.Districts PREPARED = TerritorialShares.prepare(DISTRICTS);

  @Test
  void aPointCountsWhollyInTheDistrictItLiesWithinAndNowhereOnABoundary() {
    for (Map<String, Double> s :
        both(Cgcs2000.GEOMETRY_FACTORY.createPoint(new Coordinate(119.5, 30.5)))) {
      assertThat(s).containsExactly(Map.entry("A", 1.0));
    }
    // On the line between A and B: within neither (interior only), as PostGIS's ST_Within.
    for (Map<String, Double> s :
        both(Cgcs2000.GEOMETRY_FACTORY.createPoint(new Coordinate(120, 30.5)))) {
      assertThat(s).isEmpty();
    }
    for (Map<String, Double> s :
        both(Cgcs2000.GEOMETRY_FACTORY.createPoint(new Coordinate(122, 30.5)))) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void anAreaAcrossTheLineIsSplitByEllipsoidalArea() {
    // The halves are mirror images about 120°E, so their shares are equal; each is the area of the
    // half drawn by hand over the area of the whole (not exactly 0.5: the whole box's edges are
    // geodesics between its corners, the halves' edges geodesics between theirs).
    double half = EllipsoidalArea.squareMetres(box(119.9, 30.4, 120, 30.6));
    double whole = EllipsoidalArea.squareMetres(box(119.9, 30.4, 120.1, 30.6));
    for (Map<String, Double> s : both(box(119.9, 30.4, 120.1, 30.6))) {
      assertThat(s.keySet()).containsExactly("A", "B");
      assertThat(s.get("A")).isCloseTo(s.get("B"), within(1e-12));
      assertThat(s.get("A")).isCloseTo(half / whole, within(1e-12));
      assertThat(s.get("A")).isCloseTo(0.5, within(1e-6));
    }
    // Half of it beyond B's outer edge: the shares add up to about 0.5.
    double inB = EllipsoidalArea.squareMetres(box(120.9, 30.4, 121, 30.6));
    double all = EllipsoidalArea.squareMetres(box(120.9, 30.4, 121.1, 30.6));
    for (Map<String, Double> s : both(box(120.9, 30.4, 121.1, 30.6))) {
      assertThat(s).containsOnlyKeys("B");
      assertThat(s.get("B")).isCloseTo(inB / all, within(1e-12));
    }
  }

  @Test
  void anAreaInsideOneDistrictIsWhollyThereAndTouchingCountsNothing() {
    for (Map<String, Double> s : both(box(119.2, 30.2, 119.4, 30.4))) {
      assertThat(s).containsOnlyKeys("A");
      assertThat(s.get("A")).isCloseTo(1.0, within(1e-12));
    }
    // Inside A, one edge on the A|B line: all in A, nothing in B (the pieces meet in a line).
    for (Map<String, Double> s : both(box(119.8, 30.2, 120, 30.4))) {
      assertThat(s).containsOnlyKeys("A");
      assertThat(s.get("A")).isCloseTo(1.0, within(1e-12));
    }
    // Outside both, touching B's outer edge.
    for (Map<String, Double> s : both(box(121, 30.4, 121.1, 30.6))) {
      assertThat(s).isEmpty();
    }
  }
}
