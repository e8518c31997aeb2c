/**
 * Enterprises (统一社会信用代码), the land they use (owner or tenant with a share of each parcel), their
 * annual statistics and the zone totals published only as totals; single writes, .xlsx/CSV import
 * with a row report, export. Owns {@code enterprise}, {@code enterprise_land}, {@code
 * enterprise_stat}, {@code zone_stat}.
 */
package org.zoneplan.enterprises;
