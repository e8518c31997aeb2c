package org.zoneplan.enterprises;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.codecs.XlsxTableWriter;
import org.zoneplan.parcels.ParcelSupplyRepository;

/**
 * Writes the enterprise tables as an .xlsx workbook, one sheet per table named as the import
 * recognises it, with the same headers, so an export imports back unchanged. Streams from store
 * cursors into {@link XlsxTableWriter}; all tables are read in one read-only transaction, so they
 * agree with each other.
 */
@Service
public class EnterpriseExportService {
  private final EnterpriseRepository enterprises;
  private final ParcelSupplyRepository supplies;
  private final TransactionTemplate transaction;
  private final AuditLog audit;

  EnterpriseExportService(
      EnterpriseRepository enterprises,
      ParcelSupplyRepository supplies,
      PlatformTransactionManager transactions,
      AuditLog audit) {
    this.enterprises = enterprises;
    this.supplies = supplies;
    this.transaction = new TransactionTemplate(transactions);
    this.audit = audit;
  }

  /**
   * @param tables the tables to write, in this order
   * @param year only this year's statistics and zone totals; null: all years
   */
  public void export(List<EnterpriseTable> tables, Integer year, OutputStream out)
      throws IOException {
    try (XlsxTableWriter writer = new XlsxTableWriter()) {
      transaction.executeWithoutResult(
          status -> {
            status.setRollbackOnly();
            for (EnterpriseTable table : tables) {
              writer.sheet(table.nameZh(), table.headers());
              write(table, year, writer);
            }
          });
      writer.write(out);
    }
    transaction.executeWithoutResult(
        s ->
            audit.record(
                "enterprises.export", tables.toString(), year == null ? null : "year=" + year));
  }

  private void write(EnterpriseTable table, Integer year, XlsxTableWriter w) {
    switch (table) {
      case ENTERPRISES ->
          enterprises.forEach(
              e ->
                  w.row(
                      Arrays.asList(
                          e.creditCode(),
                          e.name(),
                          e.industryCode(),
                          e.sizeClass() == null ? null : e.sizeClass().nameZh(),
                          e.foundedYear(),
                          e.closedYear())));
      case SUPPLY ->
          supplies.forEach(
              s ->
                  w.row(
                      Arrays.asList(
                          s.parcelId(),
                          date(s.supplyDate()),
                          s.supplyMethod(),
                          s.supplied() ? "已供" : "未供",
                          s.built() ? "是" : "否",
                          date(s.completionDate()),
                          s.floorAreaM2(),
                          s.footprintM2(),
                          s.idle() ? "是" : "否",
                          date(s.idleSince()))));
      case LAND ->
          enterprises.forEachLink(
              l ->
                  w.row(Arrays.asList(l.creditCode(), l.parcelId(), l.role().nameZh(), l.share())));
      case STATISTICS -> {
        Map<String, String> names = new HashMap<>();
        enterprises.forEach(e -> names.put(e.creditCode(), e.name()));
        enterprises.forEachStatistic(
            year,
            s ->
                w.row(
                    Arrays.asList(
                        s.creditCode(),
                        names.get(s.creditCode()),
                        s.year(),
                        s.taxWan(),
                        s.valueAddedWan(),
                        s.revenueWan(),
                        s.energyTce(),
                        s.emissionsTonnes(),
                        s.rndWan(),
                        s.employees(),
                        s.electricityWanKwh(),
                        s.investmentWan())));
      }
      case ZONE_STATISTICS ->
          enterprises.zoneStatistics(null).stream()
              .filter(z -> year == null || z.year() == year)
              .forEach(
                  z ->
                      w.row(
                          Arrays.asList(
                              z.planId(),
                              z.zoneCode(),
                              z.year(),
                              z.indicator(),
                              z.value(),
                              z.unit(),
                              z.source())));
    }
  }

  private static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }
}
