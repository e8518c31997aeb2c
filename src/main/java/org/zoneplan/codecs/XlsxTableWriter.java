package org.zoneplan.codecs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes tables to an .xlsx workbook as a stream with POI's {@link SXSSFWorkbook}: at most {@link
 * #WINDOW} rows are in memory, the rest go to compressed temporary files (deleted by {@link
 * #close}). One sheet per table: {@link #sheet} starts one with its header row (bold, frozen), then
 * {@link #row} adds rows. Numbers become numeric cells, everything else text; null an empty cell.
 * Not thread-safe.
 */
public final class XlsxTableWriter implements AutoCloseable {
  /** Rows kept in memory per sheet. */
  public static final int WINDOW = 200;

  /** Excel's limit of rows per sheet. */
  public static final int MAX_ROWS = 1_048_576;

  private final SXSSFWorkbook workbook;
  private final CellStyle headerStyle;
  private SXSSFSheet sheet;
  private int nextRow;

  public XlsxTableWriter() {
    workbook = new SXSSFWorkbook(WINDOW);
    workbook.setCompressTempFiles(true);
    headerStyle = workbook.createCellStyle();
    Font bold = workbook.createFont();
    bold.setBold(true);
    headerStyle.setFont(bold);
  }

  /**
   * Starts a new sheet with its header. The name is made one Excel accepts (at most 31 characters,
   * none of {@code []:*?/\}); a name already used gets a number.
   */
  public void sheet(String name, List<String> header) {
    String safe = WorkbookUtil.createSafeSheetName(name == null || name.isBlank() ? "表" : name);
    String unique = safe;
    for (int n = 2; workbook.getSheet(unique) != null; n++) {
      String suffix = " (" + n + ")";
      unique = safe.substring(0, Math.min(safe.length(), 31 - suffix.length())) + suffix;
    }
    sheet = workbook.createSheet(unique);
    nextRow = 0;
    Row row = sheet.createRow(nextRow++);
    for (int i = 0; i < header.size(); i++) {
      var cell = row.createCell(i);
      cell.setCellValue(header.get(i));
      cell.setCellStyle(headerStyle);
      // Width in 1/256 of a character; CJK characters are about two wide.
      sheet.setColumnWidth(i, Math.min(255, Math.max(10, header.get(i).length() * 2 + 2)) * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  /** Adds a row to the current sheet. */
  public void row(List<?> values) {
    if (sheet == null) {
      throw new IllegalStateException("no sheet started");
    }
    if (nextRow >= MAX_ROWS) {
      throw new CodecException(nextRow + 1, 0, "超过 .xlsx 每表 " + MAX_ROWS + " 行的上限 (too many rows)");
    }
    Row row = sheet.createRow(nextRow++);
    for (int i = 0; i < values.size(); i++) {
      Object v = values.get(i);
      if (v == null) {
        continue;
      }
      if (v instanceof Number n) {
        row.createCell(i).setCellValue(n.doubleValue());
      } else {
        row.createCell(i).setCellValue(v.toString());
      }
    }
  }

  /** Writes the workbook; the stream is not closed. */
  public void write(OutputStream out) throws IOException {
    workbook.write(out);
  }

  /** Deletes the temporary files. */
  @Override
  public void close() throws IOException {
    workbook.close();
    workbook.dispose();
  }
}
