package org.zoneplan.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.codecs.gis.FeatureFiles;
import org.zoneplan.codecs.gis.FeatureInput;
import org.zoneplan.codecs.gis.GisFileException;
import org.zoneplan.codecs.gis.ImportedFeature;
import org.zoneplan.codecs.gis.TempFiles;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.ExchangeProperties;
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
  private final ExchangeProperties properties;
  private final ZoneService zoneService;
  private final Map<String, LayerImporter> importers = new HashMap<>();
  private final TransactionTemplate transaction;
  private final JsonMapper json;
  private final AuditLog audit;
  private final GeometryLimits limits;

  ImportService(
      ExchangeProperties properties,
      ZoneService zoneService,
      List<LayerImporter> importers,
      PlatformTransactionManager transactions,
      JsonMapper json,
      AuditLog audit,
      GeometryLimits limits) {
    this.properties = properties;
    this.zoneService = zoneService;
    importers.forEach(importer -> this.importers.put(importer.layer(), importer));
    this.transaction = new TransactionTemplate(transactions);
    this.json = json;
    this.audit = audit;
    this.limits = limits;
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
      FeatureInput input =
          FeatureFiles.open(
              file, dir, request.encoding(), request.crs(), properties.readLimits(), limits, json);
      return run(input, fileName, request);
    } finally {
      TempFiles.deleteRecursively(dir);
    }
  }

  private ImportReport run(FeatureInput input, String fileName, ImportRequest request)
      throws IOException {
    ImportRun run = new ImportRun(request, input.crs(), properties.maxListedErrors(), limits);
    LayerImporter importer = importers.get(request.layer());
    // 1. Read and check every feature while holding no store connection: reading an upload may be
    // slow (bounded by zoneplan.exchange.read-timeout and the feature and vertex limits).
    FeatureInput bounded = bounded(input);
    Runnable write = importer.read(bounded, run);
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
    if (written) {
      importer.committed(run);
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
  private FeatureInput bounded(FeatureInput input) {
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
      public void forEach(Consumer<ImportedFeature> consumer) throws IOException {
        input.forEach(
            f -> {
              if (f.number() > maxFeatures) {
                throw GisFileException.overLimit(
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
                  throw GisFileException.overLimit(
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
}
