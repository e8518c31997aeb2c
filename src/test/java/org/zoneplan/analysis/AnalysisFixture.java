package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;

/**
 * A hand-computable fixture of zones and parcels made of longitude/latitude rectangles, placed with
 * an offset (the engine test uses it near 120°E 29.5°N, the API tests where it meets no sample
 * zone), and the figures it must give, computed by hand from the closed-form rectangle areas of
 * {@link Rectangles}: never with GeographicLib or JTS.
 *
 * <ul>
 *   <li>division: [119.90, 120.10] × [29.40, 29.60];
 *   <li>zone A: [120.00, 120.02] × [29.50, 29.52] with a hole [120.005, 120.010] × [29.505,
 *       29.510]; zone B: two parts [120.03, 120.04] and [120.05, 120.06] × [29.50, 29.51]; zone C:
 *       [120.015, 120.025] × [29.50, 29.52], overlapping A;
 *   <li>17 parcels, numbered 1–17 (an owner with share 1 each, {@link #code}): inside, in A's hole,
 *       across the hole's edge, in A and C, across C's edge, between B's parts, across the
 *       division's edge, outside it, a residential one, storage in each scheme, 一类工业 (100101),
 *       railway land (GB/T 1001), 三调 classes, a two-part parcel.
 * </ul>
 *
 * (Coordinates as written are before the offset.)
 */
final class AnalysisFixture {
  static final LandUseScheme GBT = LandUseScheme.GBT21010_2017;
  static final LandUseScheme SANDIAO = LandUseScheme.SANDIAO;
  static final LandUseScheme YDYH = LandUseScheme.YDYH_2023;

  final double dx;
  final double dy;
  final List<Parcel> parcels = new ArrayList<>();

  /** The tax (万元) of parcel n's owner in the fixture's statistics year; value added is 3 times. */
  final Map<Integer, Double> taxes = new HashMap<>();

  AnalysisFixture(double dx, double dy) {
    this.dx = dx;
    this.dy = dy;
    add(GBT, "0601", 3000.0, r(120.001, 29.511, 120.003, 29.513)); // 1: in A
    add(GBT, "0601", null, r(120.006, 29.506, 120.008, 29.508)); // 2: in A's hole
    add(GBT, "0601", null, r(120.0035, 29.506, 120.0055, 29.508)); // 3: across the hole's edge
    add(GBT, "0601", 1300.0, r(120.016, 29.511, 120.018, 29.513)); // 4: in A and C
    add(GBT, "0601", null, r(120.0225, 29.501, 120.0265, 29.503)); // 5: across C's east edge
    add(GBT, "0601", 100.0, r(120.052, 29.502, 120.054, 29.504)); // 6: in B's second part
    add(GBT, "0601", null, r(120.042, 29.502, 120.048, 29.504)); // 7: between B's parts
    add(GBT, "0601", null, r(120.0985, 29.45, 120.1005, 29.46)); // 8: across the division edge
    add(GBT, "0601", null, r(120.20, 29.45, 120.21, 29.46)); // 9: outside the division
    add(GBT, "0701", null, r(120.001, 29.500, 120.003, 29.502)); // 10: residential, in A
    add(GBT, "0604", null, r(120.031, 29.501, 120.033, 29.503)); // 11: storage, in B
    add(YDYH, "100101", 500.0, r(120.001, 29.514, 120.003, 29.516)); // 12: 一类工业, in A
    add(GBT, "1001", null, r(120.011, 29.511, 120.013, 29.513)); // 13: railway (GB/T), in A
    add(YDYH, "1101", null, r(120.021, 29.514, 120.023, 29.516)); // 14: storage, in C
    add(SANDIAO, "0601", null, r(120.029, 29.505, 120.0315, 29.507)); // 15: across B's edge
    add(SANDIAO, "0508", null, r(120.043, 29.505, 120.045, 29.507)); // 16: storage, outside
    add(
        GBT,
        "0601",
        null,
        r(120.011, 29.521, 120.013, 29.522),
        r(120.011, 29.515, 120.012, 29.516)); // 17: two parts, the smaller one in A
  }

  private void add(LandUseScheme scheme, String code, Double tax, double[]... parts) {
    int n = parcels.size() + 1;
    if (tax != null) {
      taxes.put(n, tax);
    }
    Polygon[] polygons =
        Arrays.stream(parts).map(p -> polygon(p[0], p[1], p[2], p[3])).toArray(Polygon[]::new);
    double area = Arrays.stream(parts).mapToDouble(p -> area(p[0], p[1], p[2], p[3])).sum();
    parcels.add(
        new Parcel(n, scheme, code, Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(polygons), area));
  }

  /** The valid credit code (GB 32100) of the owner of parcel {@code n} ({@code prefix}: FX). */
  static String code(String prefix, int n) {
    String first17 = "91330726" + prefix + String.format("%07d", n);
    return first17 + CreditCode.checkCharacter(first17);
  }

