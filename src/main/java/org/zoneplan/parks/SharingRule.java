package org.zoneplan.parks;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.zoneplan.projects.LandingMode;

/**
 * How a park's figures are shared between its promoter and its host districts in assessment (考核),
 * held as data per park. Territorial statistics (属地统计) are not a rule: they always follow the
 * park's area in each district ({@link TerritorialShares}).
 *
 * <ul>
 *   <li>{@link Kind#ALL_SHARED} (两两共享): the promoter counts 100% of every figure of the park, and
 *       the hosts together count 100% too, split between them by the park's area in each.
 *   <li>{@link Kind#BY_LANDING_MODE}: the figures of the park's projects (from the projects
 *       package) are split by each project's landing mode, {@code promoterPercent : hostPercent}
 *       (adding up to 100), the host part again by territory; projects of a mode without a split,
 *       and published park totals (which carry no landing mode), count for the hosts by territory
 *       only.
 * </ul>
 *
 * @param label the rule's name as the source gives it (e.g. 两两共享)
 * @param note the source phrase or a note, or null
 * @param splits for {@link Kind#BY_LANDING_MODE}: one per landing mode; empty otherwise
 */
public record SharingRule(Kind kind, String label, String note, List<Split> splits) {
  public enum Kind {
    ALL_SHARED("两两共享"),
    BY_LANDING_MODE("按落地方式分成");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** Percentages (0–100) of a project's figures counted for the promoter and for the hosts. */
  public record Split(
      LandingMode landingMode, BigDecimal promoterPercent, BigDecimal hostPercent) {}

  public Optional<Split> split(LandingMode mode) {
    return splits.stream().filter(s -> s.landingMode() == mode).findFirst();
  }
}
