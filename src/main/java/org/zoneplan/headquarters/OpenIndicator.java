package org.zoneplan.headquarters;

import java.util.List;

/**
 * An indicator of the open-economy system (一号开放工程).
 *
 * @param code short key, e.g. {@code K01}
 * @param categoryCode its category's code
 * @param unit as the figures are given, e.g. 亿元, 家, 个, %
 * @param better which way is better: a value above the target (HIGHER) or below it (LOWER)
 * @param leadDepartment the lead department (牵头部门)
 * @param reviews the reviews that take it up, of {@link OpenReview#CADENCES}, in that order
 * @param illustrative its name and department are made up (not found in a published source)
 */
public record OpenIndicator(
    String code,
    String categoryCode,
    String name,
    String unit,
    Better better,
    String leadDepartment,
    List<String> reviews,
    boolean illustrative) {

  /** Which way is better for an indicator. */
  public enum Better {
    HIGHER,
    LOWER
  }

  /** A category of indicators, in order. */
  public record Category(String code, String name, List<OpenIndicator> indicators) {}
}
