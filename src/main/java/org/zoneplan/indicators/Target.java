package org.zoneplan.indicators;

import org.zoneplan.indicators.Indicator.Direction;

/**
 * A target (目标) for one indicator and year.
 *
 * @param planId the zone's plan version; null for a city target
 * @param zoneCode the zone; null for a city target
 * @param name the indicator's name as published (city targets), or the indicator's label
 * @param indicatorKey the {@link Indicator} key it applies to; null for a published city target
 *     zoneplan has no indicator for (kept as published)
 * @param value the target figure, in {@code unit}
 * @param direction GE: at least (≥, the usual 以上), LE: at most (≤)
 * @param scope what the target covers, as published (city targets), or null
 * @param source the source phrase, exactly as published
 */
public record Target(
    String planId,
    String zoneCode,
    int year,
    String name,
    String indicatorKey,
    double value,
    String unit,
    Direction direction,
    String scope,
    String source) {
  public boolean isCity() {
    return zoneCode == null;
  }
}
