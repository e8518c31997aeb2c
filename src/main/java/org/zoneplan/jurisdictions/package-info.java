/**
 * Jurisdictions and access by jurisdiction (issue 14): the division tree as the page's selector
 * sees it (a city holds its districts and counties, which hold towns), each jurisdiction's plans
 * and figures (areas are of the union of its zones, never sums), and users limited to divisions or
 * zones ({@code user_scope}, V16). {@link org.zoneplan.jurisdictions.AccessScopes} is the one
 * {@link org.zoneplan.zones.ZoneVisibility}: everything that reads zones or land on a request's
 * behalf asks it.
 */
package org.zoneplan.jurisdictions;
