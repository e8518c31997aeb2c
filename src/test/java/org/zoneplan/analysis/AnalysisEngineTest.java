package org.zoneplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zoneplan.analysis.Rectangles.area;
import static org.zoneplan.analysis.Rectangles.rect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.analysis.EfficiencyThresholds.Grade;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;

/**
 * The analysis engine, without Spring, on rectangles near 120°E 29.5°N whose areas are computed in
 * closed form (see {@link Rectangles}), never with GeographicLib: overlapping zones, a zone with a
 * hole, a multipart zone, parcels crossing zone and division boundaries, a multipart parcel, all
 * three land-use schemes and the storage switch.
 */
class AnalysisEngineTest {
  static final AnalysisFixture F = new AnalysisFixture(0, 0);
  static final LandUseScheme GBT = AnalysisFixture.GBT;
  static final LandUseScheme SANDIAO = AnalysisFixture.SANDIAO;
  static final LandUseScheme YDYH = AnalysisFixture.YDYH;

  static final Geometry DIVISION = F.division();
  static final ZoneShape A = ZoneShape.of("A", null, F.zoneA());
  static final ZoneShape B = ZoneShape.of("B", null, F.zoneB());
  static final ZoneShape C = ZoneShape.of("C", null, F.zoneC());
  static final PlanGeometry PLAN = PlanGeometry.of(List.of(A, B, C));
  static final List<Parcel> PARCELS = F.parcels;
  static final ParcelIndex INDEX = ParcelIndex.of(PARCELS);
  static final LandUseClassifier CLASSIFIER = LandUseClassifier.defaults();

  /** Area of fixture parcel {@code id} (closed form). */
  static double a(int id) {
    return F.a(id);
  }

  static ConcentrationCalculator calculator(boolean includeStorage) {
    return new ConcentrationCalculator(
        INDEX, ConcentrationCalculator.industrial(INDEX, CLASSIFIER, includeStorage), DIVISION);
  }

  static Offset<Double> rel(double expected) {
    return Offset.offset(Math.max(1e-3, Math.abs(expected) * 1e-7));
  }

  static final double P3_IN_A = F.p3InA();
  static final double P5_IN_C = F.p5InC();
  static final double P8_IN_DIVISION = F.p8InDivision();
  static final double P15_IN_B = F.p15InB();
  static final double P17_IN_A = F.p17InA();

  @Test
  void concentrationCountsIndustrialLandOnceWithHolesPartsAndCrossingParcels() {
    Concentration c = calculator(false).compute(PLAN);

    double inside = a(1) + P3_IN_A + a(4) + P5_IN_C + a(6) + a(12) + P15_IN_B + P17_IN_A;
    double total =
        a(1) + a(2) + a(3) + a(4) + a(5) + a(6) + a(7) + P8_IN_DIVISION + a(12) + a(15) + a(17);
    assertThat(F.inside(false)).isEqualTo(inside);
    assertThat(F.total(false)).isEqualTo(total);
    assertThat(c.industrialInsideM2()).isCloseTo(inside, rel(inside));
    assertThat(c.industrialTotalM2()).isCloseTo(total, rel(total));
    assertThat(c.ratio()).isCloseTo(inside / total, Offset.offset(1e-9));
    assertThat(c.parcelsCounted()).isEqualTo(11);

    double zoneA = a(1) + P3_IN_A + a(4) + a(12) + P17_IN_A;
    double zoneB = a(6) + P15_IN_B;
    double zoneC = a(4) + P5_IN_C;
    assertThat(c.zoneIndustrialM2().keySet()).containsExactly("A", "B", "C");
    assertThat(c.zoneIndustrialM2().get("A")).isCloseTo(zoneA, rel(zoneA));
    assertThat(c.zoneIndustrialM2().get("B")).isCloseTo(zoneB, rel(zoneB));
    assertThat(c.zoneIndustrialM2().get("C")).isCloseTo(zoneC, rel(zoneC));
    // A and C overlap: the breakdown counts parcel 4 twice, the inside figure once.
    double sum = zoneA + zoneB + zoneC;
    assertThat(sum - c.industrialInsideM2()).isCloseTo(a(4), rel(a(4)));
  }

