/**
 * The land-quota ledger (新增建设用地指标, 亩): append-only grants, allocations, consumptions and reversals
 * per body and year; an allocation beyond the balance is refused under a row lock. Owns {@code
 * quota_account} and {@code quota_entry}.
 */
package org.zoneplan.quota;
