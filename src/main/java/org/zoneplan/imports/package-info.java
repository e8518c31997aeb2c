/**
 * Import of uploaded feature files: {@link org.zoneplan.imports.ImportController} and the command
 * line call {@link org.zoneplan.imports.ImportService}, which reads and checks the whole upload
 * through {@code codecs.gis} holding no store connection, then runs one transaction (rolled back
 * for a dry run or any error) and builds the report; one {@link org.zoneplan.imports.LayerImporter}
 * per layer (zones, parcels, divisions) reads the same fields as the export writes.
 */
package org.zoneplan.imports;
