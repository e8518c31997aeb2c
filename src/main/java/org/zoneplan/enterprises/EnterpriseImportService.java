package org.zoneplan.enterprises;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.codecs.CodecException;
import org.zoneplan.codecs.CsvTableReader;
import org.zoneplan.codecs.TableLimits;
import org.zoneplan.codecs.XlsxTableReader;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.ZoneRepository;

/**
 * Imports enterprise tables from .xlsx or CSV as officials keep them: a header row (Chinese names
 * through the aliases of {@link EnterpriseTable}), then one row per record. A workbook may hold
 * several tables, one per sheet named after it (企业, 供地, 用地, 年度统计, 园区统计), read in that order; a CSV
 * file, or a workbook with {@code table} given, is one table (its first sheet).
 *
 * <p>Every row is checked (credit code, year range, numbers ≥ 0, known parcels, enterprises and
 * zones, no key twice, shares of a parcel ≤ 1) before anything is written; any problem refuses the
 * whole import with 422 and the list (the first {@value #MAX_LISTED}, then a count), and nothing is
 * written. Rows are upserted by their key: enterprises by credit code, statistics by credit code
 * and year, land by credit code and parcel, supply by parcel, zone totals by plan, zone, year and
 * indicator; a column absent from the file keeps the stored value, an empty cell clears it. A dry
 * run does every check and counts, and writes nothing. The upload is copied to a private temporary
 * file (deleted afterwards) and read as a stream.
 */
@Service
public class EnterpriseImportService {
  public static final int MAX_LISTED = 1000;

  private final ImportRun.Stores stores;
  private final TransactionTemplate transaction;
  private final ApplicationEventPublisher events;
  private final TableLimits limits;

  EnterpriseImportService(
      EnterpriseRepository enterprises,
      ParcelSupplyRepository supplies,
      ZoneRepository zones,
      EnterpriseService service,
      PlatformTransactionManager transactions,
      AuditLog audit,
      ApplicationEventPublisher events,
      EnterpriseProperties properties) {
    this.stores = new ImportRun.Stores(enterprises, supplies, zones, service, audit);
    this.transaction = new TransactionTemplate(transactions);
    this.events = events;
    this.limits = TableLimits.DEFAULT.withMaxRows(properties.maxImportRows());
  }

  /**
   * Imports an upload.
   *
   * @param tableName the table of a CSV file or of a workbook's first sheet; null: a workbook's
   *     sheets by name
   * @param encoding a CSV file's encoding; null: UTF-8 or GB18030, decided from the file
   * @return the report; when any row is refused, an {@link ApiProblem} (422) carrying it
   */
  public TableImportReport importFile(
      InputStream upload, String fileName, String tableName, boolean dryRun, Charset encoding)
      throws IOException {
    EnterpriseTable named = null;
    if (tableName != null && !tableName.isBlank()) {
      named =
          EnterpriseTable.named(tableName)
              .orElseThrow(
                  () ->
                      badRequest(
                          "unknown-table",
                          "table is one of enterprises (企业), supply (供地), land (用地), statistics"
                              + " (年度统计), zone-statistics (园区统计), not \""
                              + tableName
                              + "\""));
    }
    Path file = tempFile();
    try {
      Files.copy(upload, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      ImportRun run = new ImportRun(fileName, dryRun, stores);
      if (isZip(file)) {
        readWorkbook(file, named, run);
      } else {
        if (named == null) {
          throw badRequest(
              "missing-table", "a CSV file holds one table: name it with the parameter \"table\"");
        }
        EnterpriseTable table = named;
        readTable(
            run,
            table,
            table.nameZh(),
            handler -> {
              try (InputStream in = Files.newInputStream(file)) {
                new CsvTableReader(limits).read(in, encoding, handler);
              }
            });
      }
      run.crossChecks();
      if (run.problemCount > 0) {
        throw refused(run.report());
      }
      if (!dryRun) {
        transaction.executeWithoutResult(status -> run.write());
        events.publishEvent(new EnterprisesChangedEvent());
      }
      return run.report();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static Path tempFile() throws IOException {
    try {
      return Files.createTempFile(
          "zoneplan-enterprise-import-",
          ".upload",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile("zoneplan-enterprise-import-", ".upload");
    }
  }

  private static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }
  }

  private void readWorkbook(Path file, EnterpriseTable named, ImportRun run) throws IOException {
    // One opening of the workbook for the sheet names and the sheets read.
    XlsxTableReader.Workbook workbook;
    try {
      workbook = new XlsxTableReader(limits).open(file);
    } catch (CodecException e) {
      throw unreadable(e);
    }
    try (XlsxTableReader.Workbook open = workbook) {
      List<String> sheets;
      try {
        sheets = open.sheetNames();
      } catch (CodecException e) {
        throw unreadable(e);
      }
      if (named != null) {
        readTable(run, named, sheets.isEmpty() ? "" : sheets.get(0), h -> open.read(0, h));
        return;
      }
      Map<EnterpriseTable, Integer> found = new TreeMap<>();
      for (int i = 0; i < sheets.size(); i++) {
        int index = i;
        EnterpriseTable.named(sheets.get(i)).ifPresent(t -> found.putIfAbsent(t, index));
      }
      if (found.isEmpty()) {
        throw badRequest(
            "missing-table",
            "no sheet is named after a table (企业, 供地, 用地, 年度统计, 园区统计): name the table with the"
                + " parameter \"table\" to read the first sheet");
      }
      for (Map.Entry<EnterpriseTable, Integer> e : found.entrySet()) {
        int index = e.getValue();
        readTable(run, e.getKey(), sheets.get(index), h -> open.read(index, h));
      }
    }
  }

  interface Source {
    void read(org.zoneplan.codecs.RowHandler handler) throws IOException;
  }

  private void readTable(ImportRun run, EnterpriseTable table, String sheet, Source source)
      throws IOException {
    ImportTableRows rows = new ImportTableRows(run, table, sheet);
    try {
      source.read(rows::row);
    } catch (CodecException e) {
      throw unreadable(e);
    }
    rows.finish();
  }

  private static ApiProblem unreadable(CodecException e) {
    ApiProblem problem =
        new ApiProblem(
            HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-file", "Unreadable file", e.getMessage());
    if (e.row() > 0) {
      problem.with("row", e.row());
    }
    if (e.column() > 0) {
      problem.with("column", e.column());
    }
    return problem;
  }

  private static ApiProblem badRequest(String slug, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, slug, "Invalid request", detail);
  }

  private static ApiProblem refused(TableImportReport report) {
    return new ApiProblem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "invalid-rows",
            "Invalid rows",
            report.problemCount()
                + " 处错误, 未写入任何数据 ("
                + report.problemCount()
                + " problems; nothing was written)")
        .with("problems", report.problems())
        .with("problemCount", report.problemCount())
        .with("problemsNotListed", Math.max(0, report.problemCount() - report.problems().size()))
        .with("tables", report.tables());
  }
}
