package org.zoneplan.tiles;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.overlayng.RingClipper;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.zoneplan.geo.WebMercator;

/**
 * Turns a stored polygon (EPSG:4490 longitude, latitude) into tile geometry: projected to Web
 * Mercator tile coordinates (0..extent, y down), clipped to the buffered tile, simplified in tile
 * pixel space, snapped to the integer grid, and valid after snapping (no self-intersection, no
 * collapsed ring). Orientation is left to {@link MvtEncoder}. Stateless and thread-safe.
 *
 * <p>Fast paths, since most features of a parcel tile are small and inside the tile: a polygon
 * inside the buffered tile is not clipped; a convex ring without holes is clipped by
 * Sutherland–Hodgman (exact for convex rings); anything else by JTS OverlayNG. A small ring without
 * holes across the tile's edge, convex or not, is clipped by Sutherland–Hodgman and kept when the
 * snapped result is a simple ring (then it is the exact intersection, see {@link
 * SmallRing#clipped}), else it goes the general way. After snapping, a polygon that is not valid is
 * snapped again by snap-rounding ({@link GeometryPrecisionReducer}), which guarantees a valid
 * result.
 */
public final class MvtGeometry {
  /** Tile coordinates: a floating model for projection and clipping. */
  static final GeometryFactory FLOATING = new GeometryFactory(new PrecisionModel());

  private static final PrecisionModel GRID = new PrecisionModel(1.0);

  /** Simplify only rings with more corners than this (parcels rarely have more). */
  private static final int SIMPLIFY_ABOVE_POINTS = 12;

  /** Single rings up to this many points inside the tile take the fast path ({@link SmallRing}). */
  private static final int FAST_PATH_MAX_POINTS = 32;

  /** Returned by the fast paths of {@link SmallRing} for a ring they leave to the general one. */
  private static final Geometry GENERAL_PATH = FLOATING.createPolygon();

  private MvtGeometry() {}

  /**
   * Tile geometry of a polygon, or null when nothing of it remains in the buffered tile (or it is
   * smaller than {@code minArea}).
   *
   * @param lonLat Polygon or MultiPolygon, x = longitude, y = latitude in degrees
   * @param extent tile size in tile units (4096 for MVT)
   * @param buffer tile units kept beyond each edge
   * @param tolerance Douglas–Peucker tolerance in tile units (0: no simplification)
   * @param minArea polygons whose projected area is below this, in tile units², are dropped (0:
   *     none)
   */
  public static Geometry forTile(
      Geometry lonLat, TileCoord tile, int extent, int buffer, double tolerance, double minArea) {
    TileProjection projection = new TileProjection(tile, extent);
    if (lonLat.getNumGeometries() == 1
        && lonLat.getGeometryN(0) instanceof Polygon single
        && single.getNumInteriorRing() == 0
        && single.getExteriorRing().getNumPoints() <= FAST_PATH_MAX_POINTS) {
      SmallRing ring = SmallRing.project(single.getExteriorRing(), projection);
      if (minArea > 0 && Math.abs(ring.area) < minArea) {
        return null;
      }
      if (ring.within(-buffer, extent + buffer)) {
        return ring.snapped();
      }
      Geometry clipped = ring.clipped(-buffer, extent + buffer, tolerance);
      if (clipped != GENERAL_PATH) {
        return clipped;
      }
    }
    Geometry projected = project(lonLat, projection);
    if (minArea > 0 && projected.getArea() < minArea) {
      return null;
    }
    Geometry clipped = clip(projected, -buffer, extent + buffer);
    if (clipped == null) {
      return null;
    }
    Geometry simplified =
        tolerance > 0 && clipped.getNumPoints() > SIMPLIFY_ABOVE_POINTS
            ? DouglasPeuckerSimplifier.simplify(clipped, tolerance)
            : clipped;
    if (simplified.isEmpty()) {
      return null;
    }
    Geometry snapped = snap(simplified);
    if (snapped != null && IsValidOp.isValid(snapped)) {
      return snapped;
    }
    Geometry reduced = GeometryPrecisionReducer.reduce(simplified, GRID);
    return reduced.isEmpty() ? null : polygonalPart(reduced);
  }

  /** Projects longitude/latitude to tile coordinates: 0..extent across the tile, y down. */
  public static Geometry project(Geometry lonLat, TileCoord tile, double extent) {
    return project(lonLat, new TileProjection(tile, extent));
  }

