package org.zoneplan.headquarters;

/**
 * A town or street (镇街) or a platform (平台) whose indicators are assessed.
 *
 * @param kind {@link #TOWN} or {@link #PLATFORM}
 * @param divisionCode the district it belongs to (e.g. 330106)
 * @param planId with {@code zoneCode}: a platform's zone in a plan, or null
 */
public record OpenUnit(
    String code, String name, String kind, String divisionCode, String planId, String zoneCode) {
  public static final String TOWN = "镇街";
  public static final String PLATFORM = "平台";
}
