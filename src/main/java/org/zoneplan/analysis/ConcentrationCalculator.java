package org.zoneplan.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.system.Deadline;

/**
 * Industrial-land concentration ratio (产业用地集中度) of a division (the jurisdiction):
 *
 * <pre>
 *   industrialTotal  = Σ area(parcel ∩ division)
 *   industrialInside = Σ area(parcel ∩ division ∩ U),  U = union of all the plan's zones
 *   ratio            = industrialInside ÷ industrialTotal
 * </pre>
 *
 * over the parcels that count as industrial land (see {@link LandUseClassifier}), with ellipsoidal
 * areas of the intersection pieces. U is a union, so land in several zones (a part and its parent,
 * overlapping zones) counts once; the per-zone breakdown is {@code Σ area(parcel ∩ division ∩
 * zone)} per zone and does not add up to the inside figure when zones overlap.
 *
 * <p>Speed: only parcels whose bounding box meets the region are looked at (STR-tree); a parcel
 * wholly inside a prepared region counts its stored area, one wholly outside zero, and only parcels
 * crossing a boundary are intersected. The division clip of each parcel is kept (see {@link
 * ClippedParcels}), so one calculator serves several plan versions and what-ifs in the same
 * division. Parcels are processed in parallel and summed in index order, so results are
 * reproducible.
 *
 * <p>Spring-free and thread-safe. Without Spring (e.g. in a benchmark):
 *
 * <pre>{@code
 * ParcelIndex parcels = ParcelIndex.of(parcelList);
 * IntPredicate industrial =
 *     ConcentrationCalculator.industrial(parcels, LandUseClassifier.defaults(), false);
 * PlanGeometry plan = PlanGeometry.of(zones.stream().map(ZoneShape::of).toList());
 * Concentration c = new ConcentrationCalculator(parcels, industrial, county).compute(plan);
 * c.ratio(); c.zoneIndustrialM2();
 * }</pre>
 */
public final class ConcentrationCalculator {
  private final ParcelIndex parcels;
  private final IntPredicate counted;
  private final ClippedParcels clipped;
  private volatile Totals totals;

  private record Totals(double areaM2, int parcels) {}

  /**
   * @param parcels the parcels
   * @param counted which parcels (by index) count as industrial land, see {@link
   *     #industrial(ParcelIndex, LandUseClassifier, boolean)}
   * @param division the division's outline, EPSG:4490
   */
  public ConcentrationCalculator(ParcelIndex parcels, IntPredicate counted, Geometry division) {
    if (division == null || division.isEmpty()) {
      throw new IllegalArgumentException("the division has no outline");
    }
    this.parcels = parcels;
    this.counted = counted;
    this.clipped = new ClippedParcels(parcels, division);
  }

  /** Which parcels count, computed once per index: industrial codes, and storage if asked. */
  public static IntPredicate industrial(
      ParcelIndex parcels, LandUseClassifier classifier, boolean includeStorage) {
    boolean[] mask = new boolean[parcels.size()];
    for (int i = 0; i < mask.length; i++) {
      mask[i] =
          classifier.counts(
              parcels.parcel(i).scheme(), parcels.parcel(i).landUseCode(), includeStorage);
    }
    return i -> mask[i];
  }

  public ParcelIndex parcels() {
    return parcels;
  }

  public IntPredicate counted() {
    return counted;
  }

  /** The division's outline. */
  public Region division() {
    return clipped.division();
  }

  /** The concentration of a plan version: totals and the per-zone breakdown. */
  public Concentration compute(PlanGeometry plan) {
    double inside = insideM2(plan.unionRegion());
    Map<String, Double> zones = new LinkedHashMap<>();
    for (ZoneShape zone : plan.zones()) {
      Deadline.check();
      zones.put(zone.code(), insideM2(plan.region(zone.code())));
    }
    return new Concentration(inside, industrialTotalM2(), zones, parcelsCounted());
  }

  /** Industrial land in the division, m² (independent of any plan; computed once). */
  public double industrialTotalM2() {
    return totals().areaM2();
  }

  private int parcelsCounted() {
    return totals().parcels();
  }

  private Totals totals() {
    Totals t = totals;
    if (t == null) {
      int[] candidates = parcels.candidates(clipped.extent(), counted);
      double[] values = new double[candidates.length];
      ParcelIndex.range(candidates.length)
          .forEach(
              k -> {
                ClippedParcels.Piece piece = clipped.piece(candidates[k]);
                values[k] = piece == null ? 0 : piece.areaM2();
              });
      int n = 0;
      for (double v : values) {
        n += v > 0 ? 1 : 0;
      }
      t = new Totals(sum(values), n);
      totals = t;
    }
    return t;
  }

  /** Industrial land inside the division and the region, m². */
  public double insideM2(Region region) {
    Envelope extent = new Envelope(region.envelope());
    extent = extent.intersection(clipped.extent());
    if (extent.isNull()) {
      return 0;
    }
    int[] candidates = parcels.candidates(extent, counted);
    double[] values = new double[candidates.length];
    ParcelIndex.range(candidates.length)
        .forEach(k -> values[k] = clipped.within(candidates[k], region));
    return sum(values);
  }

  /** The part of parcel {@code i} inside the division, or null (for incremental what-ifs). */
  ClippedParcels.Piece piece(int i) {
    return clipped.piece(i);
  }

  static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