  private static Geometry project(Geometry lonLat, TileProjection projection) {
    List<Polygon> polygons = new ArrayList<>(lonLat.getNumGeometries());
    for (int i = 0; i < lonLat.getNumGeometries(); i++) {
      if (!(lonLat.getGeometryN(i) instanceof Polygon polygon) || polygon.isEmpty()) {
        continue;
      }
      LinearRing shell = projectRing(polygon.getExteriorRing(), projection);
      LinearRing[] holes = new LinearRing[polygon.getNumInteriorRing()];
      for (int h = 0; h < holes.length; h++) {
        holes[h] = projectRing(polygon.getInteriorRingN(h), projection);
      }
      polygons.add(FLOATING.createPolygon(shell, holes));
    }
    return polygons.size() == 1
        ? polygons.get(0)
        : FLOATING.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  private static LinearRing projectRing(LinearRing ring, TileProjection projection) {
    CoordinateSequence seq = ring.getCoordinateSequence();
    Coordinate[] out = new Coordinate[seq.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Coordinate(projection.x(seq.getX(i)), projection.y(seq.getY(i)));
    }
    return FLOATING.createLinearRing(out);
  }

  /**
   * Longitude/latitude to the tile units of one tile. Latitude goes through Web Mercator's
   * ln(tan(π/4 + φ/2)), the costliest step of a parcel tile; near the tile (within 0.01 rad, about
   * 0.57°) a fourth-order Taylor series about the tile's centre latitude replaces it, with an error
   * below 3e-12 of the world (0.02 tile units at zoom 20); farther away the exact formula is used.
   */
  static final class TileProjection {
    private static final double SERIES_RANGE = 0.01;
    private final double scale;
    private final double offsetX;
    private final double offsetY;
    private final double lat0;
    private final double y0;
    private final double c1;
    private final double c2;
    private final double c3;
    private final double c4;
    private final boolean series;

    TileProjection(TileCoord tile, double extent) {
      this.scale = (1L << tile.z()) * extent;
      this.offsetX = tile.x() * extent;
      this.offsetY = tile.y() * extent;
      double centreY = (tile.y() + 0.5) / (1L << tile.z());
      double lat0Degrees = WebMercator.latitude(centreY);
      this.lat0 = Math.toRadians(lat0Degrees);
      this.y0 = WebMercator.y(lat0Degrees);
      double sec = 1 / Math.cos(lat0);
      double tan = Math.tan(lat0);
      double twoPi = 2 * Math.PI;
      // Derivatives of ln(tan(π/4 + φ/2)): sec, sec·tan, sec·(2tan² + 1), sec·tan·(6tan² + 5).
      this.c1 = sec / twoPi;
      this.c2 = sec * tan / (2 * twoPi);
      this.c3 = sec * (2 * tan * tan + 1) / (6 * twoPi);
      this.c4 = sec * tan * (6 * tan * tan + 5) / (24 * twoPi);
      this.series = Math.abs(lat0Degrees) < 80;
    }

    double x(double longitude) {
      return WebMercator.x(longitude) * scale - offsetX;
    }

    double y(double latitude) {
      double d = Math.toRadians(latitude) - lat0;
      if (series && Math.abs(d) < SERIES_RANGE) {
        return (y0 - d * (c1 + d * (c2 + d * (c3 + d * c4)))) * scale - offsetY;
      }
      return WebMercator.y(latitude) * scale - offsetY;
    }
  }

  /**
   * Clips polygonal tile geometry to the square [min, max]², or null when nothing remains. Geometry
   * already inside is returned as it is.
   */
  public static Geometry clip(Geometry polygonal, double min, double max) {
    Envelope clip = new Envelope(min, max, min, max);
    Envelope env = polygonal.getEnvelopeInternal();
    if (clip.covers(env)) {
      return polygonal;
    }
    if (!clip.intersects(env)) {
      return null;
    }
    List<Polygon> out = new ArrayList<>();
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      Polygon polygon = (Polygon) polygonal.getGeometryN(i);
      Envelope partEnv = polygon.getEnvelopeInternal();
      if (clip.covers(partEnv)) {
        out.add(polygon);
      } else if (!clip.intersects(partEnv)) {
        continue;
      } else if (polygon.getNumInteriorRing() == 0 && isConvex(polygon.getExteriorRing())) {
        Coordinate[] ring = new RingClipper(clip).clip(polygon.getExteriorRing().getCoordinates());
        if (ring.length >= 3) {
          if (!ring[0].equals2D(ring[ring.length - 1])) {
            Coordinate[] closed = new Coordinate[ring.length + 1];
            System.arraycopy(ring, 0, closed, 0, ring.length);
            closed[ring.length] = ring[0].copy();
            ring = closed;
          }
          if (ring.length >= 4) {
            out.add(FLOATING.createPolygon(ring));
          }
        }
      } else {
        Geometry part =
            OverlayNGRobust.overlay(polygon, FLOATING.toGeometry(clip), OverlayNG.INTERSECTION);
        for (int k = 0; k < part.getNumGeometries(); k++) {
          if (part.getGeometryN(k) instanceof Polygon p && !p.isEmpty()) {
            out.add(p);
          }
        }
      }
    }
    if (out.isEmpty()) {
      return null;
    }
    return out.size() == 1 ? out.get(0) : FLOATING.createMultiPolygon(out.toArray(Polygon[]::new));
  }

