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
 * Sutherland–Hodgman (exact for convex rings); anything else by JTS OverlayNG. After snapping, a
 * polygon that is not valid is snapped again by snap-rounding ({@link GeometryPrecisionReducer}),
 * which guarantees a valid result.
 */
public final class MvtGeometry {
  /** Tile coordinates: a floating model for projection and clipping. */
  static final GeometryFactory FLOATING = new GeometryFactory(new PrecisionModel());

  private static final PrecisionModel GRID = new PrecisionModel(1.0);

  /** Simplify only rings with more corners than this (parcels rarely have more). */
  private static final int SIMPLIFY_ABOVE_POINTS = 12;

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
    Geometry projected = project(lonLat, tile, extent);
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
    double scale = (1L << tile.z()) * extent;
    double offsetX = tile.x() * extent;
    double offsetY = tile.y() * extent;
    List<Polygon> polygons = new ArrayList<>(lonLat.getNumGeometries());
    for (int i = 0; i < lonLat.getNumGeometries(); i++) {
      if (!(lonLat.getGeometryN(i) instanceof Polygon polygon) || polygon.isEmpty()) {
        continue;
      }
      LinearRing shell = projectRing(polygon.getExteriorRing(), scale, offsetX, offsetY);
      LinearRing[] holes = new LinearRing[polygon.getNumInteriorRing()];
      for (int h = 0; h < holes.length; h++) {
        holes[h] = projectRing(polygon.getInteriorRingN(h), scale, offsetX, offsetY);
      }
      polygons.add(FLOATING.createPolygon(shell, holes));
    }
    return polygons.size() == 1
        ? polygons.get(0)
        : FLOATING.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  private static LinearRing projectRing(
      LinearRing ring, double scale, double offsetX, double offsetY) {
    CoordinateSequence seq = ring.getCoordinateSequence();
    Coordinate[] out = new Coordinate[seq.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          new Coordinate(
              WebMercator.x(seq.getX(i)) * scale - offsetX,
              WebMercator.y(seq.getY(i)) * scale - offsetY);
    }
    return FLOATING.createLinearRing(out);
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
}
