package org.zoneplan.imports;

import java.util.List;

/**
 * What an import found and did (or, in a dry run, would do).
 *
 * @param written whether anything was stored (false for a dry run and for any error)
 * @param file what was read: format, encoding and CRS, and where each came from
 * @param counts features read, accepted, created, replaced, repaired, refused
 * @param area ellipsoidal area of the accepted features, summed
 * @param repairs invalid geometries repaired (feature and what was done): the first {@code
 *     zoneplan.exchange.max-listed-errors} of them
 * @param errors features refused (feature, reason, coordinate where known): the first {@code
 *     zoneplan.exchange.max-listed-errors} of them
 * @param problemCount how many features were refused in all (listed or not)
 * @param listed how many of them {@code errors} lists; {@code problemCount - listed} were not
 *     listed
 * @param repairsListed how many of the {@code counts.repaired} repairs {@code repairs} lists
 * @param warnings things done that the uploader should know (a CRS read from the coordinates)
 * @param enterprises parcels only: the enterprises named on the parcels (null for other layers)
 */
public record ImportReport(
    String layer,
    String planId,
    boolean dryRun,
    boolean written,
    FileInfo file,
    Counts counts,
    Area area,
    List<Repair> repairs,
    List<FeatureError> errors,
    int problemCount,
    int listed,
    int repairsListed,
    List<String> warnings,
    Enterprises enterprises) {

  /**
   * What a parcel import did with the enterprises its parcels name (or, in a dry run, would do).
   *
   * @param year the statistics year the import named ({@code year}), or null
   * @param created enterprises new to the store
   * @param existing enterprises already stored (kept as they are: the file only links them)
   * @param ownerLinks parcels linked to their enterprise as owner with share 1
   * @param statistics enterprises whose tax, value added or employees of {@code year} were stored
   * @param skippedColumns figure columns (taxWan, valueAddedWan, employees) with values that were
   *     not stored: no year given, or on parcels without a credit code
   */
  public record Enterprises(
      Integer year,
      int created,
      int existing,
      int ownerLinks,
      int statistics,
      List<String> skippedColumns) {}

  public record FileInfo(
      String name,
      String format,
      String encoding,
      String encodingSource,
      String crs,
      String crsSource) {}

  public record Counts(
      int features, int accepted, int created, int replaced, int repaired, int errors) {}

  public record Area(double areaM2, double areaKm2, double areaHa, double areaMu) {
    static Area of(double m2) {
      return new Area(m2, m2 / 1e6, m2 / 1e4, m2 * 15 / 1e4);
    }
  }

  public record Repair(int feature, String key, String report) {}

  public record FeatureError(int feature, String key, String reason, List<Double> coordinate) {}
}
