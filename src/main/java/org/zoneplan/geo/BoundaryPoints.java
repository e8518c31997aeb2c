package org.zoneplan.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The boundary-point table (界址点坐标表) of a zone: every vertex of every ring, numbered and projected
 * to a CGCS2000 3-degree Gauss-Krüger plane. Spring-free; thread-safe (every call makes its own
 * projection).
 *
 * <p>Numbering: rings are taken polygon by polygon in stored order, in each polygon the shell
 * first, then its holes in stored order. Every ring is turned clockwise (seen from above, north up;
 * holes too) and starts at its north-westernmost vertex: the vertex nearest to the north-west
 * corner of the ring's bounding box, measured in the geographic plane with longitude scaled by
 * cos(latitude) (so the choice does not depend on which GK zone or prefix the table uses); ties go
 * to the northern then the western vertex. Numbers continue through the zone: if the first shell
 * has 12 points, the next ring (a hole, or the second polygon's shell) starts at J13. The closing
 * vertex of a stored ring (equal to its first) is not a point of its own; consecutive repeated
 * vertices count once.
 *
 * <p>Coordinates: X = northing, Y = easting in metres, rounded by the caller (0.001 m is the
 * table's precision); with a CRS of EPSG:4513–4533 Y carries the zone number (e.g. 40 + 6 digits).
 * Distances are planar in that Gauss-Krüger plane (not on the ellipsoid): the side lengths a
 * surveyor computes from the table's own coordinates; they differ from ellipsoidal lengths by the
 * plane's scale error (up to about 1.4·10⁻⁴ at the edge of a 3° zone).
 *
 * <p>Shared points: given the other zones of the same plan, a point lying within {@link
 * #SHARED_TOLERANCE_M} (planar) of a boundary point of another zone names that zone and that
 * point's number in the other zone's own table ({@link BoundaryPoint#shared()}). Each zone keeps
 * its own J1…Jn (the 报盘 file and the approval systems expect every parcel to start at J1), so a
 * shared point carries both numbers: its own and the neighbour's.
 */
public final class BoundaryPoints {
  /** Points of two zones closer than this (planar, metres) are the same boundary point. */
  public static final double SHARED_TOLERANCE_M = 0.05;

  private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

  private BoundaryPoints() {}

  /**
   * One ring of the table, clockwise from its north-westernmost vertex, in EPSG:4490 (x = lon).
   *
   * @param part 1…
   * @param ring 1 for the shell, 2… for holes
   * @param vertices open (no closing repeat), clockwise, at least 3
   */
  public record Ring(int part, int ring, List<Coordinate> vertices) {}

  /**
   * The boundary points of a polygonal geometry, without shared points.
   *
   * @param geographic a Polygon or MultiPolygon in EPSG:4490, x = longitude
   * @param crs a Gauss-Krüger CRS, EPSG:4513–4554
   */
  public static List<BoundaryPoint> of(Geometry geographic, Crs crs) {
    if (crs.isGeographic()) {
      throw new IllegalArgumentException(
          "the boundary-point table needs a Gauss-Krüger CRS (EPSG:4513–4554), not " + crs);
    }
    CoordinateTransform transform =
        TRANSFORMS.createTransform(GaussKruger.plane(Cgcs2000.SRID), GaussKruger.plane(crs.epsg()));
    ProjCoordinate source = new ProjCoordinate();
    List<BoundaryPoint> points = new ArrayList<>();
    int number = 0;
    for (Ring ring : rings(geographic)) {
      List<Coordinate> vertices = ring.vertices();
      double[][] plane = new double[vertices.size()][];
      for (int i = 0; i < vertices.size(); i++) {
        source.x = vertices.get(i).x;
        source.y = vertices.get(i).y;
        ProjCoordinate target = new ProjCoordinate();
        transform.transform(source, target);
        plane[i] = new double[] {target.x, target.y};
      }
      for (int i = 0; i < vertices.size(); i++) {
        double[] here = plane[i];
        double[] next = plane[(i + 1) % plane.length];
        number++;
        points.add(
            new BoundaryPoint(
                "J" + number,
                number,
                ring.part(),
                ring.ring(),
                vertices.get(i).x,
                vertices.get(i).y,
                here[1],
                here[0],
                Math.hypot(next[0] - here[0], next[1] - here[1]),
                List.of()));
      }
    }
    return points;
  }

  /**
   * The boundary points of one zone, each naming the points of the other zones within {@code
   * toleranceM} of it (see the class comment).
   *
   * @param geographic the zone's geometry, EPSG:4490
   * @param crs the table's Gauss-Krüger CRS; the neighbours are projected to the same plane
   * @param others the other zones of the plan by code, EPSG:4490 (the zone itself must not be in
   *     it); zones whose bounding box lies farther away are skipped cheaply
   * @param toleranceM planar metres, e.g. {@link #SHARED_TOLERANCE_M}
   */
  public static List<BoundaryPoint> of(
      Geometry geographic, Crs crs, Map<String, ? extends Geometry> others, double toleranceM) {
    List<BoundaryPoint> own = of(geographic, crs);
    if (own.isEmpty() || others.isEmpty()) {
      return own;
    }
    // About 1e-5 degrees per metre at these latitudes; pad the envelope generously.
    Envelope padded = new Envelope(geographic.getEnvelopeInternal());
    padded.expandBy(toleranceM * 1e-4 + 1e-7);
    Map<String, List<BoundaryPoint>> theirs = new TreeMap<>();
    for (Map.Entry<String, ? extends Geometry> other : others.entrySet()) {
      Geometry geometry = other.getValue();
      if (geometry != null && padded.intersects(geometry.getEnvelopeInternal())) {
        theirs.put(other.getKey(), of(geometry, crs));
      }
    }
    return share(own, theirs, toleranceM);
  }

  /**
   * {@code own} with each point naming the points of {@code others} within {@code toleranceM}: the
   * matching of {@link #of(Geometry, Crs, Map, double)} for tables computed once (every zone of a
   * plan at a time). All tables must be in the same CRS.
   *
   * @param others other zones' tables by code (the zone itself must not be in it)
   */
  public static List<BoundaryPoint> share(
      List<BoundaryPoint> own, Map<String, List<BoundaryPoint>> others, double toleranceM) {
    if (own.isEmpty() || others.isEmpty()) {
      return own;
    }
    // Grid of cell = tolerance over the zone's own points; neighbours' points look up 3x3 cells.
    double cell = Math.max(toleranceM, 1e-6);
    Map<Long, List<Integer>> grid = new HashMap<>();
    for (int i = 0; i < own.size(); i++) {
      grid.computeIfAbsent(key(own.get(i), cell, 0, 0), k -> new ArrayList<>()).add(i);
    }
    List<List<BoundaryPoint.SharedPoint>> shared = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      shared.add(new ArrayList<>());
    }
    for (Map.Entry<String, List<BoundaryPoint>> other : new TreeMap<>(others).entrySet()) {
      for (BoundaryPoint theirs : other.getValue()) {
        for (int dx = -1; dx <= 1; dx++) {
          for (int dy = -1; dy <= 1; dy++) {
            List<Integer> candidates = grid.get(key(theirs, cell, dx, dy));
            if (candidates == null) {
              continue;
            }
            for (int i : candidates) {
              BoundaryPoint mine = own.get(i);
              double offset = Math.hypot(mine.x() - theirs.x(), mine.y() - theirs.y());
              if (offset <= toleranceM) {
                shared
                    .get(i)
                    .add(new BoundaryPoint.SharedPoint(other.getKey(), theirs.name(), offset));
              }
            }
          }
        }
      }
    }
    List<BoundaryPoint> result = new ArrayList<>(own.size());
    for (int i = 0; i < own.size(); i++) {
      List<BoundaryPoint.SharedPoint> list = shared.get(i);
      list.sort(
          Comparator.comparing(BoundaryPoint.SharedPoint::zoneCode)
              .thenComparingDouble(BoundaryPoint.SharedPoint::offsetM));
      result.add(list.isEmpty() ? own.get(i) : own.get(i).withShared(list));
    }
    return result;
  }

  private static long key(BoundaryPoint point, double cell, int dx, int dy) {
    long cx = (long) Math.floor(point.y() / cell) + dx;
    long cy = (long) Math.floor(point.x() / cell) + dy;
    return cx * 1_000_000_007L + cy;
  }

  /**
   * The rings in table order, clockwise from their north-westernmost vertex (see the class
   * comment); EPSG:4490 coordinates, open rings.
   */
  public static List<Ring> rings(Geometry geographic) {
    Objects.requireNonNull(geographic, "geometry");
    if (!(geographic instanceof Polygonal)) {
      throw new IllegalArgumentException(
          "boundary points need a Polygon or MultiPolygon, not " + geographic.getGeometryType());
    }
    List<Ring> rings = new ArrayList<>();
    for (int p = 0; p < geographic.getNumGeometries(); p++) {
      Polygon polygon = (Polygon) geographic.getGeometryN(p);
      if (polygon.isEmpty()) {
        continue;
      }
      rings.add(new Ring(p + 1, 1, clockwiseFromNorthWest(polygon.getExteriorRing())));
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        rings.add(new Ring(p + 1, h + 2, clockwiseFromNorthWest(polygon.getInteriorRingN(h))));
      }
    }
    return rings;
  }

  private static List<Coordinate> clockwiseFromNorthWest(LinearRing ring) {
    Coordinate[] closed = ring.getCoordinates();
    List<Coordinate> open = new ArrayList<>(closed.length);
    for (int i = 0; i < closed.length - 1; i++) {
      Coordinate c = closed[i];
      if (open.isEmpty() || !open.get(open.size() - 1).equals2D(c)) {
        open.add(new Coordinate(c.x, c.y));
      }
    }
    while (open.size() > 1 && open.get(open.size() - 1).equals2D(open.get(0))) {
      open.remove(open.size() - 1);
    }
    Coordinate[] check = open.toArray(new Coordinate[open.size() + 1]);
    check[open.size()] = check[0];
    if (open.size() >= 3 && Orientation.isCCW(check)) {
      java.util.Collections.reverse(open);
    }
    Envelope envelope = ring.getEnvelopeInternal();
    double scale = Math.cos(Math.toRadians((envelope.getMinY() + envelope.getMaxY()) / 2));
    int start = 0;
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < open.size(); i++) {
      Coordinate c = open.get(i);
      double dx = (c.x - envelope.getMinX()) * scale;
      double dy = envelope.getMaxY() - c.y;
      double d = dx * dx + dy * dy;
      Coordinate s = open.get(start);
      if (d < best || (d == best && (c.y > s.y || (c.y == s.y && c.x < s.x)))) {
        best = d;
        start = i;
      }
    }
    Coordinate[] rotated = new Coordinate[open.size()];
    for (int i = 0; i < open.size(); i++) {
      rotated[i] = open.get((start + i) % open.size());
    }
    return List.copyOf(Arrays.asList(rotated));
  }
}
