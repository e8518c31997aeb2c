package org.zoneplan.exchange;

import java.nio.charset.Charset;
import java.util.Locale;
import org.zoneplan.geo.Crs;

/**
 * An import.
 *
 * @param layer {@code zones}, {@code parcels} or {@code divisions}
 * @param planId the plan version zones go into (required for zones)
 * @param dryRun check and report only, write nothing
 * @param encoding override of the shapefile's text encoding, or null to read it from the file
 * @param crs override of the file's CRS, or null to read it from the file
 */
public record ImportRequest(
    String layer, String planId, boolean dryRun, Charset encoding, Crs crs) {

  /**
   * @throws IllegalArgumentException naming the wrong parameter
   */
  public static ImportRequest parse(
      String layer, String plan, String dryRun, String encoding, String crs) {
    String l = layer == null ? "" : layer.strip().toLowerCase(Locale.ROOT);
    if (!l.equals("zones") && !l.equals("parcels") && !l.equals("divisions")) {
      throw new IllegalArgumentException(
          "layer must be zones, parcels or divisions, was \"" + layer + "\"");
    }
    String p = plan == null || plan.isBlank() ? null : plan.strip();
    if (l.equals("zones") && p == null) {
      throw new IllegalArgumentException("plan is required to import zones");
    }
    boolean dry = dryRun != null && (dryRun.equalsIgnoreCase("true") || dryRun.equals("1"));
    return new ImportRequest(
        l,
        p,
        dry,
        encoding == null || encoding.isBlank() ? null : ShapefileEncoding.parse(encoding),
        crs == null || crs.isBlank() ? null : Crs.parse(crs));
  }
}
