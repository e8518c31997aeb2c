package org.zoneplan.codecs;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the sheets of an .xlsx workbook as a stream with Apache POI's event API ({@link XSSFReader}
 * and {@link XSSFSheetXMLHandler} over SAX): the sheet's XML is parsed as it is unzipped, so memory
 * stays flat however many rows there are (the shared strings, at most the text of the cells, are
 * held). The file is opened read-only from disk ({@link OPCPackage} over a zip file, not loaded
 * whole), and POI's zip-bomb guards ({@link ZipSecureFile}) are set from the {@link TableLimits};
 * they are process-wide settings of POI, and the strictest limits set win. Cells come as text:
 * numbers plainly (the raw value, not as the cell's format would show it), dates as {@code
 * yyyy-MM-dd}, formulas as their cached result. Thread-safe.
 */
public final class XlsxTableReader {
  private final TableLimits limits;

  public XlsxTableReader(TableLimits limits) {
    this.limits = limits;
    synchronized (XlsxTableReader.class) {
      if (ZipSecureFile.getMinInflateRatio() < limits.minInflateRatio()) {
        ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
      }
      if (ZipSecureFile.getMaxEntrySize() > limits.maxUncompressedBytes()) {
        ZipSecureFile.setMaxEntrySize(limits.maxUncompressedBytes());
      }
    }
  }

  /** The names of the workbook's sheets, in order. */
  public List<String> sheetNames(Path file) {
    List<String> names = new ArrayList<>();
    try (OPCPackage pkg = open(file)) {
      XSSFReader.SheetIterator sheets =
          (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
      while (sheets.hasNext()) {
        try (InputStream ignored = sheets.next()) {
          names.add(sheets.getSheetName());
        }
      }
    } catch (IOException | OpenXML4JException | RuntimeException e) {
      throw unreadable(e);
    }
    return names;
  }

  /**
   * Reads every row of one sheet.
   *
   * @param sheetIndex 0 for the first sheet
   * @throws CodecException when the file is not a readable .xlsx, has no such sheet, or passes a
   *     limit; the row and column say where
   */
  public void read(Path file, int sheetIndex, RowHandler handler) {
    try (OPCPackage pkg = open(file)) {
      XSSFReader reader = new XSSFReader(pkg);
      SharedStrings strings = reader.getSharedStringsTable();
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      int index = 0;
      while (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          if (index++ == sheetIndex) {
            parse(sheet, styles, strings, handler);
            return;
          }
        }
      }
      throw new CodecException(0, 0, "工作簿没有第 " + (sheetIndex + 1) + " 张工作表 (no such sheet)");
    } catch (CodecException e) {
      throw e;
    } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
      Throwable cause = e;
      while (cause != null) {
        if (cause instanceof CodecException codec) {
          throw codec;
        }
        cause = cause.getCause();
      }
      throw unreadable(e);
    }
  }

  private static OPCPackage open(Path file) {
    try {
      return OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | RuntimeException e) {
      throw unreadable(e);
    }
  }

  private static CodecException unreadable(Exception e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason.contains("Zip bomb")) {
      return new CodecException(
          0, 0, "文件解压后过大, 拒绝读取 (the .xlsx expands too much, as a zip bomb would)", e);
    }
    return new CodecException(
        0, 0, "不是可读的 .xlsx 文件 (not a readable .xlsx workbook: " + firstLine(reason) + ")", e);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private void parse(
      InputStream sheet, StylesTable styles, SharedStrings strings, RowHandler handler)
      throws IOException, SAXException {
    XMLReader xml;
    try {
      xml = XMLHelper.newXMLReader();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    xml.setContentHandler(
        new XSSFSheetXMLHandler(styles, strings, new Rows(handler), new PlainFormatter(), false));
    xml.parse(new InputSource(sheet));
  }

  /** Collects the cells of a row, with gaps for empty ones, and hands it on. */
  private final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final RowHandler handler;
    private final List<String> cells = new ArrayList<>();
    private long row;
    private long rowsSeen;
    private boolean any;

    Rows(RowHandler handler) {
      this.handler = handler;
    }

    @Override
    public void startRow(int rowNum) {
      row = rowNum + 1L;
      cells.clear();
      any = false;
      if (++rowsSeen > limits.maxRows()) {
        throw new CodecException(row, 0, "超过 " + limits.maxRows() + " 行 (too many rows)");
      }
    }

    @Override
    public void endRow(int rowNum) {
      if (any) {
        handler.row(row, cells);
      }
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      int column = reference == null ? cells.size() : new CellReference(reference).getCol();
      if (column >= limits.maxColumns()) {
        throw new CodecException(
            row, column + 1, "超过 " + limits.maxColumns() + " 列 (too many columns)");
      }
      String text = value == null ? "" : value.strip();
      if (text.length() > limits.maxCellChars()) {
        throw new CodecException(
            row, column + 1, "单元格超过 " + limits.maxCellChars() + " 字 (cell too long)");
      }
      while (cells.size() < column) {
        cells.add("");
      }
      if (cells.size() == column) {
        cells.add(text);
      } else {
        cells.set(column, text);
      }
      any |= !text.isEmpty();
    }
  }

  /**
   * Numbers as their plain value (2024, 12.5), whatever the cell's display format; date formats as
   * ISO dates.
   */
  private static final class PlainFormatter extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      return formatRawCellContents(value, formatIndex, formatString, false);
    }

    @Override
    public String formatRawCellContents(
        double value, int formatIndex, String formatString, boolean use1904Windowing) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing);
        return t.toLocalDate().toString();
      }
      return plain(value);
    }
  }

  /** A double as written by a person: no exponent, no trailing zeros. */
  static String plain(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