  @Test
  void storageCountsOnlyWhenSwitchedOn() {
    Concentration off = calculator(false).compute(PLAN);
    Concentration on = calculator(true).compute(PLAN);
    assertThat(on.industrialInsideM2() - off.industrialInsideM2())
        .isCloseTo(a(11) + a(14), rel(a(11) + a(14)));
    assertThat(on.industrialTotalM2() - off.industrialTotalM2())
        .isCloseTo(a(11) + a(14) + a(16), rel(a(11) + a(14) + a(16)));
    assertThat(on.zoneIndustrialM2().get("B") - off.zoneIndustrialM2().get("B"))
        .isCloseTo(a(11), rel(a(11)));
    assertThat(on.zoneIndustrialM2().get("C") - off.zoneIndustrialM2().get("C"))
        .isCloseTo(a(14), rel(a(14)));
  }

  @Test
  void codesNeverMatchAcrossSchemes() {
    assertThat(CLASSIFIER.counts(GBT, "1001", true)).isFalse(); // railway land in GB/T 21010
    assertThat(CLASSIFIER.counts(YDYH, "100103", false)).isTrue();
    assertThat(CLASSIFIER.counts(YDYH, "0601", true)).isFalse();
    assertThat(CLASSIFIER.counts(SANDIAO, "0604", true)).isFalse(); // storage is 0508 in 三调
    assertThat(CLASSIFIER.counts(SANDIAO, "0508", true)).isTrue();
    assertThat(CLASSIFIER.counts(GBT, "0602", true)).isFalse(); // 采矿
  }

  @Test
  void unionAreaCountsTheOverlapOnce() {
    double expected =
        area(120.00, 29.50, 120.02, 29.52)
            - area(120.005, 29.505, 120.010, 29.510)
            + area(120.02, 29.50, 120.025, 29.52)
            + area(120.03, 29.50, 120.04, 29.51)
            + area(120.05, 29.50, 120.06, 29.51);
    double union = org.zoneplan.geo.EllipsoidalArea.squareMetres(PLAN.union());
    assertThat(union).isCloseTo(expected, rel(expected));
  }

  @Test
  void overlapsBetweenZonesThatMustNotOverlapAreFoundWithTheirArea() {
    List<SpatialProblem> problems = new OverlapFinder(5, 1).find(PLAN);
    assertThat(problems).hasSize(1);
    SpatialProblem overlap = problems.get(0);
    assertThat(overlap.kind()).isEqualTo(SpatialProblem.Kind.OVERLAP);
    assertThat(List.of(overlap.zoneA(), overlap.zoneB())).containsExactly("A", "C");
    double expected = area(120.015, 29.50, 120.02, 29.52);
    assertThat(overlap.areaM2()).isCloseTo(expected, rel(expected));
    assertThat(overlap.narrow()).isFalse();
  }

  @Test
  void childOutsideItsParentIsReportedWithTheAreaOutside() {
    PlanGeometry plan =
        PlanGeometry.of(
            List.of(
                ZoneShape.of("P", null, rect(120.00, 29.50, 120.02, 29.52)),
                ZoneShape.of("P-1", "P", rect(120.015, 29.505, 120.03, 29.51)),
                ZoneShape.of("P-2", "P", rect(120.00, 29.50, 120.01, 29.505))));
    List<SpatialProblem> problems = new OverlapFinder(5, 1).find(plan);
    assertThat(problems).hasSize(1);
    SpatialProblem outside = problems.get(0);
    assertThat(outside.kind()).isEqualTo(SpatialProblem.Kind.OUTSIDE_PARENT);
    assertThat(outside.zoneA()).isEqualTo("P-1");
    assertThat(outside.zoneB()).isEqualTo("P");
    double expected = area(120.02, 29.505, 120.03, 29.51);
    assertThat(outside.areaM2()).isCloseTo(expected, rel(expected));
  }

