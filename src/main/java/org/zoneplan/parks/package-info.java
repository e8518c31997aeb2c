/**
 * Cooperation parks (特别合作园, e.g. 滨富特别合作区): a park promoted by one body and lying in one or more
 * host districts, its yearly figures counted by territory (属地统计, {@code TerritorialShares}) and
 * shared in assessment (考核) by a rule of the park held as data ({@code SharingRule}, {@code
 * ParkAssessment}). Owns {@code coop_park}, {@code coop_park_host} and {@code coop_park_figure}
 * (V13); see docs/cooperation-parks.md.
 */
package org.zoneplan.parks;
