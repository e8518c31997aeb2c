package org.zoneplan.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.zoneplan.codecs.gis.GisFileException;
import org.zoneplan.codecs.gis.ImportedFeature;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.geo.GeometryIssue;
import org.zoneplan.geo.GeometryLimitExceededException;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.geo.PolygonValidator;

/**
 * One import as its features stream through: the report being collected (counts, errors and
 * repairs, listed up to {@code zoneplan.exchange.max-listed-errors}, warnings) and the CRS chosen
 * from the first geometry. Not thread-safe: one per import.
 */
final class ImportRun {
  /** Longest feature key and reason a report lists, in characters (a key is read from the file). */
  private static final int MAX_LISTED_KEY = 200;

  private static final int MAX_LISTED_REASON = 1_000;

  private final int maxListed;
  private final GeometryLimits limits;
  final ImportRequest request;
  final List<ImportReport.Repair> repairs = new ArrayList<>();
  final List<ImportReport.FeatureError> errors = new ArrayList<>();
  // Counted in full, listed up to zoneplan.exchange.max-listed-errors (a report of a million
  // refused features would be half a gigabyte).
  int errorCount;
  int repairCount;
  // what repair did to the geometry last returned by geometry(), or null
  String lastRepair;
  final List<String> warnings = new ArrayList<>();
  int features;
  int accepted;
  int created;
  int replaced;
  double areaM2;
  Crs declared;
  Crs effective;
  UnaryOperator<Geometry> toCgcs2000;
  // parcels import: the enterprises named on the parcels and what became of them
  int enterprisesCreated;
  int enterprisesExisting;
  int ownerLinks;
  int statistics;
  final Set<String> skippedColumns = new LinkedHashSet<>();
  int namesWithoutCode;
  int ownedParcels;
  int figuresWithoutCode;

  ImportRun(ImportRequest request, Crs declared, int maxListed, GeometryLimits limits) {
    this.request = request;
    this.declared = declared;
    this.maxListed = maxListed;
    this.limits = limits;
  }

  void error(int feature, String key, String reason, Coordinate at) {
    errorCount++;
    if (errors.size() < maxListed) {
      errors.add(
          new ImportReport.FeatureError(
              feature,
              clip(key, MAX_LISTED_KEY),
              clip(reason, MAX_LISTED_REASON),
              at == null ? null : List.of(at.x, at.y)));
    }
  }

  void repair(int feature, String key, String report) {
    repairCount++;
    if (repairs.size() < maxListed) {
      repairs.add(
          new ImportReport.Repair(
              feature, clip(key, MAX_LISTED_KEY), clip(report, MAX_LISTED_REASON)));
    }
  }

  boolean failed() {
    return errorCount > 0;
  }

  /** The feature's geometry in EPSG:4490, repaired; null (and an error) when unusable. */
  MultiPolygon geometry(ImportedFeature f, String key) {
    lastRepair = null;
    if (f.issue() != null) {
      error(f.number(), key, f.issue().reason(), f.issue().coordinate());
      return null;
    }
    if (f.geometry() == null || f.geometry().isEmpty()) {
      error(f.number(), key, "the feature has no geometry", null);
      return null;
    }
    try {
      limits.check(f.geometry());
    } catch (GeometryLimitExceededException e) {
      error(f.number(), key, e.getMessage(), null);
      return null;
    }
    if (toCgcs2000 == null) {
      chooseCrs(f.geometry());
    }
    Geometry g = toCgcs2000.apply(f.geometry());
    g = Cgcs2000.GEOMETRY_FACTORY.createGeometry(g);
    GeometryRepair.Result repaired = GeometryRepair.repair(g);
    if (repaired.repaired()) {
      repair(f.number(), key, repaired.report());
      lastRepair = repaired.report();
    }
    MultiPolygon result = repaired.geometry();
    if (result.isEmpty()) {
      error(f.number(), key, "nothing is left of the geometry after repair", null);
      return null;
    }
    result.setSRID(Cgcs2000.SRID);
    GeometryIssue outside = PolygonValidator.checkExtent(result).orElse(null);
    if (outside != null) {
      error(f.number(), key, outside.reason(), outside.coordinate());
      return null;
    }
    return result;
  }

  /**
   * The CRS of the data: the declared one, except that 8-digit Gauss-Krüger eastings carry their
   * zone number, which names the zone (EPSG:4513–4533) whatever the file said.
   */
  void chooseCrs(Geometry first) {
    if (declared == null) {
      throw GisFileException.crs(
          "the file does not say its CRS (no .prj): give crs, e.g. EPSG:4490, EPSG:4549 or"
              + " EPSG:4528");
    }
    Envelope e = first.getEnvelopeInternal();
    effective = declared;
    if (declared.isGeographic()) {
      if (Math.abs(e.getMinX()) > 180 || Math.abs(e.getMinY()) > 90) {
        throw GisFileException.crs(
            "the coordinates ("
                + e.getMinX()
                + ", "
                + e.getMinY()
                + ") are not degrees, but the file says EPSG:4490: give crs");
      }
    } else if (e.getMinX() >= 1_000_000) {
      int zone = (int) (e.getMinX() / 1_000_000);
      try {
        effective = new Crs(new GaussKruger(zone).epsgWithZonePrefix());
      } catch (IllegalArgumentException ex) {
        throw GisFileException.crs(
            "eastings of " + e.getMinX() + " name no Gauss-Krüger zone (25–45)");
      }
    } else if (declared.zonePrefix()) {
      effective = new Crs(declared.gaussKruger().epsg());
    } else if (Math.abs(e.getMinX()) <= 180 && Math.abs(e.getMinY()) <= 90) {
      throw GisFileException.crs(
          "the coordinates look like degrees, but the file says " + declared + ": give crs");
    }
    if (effective.epsg() != declared.epsg()) {
      warnings.add(
          "the file says "
              + declared
              + " but its eastings "
              + (effective.zonePrefix() ? "carry" : "lack")
              + " the zone number: read as "
              + effective);
    }
    toCgcs2000 = effective.toCgcs2000();
  }

  static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