  @Test
  void cousinsMustNotOverlapButParentsAndChildrenMay() {
    PlanGeometry plan =
        PlanGeometry.of(
            List.of(
                ZoneShape.of("PJ", null, rect(120.00, 29.50, 120.04, 29.52)),
                ZoneShape.of("PJ-1", "PJ", rect(120.00, 29.50, 120.02, 29.52)),
                ZoneShape.of("PJ-1-CORE", "PJ-1", rect(120.00, 29.50, 120.02, 29.51)),
                ZoneShape.of("PJ-HZ", "PJ", rect(120.02, 29.50, 120.04, 29.52))));
    assertThat(plan.mustNotOverlap("PJ-1-CORE", "PJ-HZ")).isTrue();
    assertThat(plan.mustNotOverlap("PJ-1", "PJ-HZ")).isTrue();
    assertThat(plan.mustNotOverlap("PJ-1-CORE", "PJ")).isFalse();
    assertThat(plan.mustNotOverlap("PJ-1", "PJ-1-CORE")).isFalse();
    // Touching along an edge is neither an overlap nor a gap.
    assertThat(new OverlapFinder(5, 1).find(plan)).isEmpty();

    // Move the core area 0.001° (about 97 m) into the sub-area: an overlap with the sub-area and
    // a part outside its parent.
    List<SpatialProblem> after =
        new OverlapFinder(5, 1).forZone(plan, "PJ-1-CORE", rect(120.00, 29.50, 120.021, 29.51));
    assertThat(after)
        .extracting(p -> p.kind() + " " + p.zoneA() + "/" + p.zoneB())
        .containsExactly("OVERLAP PJ-1-CORE/PJ-HZ", "OUTSIDE_PARENT PJ-1-CORE/PJ-1");
    double expected = area(120.02, 29.50, 120.021, 29.51);
    assertThat(after.get(0).areaM2()).isCloseTo(expected, rel(expected));
  }

  @Test
  void narrowOverlapIsASliverAndANarrowStripBetweenSiblingsIsAGap() {
    // S1 and S2 overlap by 0.00002° of longitude (about 1.9 m); S3 leaves 1.9 m between it and S2.
    PlanGeometry plan =
        PlanGeometry.of(
            List.of(
                ZoneShape.of("S1", null, rect(120.00, 29.50, 120.01, 29.51)),
                ZoneShape.of("S2", null, rect(120.00998, 29.50, 120.02, 29.51)),
                ZoneShape.of("S3", null, rect(120.02002, 29.50, 120.03, 29.51)),
                ZoneShape.of("S4", null, rect(120.03008, 29.50, 120.04, 29.51))));
    List<SpatialProblem> problems = new OverlapFinder(5, 1).find(plan);
    assertThat(problems)
        .extracting(p -> p.kind() + " " + p.zoneA() + "/" + p.zoneB())
        .containsExactly("SLIVER S1/S2", "GAP S2/S3");
    double sliver = area(120.00998, 29.50, 120.01, 29.51);
    assertThat(problems.get(0).areaM2()).isCloseTo(sliver, Offset.offset(sliver * 1e-6));
    assertThat(problems.get(0).narrow()).isTrue();
    double gap = area(120.02, 29.50, 120.02002, 29.51);
    // The gap is found in the Gauss-Krüger plane and mapped back: equal to well under 0.1%.
    assertThat(problems.get(1).areaM2()).isCloseTo(gap, Offset.offset(gap * 1e-3));
    // S3 and S4 are 0.00008° (7.8 m) apart: more than the tolerance, no gap.
    assertThat(new OverlapFinder(10, 1).find(plan))
        .extracting(p -> p.kind() + " " + p.zoneA() + "/" + p.zoneB())
        .containsExactly("SLIVER S1/S2", "GAP S2/S3", "GAP S3/S4");
  }

