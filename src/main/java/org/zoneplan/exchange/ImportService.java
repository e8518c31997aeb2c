package org.zoneplan.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionService;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.enterprises.EnterprisesChangedEvent;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.geo.GeometryIssue;
import org.zoneplan.geo.GeometryLimitExceededException;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.geo.GeometryRejectedException;
import org.zoneplan.geo.GeometryRepair;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelService;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports zones, parcels or divisions from an uploaded zipped shapefile, GeoPackage or GeoJSON
 * file, in two steps. First the whole upload is read, reprojected, repaired and checked in a
 * private temporary folder (deleted afterwards) while no store connection is held: reading an
 * untrusted file may be slow, and is bounded by {@code zoneplan.exchange.max-import-features},
 * {@code max-import-vertices} and {@code read-timeout} and by the geometry limits. Then everything
 * is written in one short transaction: a feature that cannot be taken fails the whole import (all
 * or nothing), and a dry run does the same writes and rolls them back, so its report is exactly
 * what a real run would do.
 *
 * <p>Geometry is reprojected to EPSG:4490, repaired with JTS {@code GeometryFixer} where invalid
 * (and the repair reported), and refused outside China. Field names are matched without regard to
 * case, in the default names, the shapefile names and the survey names of the export, so an export
 * imports back unchanged.
 */
@Service
public class ImportService {
  private static final int PARCEL_BATCH = 1000;

  /** Longest feature key and reason a report lists, in characters (a key is read from the file). */
  private static final int MAX_LISTED_KEY = 200;

  private static final int MAX_LISTED_REASON = 1_000;

  /** Export fields that are computed, not imported. */
  private static final Set<String> COMPUTED =
      Set.of("PLAN", "GHBB", "PLANID", "BSM", "XZQDM", "XZQMC", "MJ", "ID", "FID", "YSDM");

  private final ExchangeProperties properties;
  private final ZoneService zoneService;
  private final ZoneRepository zoneRepository;
  private final ParcelService parcels;
  private final DivisionService divisions;
  private final TransactionTemplate transaction;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;
  private final AuditLog audit;
  private final GeometryLimits limits;
  private final EnterpriseRepository enterprises;

  ImportService(
      ExchangeProperties properties,
      ZoneService zoneService,
      ZoneRepository zoneRepository,
      ParcelService parcels,
      DivisionService divisions,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      JsonMapper json,
      AuditLog audit,
      GeometryLimits limits,
      EnterpriseRepository enterprises) {
    this.enterprises = enterprises;
    this.limits = limits;
    this.properties = properties;
    this.zoneService = zoneService;
    this.zoneRepository = zoneRepository;
    this.parcels = parcels;
    this.divisions = divisions;
    this.transaction = new TransactionTemplate(transactions);
    this.events = events;
    this.json = json;
    this.audit = audit;
  }

  /**
   * Imports an uploaded file.
   *
   * @param upload the bytes as uploaded (copied into a private temporary folder)
   * @param fileName the name the client gave, for the report
   * @return the report; for a real run with errors, an {@link ApiProblem} (422) carrying it
   */
  public ImportReport importFile(InputStream upload, String fileName, ImportRequest request)
      throws IOException {
    if (request.planId() != null) {
      zoneService.plan(request.planId());
    }
    Path dir = properties.newTempDir("import");
    try {
      Path file = dir.resolve("upload");
      Files.copy(upload, file);
      FeatureInput input = open(file, dir, request);
      return run(input, fileName, request);
    } finally {
      TempFiles.deleteRecursively(dir);
    }
  }

