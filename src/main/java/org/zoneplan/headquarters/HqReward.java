package org.zoneplan.headquarters;

import java.math.BigDecimal;

/**
 * A reward paid to a list entry in a year, 万元.
 *
 * @param kind e.g. 星级培育奖励
 * @param districtWan the part the district paid (区级), ≤ {@code amountWan}
 */
public record HqReward(
    String entryId, int year, String kind, BigDecimal amountWan, BigDecimal districtWan) {}