  @Test
  void whatIfIsIncrementalAndAgreesWithAFullRecomputation() {
    ConcentrationCalculator calculator = calculator(false);
    Concentration before = calculator.compute(PLAN);
    // B's first part grows west to 120.024: into C by 0.001°, and over parcel 5's interior point.
    Geometry proposed = F.zoneBGrown();
    WhatIf w =
        new WhatIfCalculator(calculator, new OverlapFinder(5, 1))
            .evaluate(PLAN, before, "B", proposed);

    PlanGeometry changed = PlanGeometry.of(List.of(A, B.withGeometry(proposed), C));
    Concentration full = calculator(false).compute(changed);
    assertThat(w.industrialInsideAfterM2())
        .isCloseTo(full.industrialInsideM2(), Offset.offset(full.industrialInsideM2() * 1e-9));
    assertThat(w.zoneIndustrialAfterM2())
        .isCloseTo(full.zoneIndustrialM2().get("B"), Offset.offset(1e-3));
    assertThat(w.ratioAfter()).isCloseTo(full.ratio(), Offset.offset(1e-12));
    // By hand: parcel 5 was inside C up to 120.025 already, B adds its part east of that; parcel
    // 15 was inside B east of 120.03, now wholly.
    double p15West = area(120.029, 29.505, 120.03, 29.507);
    double gain = area(120.025, 29.501, 120.0265, 29.503) + p15West;
    assertThat(w.industrialInsideAfterM2() - before.industrialInsideM2())
        .isCloseTo(gain, rel(gain));
    double zoneGain = area(120.024, 29.501, 120.0265, 29.503) + p15West;
    assertThat(w.zoneIndustrialAfterM2() - w.zoneIndustrialBeforeM2())
        .isCloseTo(zoneGain, rel(zoneGain));

    double added = area(120.024, 29.50, 120.03, 29.51);
    assertThat(w.areaAfterM2() - w.areaBeforeM2()).isCloseTo(added, rel(added));
    assertThat(w.problemsBefore()).isEmpty();
    assertThat(w.problemsAfter()).hasSize(1);
    SpatialProblem overlap = w.problemsAfter().get(0);
    assertThat(overlap.kind()).isEqualTo(SpatialProblem.Kind.OVERLAP);
    assertThat(List.of(overlap.zoneA(), overlap.zoneB())).containsExactly("B", "C");
    double overlapArea = area(120.024, 29.50, 120.025, 29.51);
    assertThat(overlap.areaM2()).isCloseTo(overlapArea, rel(overlapArea));

    assertThat(ids(w.parcels().gained())).containsExactly(5L);
    assertThat(w.parcels().lost()).isEmpty();
  }

  @Test
  void whatIfShrinkingAZoneLosesParcelsAndLand() {
    ConcentrationCalculator calculator = calculator(true);
    Concentration before = calculator.compute(PLAN);
    // B without its second part: parcel 6 is lost, and with it its land.
    Geometry proposed = rect(120.03, 29.50, 120.04, 29.51);
    WhatIf w =
        new WhatIfCalculator(calculator, new OverlapFinder(5, 1))
            .evaluate(PLAN, before, "B", proposed);
    assertThat(before.industrialInsideM2() - w.industrialInsideAfterM2())
        .isCloseTo(a(6), rel(a(6)));
    assertThat(ids(w.parcels().lost())).containsExactly(6L);
    assertThat(w.parcels().gained()).isEmpty();
  }

  @Test
  void scatteredIndustrialLandIsIndustrialParcelsInNoZone() {
    IntPredicate industrial = ConcentrationCalculator.industrial(INDEX, CLASSIFIER, false);
    List<Long> scattered = new ArrayList<>();
    for (int i = 0; i < INDEX.size(); i++) {
      if (industrial.test(i)
          && DIVISION.covers(DIVISION.getFactory().createPoint(INDEX.interiorPoint(i)))
          && !PLAN.inAnyZone(INDEX.interiorPoint(i))) {
        scattered.add(INDEX.parcel(i).id());
      }
    }
    // 2 in A's hole, 7 between B's parts, 8 across the division's edge (interior point inside),
    // 17 whose larger part (and interior point) is outside A.
    assertThat(scattered).containsExactly(2L, 7L, 8L, 17L);
  }