  /** Decides the format from the first bytes: zip, SQLite (GeoPackage) or JSON. */
  private FeatureInput open(Path file, Path dir, ImportRequest request) throws IOException {
    byte[] head = new byte[16];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    if (text.startsWith("PK\u0003\u0004")) {
      Path unzipped = Files.createDirectory(dir.resolve("unzipped"));
      List<Path> files = new SafeUnzip(properties).extract(file, unzipped);
      List<Path> packages = files.stream().filter(p -> p.toString().endsWith(".gpkg")).toList();
      if (packages.size() == 1 && files.stream().noneMatch(p -> p.toString().endsWith(".shp"))) {
        return new GeoPackageInput(packages.get(0), request.crs(), properties);
      }
      List<Path> geojson = files.stream().filter(p -> p.toString().endsWith(".geojson")).toList();
      if (geojson.size() == 1 && files.stream().noneMatch(p -> p.toString().endsWith(".shp"))) {
        return new GeoJsonInput(geojson.get(0), json, request.crs(), limits);
      }
      return new ShapefileInput(files, request.encoding(), request.crs(), limits);
    }
    if (text.startsWith("SQLite format 3")) {
      return new GeoPackageInput(file, request.crs(), properties);
    }
    if (text.stripLeading().startsWith("{") || text.startsWith("\u00EF\u00BB\u00BF")) {
      // JSON, or UTF-8 JSON behind a byte-order mark (which Jackson skips)
      return new GeoJsonInput(file, json, request.crs(), limits);
    }
    throw new ApiProblem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-file",
        "Unsupported file",
        "upload a zipped shapefile, a GeoPackage or a GeoJSON file");
  }

  /** Collects the report while features stream through. */
  private final class Run {
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

    Run(ImportRequest request, Crs declared) {
      this.request = request;
      this.declared = declared;
    }

    void error(int feature, String key, String reason, Coordinate at) {
      errorCount++;
      if (errors.size() < properties.maxListedErrors()) {
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
      if (repairs.size() < properties.maxListedErrors()) {
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
        throw UploadProblems.crs(
            "the file does not say its CRS (no .prj): give crs, e.g. EPSG:4490, EPSG:4549 or"
                + " EPSG:4528");
      }
      Envelope e = first.getEnvelopeInternal();
      effective = declared;
      if (declared.isGeographic()) {
        if (Math.abs(e.getMinX()) > 180 || Math.abs(e.getMinY()) > 90) {
          throw UploadProblems.crs(
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
          throw UploadProblems.crs(
              "eastings of " + e.getMinX() + " name no Gauss-Krüger zone (25–45)");
        }
      } else if (declared.zonePrefix()) {
        effective = new Crs(declared.gaussKruger().epsg());
      } else if (Math.abs(e.getMinX()) <= 180 && Math.abs(e.getMinY()) <= 90) {
        throw UploadProblems.crs(
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
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
  }

  private ImportReport run(FeatureInput input, String fileName, ImportRequest request)
      throws IOException {
    Run run = new Run(request, input.crs());
    // 1. Read and check every feature while holding no store connection: reading an upload may be
    // slow (bounded by zoneplan.exchange.read-timeout and the feature and vertex limits).
    FeatureInput bounded = bounded(input, run);
    Runnable write =
        switch (request.layer()) {
          case "zones" -> readZones(bounded, run);
          case "parcels" -> readParcels(bounded, run);
          default -> readDivisions(bounded, run);
        };
    // 2. Write everything in one transaction, which a dry run or any error rolls back.
    transaction.executeWithoutResult(
        status -> {
          write.run();
          if (request.dryRun() || run.failed()) {
            status.setRollbackOnly();
          } else {
            audit.record(
                "import",
                request.layer() + (request.planId() == null ? "" : "/" + request.planId()),
                fileName
                    + ": "
                    + run.created
                    + " created, "
                    + run.replaced
                    + " replaced"
                    + (request.replace() ? " (mode=replace)" : ""));
          }
        });
    boolean written = !request.dryRun() && !run.failed();
    // the parcels' own change event comes from ParcelService (at the commit)
    if (written
        && request.layer().equals("parcels")
        && (run.accepted > 0 || request.replace())
        && (run.ownerLinks > 0 || run.statistics > 0 || request.replace())) {
      events.publishEvent(new EnterprisesChangedEvent());
    }
    Crs crs = run.effective != null ? run.effective : input.crs();
    ImportReport report =
        new ImportReport(
            request.layer(),
            request.planId(),
            request.dryRun(),
            written,
            new ImportReport.FileInfo(
                fileName,
                input.format(),
                input.encoding(),
                input.encodingSource(),
                crs == null ? null : crs.toString(),
                input.crsSource()),
            new ImportReport.Counts(
                run.features,
                run.accepted,
                written || request.dryRun() ? run.created : 0,
                written || request.dryRun() ? run.replaced : 0,
                run.repairCount,
                run.errorCount),
            ImportReport.Area.of(run.areaM2),
            run.repairs,
            run.errors,
            run.errorCount,
            run.errors.size(),
            run.repairs.size(),
            run.warnings,
            request.layer().equals("parcels")
                ? new ImportReport.Enterprises(
                    request.year(),
                    written || request.dryRun() ? run.enterprisesCreated : 0,
                    written || request.dryRun() ? run.enterprisesExisting : 0,
                    written || request.dryRun() ? run.ownerLinks : 0,
                    written || request.dryRun() ? run.statistics : 0,
                    List.copyOf(run.skippedColumns))
                : null);
    if (!request.dryRun() && run.failed()) {
      throw ApiProblem.invalid(
              "import-refused",
              run.errorCount
                  + " of "
                  + run.features
                  + " features cannot be imported; nothing was written"
                  + (run.errorCount > run.errors.size()
                      ? " (the first " + run.errors.size() + " are listed)"
                      : "")
                  + ". First: feature "
                  + run.errors.get(0).feature()
                  + ": "
                  + run.errors.get(0).reason())
          .with("problemCount", run.errorCount)
          .with("listed", run.errors.size())
          .with("report", report);
    }
    return report;
  }

  /**
   * The same input, refused (422, naming the limit and its property) as soon as it holds more than
   * {@code zoneplan.exchange.max-import-features} features or {@code max-import-vertices} vertices:
   * the whole upload is held in memory before it is written.
   */
  private FeatureInput bounded(FeatureInput input, Run run) {
    int maxFeatures = properties.maxImportFeatures();
    long maxVertices = properties.maxImportVertices();
    return new FeatureInput() {
      long vertices;

      @Override
      public String format() {
        return input.format();
      }

      @Override
      public String encoding() {
        return input.encoding();
      }

      @Override
      public String encodingSource() {
        return input.encodingSource();
      }

      @Override
      public Crs crs() {
        return input.crs();
      }

      @Override
      public String crsSource() {
        return input.crsSource();
      }

      @Override
      public void forEach(java.util.function.Consumer<ImportedFeature> consumer)
          throws IOException {
        input.forEach(
            f -> {
              if (f.number() > maxFeatures) {
                throw UploadProblems.overLimit(
                    "features",
                    "zoneplan.exchange.max-import-features",
                    maxFeatures,
                    "the file holds more than "
                        + maxFeatures
                        + " features (zoneplan.exchange.max-import-features); nothing was"
                        + " written");
              }
              if (f.geometry() != null) {
                vertices += f.geometry().getNumPoints();
                if (vertices > maxVertices) {
                  throw UploadProblems.overLimit(
                      "vertices",
                      "zoneplan.exchange.max-import-vertices",
                      maxVertices,
                      "the file's features have more than "
                          + maxVertices
                          + " vertices together (zoneplan.exchange.max-import-vertices); nothing"
                          + " was written");
                }
              }
              consumer.accept(f);
            });
      }
    };
  }

  // ---------------------------------------------------------------- zones

  private record ZoneRow(int number, String code, ZoneDraft draft) {}

  private Runnable readZones(FeatureInput input, Run run) throws IOException {
    String planId = run.request.planId();
    List<ZoneRow> rows = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    input.forEach(
        f -> {
          run.features++;
          Map<String, Object> a = f.attributes();
          String code = text(a, "code", "KFQDM");
          String key = code == null ? "feature " + f.number() : code;
          MultiPolygon geometry = run.geometry(f, key);
          String name = text(a, "name", "KFQMC");
          String kindText = text(a, "kind", "KFQLX");
          ZoneKind kind = null;
          try {
            kind = kindText == null ? null : ZoneKind.valueOf(kindText.toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            // reported below
          }
          if (code == null) {
            run.error(f.number(), key, "no zone code (field CODE, KFQDM or code)", null);
          } else if (!codes.add(code)) {
            run.error(
                f.number(), key, "zone code \"" + code + "\" appears twice in the file", null);
          }
          if (name == null) {
            run.error(f.number(), key, "no name (field NAME, KFQMC or name)", null);
          }
          if (kind == null) {
            run.error(
                f.number(),
                key,
                "kind must be one of " + List.of(ZoneKind.values()) + ", was " + kindText,
                null);
          }
          if (geometry == null || code == null || name == null || kind == null) {
            return;
          }
          Map<String, Object> attributes = zoneAttributes(a);
          if (run.lastRepair != null) {
            attributes.put("repairNote", run.lastRepair);
          }
          ZoneDraft draft =
              new ZoneDraft(
                  name,
                  kind,
                  text(a, "parent", "SJDM"),
                  text(a, "managedBy", "GLJG"),
                  attributes,
                  geometry);
          rows.add(new ZoneRow(f.number(), code, draft));
          run.accepted++;
          run.areaM2 += EllipsoidalArea.squareMetres(geometry);
        });
    return () -> writeZones(planId, rows, run);
  }

  private void writeZones(String planId, List<ZoneRow> rows, Run run) {
    Map<String, ZoneRow> byCode = new HashMap<>();
    rows.forEach(r -> byCode.put(r.code(), r));
    Set<String> existing = new HashSet<>();
    zoneRepository.findZones(planId).forEach(z -> existing.add(z.code()));
    for (ZoneRow r : rows) {
      String parent = r.draft().parentCode();
      if (parent != null && !byCode.containsKey(parent) && !existing.contains(parent)) {
        run.error(
            r.number(),
            r.code(),
            "parent \"" + parent + "\" is neither in the file nor in plan \"" + planId + "\"",
            null);
      }
    }
    if (run.failed()) {
      return;
    }
    // Parents first, so each exists when its child is written.
    List<ZoneRow> ordered =
        rows.stream().sorted(java.util.Comparator.comparingInt(r -> depth(r, byCode))).toList();
    for (ZoneRow r : ordered) {
      try {
        if (existing.contains(r.code())) {
          zoneService.replace(planId, r.code(), r.draft());
          run.replaced++;
        } else {
          zoneService.create(planId, r.code(), r.draft());
          run.created++;
        }
      } catch (ApiProblem | GeometryRejectedException e) {
        Coordinate at = e instanceof GeometryRejectedException g ? g.issue().coordinate() : null;
        run.error(r.number(), r.code(), e.getMessage(), at);
        return;
      }
    }
  }

  private static int depth(ZoneRow row, Map<String, ZoneRow> byCode) {
    int depth = 0;
    for (String p = row.draft().parentCode();
        p != null && byCode.containsKey(p) && depth < 100;
        p = byCode.get(p).draft().parentCode()) {
      depth++;
    }
    return depth;
  }

  /** Every field that is not a zone property or computed becomes a free attribute. */
  private static Map<String, Object> zoneAttributes(Map<String, Object> a) {
    Map<String, String> known = new HashMap<>();
    ZoneLayer.ATTRIBUTE_DBF_NAMES.forEach((key, dbf) -> known.put(dbf, key));
    Set<String> core =
        Set.of(
            "CODE",
            "KFQDM",
            "NAME",
            "KFQMC",
            "KIND",
            "KFQLX",
            "PARENT",
            "SJDM",
            "MANAGEDBY",
            "GLJG");
    Map<String, Object> attributes = new LinkedHashMap<>();
    a.forEach(
        (field, value) -> {
          String upper = field.toUpperCase(Locale.ROOT);
          if (value == null
              || core.contains(upper)
              || COMPUTED.contains(upper)
              || upper.startsWith("AREA")) {
            return;
          }
          String key = known.getOrDefault(upper, field);
          if (key.startsWith("attr_")) {
            key = key.substring(5);
          }
          attributes.put(key, value);
        });
    return attributes;
  }

  // ---------------------------------------------------------------- parcels

  /** A parcel of the file and the enterprise it names as owner (credit code), or null. */
  private record ParcelRow(Parcel parcel, String ownerCode) {}

  /** The parcel file's enterprise figures, by property name, with the field names read. */
  private static final String[][] FIGURES = {
    {"taxWan", "TAX_WAN", "SSZE"},
    {"valueAddedWan", "VA_WAN", "ZJZ"},
    {"employees", "EMPLOYEES", "CYRS"}
  };

  /**
   * Parcels, and the enterprises land-bureau files carry on them: an enterprise name
   * (enterpriseName / ENTERPRISE / QYMC) and credit code (creditCode / CREDITCODE / TYSHXYDM,
   * checked by GB 32100: a bad code refuses the feature) make the enterprise (created when not
   * stored; a stored one keeps its name) the parcel's owner with share 1, in the import's
   * transaction ({@link ParcelOwners}). Tax, value added and employees (taxWan / TAX_WAN / SSZE,
   * valueAddedWan / VA_WAN / ZJZ, employees / EMPLOYEES / CYRS) become the enterprise's statistics
   * of {@code year}, summed over its parcels in the file (other figures of that year kept), only
   * when the import names a year; without one they are reported as skipped columns, as are figures
   * on a parcel without a credit code.
   */
  private Runnable readParcels(FeatureInput input, Run run) throws IOException {
    List<ParcelRow> rows = new ArrayList<>();
    Integer year = run.request.year();
    ParcelOwners owners = new ParcelOwners(year);
    input.forEach(
        f -> {
          run.features++;
          Map<String, Object> a = f.attributes();
          String key = "feature " + f.number();
          MultiPolygon geometry = run.geometry(f, key);
          String schemeText = text(a, "scheme", "FLBZ");
          LandUseScheme scheme = LandUseScheme.GBT21010_2017;
          if (schemeText != null) {
            try {
              scheme = LandUseScheme.valueOf(schemeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              run.error(
                  f.number(),
                  key,
                  "scheme must be one of "
                      + List.of(LandUseScheme.values())
                      + ", was "
                      + schemeText,
                  null);
              return;
            }
          }
          String landUse = text(a, "landUseCode", "LANDUSE", "DLBM");
          String enterprise = text(a, "enterpriseName", "ENTERPRISE", "QYMC");
          String credit = text(a, "creditCode", "CREDITCODE", "TYSHXYDM");
          if (landUse == null || landUse.length() > 8) {
            run.error(
                f.number(), key, "land-use code (LANDUSE, DLBM) missing or longer than 8", null);
            return;
          }
          if (enterprise != null && enterprise.length() > 200) {
            run.error(f.number(), key, "enterprise name (QYMC) over 200 characters", null);
            return;
          }
          if (credit != null) {
            Optional<String> problem = CreditCode.problem(credit);
            if (problem.isPresent()) {
              run.error(
                  f.number(),
                  key,
                  "unified social credit code (TYSHXYDM) \""
                      + clip(credit, 40)
                      + "\": "
                      + problem.get(),
                  null);
              return;
            }
          }
          Double[] figures = new Double[FIGURES.length];
          for (int k = 0; k < FIGURES.length; k++) {
            figures[k] = number(a, Double.class, FIGURES[k]);
            if (figures[k] == null) {
              continue;
            }
            if (year == null || credit == null) {
              run.skippedColumns.add(FIGURES[k][0]);
            } else if (figures[k] < 0 || !Double.isFinite(figures[k])) {
              run.error(
                  f.number(),
                  key,
                  FIGURES[k][0] + " must not be negative, was " + figures[k],
                  null);
              return;
            }
          }
          if (geometry == null) {
            return;
          }
          if (credit == null) {
            if (enterprise != null) {
              run.namesWithoutCode++;
            }
            if (figures[0] != null || figures[1] != null || figures[2] != null) {
              run.figuresWithoutCode++;
            }
          } else {
            run.ownedParcels++;
            owners.add(credit, enterprise, figures[0], figures[1], figures[2]);
          }
          double area = EllipsoidalArea.squareMetres(geometry);
          Parcel parcel = new Parcel(0, scheme, landUse, geometry, area);
          run.accepted++;
          run.areaM2 += area;
          run.created++;
          if (!run.request.dryRun() && !run.failed()) {
            rows.add(new ParcelRow(parcel, credit));
          }
        });
    if (run.namesWithoutCode > 0) {
      run.warnings.add(
          run.namesWithoutCode
              + " parcels name an enterprise without a credit code (TYSHXYDM): no enterprise or"
              + " land link was stored for them");
    }
    if (!run.skippedColumns.isEmpty()) {
      run.warnings.add(
          "figures "
              + run.skippedColumns
              + " not stored: "
              + (year == null
                  ? "give year=YYYY to store them as the enterprises' statistics of that year"
                  : run.figuresWithoutCode + " parcels carry them without a credit code"));
    }
    return () -> writeParcels(rows, owners, run);
  }

  private void writeParcels(List<ParcelRow> rows, ParcelOwners owners, Run run) {
    ParcelService.Batch batch = parcels.batch();
    writeParcels(rows, owners, run, batch);
    batch.finish();
  }

  private void writeParcels(
      List<ParcelRow> rows, ParcelOwners owners, Run run, ParcelService.Batch parcels) {
    if (run.request.replace()) {
      // Every stored parcel goes (their land links with them); "replaced" counts them. A dry run
      // only counts. Any error rolls the deletion back with the rest of the transaction.
      run.replaced = (int) this.parcels.count();
      run.warnings.add(
          0, "mode=replace: the " + run.replaced + " stored parcels are replaced by the file's");
      if (!run.request.dryRun()) {
        parcels.deleteAll();
      }
    }
    if (run.failed()) {
      return;
    }
    Set<String> stored = enterprises.codes();
    run.enterprisesCreated = owners.missingFrom(stored);
    run.enterprisesExisting = owners.size() - run.enterprisesCreated;
    run.statistics = owners.statistics().size();
    if (run.request.dryRun()) {
      // A dry run keeps no rows: the owner links it would make are the owned parcels read.
      run.ownerLinks = run.ownedParcels;
      return;
    }
    // In the file's order (ids follow it): runs of parcels without an owner in batches, owned
    // ones one by one, for the id their link needs.
    List<Parcel> unowned = new ArrayList<>();
    List<LandLink> links = new ArrayList<>();
    for (ParcelRow row : rows) {
      if (row.ownerCode() == null) {
        unowned.add(row.parcel());
        if (unowned.size() == PARCEL_BATCH) {
          parcels.insertAll(unowned);
          unowned.clear();
        }
      } else {
        parcels.insertAll(unowned);
        unowned.clear();
        long id = parcels.insert(row.parcel()).id();
        links.add(new LandLink(row.ownerCode(), id, LandRole.OWNER, 1.0));
      }
    }
    parcels.insertAll(unowned);
    enterprises.insertMissing(owners.names(), stored);
    enterprises.insertLinks(links);
    run.ownerLinks = links.size();
    enterprises.mergeFigures(owners.statistics());
  }

  // ---------------------------------------------------------------- divisions

  private Runnable readDivisions(FeatureInput input, Run run) throws IOException {
    List<Division> rows = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    input.forEach(
        f -> {
          run.features++;
          Map<String, Object> a = f.attributes();
          String code = text(a, "code", "XZQDM");
          String key = code == null ? "feature " + f.number() : code;
          MultiPolygon geometry = run.geometry(f, key);
          String name = text(a, "name", "XZQMC");
          if (code == null || code.length() > 12 || !codes.add(code)) {
            run.error(
                f.number(), key, "division code (CODE, XZQDM) missing, too long or repeated", null);
            return;
          }
          if (name == null) {
            run.error(f.number(), key, "no name (field NAME, XZQMC or name)", null);
            return;
          }
          if (geometry == null) {
            return;
          }
          String level = text(a, "level", "JB");
          String repair = run.lastRepair != null ? run.lastRepair : text(a, "repairNote", "XFSM");
          rows.add(
              new Division(
                  code,
                  name,
                  level != null ? level : (code.length() <= 6 ? "COUNTY" : "TOWN"),
                  text(a, "parent", "SJXZQDM"),
                  geometry,
                  AreaFigures.of(geometry),
                  repair));
          run.accepted++;
          run.areaM2 += EllipsoidalArea.squareMetres(geometry);
        });
    return () -> writeDivisions(rows, run);
  }

  private void writeDivisions(List<Division> rows, Run run) {
    if (run.failed()) {
      return;
    }
    int created = divisions.saveAll(rows);
    run.created += created;
    run.replaced += rows.size() - created;
  }

  // ---------------------------------------------------------------- fields

  /** A field's value, its name matched without regard to case. */
  private static Object get(Map<String, Object> a, String name) {
    Object v = a.get(name);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, Object> e : a.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The first non-blank text among the named fields (any case). */
  private static String text(Map<String, Object> a, String... names) {
    for (String n : names) {
      Object v = get(a, n);
      if (v != null) {
        String s = v.toString().strip();
        if (!s.isEmpty()) {
          return s;
        }
      }
    }
    return null;
  }

  private static <T> T number(Map<String, Object> a, Class<T> type, String... names) {
    for (String n : names) {
      Object v = get(a, n);
      Double d = null;
      if (v instanceof Number num) {
        d = num.doubleValue();
      } else if (v != null && !v.toString().isBlank()) {
        try {
          d = Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
          d = null;
        }
      }
      if (d != null) {
        return type == Long.class ? type.cast(Math.round(d)) : type.cast(d);
      }
    }
    return null;
  }
}
