package org.zoneplan.enterprises;

/**
 * An enterprise (企业), keyed by its unified social credit code.
 *
 * @param creditCode 统一社会信用代码 (GB 32100-2015, check character verified)
 * @param name 企业名称
 * @param industryCode GB/T 4754-2017 小类 (4 digits), null when unknown
 * @param sizeClass 规上 / 规下, null when unknown
 * @param foundedYear 成立年份, null when unknown
 * @param closedYear 关闭 (注销) 年份, null while it operates
 */
public record Enterprise(
    String creditCode,
    String name,
    String industryCode,
    SizeClass sizeClass,
    Integer foundedYear,
    Integer closedYear) {

  /** Whether the enterprise existed in {@code year}: founded by then and not closed before it. */
  public boolean existsIn(int year) {
    return (foundedYear == null || foundedYear <= year)
        && (closedYear == null || closedYear >= year);
  }
}
