package org.zoneplan.parks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zoneplan.projects.LandingMode;

/**
 * The assessment engine on hand-made shares (no geometry, no Spring): a park 25% in host A, 75% in
 * host B, promoted by P; every expected figure worked by hand in the comments.
 */
class ParkAssessmentTest {
  static final Map<String, String> NAMES = Map.of("A", "甲区", "B", "乙区", "P", "推进区");

  static CoopPark park(SharingRule rule, List<ParkFigure> figures) {
    return new CoopPark(
        "t",
        "测试园",
        null,
        "推进方",
        "P",
        List.of("A", "B"),
        null,
        null,
        null,
        true,
        null,
        rule,
        figures,
        null,
        "test",
        null);
  }

  static double cell(ParkAssessment.FigureResult f, String code, boolean shared) {
    return f.byDistrict().stream()
        .filter(a -> a.code().equals(code))
        .mapToDouble(a -> shared ? a.shared() : a.territorial())
        .sum();
  }

  @Test
  void allSharedGivesThePromoterTheWholeAndTheHostsTheirTerritory() {
    SharingRule rule = new SharingRule(SharingRule.Kind.ALL_SHARED, "两两共享", null, List.of());
    CoopPark p =
        park(
            rule,
            List.of(
                new ParkFigure("tax", "2023", new BigDecimal("8.0"), "亿元", "句"),
                new ParkFigure("tax", "2022", new BigDecimal("1"), "亿元", null)));
    var result =
        ParkAssessment.assess(
            "2023",
            List.of(new ParkAssessment.ParkInput(p, Map.of("A", 0.25, "B", 0.75), List.of())),
            NAMES);
    var tax = result.parks().get(0).figures().get(0);
    assertThat(result.parks().get(0).figures()).hasSize(1); // 2022 is another period
    assertThat(tax.value()).isEqualByComparingTo("8.0");
    assertThat(cell(tax, "A", false)).isCloseTo(2, within(1e-12)); // 8 × 25%
    assertThat(cell(tax, "B", false)).isCloseTo(6, within(1e-12)); // 8 × 75%
    assertThat(cell(tax, "P", false)).isZero();
    assertThat(cell(tax, "A", true)).isCloseTo(2, within(1e-12));
    assertThat(cell(tax, "B", true)).isCloseTo(6, within(1e-12));
    assertThat(cell(tax, "P", true)).isCloseTo(8, within(1e-12)); // 两两共享: all of it
    var promoter =
        result.districts().stream().filter(d -> d.code().equals("P")).findFirst().orElseThrow();
    assertThat(promoter.promoter()).isTrue();
    assertThat(promoter.host()).isFalse();
    assertThat(promoter.figures().get(0).shared()).isCloseTo(8, within(1e-12));
  }

  @Test
  void landingModeSplitsProjectsAndLeavesPublishedTotalsToTheHosts() {
    SharingRule rule =
        new SharingRule(
            SharingRule.Kind.BY_LANDING_MODE,
            "按落地方式分成",
            null,
            List.of(
                new SharingRule.Split(
                    LandingMode.COOPERATIVE_IMPORT, new BigDecimal("50"), new BigDecimal("50")),
                new SharingRule.Split(
                    LandingMode.RELOCATION, new BigDecimal("20"), new BigDecimal("80"))));
    CoopPark p =
        park(rule, List.of(new ParkFigure("tax", "2023", new BigDecimal("4"), "亿元", null)));
    // a polygon project half in A, half in B (合作导入, 1000 万元); a point project in B (整体迁入, 500)
    var projects =
        List.of(
            new ParkAssessment.ProjectInput(
                1,
                "x",
                LandingMode.COOPERATIVE_IMPORT,
                Map.of("A", 0.5, "B", 0.5),
                true,
                new BigDecimal("1000"),
                null),
            new ParkAssessment.ProjectInput(
                2,
                "y",
                LandingMode.RELOCATION,
                Map.of("B", 1.0),
                true,
                new BigDecimal("500"),
                null));
    var park =
        ParkAssessment.assess(
                "2023",
                List.of(new ParkAssessment.ParkInput(p, Map.of("A", 0.25, "B", 0.75), projects)),
                NAMES)
            .parks()
            .get(0);
    var tax = park.figures().get(0);
    assertThat(cell(tax, "P", true)).isZero(); // a published total: no landing mode
    assertThat(cell(tax, "A", true)).isCloseTo(1, within(1e-12)); // 4 × 25%
    assertThat(cell(tax, "B", true)).isCloseTo(3, within(1e-12));
    var total =
        park.figures().stream()
            .filter(f -> f.item().equals(ParkItems.PROJECT_TOTAL_INVESTMENT))
            .findFirst()
            .orElseThrow();
    assertThat(total.value()).isEqualByComparingTo("1500");
    // territory: A 1000 × 0.5 = 500; B 1000 × 0.5 + 500 = 1000
    assertThat(cell(total, "A", false)).isCloseTo(500, within(1e-9));
    assertThat(cell(total, "B", false)).isCloseTo(1000, within(1e-9));
    // shared: P 50% of 1000 + 20% of 500 = 600; A 50% of 1000 × 0.5 = 250;
    // B 50% of 1000 × 0.5 + 80% of 500 = 650
    assertThat(cell(total, "P", true)).isCloseTo(600, within(1e-9));
    assertThat(cell(total, "A", true)).isCloseTo(250, within(1e-9));
    assertThat(cell(total, "B", true)).isCloseTo(650, within(1e-9));
  }
}