  /** Whether every turn of the ring goes the same way (collinear corners allowed). */
  static boolean isConvex(LinearRing ring) {
    CoordinateSequence s = ring.getCoordinateSequence();
    int n = s.size() - 1;
    if (n < 3) {
      return false;
    }
    int sign = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      int k = (i + 2) % n;
      double cross =
          (s.getX(j) - s.getX(i)) * (s.getY(k) - s.getY(j))
              - (s.getY(j) - s.getY(i)) * (s.getX(k) - s.getX(j));
      if (cross != 0) {
        int turn = cross > 0 ? 1 : -1;
        if (sign == 0) {
          sign = turn;
        } else if (turn != sign) {
          return false;
        }
      }
    }
    return sign != 0;
  }

  /**
   * Rounds every vertex to the integer grid and drops repeated vertices; rings that collapse (fewer
   * than 3 distinct corners or no area) are dropped. Null when nothing remains. Validity is not
   * checked here.
   */
  static Geometry snap(Geometry polygonal) {
    List<Polygon> out = new ArrayList<>(polygonal.getNumGeometries());
    for (int i = 0; i < polygonal.getNumGeometries(); i++) {
      Polygon polygon = (Polygon) polygonal.getGeometryN(i);
      LinearRing shell = snapRing(polygon.getExteriorRing());
      if (shell == null) {
        continue;
      }
      List<LinearRing> holes = new ArrayList<>();
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        LinearRing hole = snapRing(polygon.getInteriorRingN(h));
        if (hole != null) {
          holes.add(hole);
        }
      }
      out.add(FLOATING.createPolygon(shell, holes.toArray(LinearRing[]::new)));
    }
    if (out.isEmpty()) {
      return null;
    }
    return out.size() == 1 ? out.get(0) : FLOATING.createMultiPolygon(out.toArray(Polygon[]::new));
  }

  private static LinearRing snapRing(LinearRing ring) {
    CoordinateSequence s = ring.getCoordinateSequence();
    List<Coordinate> pts = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      double x = Math.rint(s.getX(i));
      double y = Math.rint(s.getY(i));
      Coordinate last = pts.isEmpty() ? null : pts.get(pts.size() - 1);
      if (last == null || last.x != x || last.y != y) {
        pts.add(new Coordinate(x, y));
      }
    }
    if (pts.size() < 4) {
      return null;
    }
    double twiceArea = 0;
    for (int i = 0; i < pts.size() - 1; i++) {
      Coordinate a = pts.get(i);
      Coordinate b = pts.get(i + 1);
      twiceArea += a.x * b.y - b.x * a.y;
    }
    if (twiceArea == 0) {
      return null;
    }
    return FLOATING.createLinearRing(pts.toArray(Coordinate[]::new));
  }

  private static Geometry polygonalPart(Geometry g) {
    if (g instanceof Polygon) {
      return g;
    }
    List<Polygon> polygons = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
        polygons.add(p);
      }
    }
    if (polygons.isEmpty()) {
      return null;
    }
    return polygons.size() == 1
        ? polygons.get(0)
        : FLOATING.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  /**
   * The fast path for the common parcel: one ring, no hole, inside the buffered tile. Projected
   * into arrays, snapped to integers, and checked for simplicity with exact integer orientation
   * tests (every pair of edges), without building intermediate JTS geometry. Rings that are not
   * simple after snapping go the general way.
   */
  private static final class SmallRing {
    final double[] xs;
    final double[] ys;
    final int n; // points without the closing one
    double area;

    private SmallRing(double[] xs, double[] ys, int n) {
      this.xs = xs;
      this.ys = ys;
      this.n = n;
    }

    static SmallRing project(LinearRing ring, TileProjection projection) {
      CoordinateSequence seq = ring.getCoordinateSequence();
      int n = seq.size() - 1;
      SmallRing r = new SmallRing(new double[n], new double[n], n);
      double twice = 0;
      for (int i = 0; i < n; i++) {
        r.xs[i] = projection.x(seq.getX(i));
        r.ys[i] = projection.y(seq.getY(i));
        if (i > 0) {
          twice += r.xs[i - 1] * r.ys[i] - r.xs[i] * r.ys[i - 1];
        }
      }
      if (n > 0) {
        twice += r.xs[n - 1] * r.ys[0] - r.xs[0] * r.ys[n - 1];
      }
      r.area = twice / 2;
      return r;
    }

    boolean within(double min, double max) {
      for (int i = 0; i < n; i++) {
        if (xs[i] < min || xs[i] > max || ys[i] < min || ys[i] > max) {
          return false;
        }
      }
      return true;
    }

    /** The snapped polygon, null when it collapses; falls back to snap-rounding when not simple. */
    Geometry snapped() {
      return snapped(true);
    }

    /**
     * The ring clipped to the square [min, max]² and snapped, null when nothing remains, or {@link
     * #GENERAL_PATH} when the general way must decide: the snapped ring is not simple, or it has
     * more than {@link #SIMPLIFY_ABOVE_POINTS} points (the general way simplifies those).
     *
     * <p>Sutherland–Hodgman yields one ring. For a ring that is not convex and whose intersection
     * with the square falls apart, it joins the parts by edges running along the square's side and
     * back, which overlap: such a ring is not simple, and goes the general way (OverlayNG). A
     * simple result is the exact intersection (a simple ring meets a convex square in one piece
     * without holes, and the clipper traces its outline), as for convex rings, where this gives
     * what the general way's own Sutherland–Hodgman gives.
     */
    Geometry clipped(double min, double max, double tolerance) {
      double[] x = xs;
      double[] y = ys;
      int m = n;
      // one half-plane after the other: x ≥ min, x ≤ max, y ≥ min, y ≤ max
      for (int side = 0; side < 4 && m > 0; side++) {
        double[] cx = new double[2 * m];
        double[] cy = new double[2 * m];
        m = clipToSide(x, y, m, cx, cy, side, side % 2 == 0 ? min : max);
        x = cx;
        y = cy;
      }
      if (m < 3) {
        return null;
      }
      if (tolerance > 0 && m + 1 > SIMPLIFY_ABOVE_POINTS) {
        return GENERAL_PATH;
      }
      return new SmallRing(x, y, m).snapped(false);
    }

    /**
     * One step of Sutherland–Hodgman: the ring (closing point implied) cut to the half-plane {@code
     * x ≥ v} (side 0), {@code x ≤ v} (1), {@code y ≥ v} (2) or {@code y ≤ v} (3), points on the
     * line inside; returns the number of points written.
     */
    private static int clipToSide(
        double[] x, double[] y, int n, double[] outX, double[] outY, int side, double v) {
      int m = 0;
      boolean vertical = side < 2;
      for (int i = 0; i < n; i++) {
        int p = i == 0 ? n - 1 : i - 1;
        double c = vertical ? x[i] : y[i];
        double b = vertical ? x[p] : y[p];
        boolean in = side % 2 == 0 ? c >= v : c <= v;
        boolean prevIn = side % 2 == 0 ? b >= v : b <= v;
        if (in != prevIn) {
          double t = (v - b) / (c - b);
          if (vertical) {
            outX[m] = v;
            outY[m] = y[p] + t * (y[i] - y[p]);
          } else {
            outX[m] = x[p] + t * (x[i] - x[p]);
            outY[m] = v;
          }
          m++;
        }
        if (in) {
          outX[m] = x[i];
          outY[m] = y[i];
          m++;
        }
      }
      return m;
    }

    /**
     * The snapped polygon, null when it collapses; when not simple, snap-rounded ({@code reduce})
     * or {@link #GENERAL_PATH}.
     */
    private Geometry snapped(boolean reduce) {
      long[] x = new long[n];
      long[] y = new long[n];
      int m = 0;
      for (int i = 0; i < n; i++) {
        long sx = (long) Math.rint(xs[i]);
        long sy = (long) Math.rint(ys[i]);
        if (m == 0 || sx != x[m - 1] || sy != y[m - 1]) {
          x[m] = sx;
          y[m] = sy;
          m++;
        }
      }
      while (m > 1 && x[m - 1] == x[0] && y[m - 1] == y[0]) {
        m--;
      }
      if (m < 3) {
        return null;
      }
      long twice = 0;
      for (int i = 0; i < m; i++) {
        int j = i + 1 == m ? 0 : i + 1;
        twice += x[i] * y[j] - x[j] * y[i];
      }
      if (twice == 0) {
        return null;
      }
      if (!isSimple(x, y, m)) {
        if (!reduce) {
          return GENERAL_PATH;
        }
        Coordinate[] raw = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
          raw[i] = new Coordinate(xs[i], ys[i]);
        }
        raw[n] = raw[0].copy();
        Geometry reduced = GeometryPrecisionReducer.reduce(FLOATING.createPolygon(raw), GRID);
        return reduced.isEmpty() ? null : polygonalPart(reduced);
      }
      Coordinate[] ring = new Coordinate[m + 1];
      for (int i = 0; i < m; i++) {
        ring[i] = new Coordinate(x[i], y[i]);
      }
      ring[m] = ring[0].copy();
      return FLOATING.createPolygon(ring);
    }
  }

  /**
   * Whether a ring of integer points (closing point implied, no two consecutive equal) is simple:
   * no two edges meet except consecutive ones at their shared corner, and no consecutive edges fold
   * back over each other. Exact (integer arithmetic).
   */
  static boolean isSimple(long[] x, long[] y, int n) {
    for (int i = 0; i < n; i++) {
      int i1 = (i + 1) % n;
      for (int j = i + 1; j < n; j++) {
        int j1 = (j + 1) % n;
        if (j == i + 1 || (i == 0 && j == n - 1)) {
          // Consecutive: s is the shared corner, a and b the far ends; they must not overlap.
          int s = j == i + 1 ? i1 : i;
          int a = j == i + 1 ? i : i1;
          int b = j == i + 1 ? j1 : j;
          long ax = x[a] - x[s];
          long ay = y[a] - y[s];
          long bx = x[b] - x[s];
          long by = y[b] - y[s];
          if (ax * by - ay * bx == 0 && ax * bx + ay * by > 0) {
            return false;
          }
        } else if (segmentsMeet(x[i], y[i], x[i1], y[i1], x[j], y[j], x[j1], y[j1])) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean segmentsMeet(
      long ax, long ay, long bx, long by, long cx, long cy, long dx, long dy) {
    long o1 = orientation(ax, ay, bx, by, cx, cy);
    long o2 = orientation(ax, ay, bx, by, dx, dy);
    long o3 = orientation(cx, cy, dx, dy, ax, ay);
    long o4 = orientation(cx, cy, dx, dy, bx, by);
    if (o1 != o2 && o3 != o4) {
      return true; // crossing, or one end touching the other segment
    }
    return (o1 == 0 && onSegment(ax, ay, bx, by, cx, cy))
        || (o2 == 0 && onSegment(ax, ay, bx, by, dx, dy))
        || (o3 == 0 && onSegment(cx, cy, dx, dy, ax, ay))
        || (o4 == 0 && onSegment(cx, cy, dx, dy, bx, by));
  }

  private static long orientation(long ax, long ay, long bx, long by, long cx, long cy) {
    return Long.signum((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  }

  /** Whether p, collinear with a–b, lies on the closed segment a–b. */
  private static boolean onSegment(long ax, long ay, long bx, long by, long px, long py) {
    return Math.min(ax, bx) <= px
        && px <= Math.max(ax, bx)
        && Math.min(ay, by) <= py
        && py <= Math.max(ay, by);
  }
}
