package org.zoneplan.quota;

import java.math.BigDecimal;

/**
 * The balance of one body's quota for one year, in 亩, from the sums of its ledger entries
 * (reversals subtracted).
 *
 * @param grantedMu quota granted
 * @param allocatedMu allocated to projects
 * @param consumedMu used by supplied parcels
 * @param availableMu granted but not yet allocated: what an allocation may take (never negative)
 * @param unusedAllocatedMu allocated but not yet used by a parcel
 */
public record QuotaBalance(
    String body,
    int year,
    BigDecimal grantedMu,
    BigDecimal allocatedMu,
    BigDecimal consumedMu,
    BigDecimal availableMu,
    BigDecimal unusedAllocatedMu) {

  static QuotaBalance of(
      String body, int year, BigDecimal granted, BigDecimal allocated, BigDecimal consumed) {
    return new QuotaBalance(
        body,
        year,
        granted,
        allocated,
        consumed,
        granted.subtract(allocated),
        allocated.subtract(consumed));
  }
}
