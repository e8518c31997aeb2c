package org.zoneplan.parks;

import java.math.BigDecimal;

/**
 * A figure of a park as published.
 *
 * @param item what is counted: a key such as {@code fixed_asset_investment} ({@link ParkItems})
 * @param period {@code 2021}, a range {@code 2021-2023}, or a cut-off {@code to-2024-06}
 * @param value the value, with the scale it was published with (32.0 stays 32.0)
 * @param unit the unit as published (亿元, 个, 家)
 * @param sourcePhrase the sentence of the source that states it, verbatim (traditional characters
 *     kept), or null
 */
public record ParkFigure(
    String item, String period, BigDecimal value, String unit, String sourcePhrase) {}
