package org.zoneplan.codecs;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * Reads the sheets of an .xlsx workbook as a stream with Apache POI's event API: {@link XSSFReader}
 * hands out the parts and {@link SheetXmlScanner} reads a sheet's XML as it is unzipped (on a
 * second thread, a few hundred rows ahead of the caller: {@link ReadAheadRows}), so memory stays
 * flat however many rows there are (only the shared strings, at most the text of the cells, are
 * held). The cells are taken from the SpreadsheetML elements by a small handler of our own rather
 * than POI's {@code XSSFSheetXMLHandler}, which builds an XMLBeans rich-text object for every text
 * cell and took three times as long; it makes one string per cell (none for a shared string), as
 * the CSV reader does. The file is opened read-only from disk ({@link OPCPackage} over a zip file,
 * not loaded whole), once for its sheet names and the sheets read ({@link #open}), and POI's
 * zip-bomb guards ({@link ZipSecureFile}) are set from the {@link TableLimits}; they are
 * process-wide settings of POI, and the strictest limits set win. Cells come as text: numbers
 * plainly (the stored value, not as the cell's format would show it), cells with a date format as
 * {@code yyyy-MM-dd}, formulas as their cached result, booleans as TRUE/FALSE, errors as written
 * (#DIV/0!). Thread-safe (a {@link Workbook} is not).
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
    try (Workbook workbook = open(file)) {
      return workbook.sheetNames();
    }
  }

  /**
   * Reads every row of one sheet.
   *
   * @param sheetIndex 0 for the first sheet
   * @throws CodecException when the file is not a readable .xlsx, has no such sheet, or passes a
   *     limit; the row and column say where
   */
  public void read(Path file, int sheetIndex, RowHandler handler) {
    try (Workbook workbook = open(file)) {
      workbook.read(sheetIndex, handler);
    }
  }

  /**
   * Opens a workbook to list its sheets and read one or more of them without opening the file again
   * each time (the package's parts, relations, styles and shared strings are read once).
   *
   * @throws CodecException when the file is not a readable .xlsx
   */
  public Workbook open(Path file) {
    OPCPackage pkg;
    try {
      pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | RuntimeException e) {
      throw unreadable(e);
    }
    try {
      return new Workbook(pkg);
    } catch (IOException | OpenXML4JException | RuntimeException e) {
      pkg.revert();
      throw unreadable(e);
    }
  }

  /** An open workbook; not thread-safe. Closing it closes the file. */
  public final class Workbook implements AutoCloseable {
    private final OPCPackage pkg;
    private final XSSFReader reader;
    private List<String> names;
    private List<String> strings;
    private StylesTable styles;

    private Workbook(OPCPackage pkg) throws IOException, OpenXML4JException {
      this.pkg = pkg;
      this.reader = new XSSFReader(pkg);
    }

    /** The names of the workbook's sheets, in order. */
    public List<String> sheetNames() {
      if (names == null) {
        List<String> found = new ArrayList<>();
        try {
          XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
          while (sheets.hasNext()) {
            try (InputStream ignored = sheets.next()) {
              found.add(sheets.getSheetName());
            }
          }
        } catch (IOException | OpenXML4JException | RuntimeException e) {
          throw unreadable(e);
        }
        names = List.copyOf(found);
      }
      return names;
    }

    /**
     * Reads every row of one sheet.
     *
     * @param sheetIndex 0 for the first sheet
     * @throws CodecException when the sheet is not readable, there is no such sheet, or it passes a
     *     limit; the row and column say where
     */
    public void read(int sheetIndex, RowHandler handler) {
      try {
        if (strings == null) {
          strings = sharedStrings(reader);
          styles = reader.getStylesTable();
        }
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        int index = 0;
        while (sheets.hasNext()) {
          try (InputStream sheet = sheets.next()) {
            if (index++ == sheetIndex) {
              // Inflated and scanned into rows on a thread of its own (ReadAheadRows) while this
              // one hands the rows to the handler; that thread has ended before the workbook is
              // closed. (The inflating had a thread of its own too: one thread fewer on two cores
              // was faster, 0.91-0.98x a CSV import against 0.97-1.04x, docs/performance.md.)
              ReadAheadRows.read(
                  rows -> SheetXmlScanner.read(sheet, new SheetCells(styles, strings, rows)),
                  handler,
                  4,
                  "xlsx-rows");
              return;
            }
          }
        }
        throw new CodecException(0, 0, "工作簿没有第 " + (sheetIndex + 1) + " 张工作表 (no such sheet)");
      } catch (CodecException e) {
        throw e;
      } catch (IOException | OpenXML4JException | RuntimeException e) {
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

    @Override
    public void close() {
      // Opened read-only: nothing to save, closing only lets go of the file.
      pkg.revert();
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

  /**
   * The shared strings: the text of each {@code <si>}, phonetic runs left out, trimmed (as every
   * cell is).
   */
  private static List<String> sharedStrings(XSSFReader reader) throws IOException {
    List<String> strings = new ArrayList<>();
    InputStream data;
    try {
      data = reader.getSharedStringsData();
    } catch (IOException | OpenXML4JException e) {
      return strings; // a workbook without shared strings (all its text inline)
    }
    if (data == null) {
      return strings;
    }
    try (InputStream in = data) {
      SheetXmlScanner.read(
          in,
          new SheetXmlScanner.Sink() {
            private char[] text = new char[64];
            private int length;
            private boolean inText;
            private boolean inPhonetic;

            @Override
            public void start(int element) {
              switch (element) {
                case SheetXmlScanner.SI -> length = 0;
                case SheetXmlScanner.T -> inText = !inPhonetic;
                case SheetXmlScanner.RPH -> inPhonetic = true;
                default -> {}
              }
            }

            @Override
            public void end(int element) {
              switch (element) {
                case SheetXmlScanner.SI -> strings.add(trimmed(text, length));
                case SheetXmlScanner.T -> inText = false;
                case SheetXmlScanner.RPH -> inPhonetic = false;
                default -> {}
              }
            }

            @Override
            public void text(char[] chars, int start, int n) {
              if (inText) {
                if (length + n > text.length) {
                  text = Arrays.copyOf(text, Math.max(2 * text.length, length + n));
                }
                System.arraycopy(chars, start, text, length, n);
                length += n;
              }
            }
          });
    }
    return strings;
  }

  /**
   * {@link Character#isWhitespace}, answered without a table look-up for the characters of most
   * cells (ASCII letters and digits, Chinese): the only white space above U+0020 lies in U+1680 to
   * U+3000.
   */
  static boolean isWhitespace(char c) {
    return c <= ' '
        ? Character.isWhitespace(c)
        : c >= 0x1680 && c <= 0x3000 && Character.isWhitespace(c);
  }

  /** {@code chars[0, length)} without white space at either end, as {@link String#strip}. */
  private static String trimmed(char[] chars, int length) {
    int a = 0;
    int b = length;
    while (a < b && isWhitespace(chars[a])) {
      a++;
    }
    while (b > a && isWhitespace(chars[b - 1])) {
      b--;
    }
    return a == b ? "" : new String(chars, a, b - a);
  }

  /**
   * The rows of a worksheet part ({@code <row r><c r t s><v>…</v> or <is><t>…</t></is></c></row>}),
   * with gaps for absent cells, handed on row by row. One string is made per cell (none for a
   * shared string), as the CSV reader does.
   */
  private final class SheetCells implements SheetXmlScanner.Sink {
    private final StylesTable styles;
    private final List<String> strings;
    private final RowHandler handler;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();

    /** Whether the first styles are date formats: 0 not known yet, 1 yes, 2 no. */
    private final byte[] dateStyleCache = new byte[256];

    private final List<String> cells = new ArrayList<>();
    private char[] value = new char[256];
    private int valueLength;
    private long row;
    private long rowsSeen;
    private boolean any;
    private int column;
    private int type;
    private int style;
    private boolean capture;
    private boolean inInline;
    private boolean inPhonetic;

    SheetCells(StylesTable styles, List<String> strings, RowHandler handler) {
      this.styles = styles;
      this.strings = strings;
      this.handler = handler;
    }

    @Override
    public void startRow(long r) {
      row = r < 0 ? row + 1 : r;
      cells.clear();
      any = false;
      if (++rowsSeen > limits.maxRows()) {
        throw new CodecException(row, 0, "超过 " + limits.maxRows() + " 行 (too many rows)");
      }
    }

    @Override
    public void startCell(int column, int type, int style) {
      this.column = column < 0 ? cells.size() : column;
      if (this.column >= limits.maxColumns()) {
        throw new CodecException(
            row, this.column + 1, "超过 " + limits.maxColumns() + " 列 (too many columns)");
      }
      this.type = type;
      this.style = style;
      valueLength = 0;
    }

    @Override
    public void start(int element) {
      switch (element) {
        case SheetXmlScanner.V -> capture = true;
        case SheetXmlScanner.IS -> inInline = true;
        case SheetXmlScanner.RPH -> inPhonetic = true;
        case SheetXmlScanner.T -> capture = inInline && !inPhonetic;
        default -> {}
      }
    }

    @Override
    public void end(int element) {
      switch (element) {
        case SheetXmlScanner.V, SheetXmlScanner.T -> capture = false;
        case SheetXmlScanner.IS -> inInline = false;
        case SheetXmlScanner.RPH -> inPhonetic = false;
        case SheetXmlScanner.C -> cell(text());
        case SheetXmlScanner.ROW -> {
          if (any) {
            handler.row(row, cells);
          }
        }
        default -> {}
      }
    }

    @Override
    public void text(char[] chars, int start, int length) {
      if (capture) {
        if (valueLength + length > limits.maxCellChars()) {
          throw new CodecException(
              row, column + 1, "单元格超过 " + limits.maxCellChars() + " 字 (cell too long)");
        }
        if (valueLength + length > value.length) {
          value = Arrays.copyOf(value, Math.max(2 * value.length, valueLength + length));
        }
        System.arraycopy(chars, start, value, valueLength, length);
        valueLength += length;
      }
    }

    /** The cell's text by its type, trimmed: number (or date), shared string, boolean, text. */
    private String text() {
      char[] v = value;
      int a = 0;
      int b = valueLength;
      while (a < b && isWhitespace(v[a])) {
        a++;
      }
      while (b > a && isWhitespace(v[b - 1])) {
        b--;
      }
      switch (type) {
        case SheetXmlScanner.NUMBER -> {
          if (a == b) {
            return "";
          }
          boolean date = isDateStyle(style);
          if (!date) {
            int plainEnd = plainEnd(v, a, b);
            if (plainEnd > 0) {
              return new String(v, a, plainEnd - a); // as plain() would write it, unparsed
            }
          }
          String s = new String(v, a, b - a);
          double number;
          try {
            number = Double.parseDouble(s);
          } catch (NumberFormatException e) {
            return s;
          }
          if (date && DateUtil.isValidExcelDate(number)) {
            return DateUtil.getLocalDateTime(number, false).toLocalDate().toString();
          }
          return plain(number);
        }
        case SheetXmlScanner.SHARED -> {
          int index = a == b ? -1 : 0;
          for (int i = a; i < b && index >= 0; i++) {
            char c = v[i];
            index = c >= '0' && c <= '9' && i - a < 9 ? index * 10 + (c - '0') : -1;
          }
          if (index < 0 || index >= strings.size()) {
            throw new CodecException(
                row,
                column + 1,
                "共享字符串索引无效 (bad shared string index \"" + new String(v, 0, valueLength) + "\")");
          }
          String s = strings.get(index);
          if (s.length() > limits.maxCellChars()) {
            throw new CodecException(
                row, column + 1, "单元格超过 " + limits.maxCellChars() + " 字 (cell too long)");
          }
          return s;
        }
        case SheetXmlScanner.BOOLEAN -> {
          String s = new String(v, 0, valueLength);
          return s.equals("1") || s.equalsIgnoreCase("true") ? "TRUE" : "FALSE";
        }
        case SheetXmlScanner.ISO_DATE -> {
          String s = new String(v, 0, valueLength);
          return (s.length() >= 10 ? s.substring(0, 10) : s).strip(); // an ISO 8601 date cell
        }
        default -> {
          return a == b
              ? ""
              : new String(v, a, b - a); // inlineStr, str (a formula's text), e (#DIV/0!)
        }
      }
    }

    private boolean isDateStyle(int index) {
      if (styles == null) {
        return false;
      }
      if (index >= 0 && index < dateStyleCache.length) {
        if (dateStyleCache[index] == 0) {
          dateStyleCache[index] = (byte) (isDateStyleUncached(index) ? 1 : 2);
        }
        return dateStyleCache[index] == 1;
      }
      return isDateStyleUncached(index);
    }

    private boolean isDateStyleUncached(int index) {
      return dateStyles.computeIfAbsent(
          index,
          i -> {
            if (i < 0 || i >= styles.getNumCellStyles()) {
              return false;
            }
            XSSFCellStyle s = styles.getStyleAt(i);
            return s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString());
          });
    }

    private void cell(String text) {
      List<String> cells = this.cells;
      int column = this.column;
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
   * Where the plain form of a stored number ends, if it is already written as {@link #plain} writes
   * its value but for trailing zeros of a fraction ({@code 2021.0} → {@code 2021}, {@code 12.50} →
   * {@code 12.5}): an optional minus, an integer part without leading zeros, an optional fraction,
   * at most 15 significant digits (so that no other decimal of 15 digits or fewer is the same
   * double) and below 10^15; -1 when it is not (an exponent, leading zeros, more digits, minus
   * zero), for the number to be parsed and written anew.
   *
   * @return the end of {@code v[start, end)}'s plain form, -1 when there is none
   */
  static int plainEnd(char[] v, int start, int end) {
    int i = start < end && v[start] == '-' ? start + 1 : start;
    int integerStart = i;
    while (i < end && v[i] >= '0' && v[i] <= '9') {
      i++;
    }
    int integerDigits = i - integerStart;
    if (integerDigits == 0 || integerDigits > 15) {
      return -1;
    }
    boolean zero = v[integerStart] == '0';
    if (integerDigits > 1 && zero) {
      return -1;
    }
    int plain = i; // the end without the fraction's trailing zeros (and point)
    if (i < end) {
      if (v[i] != '.') {
        return -1;
      }
      for (int k = i + 1; k < end; k++) {
        char c = v[k];
        if (c < '0' || c > '9') {
          return -1;
        }
        if (c != '0') {
          plain = k + 1;
        }
      }
      int significant;
      if (!zero) {
        significant = integerDigits + (plain > i ? plain - i - 1 : 0);
      } else {
        int k = i + 1; // 0.00123: the zeros after the point do not count
        while (k < plain && v[k] == '0') {
          k++;
        }
        significant = plain - k;
      }
      if (significant > 15) {
        return -1;
      }
    }
    if (plain == integerStart + 1 && zero && integerStart > start) {
      return -1; // -0, written 0 by plain()
    }
    return plain;
  }

  /** A double as written by a person: no exponent, no trailing zeros. */
  static String plain(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
