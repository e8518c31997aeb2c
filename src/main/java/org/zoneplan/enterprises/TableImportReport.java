package org.zoneplan.enterprises;

import java.util.List;

/**
 * What a table import did, or would do (dry run).
 *
 * @param tables per table read: rows, inserted, updated, columns ignored
 * @param enterprisesCreated enterprises made from statistics rows that named an unknown enterprise
 * @param problems the first {@link EnterpriseImportService#MAX_LISTED} problems, by table and row
 * @param problemCount all problems, listed or not
 */
public record TableImportReport(
    String file,
    boolean dryRun,
    List<TableCounts> tables,
    int enterprisesCreated,
    List<RowProblem> problems,
    long problemCount) {

  public record TableCounts(
      String table,
      String sheet,
      long rows,
      int inserted,
      int updated,
      List<String> ignoredColumns) {}

  /**
   * One refused cell or row.
   *
   * @param row as the spreadsheet shows it (1 = the header)
   * @param column the column's header as in the file (or as exported, when the column is missing),
   *     null for the whole row
   */
  public record RowProblem(String table, long row, String column, String reason) {}
}