  @Test
  void efficiencyClassesFromTaxPerMu() {
    ZoneMembership membership =
        ZoneMembership.of(
            PLAN, INDEX, ConcentrationCalculator.industrial(INDEX, CLASSIFIER, false));
    assertThat(ids(membership.members("A"))).containsExactly(1L, 3L, 4L, 12L);
    assertThat(ids(membership.members("C"))).containsExactly(4L, 5L);
    assertThat(membership.zonesOf(3)).containsExactly("A", "C");

    Efficiency.ZoneFigures zoneA =
        Efficiency.zone(
            INDEX, F.figures(INDEX, 2024), membership.members("A"), EfficiencyThresholds.DEFAULT);
    double mu1 = AreaUnits.toMu(a(1));
    double mu4 = AreaUnits.toMu(a(4));
    double mu12 = AreaUnits.toMu(a(12));
    assertThat(3000 / mu1).isGreaterThanOrEqualTo(30); // A
    assertThat(1300 / mu4).isBetween(15.0, 30.0); // B
    assertThat(500 / mu12).isBetween(5.0, 15.0); // C
    assertThat(zoneA.taxPerMuWan())
        .isCloseTo((3000 + 1300 + 500) / (mu1 + mu4 + mu12), Offset.offset(1e-9));
    assertThat(zoneA.valueAddedPerMuWan())
        .isCloseTo(3 * (3000 + 1300 + 500) / (mu1 + mu4 + mu12), Offset.offset(1e-9));
    assertThat(zoneA.classes().get(Grade.A).parcels()).isEqualTo(1);
    assertThat(zoneA.classes().get(Grade.B).parcels()).isEqualTo(1);
    assertThat(zoneA.classes().get(Grade.C).parcels()).isEqualTo(1);
    assertThat(zoneA.classes().get(Grade.D).parcels()).isZero();
    assertThat(zoneA.unrated().parcels()).isEqualTo(1);
    assertThat(zoneA.inefficientMu()).isCloseTo(mu12, Offset.offset(1e-9));

    Efficiency.ZoneFigures zoneB =
        Efficiency.zone(
            INDEX, F.figures(INDEX, 2024), membership.members("B"), EfficiencyThresholds.DEFAULT);
    assertThat(zoneB.classes().get(Grade.D).parcels()).isEqualTo(1); // parcel 6: 100 万元
    assertThat(zoneB.inefficientMu()).isCloseTo(AreaUnits.toMu(a(6)), Offset.offset(1e-9));
  }

  @Test
  void anEnterprisesFiguresAreSplitOverItsLandByAreaTimesShare() {
    // Enterprise X owns all of parcel 1 and a quarter of parcel 4, where Y rents the rest; X pays
    // 1000 万元 tax and reports no value added, Y pays 90 and adds 300; Z uses parcel 6 without
    // figures for the year. Worked by hand: X's land = a1 + a4 / 4.
    double a1 = a(1);
    double a4 = a(4);
    double a6 = a(6);
    LandFigures f =
        LandFigures.builder(INDEX, 2024)
            .link("X", 1, 1.0, a1)
            .link("X", 4, 0.25, a4)
            .link("Y", 4, 0.75, a4)
            .link("Z", 6, 1.0, a6)
            .statistics("X", 1000.0, null)
            .statistics("Y", 90.0, 300.0)
            .build();
    int p1 = position(1);
    int p4 = position(4);
    int p6 = position(6);
    double xLand = a1 + 0.25 * a4;
    assertThat(f.year()).isEqualTo(2024);
    assertThat(f.enterprises()).isEqualTo(2);
    assertThat(f.taxWan(p1)).isCloseTo(1000 * a1 / xLand, Offset.offset(1e-9));
    assertThat(f.taxWan(p4)).isCloseTo(1000 * 0.25 * a4 / xLand + 90, Offset.offset(1e-9));
    assertThat(f.taxWan(p1) + f.taxWan(p4)).isCloseTo(1090, Offset.offset(1e-9));
    assertThat(f.taxedLandM2(p4)).isCloseTo(a4, Offset.offset(1e-6));
    assertThat(f.valueAddedWan(p4)).isCloseTo(300, Offset.offset(1e-9));
    assertThat(f.valueAddedLandM2(p4)).isCloseTo(0.75 * a4, Offset.offset(1e-6));
    assertThat(f.valueAddedWan(p1)).isNull();
    assertThat(f.taxWan(p6)).isNull();
    assertThat(f.landM2(p6)).isCloseTo(a6, Offset.offset(1e-6));
    Efficiency.ParcelFigures e = Efficiency.parcel(INDEX, f, p4, EfficiencyThresholds.DEFAULT);
    assertThat(e.taxPerMuWan()).isCloseTo(f.taxWan(p4) / AreaUnits.toMu(a4), Offset.offset(1e-9));
    assertThat(e.valueAddedPerMuWan())
        .isCloseTo(300 / AreaUnits.toMu(0.75 * a4), Offset.offset(1e-9));
  }

