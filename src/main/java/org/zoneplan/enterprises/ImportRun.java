package org.zoneplan.enterprises;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.enterprises.TableImportReport.RowProblem;
import org.zoneplan.enterprises.TableImportReport.TableCounts;
import org.zoneplan.parcels.ParcelSupply;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.zones.ZoneRepository;

/**
 * The state of one import by {@link EnterpriseImportService}: the rows accepted so far per table
 * (filled by {@link ImportTableRows}), the problems found, what the store holds; then the checks
 * across tables and the writes, in the import's transaction. One import, one thread.
 */
final class ImportRun {
  final String fileName;
  final Stores stores;
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

  ImportRun(String fileName, boolean dryRun, Stores stores) {
    this.fileName = fileName;
    this.dryRun = dryRun;
    this.stores = stores;
  }

  void problem(EnterpriseTable table, long row, String column, String reason) {
    problemCount++;
    if (problems.size() < EnterpriseImportService.MAX_LISTED) {
      problems.add(new RowProblem(table.key(), row, column, reason));
    }
  }

  Set<String> storedCodes() {
    if (storedCodes == null) {
      storedCodes = stores.enterprises().codes();
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
      Set<Long> found = stores.supplies().existingParcels(unknown);
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
    Map<Long, List<LandLink>> stored = stores.enterprises().linksOfParcels(byParcel.keySet());
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
      stores.enterprises().upsertAll(rows, storedCodes());
    }
    if (!supplyRows.isEmpty()) {
      stores.supplies().upsertAll(List.copyOf(supplyRows.values()));
    }
    if (!landRows.isEmpty()) {
      Set<Long> parcels = new HashSet<>();
      landRows.values().forEach(l -> parcels.add(l.parcelId()));
      stores.service().lockParcels(parcels);
      checkShares(true);
      stores.enterprises().upsertLinks(List.copyOf(landRows.values()));
    }
    if (!statisticRows.isEmpty()) {
      // The keys stored now, under this transaction (the count before it may be stale).
      int min =
          statisticRows.values().stream().mapToInt(AnnualStatistics::year).min().orElseThrow();
      int max =
          statisticRows.values().stream().mapToInt(AnnualStatistics::year).max().orElseThrow();
      stores
          .enterprises()
          .upsertStatistics(mergedStatistics(), stores.enterprises().statisticKeys(min, max));
    }
    if (!zoneRows.isEmpty()) {
      stores.enterprises().upsertZoneStatistics(List.copyOf(zoneRows.values()));
    }
    stores
        .audit()
        .record(
            "stores.enterprises().import",
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
    stores
        .enterprises()
        .forEach(
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
      stores
          .enterprises()
          .forEachStatistic(
              year,
              s -> stored.put(EnterpriseRepository.statisticKey(s.creditCode(), s.year()), s));
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

  /** What an import reads and writes. */
  record Stores(
      EnterpriseRepository enterprises,
      ParcelSupplyRepository supplies,
      ZoneRepository zones,
      EnterpriseService service,
      AuditLog audit) {}
}
