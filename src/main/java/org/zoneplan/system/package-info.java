/**
 * Cross-cutting parts: problem details (RFC 9457) for every error in one place, request bounds
 * (body sizes, geometry limits, deadlines, statement timeouts), public base URL, the acting user,
 * client configuration, the settings of import and export ({@code zoneplan.exchange.*}) and the
 * sweep of the temporary folders they leave.
 */
package org.zoneplan.system;