  private static int position(long id) {
    for (int i = 0; i < INDEX.size(); i++) {
      if (INDEX.parcel(i).id() == id) {
        return i;
      }
    }
    throw new AssertionError("no parcel " + id);
  }

  @Test
  void attributionSplitsZonesAndIndustrialLandByDivision() {
    Geometry west = rect(119.90, 29.40, 120.0125, 29.60);
    Geometry east = rect(120.0125, 29.40, 120.10, 29.60);
    IntPredicate industrial = ConcentrationCalculator.industrial(INDEX, CLASSIFIER, false);
    Map<String, ConcentrationCalculator> divisions = new java.util.LinkedHashMap<>();
    divisions.put("W", new ConcentrationCalculator(INDEX, industrial, west));
    divisions.put("E", new ConcentrationCalculator(INDEX, industrial, east));
    DivisionAttribution.ZoneSplit a = DivisionAttribution.compute(PLAN, divisions).get(0);
    assertThat(a.code()).isEqualTo("A");
    double westArea = area(120.00, 29.50, 120.0125, 29.52) - area(120.005, 29.505, 120.010, 29.510);
    double eastArea = area(120.0125, 29.50, 120.02, 29.52);
    assertThat(a.shares())
        .extracting(DivisionAttribution.Share::division)
        .containsExactly("W", "E");
    assertThat(a.shares().get(0).areaM2()).isCloseTo(westArea, rel(westArea));
    assertThat(a.shares().get(1).areaM2()).isCloseTo(eastArea, rel(eastArea));
    assertThat(a.outsideDivisionsM2()).isLessThan(a.areaM2() * 1e-8);
    // Parcel 17's part in A spans the line at 120.0125? No: [120.011, 120.012] is west of it.
    double westIndustrial = a(1) + P3_IN_A + a(12) + P17_IN_A;
    assertThat(a.shares().get(0).industrialM2()).isCloseTo(westIndustrial, rel(westIndustrial));
    assertThat(a.shares().get(1).industrialM2()).isCloseTo(a(4), rel(a(4)));
  }

  @Test
  void comparisonReportsAreasLandAddedAndRemovedAndParcelsGainedAndLost() {
    PlanGeometry later =
        PlanGeometry.of(
            List.of(
                A,
                ZoneShape.of("B", null, rect(120.024, 29.50, 120.04, 29.51)),
                ZoneShape.of("D", null, rect(120.04, 29.50, 120.05, 29.51))));
    List<PlanComparison.ZoneChange> changes = PlanComparison.compare(PLAN, later, INDEX);
    assertThat(changes)
        .extracting(PlanComparison.ZoneChange::code)
        .containsExactly("A", "B", "C", "D");
    PlanComparison.ZoneChange a = changes.get(0);
    assertThat(a.deltaM2()).isZero();
    assertThat(a.addedM2()).isZero();
    assertThat(a.parcels().gained()).isEmpty();

    PlanComparison.ZoneChange b = changes.get(1);
    double added = area(120.024, 29.50, 120.03, 29.51);
    double removed = area(120.05, 29.50, 120.06, 29.51);
    assertThat(b.addedM2()).isCloseTo(added, rel(added));
    assertThat(b.removedM2()).isCloseTo(removed, rel(removed));
    assertThat(b.deltaM2()).isCloseTo(added - removed, rel(added));
    assertThat(ids(b.parcels().gained())).containsExactly(5L);
    assertThat(ids(b.parcels().lost())).containsExactly(6L);

    PlanComparison.ZoneChange c = changes.get(2);
    assertThat(c.after()).isNull();
    assertThat(c.areaAfterM2()).isZero();
    assertThat(ids(c.parcels().lost())).containsExactly(4L, 5L, 14L);

    PlanComparison.ZoneChange d = changes.get(3);
    assertThat(d.before()).isNull();
    assertThat(ids(d.parcels().gained())).containsExactly(7L, 16L);
  }

  static List<Long> ids(int[] indexes) {
    return Arrays.stream(indexes).mapToObj(i -> INDEX.parcel(i).id()).sorted().toList();
  }
}
