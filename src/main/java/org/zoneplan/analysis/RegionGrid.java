package org.zoneplan.analysis;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.system.Deadline;

/**
 * A raster over a polygonal region that answers "wholly inside", "wholly outside" or "don't know"
 * for a bounding box in a few array reads, so that most parcels never reach a geometric predicate.
 *
 * <p>Every cell that the bounding box of a boundary segment touches is a boundary cell; any other
 * cell meets no part of the boundary, so it lies wholly inside or wholly outside the region, which
 * one point-in-polygon test per run of such cells in a row decides. A box is inside when every cell
 * it touches is inside, outside when every one is outside (summed-area tables make that O(1)), and
 * otherwise undecided. Built in time proportional to the vertices plus the cells; immutable and
 * thread-safe.
 */
final class RegionGrid {
  static final int UNKNOWN = -1;
  static final int OUTSIDE = 0;
  static final int INSIDE = 1;

  private static final byte CELL_OUTSIDE = 0;
  private static final byte CELL_INSIDE = 1;
  private static final byte CELL_BOUNDARY = 2;

  private final double x0;
  private final double y0;
  private final double cellWidth;
  private final double cellHeight;
  private final int columns;
  private final int rows;
  private final byte[] cells;
  private final int[] insideSums;
  private final int[] outsideSums;

  /**
   * @param region polygonal
   * @param cellsAlongLongSide resolution: the longer side of the region's envelope is cut into this
   *     many cells
   */
  RegionGrid(Geometry region, int cellsAlongLongSide) {
    Envelope e = region.getEnvelopeInternal();
    double longSide = Math.max(e.getWidth(), e.getHeight());
    double size = longSide > 0 ? longSide / cellsAlongLongSide : 1;
    x0 = e.getMinX();
    y0 = e.getMinY();
    cellWidth = size;
    cellHeight = size;
    columns = Math.max(1, (int) Math.ceil(e.getWidth() / size) + 1);
    rows = Math.max(1, (int) Math.ceil(e.getHeight() / size) + 1);
    cells = new byte[columns * rows];
    markBoundary(region);
    fill(region);
    insideSums = sums(CELL_INSIDE);
    outsideSums = sums(CELL_OUTSIDE);
  }

  private void markBoundary(Geometry region) {
    for (int i = 0; i < region.getNumGeometries(); i++) {
      Geometry part = region.getGeometryN(i);
      if (part instanceof Polygon polygon) {
        markRing(polygon.getExteriorRing());
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          markRing(polygon.getInteriorRingN(h));
        }
      }
    }
  }

  private void markRing(LineString ring) {
    CoordinateSequence s = ring.getCoordinateSequence();
    for (int i = 1; i < s.size(); i++) {
      double ax = s.getX(i - 1);
      double ay = s.getY(i - 1);
      double bx = s.getX(i);
      double by = s.getY(i);
      int c0 = column(Math.min(ax, bx), -1);
      int c1 = column(Math.max(ax, bx), 1);
      int r0 = row(Math.min(ay, by), -1);
      int r1 = row(Math.max(ay, by), 1);
      for (int r = r0; r <= r1; r++) {
        for (int c = c0; c <= c1; c++) {
          cells[r * columns + c] = CELL_BOUNDARY;
        }
      }
    }
  }

  /** Decides each run of non-boundary cells in a row with one point-in-polygon test. */
  private void fill(Geometry region) {
    IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(region);
    for (int r = 0; r < rows; r++) {
      Deadline.check();
      int c = 0;
      while (c < columns) {
        if (cells[r * columns + c] == CELL_BOUNDARY) {
          c++;
          continue;
        }
        int start = c;
        while (c < columns && cells[r * columns + c] != CELL_BOUNDARY) {
          c++;
        }
        Coordinate centre =
            new Coordinate(x0 + (start + 0.5) * cellWidth, y0 + (r + 0.5) * cellHeight);
        byte state = locator.locate(centre) == Location.INTERIOR ? CELL_INSIDE : CELL_OUTSIDE;
        for (int k = start; k < c; k++) {
          cells[r * columns + k] = state;
        }
      }
    }
  }

  /** Summed-area table of cells in the given state, (rows+1) × (columns+1). */
  private int[] sums(byte state) {
    int w = columns + 1;
    int[] s = new int[(rows + 1) * w];
    for (int r = 0; r < rows; r++) {
      int rowSum = 0;
      for (int c = 0; c < columns; c++) {
        rowSum += cells[r * columns + c] == state ? 1 : 0;
        s[(r + 1) * w + c + 1] = s[r * w + c + 1] + rowSum;
      }
    }
    return s;
  }

  private int count(int[] s, int c0, int r0, int c1, int r1) {
    int w = columns + 1;
    return s[(r1 + 1) * w + c1 + 1] - s[r0 * w + c1 + 1] - s[(r1 + 1) * w + c0] + s[r0 * w + c0];
  }

  /** {@link #INSIDE}, {@link #OUTSIDE} or {@link #UNKNOWN} for a bounding box. */
  int classify(Envelope box) {
    if (box.getMaxX() < x0
        || box.getMaxY() < y0
        || box.getMinX() > x0 + columns * cellWidth
        || box.getMinY() > y0 + rows * cellHeight) {
      return OUTSIDE;
    }
    if (box.getMinX() < x0
        || box.getMinY() < y0
        || box.getMaxX() >= x0 + columns * cellWidth
        || box.getMaxY() >= y0 + rows * cellHeight) {
      return UNKNOWN;
    }
    int c0 = column(box.getMinX(), -1);
    int c1 = column(box.getMaxX(), 1);
    int r0 = row(box.getMinY(), -1);
    int r1 = row(box.getMaxY(), 1);
    int n = (c1 - c0 + 1) * (r1 - r0 + 1);
    if (count(insideSums, c0, r0, c1, r1) == n) {
      return INSIDE;
    }
    if (count(outsideSums, c0, r0, c1, r1) == n) {
      return OUTSIDE;
    }
    return UNKNOWN;
  }

  /** {@link #INSIDE}, {@link #OUTSIDE} or {@link #UNKNOWN} for a point. */
  int classify(Coordinate p) {
    return classify(new Envelope(p));
  }

  /**
   * The column of x, nudged by a relative hair in the given direction so that a boundary lying on a
   * cell edge marks the cells on both sides.
   */
  private int column(double x, int nudge) {
    double f = (x - x0) / cellWidth + nudge * 1e-9 * columns;
    return Math.max(0, Math.min(columns - 1, (int) Math.floor(f)));
  }

  private int row(double y, int nudge) {
    double f = (y - y0) / cellHeight + nudge * 1e-9 * rows;
    return Math.max(0, Math.min(rows - 1, (int) Math.floor(f)));
  }
}
