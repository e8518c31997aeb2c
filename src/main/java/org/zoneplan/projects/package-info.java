/**
 * Projects: location, zone (by field or by location), investment by year, stage dates, landing mode
 * and lists; layer, figures, .xlsx/CSV import and export. Owns {@code project} and {@code
 * project_investment}.
 */
package org.zoneplan.projects;
