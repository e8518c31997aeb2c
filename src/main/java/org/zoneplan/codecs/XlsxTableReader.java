package org.zoneplan.codecs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the sheets of an .xlsx workbook as a stream with Apache POI's event API: {@link XSSFReader}
 * hands out the parts and a SAX parser reads a sheet's XML as it is unzipped, so memory stays flat
 * however many rows there are (only the shared strings, at most the text of the cells, are held).
 * The cells are taken from the SpreadsheetML elements by a small SAX handler of our own rather than
 * POI's {@code XSSFSheetXMLHandler}, which builds an XMLBeans rich-text object for every text cell
 * and took three times as long. The file is opened read-only from disk ({@link OPCPackage} over a
 * zip file, not loaded whole), and POI's zip-bomb guards ({@link ZipSecureFile}) are set from the
 * {@link TableLimits}; they are process-wide settings of POI, and the strictest limits set win.
 * Cells come as text: numbers plainly (the stored value, not as the cell's format would show it),
 * cells with a date format as {@code yyyy-MM-dd}, formulas as their cached result, booleans as
 * TRUE/FALSE, errors as written (#DIV/0!). Thread-safe.
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
      List<String> strings = sharedStrings(reader);
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      int index = 0;
      while (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          if (index++ == sheetIndex) {
            // Inflated on a second thread while this one scans (see ReadAheadInputStream); closed
            // (its thread stopped) before the workbook is.
            try (InputStream part =
                new BufferedInputStream(
                    new ReadAheadInputStream(sheet, 4, "xlsx-inflate"), 1 << 16)) {
              SheetHandler cells = new SheetHandler(styles, strings, handler);
              if (SheetXmlScanner.isUtf8(part)) {
                new SheetXmlScanner(part, cells, "r", "t", "s").scan();
              } else {
                XMLReader xml = newXmlReader();
                xml.setContentHandler(cells);
                xml.parse(new InputSource(part));
              }
            }
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

  private static XMLReader newXmlReader() throws SAXException {
    try {
      return XMLHelper.newXMLReader();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shared strings: the text of each {@code <si>}, phonetic runs left out. */
  private static List<String> sharedStrings(XSSFReader reader)
      throws IOException, OpenXML4JException, SAXException {
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
      XMLReader xml = newXmlReader();
      xml.setContentHandler(
          new DefaultHandler() {
            private final StringBuilder text = new StringBuilder();
            private boolean inText;
            private boolean inPhonetic;

            @Override
            public void startElement(String uri, String local, String qName, Attributes a) {
              switch (local) {
                case "si" -> text.setLength(0);
                case "t" -> inText = !inPhonetic;
                case "rPh" -> inPhonetic = true;
                default -> {}
              }
            }

            @Override
            public void endElement(String uri, String local, String qName) {
              switch (local) {
                case "si" -> strings.add(text.toString());
                case "t" -> inText = false;
                case "rPh" -> inPhonetic = false;
                default -> {}
              }
            }

            @Override
            public void characters(char[] ch, int start, int length) {
              if (inText) {
                text.append(ch, start, length);
              }
            }
          });
      xml.parse(new InputSource(in));
    }
    return strings;
  }

  /**
   * The rows of a worksheet part ({@code <row r><c r t s><v>…</v> or <is><t>…</t></is></c></row>}),
   * with gaps for absent cells, handed on row by row.
   */
  private final class SheetHandler extends DefaultHandler {
    private final StylesTable styles;
    private final List<String> strings;
    private final RowHandler handler;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();

    /** Whether the first styles are date formats: 0 not known yet, 1 yes, 2 no. */
    private final byte[] dateStyleCache = new byte[256];

    private final List<String> cells = new ArrayList<>();
    private final StringBuilder value = new StringBuilder();
    private long row;
    private long rowsSeen;
    private boolean any;
    private int column;
    private String type;
    private int style;
    private boolean capture;
    private boolean inInline;
    private boolean inPhonetic;

    SheetHandler(StylesTable styles, List<String> strings, RowHandler handler) {
      this.styles = styles;
      this.strings = strings;
      this.handler = handler;
    }

    @Override
    public void startElement(String uri, String local, String qName, Attributes a) {
      switch (local) {
        case "row" -> {
          String r = a.getValue("r");
          row = r == null ? row + 1 : Long.parseLong(r);
          cells.clear();
          any = false;
          if (++rowsSeen > limits.maxRows()) {
            throw new CodecException(row, 0, "超过 " + limits.maxRows() + " 行 (too many rows)");
          }
        }
        case "c" -> {
          String r = a.getValue("r");
          column = r == null ? cells.size() : columnOf(r);
          if (column < 0 || column >= limits.maxColumns()) {
            throw new CodecException(
                row, column + 1, "超过 " + limits.maxColumns() + " 列 (too many columns)");
          }
          type = a.getValue("t");
          String s = a.getValue("s");
          style = s == null ? 0 : Integer.parseInt(s);
          value.setLength(0);
        }
        case "v" -> capture = true;
        case "is" -> inInline = true;
        case "rPh" -> inPhonetic = true;
        case "t" -> capture = inInline && !inPhonetic;
        default -> {}
      }
    }

    @Override
    public void endElement(String uri, String local, String qName) {
      switch (local) {
        case "v", "t" -> capture = false;
        case "is" -> inInline = false;
        case "rPh" -> inPhonetic = false;
        case "c" -> cell(text());
        case "row" -> {
          if (any) {
            handler.row(row, cells);
          }
        }
        default -> {}
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (capture) {
        if (value.length() + length > limits.maxCellChars()) {
          throw new CodecException(
              row, column + 1, "单元格超过 " + limits.maxCellChars() + " 字 (cell too long)");
        }
        value.append(ch, start, length);
      }
    }

    /** The cell's text by its type: number (or date), shared string, inline, boolean, error. */
    private String text() {
      String v = value.toString();
      if (type == null || type.equals("n")) {
        if (v.isEmpty()) {
          return v;
        }
        boolean date = isDateStyle(style);
        if (!date && isPlain(v)) {
          return v; // as plain() would write it, without parsing and formatting
        }
        double number;
        try {
          number = Double.parseDouble(v);
        } catch (NumberFormatException e) {
          return v;
        }
        if (date && DateUtil.isValidExcelDate(number)) {
          return DateUtil.getLocalDateTime(number, false).toLocalDate().toString();
        }
        return plain(number);
      }
      return switch (type) {
        case "s" -> {
          int index;
          try {
            index = Integer.parseInt(v.strip());
          } catch (NumberFormatException e) {
            index = -1;
          }
          if (index < 0 || index >= strings.size()) {
            throw new CodecException(
                row, column + 1, "共享字符串索引无效 (bad shared string index \"" + v + "\")");
          }
          yield strings.get(index);
        }
        case "b" -> v.equals("1") || v.equalsIgnoreCase("true") ? "TRUE" : "FALSE";
        case "d" -> v.length() >= 10 ? v.substring(0, 10) : v; // an ISO 8601 date cell
        default -> v; // inlineStr, str (a formula's text), e (an error such as #DIV/0!)
      };
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

    private void cell(String raw) {
      String text = raw.strip();
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

  /** The 0-based column of a cell reference such as {@code AB12}. */
  static int columnOf(String reference) {
    int column = 0;
    for (int i = 0; i < reference.length() && column <= 1 << 20; i++) {
      char c = reference.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        column = column * 26 + (c - 'A' + 1);
      } else if (c >= 'a' && c <= 'z') {
        column = column * 26 + (c - 'a' + 1);
      } else {
        break;
      }
    }
    return column - 1;
  }

  /**
   * Whether a stored number is already written as {@link #plain} writes its value: an optional
   * minus, an integer part without leading zeros, an optional fraction not ending in 0, at most 15
   * significant digits (so that no other decimal of 15 digits or fewer is the same double) and
   * below 10^15.
   */
  static boolean isPlain(String v) {
    int n = v.length();
    int i = v.startsWith("-") ? 1 : 0;
    int integerStart = i;
    while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    int integerDigits = i - integerStart;
    if (integerDigits == 0 || integerDigits > 15) {
      return false;
    }
    if (integerDigits > 1 && v.charAt(integerStart) == '0') {
      return false;
    }
    if (i == n) {
      return !(integerDigits == 1 && v.charAt(integerStart) == '0' && integerStart == 1); // not -0
    }
    if (v.charAt(i) != '.' || i == n - 1 || v.charAt(n - 1) == '0') {
      return false;
    }
    int significant = v.charAt(integerStart) == '0' ? 0 : integerDigits;
    boolean leading = significant == 0;
    for (int k = i + 1; k < n; k++) {
      char c = v.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
      if (leading && c == '0') {
        continue;
      }
      leading = false;
      significant++;
    }
    return significant <= 15;
  }

  /** A double as written by a person: no exponent, no trailing zeros. */
  static String plain(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
