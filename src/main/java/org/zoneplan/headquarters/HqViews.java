package org.zoneplan.headquarters;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.util.List;

/** The fixed shapes the headquarters API answers with. */
final class HqViews {
  private HqViews() {}

  /** {@code GET /lists}: every list with its stored counts, and the published totals. */
  record Lists(List<ListCounts> lists, Counts stored, List<PublishedFigure> published) {}

  record ListCounts(@JsonUnwrapped HqList list, long firms, long projects) {}

  record Counts(long firms, long projects) {}

  /** {@code GET /lists/{id}}: the list and its entries. */
  record ListEntries(@JsonUnwrapped HqList list, List<HqEntry> entries) {}

  /** {@code GET /rewards}: a year's rewards, 万元, beside the published totals. */
  record Rewards(
      int year,
      String unit,
      Total total,
      List<StarTotal> byStar,
      List<FirmReward> firms,
      List<PublishedFigure> published,
      List<Check> checks,
      List<Integer> years) {}

  record Total(int firms, BigDecimal amountWan, BigDecimal districtWan) {}

  /**
   * @param starLevel null for firms without a star
   */
  record StarTotal(Integer starLevel, int firms, BigDecimal amountWan, BigDecimal districtWan) {}

  /**
   * @param list the name of the entry's list
   */
  record FirmReward(
      String entryId,
      String name,
      String list,
      Integer starLevel,
      String kind,
      BigDecimal amountWan,
      BigDecimal districtWan,
      boolean illustrative) {}

  /** Whether a published total equals the sum of the stored rows. */
  record Check(String item, String published, BigDecimal stored, boolean equal) {}
}
