package org.zoneplan.enterprises;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zoneplan.enterprises.EnterpriseTable.Column;
import org.zoneplan.enterprises.TableImportReport.TableCounts;
import org.zoneplan.parcels.ParcelSupply;

/**
 * Reads the rows of one table into an {@link ImportRun}: the header first (the file's names through
 * {@link EnterpriseTable}'s aliases, required columns, a column named twice), then each record
 * checked cell by cell (problems by row and the file's column name), the parcels it names looked up
 * a thousand at a time, and the rows counted as new or replacing stored ones at the end.
 */
final class ImportTableRows {
  final ImportRun run;
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

  ImportTableRows(ImportRun run, EnterpriseTable table, String sheet) {
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
        (index, column) -> values.put(column.key(), index < cells.size() ? cells.get(index) : ""));
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
      run.enterpriseRows.put(code, new Enterprise(code, name, industryCode, size, founded, closed));
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
            "creditCode", "未知企业 " + code + ": 请先导入企业, 或填写企业名称 (unknown enterprise; give its name)");
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
            plan + "/" + zone, k -> run.stores.zones().findZone(plan, zone).isPresent())) {
      r.problem("zoneCode", "规划 " + plan + " 中没有园区 " + zone + " (no such zone in the plan)");
    }
    if (r.ok) {
      String key = EnterpriseRepository.zoneStatisticKey(plan, zone, year, indicator);
      if (r.firstTime(key)) {
        run.zoneRows.put(key, new ZoneStatistic(plan, zone, year, indicator, value, unit, source));
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
          Set<String> stored = run.stores.enterprises().statisticKeys(min, max);
          keysToCount.forEach(k -> count(stored.contains(k)));
        }
      }
      case ZONE_STATISTICS -> {
        if (!zoneKeysToCount.isEmpty()) {
          Set<String> stored = run.stores.enterprises().zoneStatisticKeys();
          zoneKeysToCount.forEach(k -> count(stored.contains(k)));
        }
      }
      case LAND -> {
        Set<Long> parcels = new HashSet<>();
        landKeysToCount.forEach(l -> parcels.add(l.parcelId()));
        Set<String> stored = new HashSet<>();
        run.stores
            .enterprises()
            .linksOfParcels(parcels)
            .values()
            .forEach(list -> list.forEach(l -> stored.add(l.creditCode() + "/" + l.parcelId())));
        landKeysToCount.forEach(l -> count(stored.contains(l.creditCode() + "/" + l.parcelId())));
      }
      case SUPPLY -> {
        Set<Long> stored = run.stores.supplies().withRecord(supplyToCount);
        supplyToCount.forEach(id -> count(stored.contains(id)));
      }
      default -> {}
    }
    run.counts.add(
        new TableCounts(table.key(), sheet, rows, inserted, updated, List.copyOf(ignored)));
  }
}
