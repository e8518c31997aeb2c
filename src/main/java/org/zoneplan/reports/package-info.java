/**
 * The land bureau's printed deliverables (issue 11): a PDF map report per zone and an atlas of a
 * plan's zones. Drawing and layout ({@link org.zoneplan.reports.MapDrawing}, {@link
 * org.zoneplan.reports.PdfReport}, {@link org.zoneplan.reports.Quarters}) are free of Spring;
 * {@link org.zoneplan.reports.ReportService} gathers the data and {@link
 * org.zoneplan.reports.ReportController} serves it.
 */
package org.zoneplan.reports;
