package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.system.Deadline;

/**
 * Overlaps and coverage problems of a plan version:
 *
 * <ul>
 *   <li>{@link SpatialProblem.Kind#OVERLAP} / {@link SpatialProblem.Kind#SLIVER}: two zones that
 *       must not overlap (any two zones unless one is the other's ancestor, see {@link
 *       PlanGeometry#mustNotOverlap}) share area; a sliver when the shared part is everywhere
 *       narrower than the tolerance;
 *   <li>{@link SpatialProblem.Kind#OUTSIDE_PARENT}: a child reaching outside its parent, with the
 *       part outside;
 *   <li>{@link SpatialProblem.Kind#GAP}: a strip narrower than the tolerance between two siblings
 *       (children of one parent, or two roots) that no other zone fills.
 * </ul>
 *
 * <p>Widths are measured in the Gauss-Krüger plane of the plan (metres): a shape is narrower than
 * the tolerance when shrinking it by half the tolerance leaves nothing. A gap is what a
 * morphological closing (grow by half the tolerance, shrink back) of the two siblings together
 * fills that closing each alone does not, so notches within one zone are not gaps; hairline strips
 * (narrower than 2% of the tolerance) are numerical noise of the projection and dropped. Areas are
 * ellipsoidal; anything smaller than {@code minAreaM2} is dropped too.
 *
 * <p>Spring-free and thread-safe.
 */
public final class OverlapFinder {
  public static final double DEFAULT_TOLERANCE_M = 5.0;
  public static final double DEFAULT_MIN_AREA_M2 = 1.0;

  private final double toleranceM;
  private final double minAreaM2;

  /**
   * @param toleranceM gaps and slivers narrower than this are reported as such, metres
   * @param minAreaM2 problems smaller than this are dropped, m²
   */
  public OverlapFinder(double toleranceM, double minAreaM2) {
    if (!(toleranceM >= 0) || !(minAreaM2 >= 0)) {
      throw new IllegalArgumentException("tolerance and minimum area must be ≥ 0");
    }
    this.toleranceM = toleranceM;
    this.minAreaM2 = minAreaM2;
  }

  public double toleranceM() {
    return toleranceM;
  }

  /** Every problem of the plan: overlaps and slivers, children outside parents, gaps. */
  public List<SpatialProblem> find(PlanGeometry plan) {
    List<SpatialProblem> out = new ArrayList<>();
    if (plan.zones().isEmpty()) {
      return out;
    }
    GkPlane plane = GkPlane.forGeometry(plan.union());
    List<ZoneShape> zones = plan.zones();
    for (int i = 0; i < zones.size(); i++) {
      ZoneShape a = zones.get(i);
      for (int j = i + 1; j < zones.size(); j++) {
        ZoneShape b = zones.get(j);
        Deadline.check();
        if (plan.mustNotOverlap(a.code(), b.code())) {
          overlap(plane, a.code(), a.geometry(), b.code(), b.geometry()).ifPresent(out::add);
        }
      }
    }
    for (ZoneShape z : zones) {
      Deadline.check();
      ZoneShape parent = plan.parent(z.code());
      if (parent != null) {
        outside(plane, z.code(), z.geometry(), parent.code(), parent.geometry())
            .ifPresent(out::add);
      }
    }
    for (int i = 0; i < zones.size(); i++) {
      for (int j = i + 1; j < zones.size(); j++) {
        ZoneShape a = zones.get(i);
        ZoneShape b = zones.get(j);
        Deadline.check();
        if (plan.siblings(a.code(), b.code())) {
          gap(plane, plan, a, b).ifPresent(out::add);
        }
      }
    }
    out.sort(
        Comparator.comparing(SpatialProblem::kind)
            .thenComparing(SpatialProblem::zoneA)
            .thenComparing(SpatialProblem::zoneB));
    return out;
  }

  /**
   * The overlaps a zone would have with the given geometry (nothing else changed): with every zone
   * it must not overlap, its part outside its parent, and its children's parts outside it. Gaps are
   * not looked for (too slow while dragging a vertex).
   */
  public List<SpatialProblem> forZone(PlanGeometry plan, String code, Geometry geometry) {
    List<SpatialProblem> out = new ArrayList<>();
    GkPlane plane = GkPlane.forGeometry(geometry);
    for (ZoneShape other : plan.zones()) {
      Deadline.check();
      if (plan.mustNotOverlap(code, other.code())) {
        overlap(plane, code, geometry, other.code(), other.geometry()).ifPresent(out::add);
      }
    }
    ZoneShape parent = plan.parent(code);
    if (parent != null) {
      outside(plane, code, geometry, parent.code(), parent.geometry()).ifPresent(out::add);
    }
    for (String child : plan.children(code)) {
      outside(plane, child, plan.zone(child).geometry(), code, geometry).ifPresent(out::add);
    }
    out.sort(
        Comparator.comparing(SpatialProblem::kind)
            .thenComparing(SpatialProblem::zoneA)
            .thenComparing(SpatialProblem::zoneB));
    return out;
  }

  private Optional<SpatialProblem> overlap(
      GkPlane plane, String a, Geometry ga, String b, Geometry gb) {
    if (!ga.getEnvelopeInternal().intersects(gb.getEnvelopeInternal())) {
      return Optional.empty();
    }
    Geometry shared = polygonal(RegionArea.intersection(ga, gb));
    double area = EllipsoidalArea.squareMetres(shared);
    if (shared.isEmpty() || area < minAreaM2 || area <= 0) {
      return Optional.empty();
    }
    boolean narrow = narrow(plane, shared);
    return Optional.of(
        new SpatialProblem(
            narrow ? SpatialProblem.Kind.SLIVER : SpatialProblem.Kind.OVERLAP,
            a,
            b,
            shared,
            area,
            narrow));
  }

