package org.zoneplan.imports;

import java.nio.charset.Charset;
import java.util.Locale;
import org.zoneplan.codecs.gis.ShapefileEncoding;
import org.zoneplan.geo.Crs;

/**
 * An import.
 *
 * @param layer {@code zones}, {@code parcels} or {@code divisions}
 * @param planId the plan version zones go into (required for zones)
 * @param dryRun check and report only, write nothing
 * @param encoding override of the shapefile's text encoding, or null to read it from the file
 * @param crs override of the file's CRS, or null to read it from the file
 * @param replace parcels only ({@code mode=replace}): the file replaces every stored parcel, in the
 *     same transaction (the default {@code mode=append} adds the file's parcels)
 * @param year parcels only: the statistics year the file's tax, value added and employees belong
 *     to, or null (they are then skipped and reported)
 */
public record ImportRequest(
    String layer,
    String planId,
    boolean dryRun,
    Charset encoding,
    Crs crs,
    boolean replace,
    Integer year) {

  /** Earliest and latest statistics year an import may name. */
  static final int FIRST_YEAR = 1949;

  static final int LAST_YEAR = 2100;

  public ImportRequest(
      String layer, String planId, boolean dryRun, Charset encoding, Crs crs, boolean replace) {
    this(layer, planId, dryRun, encoding, crs, replace, null);
  }

  /** An import that adds (zones, divisions: creates or replaces by code; parcels: appends). */
  public ImportRequest(String layer, String planId, boolean dryRun, Charset encoding, Crs crs) {
    this(layer, planId, dryRun, encoding, crs, false);
  }

  /**
   * @throws IllegalArgumentException naming the wrong parameter
   */
  public static ImportRequest parse(
      String layer, String plan, String dryRun, String encoding, String crs) {
    return parse(layer, plan, dryRun, encoding, crs, null);
  }

  /**
   * @param mode {@code append} (default) or {@code replace} (parcels only)
   * @throws IllegalArgumentException naming the wrong parameter
   */
  public static ImportRequest parse(
      String layer, String plan, String dryRun, String encoding, String crs, String mode) {
    return parse(layer, plan, dryRun, encoding, crs, mode, null);
  }

  /**
   * @param year parcels only: a statistics year from {@value #FIRST_YEAR} to {@value #LAST_YEAR}
   * @throws IllegalArgumentException naming the wrong parameter
   */
  public static ImportRequest parse(
      String layer,
      String plan,
      String dryRun,
      String encoding,
      String crs,
      String mode,
      String year) {
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
    String m = mode == null || mode.isBlank() ? "append" : mode.strip().toLowerCase(Locale.ROOT);
    if (!m.equals("append") && !m.equals("replace")) {
      throw new IllegalArgumentException("mode must be append or replace, was \"" + mode + "\"");
    }
    if (m.equals("replace") && !l.equals("parcels")) {
      throw new IllegalArgumentException(
          "mode=replace is for parcels (zones and divisions are replaced by code)");
    }
    Integer y = null;
    if (year != null && !year.isBlank()) {
      if (!l.equals("parcels")) {
        throw new IllegalArgumentException(
            "year is for parcels (the statistics year of the enterprise figures on them)");
      }
      try {
        y = Integer.parseInt(year.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("year must be a whole number, was \"" + year + "\"");
      }
      if (y < FIRST_YEAR || y > LAST_YEAR) {
        throw new IllegalArgumentException(
            "year must be from " + FIRST_YEAR + " to " + LAST_YEAR + ", was " + y);
      }
    }
    return new ImportRequest(
        l,
        p,
        dry,
        encoding == null || encoding.isBlank() ? null : ShapefileEncoding.parse(encoding),
        crs == null || crs.isBlank() ? null : Crs.parse(crs),
        m.equals("replace"),
        y);
  }
}