  /**
   * The figures of the fixture's owners in {@code year} on the index's parcels (ids 1–17 as
   * numbered): parcel n's owner uses all of it and pays {@link #taxes}.
   */
  LandFigures figures(ParcelIndex index, int year) {
    LandFigures.Builder b = LandFigures.builder(index, year);
    for (Parcel p : parcels) {
      int n = (int) p.id();
      b.link(code("FX", n), p.id(), 1.0, p.areaM2());
      Double tax = taxes.get(n);
      if (tax != null) {
        b.statistics(code("FX", n), tax, tax * 3);
      }
    }
    return b.build();
  }

  static double[] r(double x1, double y1, double x2, double y2) {
    return new double[] {x1, y1, x2, y2};
  }

  /** Closed-form ellipsoidal area of a rectangle given before the offset, m². */
  double area(double x1, double y1, double x2, double y2) {
    return Rectangles.area(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
  }

  Polygon polygon(double x1, double y1, double x2, double y2) {
    return Rectangles.polygon(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
  }

  MultiPolygon rect(double x1, double y1, double x2, double y2) {
    return Rectangles.multi(polygon(x1, y1, x2, y2));
  }

  MultiPolygon division() {
    return rect(119.90, 29.40, 120.10, 29.60);
  }

  MultiPolygon zoneA() {
    LinearRing shell = Rectangles.ring(120.00 + dx, 29.50 + dy, 120.02 + dx, 29.52 + dy);
    LinearRing hole = Rectangles.ring(120.005 + dx, 29.505 + dy, 120.010 + dx, 29.510 + dy);
    return Rectangles.multi(
        Cgcs2000.GEOMETRY_FACTORY.createPolygon(shell, new LinearRing[] {hole}));
  }

  MultiPolygon zoneB() {
    return Rectangles.multi(
        polygon(120.03, 29.50, 120.04, 29.51), polygon(120.05, 29.50, 120.06, 29.51));
  }

  MultiPolygon zoneC() {
    return rect(120.015, 29.50, 120.025, 29.52);
  }

  /** B's first part grown west to 120.024: 0.001° into C, over parcel 5's interior point. */
  MultiPolygon zoneBGrown() {
    return Rectangles.multi(
        polygon(120.024, 29.50, 120.04, 29.51), polygon(120.05, 29.50, 120.06, 29.51));
  }

  Coordinate shift(double x, double y) {
    return new Coordinate(x + dx, y + dy);
  }

  /** Area of parcel {@code n} (closed form). */
  double a(int n) {
    return parcels.get(n - 1).areaM2();
  }

  // Parts of parcels inside a region, by hand.
  double p3InA() {
    return area(120.0035, 29.506, 120.005, 29.508);
  }

  double p5InC() {
    return area(120.0225, 29.501, 120.025, 29.503);
  }

  double p8InDivision() {
    return area(120.0985, 29.45, 120.10, 29.46);
  }

  double p15InB() {
    return area(120.03, 29.505, 120.0315, 29.507);
  }

  double p17InA() {
    return area(120.011, 29.515, 120.012, 29.516);
  }

  /** Industrial land inside the union of A, B and C and the division. */
  double inside(boolean storage) {
    double inside = a(1) + p3InA() + a(4) + p5InC() + a(6) + a(12) + p15InB() + p17InA();
    return storage ? inside + a(11) + a(14) : inside;
  }

  /** Industrial land in the division. */
  double total(boolean storage) {
    double total =
        a(1) + a(2) + a(3) + a(4) + a(5) + a(6) + a(7) + p8InDivision() + a(12) + a(15) + a(17);
    return storage ? total + a(11) + a(14) + a(16) : total;
  }

  double zoneA(boolean storage) {
    return a(1) + p3InA() + a(4) + a(12) + p17InA();
  }

  double zoneB(boolean storage) {
    return a(6) + p15InB() + (storage ? a(11) : 0);
  }

  double zoneC(boolean storage) {
    return a(4) + p5InC() + (storage ? a(14) : 0);
  }

  /** The overlap of A and C. */
  double overlapAC() {
    return area(120.015, 29.50, 120.02, 29.52);
  }

  /** Industrial land the union gains when B grows ({@link #zoneBGrown}), without storage. */
  double insideGainWhenBGrows() {
    return area(120.025, 29.501, 120.0265, 29.503) + area(120.029, 29.505, 120.03, 29.507);
  }

  /** The overlap of the grown B with C. */
  double overlapGrownBC() {
    return area(120.024, 29.50, 120.025, 29.51);
  }

  /** Industrial parcels with their interior point in the division and in no zone. */
  static final List<Integer> SCATTERED = List.of(2, 7, 8, 17);

  /** The same with storage counted. */
  static final List<Integer> SCATTERED_WITH_STORAGE = List.of(2, 7, 8, 16, 17);
}
