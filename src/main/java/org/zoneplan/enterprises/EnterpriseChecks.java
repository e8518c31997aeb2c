package org.zoneplan.enterprises;

import java.time.Year;
import java.util.Optional;
import org.zoneplan.parcels.CreditCode;

/**
 * The checks of enterprise fields, shared by single writes and imports: each answers what is wrong
 * in a sentence (Chinese first), or empty. Thread-safe.
 */
public final class EnterpriseChecks {
  /** The first year statistics may be given for. */
  public static final int FIRST_STATISTICS_YEAR = 1990;

  /** The earliest founding year accepted. */
  public static final int FIRST_FOUNDING_YEAR = 1900;

  public static final int MAX_NAME = 200;

  /**
   * Shares of one parcel may add up to 1 plus this (sums of decimal fractions such as 0.1 + 0.2).
   */
  public static final double SHARE_TOLERANCE = 1e-9;

  private EnterpriseChecks() {}

  public static Optional<String> creditCode(String code) {
    if (code == null || code.isBlank()) {
      return Optional.of("统一社会信用代码为空 (the credit code is missing)");
    }
    return CreditCode.problem(code).map(p -> "统一社会信用代码无效 (" + p + ")");
  }

  public static Optional<String> name(String name) {
    if (name == null || name.isBlank()) {
      return Optional.of("企业名称为空 (the name is missing)");
    }
    if (name.length() > MAX_NAME) {
      return Optional.of("企业名称超过 " + MAX_NAME + " 字 (the name is too long)");
    }
    return Optional.empty();
  }

  public static Optional<String> industry(String code) {
    if (code == null || IndustryCatalog.gbt4754().contains(code)) {
      return Optional.empty();
    }
    return Optional.of(
        "行业代码 \"" + code + "\" 不是 GB/T 4754-2017 的小类 (not a 4-digit GB/T 4754-2017 class)");
  }

  public static Optional<String> foundedYear(Integer year) {
    return yearIn(year, FIRST_FOUNDING_YEAR, "成立年份");
  }

  public static Optional<String> closedYear(Integer founded, Integer closed) {
    Optional<String> range = yearIn(closed, FIRST_FOUNDING_YEAR, "关闭年份");
    if (range.isPresent() || closed == null || founded == null || closed >= founded) {
      return range;
    }
    return Optional.of("关闭年份 " + closed + " 早于成立年份 " + founded + " (closed before it was founded)");
  }

  public static Optional<String> statisticsYear(Integer year) {
    if (year == null) {
      return Optional.of("年度为空 (the year is missing)");
    }
    return yearIn(year, FIRST_STATISTICS_YEAR, "年度");
  }

  private static Optional<String> yearIn(Integer year, int first, String what) {
    int last = Year.now().getValue();
    if (year == null || (year >= first && year <= last)) {
      return Optional.empty();
    }
    return Optional.of(what + " " + year + " 超出范围 " + first + "–" + last + " (year out of range)");
  }

  public static Optional<String> share(double share) {
    if (!(share > 0 && share <= 1)) {
      return Optional.of("用地份额须大于 0 且不超过 1, 而非 " + share + " (share out of (0, 1])");
    }
    return Optional.empty();
  }

  /** A figure that must be a number ≥ 0. */
  public static Optional<String> figure(Double value) {
    if (value == null || (value >= 0 && Double.isFinite(value))) {
      return Optional.empty();
    }
    return Optional.of("数值为负 (negative figure: " + value + ")");
  }
}
