/**
 * Programmes and their carriers (产业平台体系, e.g. 萧山区"4286"产业载体): a programme's categories with target
 * counts, its statuses and share targets, and the zones that are its members, each with a category,
 * a status and up to three leading industries. A zone keeps its place in its plan's tree and may be
 * in several programmes.
 *
 * <p>It owns the tables {@code programme}, {@code programme_category} and {@code programme_member}
 * (migration V14), the API {@code /api/programmes}, the figures by category and status (areas of
 * the union of the members' boundaries, through {@link
 * org.zoneplan.analysis.PlanGeometry#unionOf}), the "5个80%" shares ({@link
 * org.zoneplan.programmes.FiveShares}, Spring-free, read by {@link
 * org.zoneplan.programmes.ShareData} from the quota ledger, projects and enterprise statistics,
 * which it only reads) and the sample programme of 萧山区 ({@link
 * org.zoneplan.programmes.XiaoshanCarriers}, Spring-free, and its loader).
 *
 * <p>It writes zones only through {@code zones.ZoneService} (the sample's illustrative plan
 * version) and never writes the tables of the ledger, projects or enterprises.
 */
package org.zoneplan.programmes;
