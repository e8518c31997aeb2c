package org.zoneplan.programmes;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A programme (产业平台体系 or 载体计划) that names zones as its carriers, e.g. 萧山区"4286"产业载体.
 *
 * @param id slug, e.g. {@code xiaoshan-4286}
 * @param name Chinese name
 * @param issuer the issuing body (发文单位)
 * @param level 省, 市 or 区 (a county counts as 区 here)
 * @param divisionCode the jurisdiction (行政区划代码) whose totals are the denominators of the shares, or
 *     null: then the whole store is the denominator
 * @param categories carrier categories in order, each with its target count (or null)
 * @param statuses the progress statuses a member may have, in order (data, per programme)
 * @param targets the programme's share targets (e.g. the "5个80%": five ratios of 0.8)
 * @param source where the programme is published, or null
 * @param illustrative its members' boundaries are made up (sample data)
 */
public record Programme(
    String id,
    String name,
    String issuer,
    String level,
    String divisionCode,
    List<Category> categories,
    List<String> statuses,
    List<Target> targets,
    String source,
    boolean illustrative,
    String createdBy,
    OffsetDateTime createdAt) {

  /** A carrier category (产业新城, 特色小镇, …) and how many carriers the programme plans in it. */
  public record Category(String name, Integer targetCount) {}

  /**
   * A share target: {@code key} is one of {@link FiveShares#KEYS}, {@code ratio} the target share
   * (0–1).
   */
  public record Target(String key, String name, double ratio) {}

  public Category category(String categoryName) {
    return categories.stream().filter(c -> c.name().equals(categoryName)).findFirst().orElse(null);
  }
}