  private Optional<SpatialProblem> outside(
      GkPlane plane, String child, Geometry gc, String parent, Geometry gp) {
    Geometry out = polygonal(RegionArea.difference(gc, gp));
    double area = EllipsoidalArea.squareMetres(out);
    if (out.isEmpty() || area < minAreaM2 || area <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new SpatialProblem(
            SpatialProblem.Kind.OUTSIDE_PARENT, child, parent, out, area, narrow(plane, out)));
  }

  private Optional<SpatialProblem> gap(GkPlane plane, PlanGeometry plan, ZoneShape a, ZoneShape b) {
    if (toleranceM <= 0) {
      return Optional.empty();
    }
    Envelope near = new Envelope(a.geometry().getEnvelopeInternal());
    double margin = degreesFor(toleranceM, near);
    near.expandBy(margin);
    if (!near.intersects(b.geometry().getEnvelopeInternal())) {
      return Optional.empty();
    }
    Geometry pa = plane.toPlane(a.geometry());
    Geometry pb = plane.toPlane(b.geometry());
    if (!pa.isWithinDistance(pb, toleranceM)) {
      return Optional.empty();
    }
    double r = toleranceM / 2;
    Geometry both = planarPolygons(RegionArea.union(pa, pb));
    Geometry filled = planarPolygons(RegionArea.difference(close(both, r), both));
    if (filled.isEmpty()) {
      return Optional.empty();
    }
    filled = planarPolygons(RegionArea.difference(filled, close(pa, r)));
    filled = planarPolygons(RegionArea.difference(filled, close(pb, r)));
    filled = dropHairlines(filled);
    if (filled.isEmpty()) {
      return Optional.empty();
    }
    Geometry gap = polygonal(plane.toGeographic(filled));
    // A strip taken by another zone (not an ancestor of either) is no gap.
    Set<String> ancestors = new HashSet<>(plan.ancestors(a.code()));
    ancestors.addAll(plan.ancestors(b.code()));
    for (ZoneShape other : plan.zones()) {
      Deadline.check();
      if (gap.isEmpty()) {
        break;
      }
      if (!other.code().equals(a.code())
          && !other.code().equals(b.code())
          && !ancestors.contains(other.code())
          && other.geometry().getEnvelopeInternal().intersects(gap.getEnvelopeInternal())) {
        gap = polygonal(RegionArea.difference(gap, other.geometry()));
      }
    }
    gap = dropSmallParts(gap);
    double area = EllipsoidalArea.squareMetres(gap);
    if (gap.isEmpty() || area < minAreaM2) {
      return Optional.empty();
    }
    return Optional.of(
        new SpatialProblem(SpatialProblem.Kind.GAP, a.code(), b.code(), gap, area, true));
  }

  /**
   * Drops planar strips narrower than 2% of the tolerance (at least 5 cm): straight edges in
   * longitude/latitude are slightly curved in the plane, so nodes added by the union leave hairline
   * dents along long edges that the closing fills.
   */
  private Geometry dropHairlines(Geometry planar) {
    double hairline = Math.max(0.05, toleranceM * 0.02);
    List<Polygon> kept = new ArrayList<>();
    for (int i = 0; i < planar.getNumGeometries(); i++) {
      Polygon p = (Polygon) planar.getGeometryN(i);
      if (!p.buffer(-hairline / 2).isEmpty()) {
        kept.add(p);
      }
    }
    return planar.getFactory().createMultiPolygon(kept.toArray(Polygon[]::new));
  }

  /** Drops polygons smaller than the minimum area (noise from the buffers' arcs). */
  private Geometry dropSmallParts(Geometry g) {
    List<Polygon> kept = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (g.getGeometryN(i) instanceof Polygon p
          && EllipsoidalArea.squareMetres(p) >= Math.max(minAreaM2, Double.MIN_VALUE)) {
        kept.add(p);
      }
    }
    return g.getFactory().createMultiPolygon(kept.toArray(Polygon[]::new));
  }

  private static Geometry close(Geometry planar, double r) {
    return planarPolygons(planar.buffer(r).buffer(-r));
  }

  /**
   * The polygons of a planar geometry as a MultiPolygon (lines and points from overlay dropped).
   */
  private static Geometry planarPolygons(Geometry g) {
    List<Polygon> polygons = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Geometry part = g.getGeometryN(i);
      if (part instanceof Polygon p && !p.isEmpty()) {
        polygons.add(p);
      } else if (part.getNumGeometries() > 1
          || part instanceof org.locationtech.jts.geom.MultiPolygon) {
        Geometry inner = planarPolygons(part);
        for (int j = 0; j < inner.getNumGeometries(); j++) {
          polygons.add((Polygon) inner.getGeometryN(j));
        }
      }
    }
    return g.getFactory().createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  /** Whether every part of the shape is narrower than the tolerance. */
  private boolean narrow(GkPlane plane, Geometry geographic) {
    return toleranceM > 0 && plane.toPlane(geographic).buffer(-toleranceM / 2).isEmpty();
  }

  private static Geometry polygonal(Geometry g) {
    return GeoJson.toMultiPolygon(g);
  }

  /** Degrees of longitude (the larger of the two) that span at least {@code metres} here. */
  private static double degreesFor(double metres, Envelope near) {
    double lat = Math.min(89, Math.max(Math.abs(near.getMinY()), Math.abs(near.getMaxY())));
    return metres / (111_000 * Math.cos(Math.toRadians(lat))) * 1.1;
  }
}
