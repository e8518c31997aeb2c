package org.zoneplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;

/** Tile geometry: clipping, snapping and validity, WKT in tile units in and out. */
class MvtGeometryTest {
  private static final WKTReader WKT = new WKTReader();
  private static final TileCoord TILE = new TileCoord(4, 13, 6);

  /** Lon/lat geometry whose projection on TILE is the given WKT in tile units (extent 4096). */
  private static Geometry fromTileUnits(String wkt) throws ParseException {
    Geometry g = WKT.read(wkt);
    g.apply(
        (Coordinate c) -> {
          double worldX = (TILE.x() + c.x / 4096) / 16;
          double worldY = (TILE.y() + c.y / 4096) / 16;
          c.x = worldX * 360 - 180;
          c.y = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * worldY))));
        });
    g.geometryChanged();
    return g;
  }

  private static Geometry forTile(String wkt, int buffer, double minArea) throws ParseException {
    return MvtGeometry.forTile(fromTileUnits(wkt), TILE, 4096, buffer, 0, minArea);
  }

  @Test
  void polygonInsideIsOnlySnapped() throws ParseException {
    Geometry g =
        forTile(
            "POLYGON ((100.2 100.4, 200.6 100.4, 200.6 300.3, 100.2 300.3, 100.2 100.4))", 64, 0);
    assertThat(g.norm())
        .isEqualTo(WKT.read("POLYGON ((100 100, 201 100, 201 300, 100 300, 100 100))").norm());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "convex square over the corner | POLYGON ((-500 -500, 500 -500, 500 500, -500 500, -500 -500)) | POLYGON ((-64 -64, 500 -64, 500 500, -64 500, -64 -64))",
        "concave U over the edge | POLYGON ((-300 100, 300 100, 300 400, 200 400, 200 200, -300 200, -300 100)) | POLYGON ((-64 100, 300 100, 300 400, 200 400, 200 200, -64 200, -64 100))",
        "polygon with a hole over the edge | POLYGON ((-300 0, 300 0, 300 300, -300 300, -300 0), (100 100, 200 100, 200 200, 100 200, 100 100)) | POLYGON ((-64 0, 300 0, 300 300, -64 300, -64 0), (100 100, 200 100, 200 200, 100 200, 100 100))"
      })
  void clippedToTheBufferedTile(String what, String input, String expected) throws ParseException {
    Geometry g = forTile(input, 64, 0);
    assertThat(IsValidOp.isValid(g)).isTrue();
    assertThat(g.getArea()).isCloseTo(WKT.read(expected).getArea(), within(1.0));
    assertThat(g.symDifference(WKT.read(expected)).getArea()).isLessThan(1.0);
  }

  @Test
  void aConcaveRingFallingApartAtTheEdgeGivesBothParts() throws ParseException {
    // A C open to the right whose back lies beyond the buffer (x < -64): its two arms are cut off
    // from each other, so the clipped shape is two rectangles of 164 × 100 (and no bridge along
    // x = -64, which Sutherland–Hodgman alone would leave).
    Geometry g =
        forTile(
            "POLYGON ((-300 100, 100 100, 100 200, -200 200, -200 300, 100 300, 100 400, -300 400,"
                + " -300 100))",
            64,
            0);
    assertThat(IsValidOp.isValid(g)).isTrue();
    assertThat(g.getNumGeometries()).isEqualTo(2);
    assertThat(g.getArea()).isCloseTo(2 * 164 * 100, within(1.0));
    Geometry expected =
        WKT.read(
            "MULTIPOLYGON (((-64 100, 100 100, 100 200, -64 200, -64 100)), ((-64 300, 100 300, 100"
                + " 400, -64 400, -64 300)))");
    assertThat(g.symDifference(expected).getArea()).isLessThan(1.0);
  }

  /**
   * Small rings across the tile's edge, convex and notched (as the benchmark's parcels: a notch cut
   * into the top), at random places along the edges: the tile geometry is valid, on the integer
   * grid, and within half a unit of the exact intersection (JTS's overlay of the rings and the
   * buffered square, worked here apart from the code under test).
   */
  @Test
  void smallRingsAcrossTheEdgeAreTheExactIntersectionSnapped() throws ParseException {
    java.util.Random random = new java.util.Random(16);
    Geometry box = WKT.read("POLYGON ((-64 -64, 4160 -64, 4160 4160, -64 4160, -64 -64))");
    int clipped = 0;
    for (int i = 0; i < 400; i++) {
      double w = 50 + random.nextDouble() * 400;
      double h = 50 + random.nextDouble() * 400;
      // around one of the buffered square's sides or corners
      double x =
          random.nextBoolean() ? -64 - w * random.nextDouble() : 4160 - w * random.nextDouble();
      double y =
          random.nextInt(3) == 0
              ? 2000
              : random.nextBoolean()
                  ? -64 - h * random.nextDouble()
                  : 4160 - h * random.nextDouble();
      boolean notched = i % 2 == 1;
      String ring =
          notched
              ? String.format(
                  java.util.Locale.ROOT,
                  "POLYGON ((%1$f %2$f, %3$f %2$f, %3$f %4$f, %5$f %4$f, %5$f %6$f, %7$f %6$f, %7$f"
                      + " %4$f, %1$f %4$f, %1$f %2$f))",
                  x,
                  y,
                  x + w,
                  y + h,
                  x + 0.6 * w,
                  y + 0.4 * h,
                  x + 0.4 * w)
              : String.format(
                  java.util.Locale.ROOT,
                  "POLYGON ((%1$f %2$f, %3$f %2$f, %3$f %4$f, %1$f %4$f, %1$f %2$f))",
                  x,
                  y,
                  x + w,
                  y + h);
      Geometry exact = WKT.read(ring).intersection(box);
      Geometry g = forTile(ring, 64, 0);
      if (exact.isEmpty()
          || exact.getEnvelopeInternal().getWidth() < 2
          || exact.getEnvelopeInternal().getHeight() < 2) {
        continue; // nothing, or a sliver narrower than the grid: may or may not survive snapping
      }
      clipped++;
      assertThat(g).as(ring).isNotNull();
      assertThat(IsValidOp.isValid(g)).as(ring).isTrue();
      for (Coordinate c : g.getCoordinates()) {
        assertThat(c.x).isEqualTo(Math.rint(c.x));
        assertThat(c.y).isEqualTo(Math.rint(c.y));
      }
      // each corner moves at most half a unit each way: the shapes differ by less than a
      // half-unit band along the outline
      assertThat(g.symDifference(exact).getArea())
          .as(ring)
          .isLessThanOrEqualTo(0.5 * exact.getLength() + 1);
      assertThat(g.getNumGeometries()).as(ring).isEqualTo(exact.getNumGeometries());
    }
    assertThat(clipped).isGreaterThan(300);
  }

  @Test
  void outsideTheBufferIsNothing() throws ParseException {
    assertThat(forTile("POLYGON ((-900 -900, -800 -900, -800 -800, -900 -800, -900 -900))", 64, 0))
        .isNull();
  }

  @Test
  void selfIntersectionAfterSnappingIsRepaired() throws ParseException {
    // A bow-tie appears when the thin spike's two sides round to crossing positions.
    Geometry g =
        forTile(
            "POLYGON ((10 10, 100 10, 100 10.6, 50.4 10.6, 50.6 10.4, 20 11.4, 10 20, 10 10))",
            64,
            0);
    assertThat(g).isNotNull();
    assertThat(IsValidOp.isValid(g)).isTrue();
    for (Coordinate c : g.getCoordinates()) {
      assertThat(c.x).isEqualTo(Math.rint(c.x));
      assertThat(c.y).isEqualTo(Math.rint(c.y));
    }
  }

  @Test
  void collapsedSliverIsDropped() throws ParseException {
    assertThat(forTile("POLYGON ((10 10, 300 10.2, 300 10.3, 10 10))", 64, 0)).isNull();
  }

  @Test
  void polygonsBelowTheMinimumAreaAreDropped() throws ParseException {
    String small = "POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))"; // 100 units²
    assertThat(forTile(small, 64, 256)).isNull();
    assertThat(forTile(small, 64, 0)).isNotNull();
  }

  @Test
  void encodedPolygonsDecodeWithSpecWinding() throws ParseException {
    // Input rings in both orientations; the decoder classifies rings by winding (spec 2.1).
    Geometry shellClockwise =
        WKT.read(
            "POLYGON ((0 0, 0 100, 100 100, 100 0, 0 0), (20 20, 80 20, 80 80, 20 80, 20 20))");
    Geometry shellAnticlockwise =
        WKT.read(
            "POLYGON ((200 0, 300 0, 300 100, 200 100, 200 0), (220 20, 220 80, 280 80, 280 20, 220 20))");
    MvtEncoder encoder = new MvtEncoder();
    MvtEncoder.Layer layer = encoder.layer("test", 4096);
    layer.addPolygonal(shellClockwise, Map.of("name", "核心区", "n", 1), 7);
    layer.addPolygonal(shellAnticlockwise, Map.of("name", "拓展区", "x", 2.5, "ok", true), 8);
    var features = MvtTestSupport.decode(encoder.encode(), "test");
    assertThat(features).hasSize(2);
    assertThat(features.get(0).geometry().norm()).isEqualTo(shellClockwise.norm());
    assertThat(features.get(1).geometry().norm()).isEqualTo(shellAnticlockwise.norm());
    assertThat(features.get(0).attributes()).containsEntry("name", "核心区").containsEntry("id", 7L);
    assertThat(((Number) features.get(0).attributes().get("n")).longValue()).isEqualTo(1);
    assertThat(features.get(1).attributes()).containsEntry("x", 2.5).containsEntry("ok", true);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "square | 0 0, 10 0, 10 10, 0 10 | true",
        "bow-tie | 0 0, 10 10, 10 0, 0 10 | false",
        "spike folding back | 0 0, 10 0, 5 0, 5 5 | false",
        "corner touching an edge | 0 0, 10 0, 10 10, 5 0, 0 10 | false",
        "concave | 0 0, 10 0, 10 10, 5 5, 0 10 | true",
        "triangle | 0 0, 10 0, 0 10 | true"
      })
  void simplicityOfSnappedRings(String what, String ring, boolean simple) {
    String[] points = ring.split(",");
    long[] x = new long[points.length];
    long[] y = new long[points.length];
    for (int i = 0; i < points.length; i++) {
      String[] xy = points[i].trim().split(" ");
      x[i] = Long.parseLong(xy[0]);
      y[i] = Long.parseLong(xy[1]);
    }
    assertThat(MvtGeometry.isSimple(x, y, points.length)).isEqualTo(simple);
  }

  @Test
  void seriesProjectionAgreesWithTheExactFormula() {
    for (int z : new int[] {8, 12, 14, 16, 20}) {
      TileCoord tile = TileCoord.containing(119.9, 29.45, z);
      MvtGeometry.TileProjection projection = new MvtGeometry.TileProjection(tile, 4096);
      for (double dLat = -1.5; dLat <= 1.5; dLat += 0.01) {
        double lat = 29.45 + dLat;
        double exact =
            ((0.5 - Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) / (2 * Math.PI))
                        * (1L << z)
                    - tile.y())
                * 4096;
        assertThat(projection.y(lat))
            .as("zoom %d, latitude %f", z, lat)
            .isCloseTo(exact, within(0.05));
      }
    }
  }
}
