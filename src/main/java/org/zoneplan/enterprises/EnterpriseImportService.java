package org.zoneplan.enterprises;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.zoneplan.enterprises.EnterpriseTable.Column;
import org.zoneplan.enterprises.TableImportReport.RowProblem;
import org.zoneplan.enterprises.TableImportReport.TableCounts;
import org.zoneplan.parcels.ParcelSupply;
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

  private final EnterpriseRepository enterprises;
  private final ParcelSupplyRepository supplies;
  private final ZoneRepository zones;
  private final EnterpriseService service;
  private final TransactionTemplate transaction;
  private final AuditLog audit;
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
    this.enterprises = enterprises;
    this.supplies = supplies;
    this.zones = zones;
    this.service = service;
    this.transaction = new TransactionTemplate(transactions);
    this.audit = audit;
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
      Run run = new Run(fileName, dryRun);
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

  private void readWorkbook(Path file, EnterpriseTable named, Run run) throws IOException {
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

  private void readTable(Run run, EnterpriseTable table, String sheet, Source source)
      throws IOException {
    TableRows rows = new TableRows(run, table, sheet);
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

  // ---------------------------------------------------------------- one import

  /** The state of one import: rows accepted so far per table, problems, what the store holds. */
  private final class Run {
    final String fileName;
    final boolean dryRun;
    final List<RowProblem> problems = new ArrayList<>();
    long problemCount;
    final List<TableCounts> counts = new ArrayList<>();

    Set<String> storedCodes;
    final Map<String, Enterprise> enterpriseRows = new LinkedHashMap<>();
    final Set<String> enterpriseColumns = new HashSet<>();
    final Map<String, String> createdByStatistics = new LinkedHashMap<>();
    final Map<Long, ParcelSupply> supplyRows = new LinkedHashMap<>();
    final Map<String, LandLink> landRows = new LinkedHashMap<>();
    final Map<String, Long> landRowNumbers = new HashMap<>();
    final Map<String, AnnualStatistics> statisticRows = new LinkedHashMap<>();
    final Set<String> statisticColumns = new HashSet<>();
    final Map<String, ZoneStatistic> zoneRows = new LinkedHashMap<>();
    final Set<String> zoneColumns = new HashSet<>();
    final Map<Long, Boolean> parcelExists = new HashMap<>();
    final Map<String, Boolean> zoneExists = new HashMap<>();
    String shareHeader = "用地份额";

    Run(String fileName, boolean dryRun) {
      this.fileName = fileName;
      this.dryRun = dryRun;
    }

    void problem(EnterpriseTable table, long row, String column, String reason) {
      problemCount++;
      if (problems.size() < MAX_LISTED) {
        problems.add(new RowProblem(table.key(), row, column, reason));
      }
    }

    Set<String> storedCodes() {
      if (storedCodes == null) {
        storedCodes = enterprises.codes();
      }
      return storedCodes;
    }

    boolean knownEnterprise(String code) {
      return storedCodes().contains(code) || enterpriseRows.containsKey(code);
    }

    /** Checks the parcels named so far in one query per thousand. */
    void resolveParcels(Set<Long> ids) {
      Set<Long> unknown = new HashSet<>(ids);
      unknown.removeAll(parcelExists.keySet());
      if (!unknown.isEmpty()) {
        Set<Long> found = supplies.existingParcels(unknown);
        unknown.forEach(id -> parcelExists.put(id, found.contains(id)));
      }
    }

    /** The shares of each parcel, stored (less those this file replaces) plus the file's. */
    void crossChecks() {
      if (landRows.isEmpty() || problemCount > 0) {
        return;
      }
      checkShares(false);
    }

    void checkShares(boolean inTransaction) {
      Map<Long, List<LandLink>> byParcel = new LinkedHashMap<>();
      landRows
          .values()
          .forEach(l -> byParcel.computeIfAbsent(l.parcelId(), k -> new ArrayList<>()).add(l));
      Map<Long, List<LandLink>> stored = enterprises.linksOfParcels(byParcel.keySet());
      for (Map.Entry<Long, List<LandLink>> e : byParcel.entrySet()) {
        double total = 0;
        for (LandLink s : stored.getOrDefault(e.getKey(), List.of())) {
          if (!landRows.containsKey(s.creditCode() + "/" + s.parcelId())) {
            total += s.share();
          }
        }
        for (LandLink l : e.getValue()) {
          total += l.share();
        }
        if (total > 1 + EnterpriseChecks.SHARE_TOLERANCE) {
          LandLink last = e.getValue().get(e.getValue().size() - 1);
          long row = landRowNumbers.get(last.creditCode() + "/" + last.parcelId());
          String reason =
              "地块 "
                  + e.getKey()
                  + " 的用地份额合计 "
                  + Math.round(total * 1e6) / 1e6
                  + " 超过 1 (the shares of parcel "
                  + e.getKey()
                  + " add up to more than 1)";
          if (inTransaction) {
            throw EnterpriseService.shareExceeded(e.getKey(), total);
          }
          problem(EnterpriseTable.LAND, row, shareHeader, reason);
        }
      }
    }

    void write() {
      if (!enterpriseRows.isEmpty() || !createdByStatistics.isEmpty()) {
        List<Enterprise> rows = new ArrayList<>(merged(enterpriseRows));
        createdByStatistics.forEach(
            (code, name) -> rows.add(new Enterprise(code, name, null, null, null, null)));
        enterprises.upsertAll(rows, storedCodes());
      }
      if (!supplyRows.isEmpty()) {
        supplies.upsertAll(List.copyOf(supplyRows.values()));
      }
      if (!landRows.isEmpty()) {
        Set<Long> parcels = new HashSet<>();
        landRows.values().forEach(l -> parcels.add(l.parcelId()));
        service.lockParcels(parcels);
        checkShares(true);
        enterprises.upsertLinks(List.copyOf(landRows.values()));
      }
      if (!statisticRows.isEmpty()) {
        // The keys stored now, under this transaction (the count before it may be stale).
        int min =
            statisticRows.values().stream().mapToInt(AnnualStatistics::year).min().orElseThrow();
        int max =
            statisticRows.values().stream().mapToInt(AnnualStatistics::year).max().orElseThrow();
        enterprises.upsertStatistics(mergedStatistics(), enterprises.statisticKeys(min, max));
      }
      if (!zoneRows.isEmpty()) {
        enterprises.upsertZoneStatistics(List.copyOf(zoneRows.values()));
      }
      audit.record(
          "enterprises.import",
          fileName,
          counts.stream().map(c -> c.table() + "=" + c.rows()).toList().toString());
    }

    /** File rows over stored enterprises: columns absent from the file keep the stored values. */
    List<Enterprise> merged(Map<String, Enterprise> rows) {
      if (enterpriseColumns.containsAll(
          List.of("name", "industryCode", "sizeClass", "foundedYear", "closedYear"))) {
        return List.copyOf(rows.values());
      }
      Map<String, Enterprise> stored = new HashMap<>();
      enterprises.forEach(
          e -> {
            if (rows.containsKey(e.creditCode())) {
              stored.put(e.creditCode(), e);
            }
          });
      List<Enterprise> out = new ArrayList<>();
      for (Enterprise e : rows.values()) {
        Enterprise s = stored.get(e.creditCode());
        if (s == null) {
          out.add(e);
          continue;
        }
        out.add(
            new Enterprise(
                e.creditCode(),
                enterpriseColumns.contains("name") ? e.name() : s.name(),
                enterpriseColumns.contains("industryCode") ? e.industryCode() : s.industryCode(),
                enterpriseColumns.contains("sizeClass") ? e.sizeClass() : s.sizeClass(),
                enterpriseColumns.contains("foundedYear") ? e.foundedYear() : s.foundedYear(),
                enterpriseColumns.contains("closedYear") ? e.closedYear() : s.closedYear()));
      }
      return out;
    }

    List<AnnualStatistics> mergedStatistics() {
      List<String> figures =
          List.of(
              "taxWan",
              "valueAddedWan",
              "revenueWan",
              "energyTce",
              "emissionsTonnes",
              "rndWan",
              "employees",
              "electricityWanKwh",
              "investmentWan");
      if (statisticColumns.containsAll(figures)) {
        return List.copyOf(statisticRows.values());
      }
      Map<String, AnnualStatistics> stored = new HashMap<>();
      Set<Integer> years = new HashSet<>();
      statisticRows.values().forEach(s -> years.add(s.year()));
      for (int year : years) {
        enterprises.forEachStatistic(
            year, s -> stored.put(EnterpriseRepository.statisticKey(s.creditCode(), s.year()), s));
      }
      List<AnnualStatistics> out = new ArrayList<>();
      for (Map.Entry<String, AnnualStatistics> e : statisticRows.entrySet()) {
        AnnualStatistics f = e.getValue();
        AnnualStatistics s = stored.get(e.getKey());
        if (s == null) {
          out.add(f);
          continue;
        }
        Set<String> c = statisticColumns;
        out.add(
            new AnnualStatistics(
                f.creditCode(),
                f.year(),
                c.contains("taxWan") ? f.taxWan() : s.taxWan(),
                c.contains("valueAddedWan") ? f.valueAddedWan() : s.valueAddedWan(),
                c.contains("revenueWan") ? f.revenueWan() : s.revenueWan(),
                c.contains("energyTce") ? f.energyTce() : s.energyTce(),
                c.contains("emissionsTonnes") ? f.emissionsTonnes() : s.emissionsTonnes(),
                c.contains("rndWan") ? f.rndWan() : s.rndWan(),
                c.contains("employees") ? f.employees() : s.employees(),
                c.contains("electricityWanKwh") ? f.electricityWanKwh() : s.electricityWanKwh(),
                c.contains("investmentWan") ? f.investmentWan() : s.investmentWan()));
      }
      return out;
    }

    TableImportReport report() {
      return new TableImportReport(
          fileName,
          dryRun,
          List.copyOf(counts),
          createdByStatistics.size(),
          List.copyOf(problems),
          problemCount);
    }
  }

  // ---------------------------------------------------------------- one table

  /** Reads the rows of one table into the run: header first, then records. */
  private final class TableRows {
    final Run run;
    final EnterpriseTable table;
    final String sheet;
    final Map<Integer, Column> columns = new HashMap<>();
    final Map<String, String> fileHeaders = new HashMap<>();
    final List<String> ignored = new ArrayList<>();
    final Map<String, Long> firstRow = new HashMap<>();
    boolean headerRead;
    boolean usable = true;
    long rows;
    int inserted;
    int updated;
    final List<PendingLand> pendingLand = new ArrayList<>();
    final List<PendingSupply> pendingSupply = new ArrayList<>();

    TableRows(Run run, EnterpriseTable table, String sheet) {
      this.run = run;
      this.table = table;
      this.sheet = sheet;
    }

    void row(long row, List<String> cells) {
      if (!headerRead) {
        header(row, cells);
        return;
      }
      if (!usable) {
        return;
      }
      rows++;
      Map<String, String> values = new HashMap<>();
      columns.forEach(
          (index, column) ->
              values.put(column.key(), index < cells.size() ? cells.get(index) : ""));
      Row r = new Row(row, values);
      switch (table) {
        case ENTERPRISES -> enterprise(r);
        case SUPPLY -> supply(r);
        case LAND -> land(r);
        case STATISTICS -> statistics(r);
        case ZONE_STATISTICS -> zoneStatistic(r);
      }
      if (pendingLand.size() >= 1000 || pendingSupply.size() >= 1000) {
        flushParcels();
      }
    }

    void header(long row, List<String> cells) {
      headerRead = true;
      for (int i = 0; i < cells.size(); i++) {
        String h = cells.get(i);
        if (h.isBlank()) {
          continue;
        }
        var column = table.column(h);
        if (column.isEmpty()) {
          ignored.add(h);
          continue;
        }
        if (fileHeaders.containsKey(column.get().key())) {
          run.problem(
              table,
              row,
              h,
              "与 \"" + fileHeaders.get(column.get().key()) + "\" 是同一列 (the same column twice)");
          usable = false;
          continue;
        }
        columns.put(i, column.get());
        fileHeaders.put(column.get().key(), h);
      }
      for (String required : required()) {
        if (!fileHeaders.containsKey(required)) {
          String header =
              table.columns().stream()
                  .filter(c -> c.key().equals(required))
                  .findFirst()
                  .orElseThrow()
                  .header();
          run.problem(table, row, header, "缺少列 \"" + header + "\" (a required column is missing)");
          usable = false;
        }
      }
      switch (table) {
        case ENTERPRISES -> run.enterpriseColumns.addAll(fileHeaders.keySet());
        case STATISTICS -> run.statisticColumns.addAll(fileHeaders.keySet());
        case ZONE_STATISTICS -> run.zoneColumns.addAll(fileHeaders.keySet());
        case LAND -> run.shareHeader = fileHeaders.getOrDefault("share", run.shareHeader);
        default -> {}
      }
    }

    List<String> required() {
      return switch (table) {
        case ENTERPRISES -> List.of("creditCode", "name");
        case SUPPLY -> List.of("parcelId");
        case LAND -> List.of("creditCode", "parcelId", "role", "share");
        case STATISTICS -> List.of("creditCode", "year");
        case ZONE_STATISTICS -> List.of("plan", "zoneCode", "year", "indicator", "value");
      };
    }

    /** One row's cells by column key; problems are recorded against the file's header. */
    final class Row {
      final long number;
      final Map<String, String> values;
      boolean ok = true;

      Row(long number, Map<String, String> values) {
        this.number = number;
        this.values = values;
      }

      String raw(String key) {
        return values.get(key);
      }

      boolean has(String key) {
        return values.containsKey(key);
      }

      void problem(String key, String reason) {
        ok = false;
        run.problem(table, number, fileHeaders.getOrDefault(key, key), reason);
      }

      <T> T get(String key, java.util.function.Function<String, T> parse) {
        if (!values.containsKey(key)) {
          return null;
        }
        try {
          return parse.apply(values.get(key));
        } catch (IllegalArgumentException e) {
          problem(key, e.getMessage());
          return null;
        }
      }

      String creditCode() {
        String code = values.get("creditCode");
        String c = code == null ? null : code.strip();
        EnterpriseChecks.creditCode(c).ifPresent(p -> problem("creditCode", p));
        return c;
      }

      Integer statisticsYear() {
        Integer year = get("year", Cells::whole);
        if (ok) {
          EnterpriseChecks.statisticsYear(year).ifPresent(p -> problem("year", p));
        }
        return year;
      }

      boolean firstTime(String key) {
        Long first = firstRow.putIfAbsent(key, number);
        if (first != null) {
          ok = false;
          run.problem(table, number, null, "与第 " + first + " 行重复 (duplicate of row " + first + ")");
          return false;
        }
        return true;
      }
    }

    void enterprise(Row r) {
      String code = r.creditCode();
      String name = r.get("name", v -> Cells.text(v, EnterpriseChecks.MAX_NAME));
      if (r.has("name")) {
        EnterpriseChecks.name(name).ifPresent(p -> r.problem("name", p));
      }
      String industry = r.get("industryCode", v -> Cells.text(v, 8));
      if (industry != null
          && industry.matches("\\d{1,3}(\\.0)?")
          && r.raw("industryCode").strip().length() < 4) {
        // A spreadsheet that stored 0111 as a number shows 111.
        industry = String.format("%04d", Integer.parseInt(industry.replace(".0", "")));
      }
      String industryCode = industry;
      EnterpriseChecks.industry(industryCode).ifPresent(p -> r.problem("industryCode", p));
      SizeClass size = r.get("sizeClass", SizeClass::parse);
      Integer founded = r.get("foundedYear", Cells::whole);
      Integer closed = r.get("closedYear", Cells::whole);
      EnterpriseChecks.foundedYear(founded).ifPresent(p -> r.problem("foundedYear", p));
      EnterpriseChecks.closedYear(founded, closed).ifPresent(p -> r.problem("closedYear", p));
      if (r.ok && r.firstTime(code)) {
        run.enterpriseRows.put(
            code, new Enterprise(code, name, industryCode, size, founded, closed));
        count(run.storedCodes().contains(code));
      }
    }

    record PendingSupply(long row, ParcelSupply supply) {}

    void supply(Row r) {
      Long parcel = r.get("parcelId", Cells::id);
      if (parcel == null && r.ok) {
        r.problem("parcelId", "地块编号为空 (the parcel id is missing)");
      }
      var supplyDate = r.get("supplyDate", Cells::date);
      String method = r.get("supplyMethod", v -> Cells.text(v, 16));
      if (method != null && !ParcelSupply.METHODS.contains(method)) {
        r.problem(
            "supplyMethod",
            "供地方式应为 " + String.join("/", ParcelSupply.METHODS) + " 之一 (unknown method)");
      }
      Boolean supplied = r.get("supplied", v -> Cells.yesNo(v, "已供", "未供"));
      Boolean built = r.get("built", v -> Cells.yesNo(v, "已建成", "未建成"));
      var completion = r.get("completionDate", Cells::date);
      Double floor = r.get("floorAreaM2", Cells::figure);
      Double footprint = r.get("footprintM2", Cells::figure);
      Boolean idle = r.get("idle", v -> Cells.yesNo(v, "闲置", "未闲置"));
      var idleSince = r.get("idleSince", Cells::date);
      if (r.ok && r.firstTime("parcel/" + parcel)) {
        pendingSupply.add(
            new PendingSupply(
                r.number,
                new ParcelSupply(
                    parcel,
                    supplyDate,
                    method,
                    supplied != null ? supplied : supplyDate != null,
                    built != null ? built : completion != null,
                    completion,
                    floor,
                    footprint,
                    idle != null && idle,
                    idleSince)));
      }
    }

    record PendingLand(long row, LandLink link) {}

    void land(Row r) {
      String code = r.creditCode();
      if (r.ok && !run.knownEnterprise(code)) {
        r.problem("creditCode", "未知企业 " + code + ", 请先导入企业 (unknown enterprise)");
      }
      Long parcel = r.get("parcelId", Cells::id);
      if (parcel == null && r.ok) {
        r.problem("parcelId", "地块编号为空 (the parcel id is missing)");
      }
      LandRole role = r.get("role", LandRole::parse);
      Double share = r.get("share", Cells::number);
      if (share == null && r.ok) {
        r.problem("share", "用地份额为空 (the share is missing)");
      } else if (share != null) {
        EnterpriseChecks.share(share).ifPresent(p -> r.problem("share", p));
      }
      if (r.ok && r.firstTime(code + "/" + parcel)) {
        pendingLand.add(new PendingLand(r.number, new LandLink(code, parcel, role, share)));
      }
    }

    void statistics(Row r) {
      String code = r.creditCode();
      String name = r.get("name", v -> Cells.text(v, EnterpriseChecks.MAX_NAME));
      Integer year = r.statisticsYear();
      Double tax = r.get("taxWan", Cells::figure);
      Double valueAdded = r.get("valueAddedWan", Cells::figure);
      Double revenue = r.get("revenueWan", Cells::figure);
      Double energy = r.get("energyTce", Cells::figure);
      Double emissions = r.get("emissionsTonnes", Cells::figure);
      Double rnd = r.get("rndWan", Cells::figure);
      Integer employees = r.get("employees", Cells::count);
      Double electricity = r.get("electricityWanKwh", Cells::figure);
      Double investment = r.get("investmentWan", Cells::figure);
      if (r.ok && !run.knownEnterprise(code) && !run.createdByStatistics.containsKey(code)) {
        if (name == null) {
          r.problem(
              "creditCode",
              "未知企业 " + code + ": 请先导入企业, 或填写企业名称 (unknown enterprise; give its name)");
        } else {
          run.createdByStatistics.put(code, name);
        }
      }
      if (r.ok && r.firstTime(EnterpriseRepository.statisticKey(code, year))) {
        String key = EnterpriseRepository.statisticKey(code, year);
        run.statisticRows.put(
            key,
            new AnnualStatistics(
                code,
                year,
                tax,
                valueAdded,
                revenue,
                energy,
                emissions,
                rnd,
                employees,
                electricity,
                investment));
        keysToCount.add(key);
      }
    }

    final List<String> keysToCount = new ArrayList<>();

    void zoneStatistic(Row r) {
      String plan = r.get("plan", v -> Cells.text(v, 64));
      String zone = r.get("zoneCode", v -> Cells.text(v, 64));
      Integer year = r.statisticsYear();
      String indicator = r.get("indicator", v -> Cells.text(v, 64));
      Double value = r.get("value", Cells::figure);
      String unit = r.get("unit", v -> Cells.text(v, 32));
      String source = r.get("source", v -> Cells.text(v, 500));
      if (plan == null && r.ok) {
        r.problem("plan", "规划版本为空 (the plan is missing)");
      }
      if (zone == null && r.ok) {
        r.problem("zoneCode", "园区代码为空 (the zone code is missing)");
      }
      if (indicator == null && r.ok) {
        r.problem("indicator", "指标为空 (the indicator is missing)");
      }
      if (value == null && r.ok) {
        r.problem("value", "数值为空 (the value is missing)");
      }
      if (r.ok
          && !run.zoneExists.computeIfAbsent(
              plan + "/" + zone, k -> zones.findZone(plan, zone).isPresent())) {
        r.problem("zoneCode", "规划 " + plan + " 中没有园区 " + zone + " (no such zone in the plan)");
      }
      if (r.ok) {
        String key = EnterpriseRepository.zoneStatisticKey(plan, zone, year, indicator);
        if (r.firstTime(key)) {
          run.zoneRows.put(
              key, new ZoneStatistic(plan, zone, year, indicator, value, unit, source));
          zoneKeysToCount.add(key);
        }
      }
    }

    final List<String> zoneKeysToCount = new ArrayList<>();

    /** Checks the parcels of the pending rows in bulk and accepts those that exist. */
    void flushParcels() {
      Set<Long> ids = new HashSet<>();
      pendingLand.forEach(p -> ids.add(p.link().parcelId()));
      pendingSupply.forEach(p -> ids.add(p.supply().parcelId()));
      run.resolveParcels(ids);
      for (PendingLand p : pendingLand) {
        if (run.parcelExists.get(p.link().parcelId())) {
          String key = p.link().creditCode() + "/" + p.link().parcelId();
          run.landRows.put(key, p.link());
          run.landRowNumbers.put(key, p.row());
          landKeysToCount.add(p.link());
        } else {
          run.problem(
              table,
              p.row(),
              fileHeaders.get("parcelId"),
              "地块 " + p.link().parcelId() + " 不存在 (unknown parcel)");
        }
      }
      for (PendingSupply p : pendingSupply) {
        if (run.parcelExists.get(p.supply().parcelId())) {
          run.supplyRows.put(p.supply().parcelId(), p.supply());
          supplyToCount.add(p.supply().parcelId());
        } else {
          run.problem(
              table,
              p.row(),
              fileHeaders.get("parcelId"),
              "地块 " + p.supply().parcelId() + " 不存在 (unknown parcel)");
        }
      }
      pendingLand.clear();
      pendingSupply.clear();
    }

    final List<LandLink> landKeysToCount = new ArrayList<>();
    final List<Long> supplyToCount = new ArrayList<>();

    void count(boolean exists) {
      if (exists) {
        updated++;
      } else {
        inserted++;
      }
    }

    void finish() {
      flushParcels();
      if (!headerRead && usable) {
        run.problem(table, 1, null, "表为空, 没有表头 (the table is empty)");
      }
      switch (table) {
        case STATISTICS -> {
          if (!keysToCount.isEmpty()) {
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (AnnualStatistics s : run.statisticRows.values()) {
              min = Math.min(min, s.year());
              max = Math.max(max, s.year());
            }
            Set<String> stored = enterprises.statisticKeys(min, max);
            keysToCount.forEach(k -> count(stored.contains(k)));
          }
        }
        case ZONE_STATISTICS -> {
          if (!zoneKeysToCount.isEmpty()) {
            Set<String> stored = enterprises.zoneStatisticKeys();
            zoneKeysToCount.forEach(k -> count(stored.contains(k)));
          }
        }
        case LAND -> {
          Set<Long> parcels = new HashSet<>();
          landKeysToCount.forEach(l -> parcels.add(l.parcelId()));
          Set<String> stored = new HashSet<>();
          enterprises
              .linksOfParcels(parcels)
              .values()
              .forEach(list -> list.forEach(l -> stored.add(l.creditCode() + "/" + l.parcelId())));
          landKeysToCount.forEach(l -> count(stored.contains(l.creditCode() + "/" + l.parcelId())));
        }
        case SUPPLY -> {
          Set<Long> stored = supplies.withRecord(supplyToCount);
          supplyToCount.forEach(id -> count(stored.contains(id)));
        }
        default -> {}
      }
      run.counts.add(
          new TableCounts(table.key(), sheet, rows, inserted, updated, List.copyOf(ignored)));
    }
  }
}
