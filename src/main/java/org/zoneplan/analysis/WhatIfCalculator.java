package org.zoneplan.analysis;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.system.Deadline;

/**
 * What-if for one zone: the plan as it is, except that one zone has a proposed geometry.
 *
 * <p>Incremental: the union U' of the zones with the proposed geometry differs from U only inside
 * the symmetric difference Δ of the old and new geometry, so only parcels meeting Δ are looked at
 * again. For each, the part inside the division D is intersected with U (as the full computation
 * does) and with U' = (union of the other zones) ∪ proposed, both locally to the parcel:
 *
 * <pre>
 *   inside' = inside − Σ_{p meets Δ} area(p ∩ D ∩ U) + Σ_{p meets Δ} area(p ∩ D ∩ U')
 * </pre>
 *
 * The cost grows with the parcels near the change, not with all parcels, so a vertex drag is
 * answered in milliseconds. Parents keep their stored geometry: a child moved outside its parent
 * shows up as {@link SpatialProblem.Kind#OUTSIDE_PARENT}, and land a parent still covers stays
 * inside U.
 *
 * <p>Spring-free and thread-safe.
 */
public final class WhatIfCalculator {
  private final ConcentrationCalculator concentration;
  private final OverlapFinder overlaps;

  public WhatIfCalculator(ConcentrationCalculator concentration, OverlapFinder overlaps) {
    this.concentration = concentration;
    this.overlaps = overlaps;
  }

  /**
   * @param plan the plan as stored
   * @param before its concentration in the calculator's division ({@link
   *     ConcentrationCalculator#compute})
   * @param code the zone to change
   * @param proposed its proposed geometry (valid, polygonal, EPSG:4490)
   */
  public WhatIf evaluate(PlanGeometry plan, Concentration before, String code, Geometry proposed) {
    Deadline.check();
    ZoneShape zone = plan.zone(code);
    Geometry old = zone.geometry();
    Geometry changed = RegionArea.symDifference(old, proposed);
    Region newZone = Region.of(proposed);

    double insideAfter = before.industrialInsideM2();
    double zoneAfter = before.zoneIndustrialM2().getOrDefault(code, 0.0);
    ZoneMembership.Changes parcels = new ZoneMembership.Changes(new int[0], new int[0]);
    if (!changed.isEmpty()) {
      Region delta = Region.of(changed);
      Region union = plan.unionRegion();
      Region oldZone = plan.region(code);
      Region others = plan.othersUnion(code);
      ParcelIndex index = concentration.parcels();
      Envelope where = changed.getEnvelopeInternal();
      int[] candidates =
          index.candidates(
              where, i -> concentration.counted().test(i) && delta.intersects(index.geometry(i)));
      double[][] diff = new double[candidates.length][];
      ParcelIndex.range(candidates.length)
          .forEach(
              k -> {
                ClippedParcels.Piece piece = concentration.piece(candidates[k]);
                if (piece == null) {
                  diff[k] = new double[] {0, 0};
                  return;
                }
                Geometry g = piece.geometry();
                double a = piece.areaM2();
                double insideOld = RegionArea.within(g, a, union);
                double insideNew = insideUnion(g, a, others, newZone);
                double zoneOld = RegionArea.within(g, a, oldZone);
                double zoneNew = RegionArea.within(g, a, newZone);
                diff[k] = new double[] {insideNew - insideOld, zoneNew - zoneOld};
              });
      for (double[] d : diff) {
        insideAfter += d[0];
        zoneAfter += d[1];
      }
      parcels = ZoneMembership.changes(index, old, proposed, where);
    }
    Deadline.check();
    List<SpatialProblem> problemsBefore = overlaps.forZone(plan, code, old);
    List<SpatialProblem> problemsAfter = overlaps.forZone(plan, code, proposed);
    return new WhatIf(
        code,
        zone.areaM2(),
        EllipsoidalArea.squareMetres(proposed),
        problemsBefore,
        problemsAfter,
        before,
        insideAfter,
        zoneAfter,
        parcels);
  }

  /** area(piece ∩ (others ∪ proposed)), computed locally to the piece. */
  private static double insideUnion(Geometry piece, double areaM2, Region others, Region proposed) {
    Geometry a = part(piece, others);
    Geometry b = part(piece, proposed);
    if (a == piece || b == piece) {
      return areaM2;
    }
    if (a == null && b == null) {
      return 0;
    }
    if (a == null) {
      return EllipsoidalArea.squareMetres(b);
    }
    if (b == null) {
      return EllipsoidalArea.squareMetres(a);
    }
    return EllipsoidalArea.squareMetres(RegionArea.union(a, b));
  }

  /** piece ∩ region: the piece itself when inside, null when outside. */
  private static Geometry part(Geometry piece, Region region) {
    if (!region.intersects(piece)) {
      return null;
    }
    if (region.covers(piece)) {
      return piece;
    }
    return RegionArea.intersection(piece, region.geometry());
  }
}
