package org.zoneplan.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .xlsx reader's own XML scanner ({@link SheetXmlScanner}) against sheets and shared strings
 * written out by hand, each read twice: in UTF-8 by the scanner and in UTF-16 by the JDK's SAX
 * parser, which must give the same rows and refuse the same faults. Without Spring.
 */
class SheetXmlScannerTest {
  @TempDir Path dir;

  private static final List<Charset> BOTH =
      List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16);

  record Row1(long row, List<String> cells) {}

  private static String sheet(String rows) {
    return "<?xml version=\"1.0\" encoding=\"%s\"?>\n"
        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<sheetData>"
        + rows
        + "</sheetData></worksheet>";
  }

  private static String sharedStrings(String items) {
    return "<?xml version=\"1.0\" encoding=\"%s\"?>\n"
        + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + items
        + "</sst>";
  }

  /**
   * A workbook written by {@link XlsxTableWriter} (sheets "一" and "二"), the parts named in {@code
   * parts} replaced by their text (its {@code %s} filled with the encoding's name) in {@code
   * charset}.
   */
  private Path workbook(String name, Charset charset, Map<String, String> parts)
      throws IOException {
    Path base = dir.resolve("base-" + name);
    try (XlsxTableWriter w = new XlsxTableWriter();
        OutputStream out = Files.newOutputStream(base)) {
      w.sheet("一", List.of("a"));
      w.sheet("二", List.of("第二张"));
      w.write(out);
    }
    Path file = dir.resolve(name + "-" + charset.name() + ".xlsx");
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(base.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        byte[] content;
        try (InputStream entry = in.getInputStream(e)) {
          content = entry.readAllBytes();
        }
        String replaced = parts.get(e.getName());
        if (replaced != null) {
          content = replaced.formatted(charset.name()).getBytes(charset);
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(content);
        out.closeEntry();
      }
      assertThat(parts.keySet())
          .allMatch(p -> in.getEntry(p) != null, "every replaced part is in the workbook");
    }
    return file;
  }

  private static List<Row1> rows(Path file, TableLimits limits) {
    List<Row1> rows = new ArrayList<>();
    new XlsxTableReader(limits).read(file, 0, (r, c) -> rows.add(new Row1(r, List.copyOf(c))));
    return rows;
  }

  private static final String SHEET1 = "xl/worksheets/sheet1.xml";
  private static final String SST = "xl/sharedStrings.xml";

  // ---------------------------------------------------------------- numbers written plainly

  private static String plainOf(String written) {
    char[] v = ("  " + written + " ").toCharArray();
    int end = XlsxTableReader.plainEnd(v, 2, 2 + written.length());
    return end < 0 ? null : new String(v, 2, end - 2);
  }

  @Test
  void aStoredNumberLosesOnlyTheZerosAtTheEndOfItsFraction() {
    assertThat(plainOf("2021.0")).isEqualTo("2021");
    assertThat(plainOf("54.000")).isEqualTo("54");
    assertThat(plainOf("12.50")).isEqualTo("12.5");
    assertThat(plainOf("-12.50")).isEqualTo("-12.5");
    assertThat(plainOf("0.0")).isEqualTo("0");
    assertThat(plainOf("0")).isEqualTo("0");
    assertThat(plainOf("7.")).isEqualTo("7");
    assertThat(plainOf("0.00123000")).isEqualTo("0.00123");
    assertThat(plainOf("487.86")).isEqualTo("487.86");
    // 15 significant digits pass as written; 16 must be parsed (the double may differ).
    assertThat(plainOf("123456789012345.0")).isEqualTo("123456789012345");
    assertThat(plainOf("0.000123456789012345")).isEqualTo("0.000123456789012345");
    assertThat(plainOf("1234567890.123450")).isEqualTo("1234567890.12345");
    assertThat(plainOf("1234567890123456")).isNull();
    assertThat(plainOf("1234567890.123456")).isNull();
    assertThat(plainOf("0.1234567890123456")).isNull();
    // Not plainly written: parsed and written anew by the reader.
    assertThat(plainOf("-0")).isNull();
    assertThat(plainOf("-0.00")).isNull();
    assertThat(plainOf("007")).isNull();
    assertThat(plainOf("1E3")).isNull();
    assertThat(plainOf("1.5e-3")).isNull();
    assertThat(plainOf(".5")).isNull();
    assertThat(plainOf("-")).isNull();
    assertThat(plainOf("1.2.3")).isNull();
    assertThat(plainOf("+1")).isNull();
    assertThat(plainOf("1 2")).isNull();
  }

  /** Whatever the scanner passes on unparsed is the decimal written, to the last digit. */
  @Test
  void aNumberPassedOnUnparsedIsTheSameDecimal() {
    Random random = new Random(330726);
    int passed = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      if (random.nextInt(4) == 0) {
        s.append('-');
      }
      int integerDigits = 1 + random.nextInt(16);
      s.append(integerDigits == 1 ? random.nextInt(10) : 1 + random.nextInt(9));
      for (int k = 1; k < integerDigits; k++) {
        s.append(random.nextInt(10));
      }
      if (random.nextBoolean()) {
        s.append('.');
        int fraction = random.nextInt(18);
        for (int k = 0; k < fraction; k++) {
          s.append(random.nextInt(4) == 0 ? 0 : random.nextInt(10));
        }
      }
      String written = s.toString();
      String plain = plainOf(written);
      BigDecimal exact = new BigDecimal(written.endsWith(".") ? written + "0" : written);
      if (plain != null) {
        passed++;
        assertThat(new BigDecimal(plain)).isEqualByComparingTo(exact);
        assertThat(plain).isEqualTo(exact.stripTrailingZeros().toPlainString());
        assertThat(exact.stripTrailingZeros().precision()).isLessThanOrEqualTo(15);
        assertThat(exact.abs()).isLessThan(BigDecimal.TEN.pow(15));
      } else {
        // Refused only for too many digits, 10^15 or more, or minus zero.
        assertThat(
                exact.signum() == 0
                    || exact.stripTrailingZeros().precision() > 15
                    || exact.abs().compareTo(BigDecimal.TEN.pow(15)) >= 0)
            .as(written)
            .isTrue();
      }
    }
    assertThat(passed).isGreaterThan(5_000);
  }

  @Test
  void whiteSpaceIsWhatTheJdkSaysItIs() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      assertThat(XlsxTableReader.isWhitespace((char) c))
          .as("U+%04X", c)
          .isEqualTo(Character.isWhitespace(c));
    }
  }

  // ---------------------------------------------------------------- cells and rows

  @Test
  void cellsReadAlikeInUtf8AndUtf16() throws IOException {
    String rows =
        "<row r=\"2\"><c r=\"A2\" s=\"0\" t=\"n\"><v>2021.0</v></c>"
            + "<c r=\"C2\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> 浦江 </t></is></c>"
            + "<c r='d2' t='str'><f>\"x\"</f><v>公式</v></c>"
            + "<c t=\"&#98;\"><v>1</v></c><c r=\"F2\" t=\"d\"><v>2024-03-01T00:00:00</v></c>"
            + "<c r=\"G2\" t=\"e\"><v>#N/A</v></c><c r=\"H2\"><v> -0.0 </v></c></row>\n"
            + "<row><c><v>1</v></c><c r=\"B3\"/><c t=\"inlineStr\"><is><t/></is></c></row>"
            + "<row r=\"9\" spans=\"1:2\"><c r=\"B9\" t=\"inlineStr\"><is><t>&#x20000;</t></is></c>"
            + "</row><row r=\"10\"><c r=\"A10\" t=\"b\"/></row>";
    for (Charset charset : BOTH) {
      Path file = workbook("cells", charset, Map.of(SHEET1, sheet(rows)));
      assertThat(rows(file, TableLimits.DEFAULT))
          .as(charset.name())
          .containsExactly(
              new Row1(2, List.of("2021", "", "浦江", "公式", "TRUE", "2024-03-01", "#N/A", "0")),
              new Row1(3, List.of("1", "", "")),
              new Row1(9, List.of("", "\uD840\uDC00")),
              new Row1(10, List.of("FALSE")));
    }
  }

  @Test
  void faultsOfASheetAreRefusedAlikeSayingWhere() throws IOException {
    record Fault(String name, String rows, TableLimits limits, String says, long row, int column) {}
    TableLimits tenChars = new TableLimits(1_000_000, 256, 10, 1L << 30, 0.01);
    List<Fault> faults =
        List.of(
            new Fault(
                "column",
                "<row r=\"4\"><c r=\"IW4\"><v>1</v></c></row>",
                TableLimits.DEFAULT,
                "超过 256 列",
                4,
                257),
            new Fault(
                "long",
                "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>浦江县黄宅镇工业功能区</t></is></c></row>",
                tenChars,
                "单元格超过 10 字",
                3,
                2),
            new Fault(
                "index",
                "<row r=\"2\"><c r=\"C2\" t=\"s\"><v>5</v></c></row>",
                TableLimits.DEFAULT,
                "共享字符串索引无效",
                2,
                3),
            new Fault(
                "no-index",
                "<row r=\"2\"><c r=\"A2\" t=\"s\"/></row>",
                TableLimits.DEFAULT,
                "共享字符串索引无效",
                2,
                1),
            new Fault(
                "rows",
                "<row><c><v>1</v></c></row><row><c><v>2</v></c></row><row><c><v>3</v></c></row>",
                TableLimits.DEFAULT.withMaxRows(2),
                "超过 2 行",
                3,
                0),
            new Fault(
                "reference",
                "<row r=\"2\"><c r=\"12\"><v>1</v></c></row>",
                TableLimits.DEFAULT,
                "bad cell reference",
                0,
                0),
            new Fault(
                "row-number",
                "<row r=\"x2\"><c><v>1</v></c></row>",
                TableLimits.DEFAULT,
                "bad row number",
                0,
                0),
            new Fault(
                "style",
                "<row r=\"2\"><c r=\"A2\" s=\"-1\"><v>1</v></c></row>",
                TableLimits.DEFAULT,
                "bad style index",
                0,
                0));
    for (Fault f : faults) {
      for (Charset charset : BOTH) {
        Path file = workbook(f.name(), charset, Map.of(SHEET1, sheet(f.rows())));
        assertThatThrownBy(() -> rows(file, f.limits()))
            .as(f.name() + " in " + charset.name())
            .isInstanceOfSatisfying(
                CodecException.class,
                e -> {
                  assertThat(e.getMessage()).contains(f.says());
                  assertThat(e.row()).isEqualTo(f.row());
                  assertThat(e.column()).isEqualTo(f.column());
                });
      }
    }
  }

  @Test
  void malformedMarkupIsRefusedByTheScanner() throws IOException {
    Map<String, String> bad =
        Map.of(
            "unquoted", "<row r=2><c><v>1</v></c></row>",
            "entity", "<row><c t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>",
            "attribute-lt", "<row><c r=\"A<1\"><v>1</v></c></row>",
            "cut", "<row><c><v>1</v></c></row><row><c t=\"inlineStr\"><is><t>浦");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      String xml = sheet(e.getValue());
      if (e.getKey().equals("cut")) {
        xml = xml.substring(0, xml.indexOf("浦") + 1);
      }
      Path file = workbook(e.getKey(), StandardCharsets.UTF_8, Map.of(SHEET1, xml));
      assertThatThrownBy(() -> rows(file, TableLimits.DEFAULT))
          .as(e.getKey())
          .isInstanceOfSatisfying(
              CodecException.class, c -> assertThat(c.getMessage()).contains("不是可读的 .xlsx 文件"));
    }
    // Bytes that are not UTF-8 in a part that says it is.
    String xml = sheet("<row><c t=\"inlineStr\"><is><t>@</t></is></c></row>").formatted("UTF-8");
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    bytes[xml.indexOf('@')] = (byte) 0xC0;
    Path file = workbook("latin", StandardCharsets.ISO_8859_1, Map.of(SHEET1, "%s"));
    Path rewritten = dir.resolve("latin2.xlsx");
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(file.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        out.putNextEntry(new ZipEntry(e.getName()));
        try (InputStream entry = in.getInputStream(e)) {
          out.write(e.getName().equals(SHEET1) ? bytes : entry.readAllBytes());
        }
        out.closeEntry();
      }
    }
    assertThatThrownBy(() -> rows(rewritten, TableLimits.DEFAULT))
        .isInstanceOfSatisfying(
            CodecException.class, c -> assertThat(c.getMessage()).contains("invalid UTF-8"));
  }

  /**
   * Long text, entities and characters of every UTF-8 length over thousands of rows, so that tags,
   * characters and entities fall across the scanner's 64 KB buffer, its 8,192-character text chunks
   * and the read-ahead's 256 KB chunks.
   */
  @Test
  void textAcrossEveryBufferBoundaryIsReadWhole() throws IOException {
    Random random = new Random(7);
    String[] pieces = {"a", "7", "é", "浦江", "\uD840\uDC00", "&amp;", "&#x6C5F;", " "};
    String[] meant = {"a", "7", "é", "浦江", "\uD840\uDC00", "&", "江", " "};
    StringBuilder xml = new StringBuilder();
    List<Row1> expected = new ArrayList<>();
    for (int r = 1; r <= 3000; r++) {
      int length = r % 500 == 0 ? 9000 + random.nextInt(2000) : random.nextInt(40);
      StringBuilder written = new StringBuilder("x");
      StringBuilder text = new StringBuilder("x");
      for (int k = 0; k < length; k++) {
        int p = random.nextInt(pieces.length);
        written.append(pieces[p]);
        text.append(meant[p]);
      }
      written.append('y');
      text.append('y');
      double number = random.nextInt(1_000_000) / 100.0;
      xml.append("<row r=\"")
          .append(r)
          .append("\"><c r=\"A")
          .append(r)
          .append("\" t=\"inlineStr\"><is><t>")
          .append(written)
          .append("</t></is></c><c r=\"C")
          .append(r)
          .append("\"><v>")
          .append(number)
          .append("</v></c></row>\n");
      // The number as a person writes it, worked out from its decimal, not by the reader's code.
      String plain = new BigDecimal(Double.toString(number)).stripTrailingZeros().toPlainString();
      expected.add(new Row1(r, List.of(text.toString(), "", plain)));
    }
    for (Charset charset : BOTH) {
      Path file = workbook("long", charset, Map.of(SHEET1, sheet(xml.toString())));
      assertThat(rows(file, TableLimits.DEFAULT)).as(charset.name()).isEqualTo(expected);
    }
  }

  // ---------------------------------------------------------------- shared strings

  @Test
  void sharedStringsLeaveOutPhoneticRunsAndAreBoundedLikeAnyCell() throws IOException {
    String sst =
        sharedStrings(
            "<si><t>统一社会信用代码</t></si>"
                + "<si><r><rPr><b/></rPr><t>浦</t></r><r><t xml:space=\"preserve\">江 </t></r>"
                + "<rPh sb=\"0\" eb=\"1\"><t>pu</t></rPh></si>"
                + "<si><t>R&amp;D</t></si><si><t/></si>"
                + "<si><t>浦江县黄宅镇工业功能区</t></si>");
    String rows =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v> 1 </v></c>"
            + "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c></row>";
    TableLimits tenChars = new TableLimits(1_000_000, 256, 10, 1L << 30, 0.01);
    for (Charset charset : BOTH) {
      Path file = workbook("shared", charset, Map.of(SHEET1, sheet(rows), SST, sst));
      assertThat(rows(file, TableLimits.DEFAULT))
          .as(charset.name())
          .containsExactly(
              new Row1(1, List.of("统一社会信用代码", "浦江", "R&D", "")),
              new Row1(2, List.of("浦江县黄宅镇工业功能区")));
      assertThatThrownBy(() -> rows(file, tenChars))
          .isInstanceOfSatisfying(
              CodecException.class,
              e -> {
                assertThat(e.getMessage()).contains("单元格超过 10 字");
                assertThat(e.row()).isEqualTo(2);
                assertThat(e.column()).isEqualTo(1);
              });
    }
  }

  // ---------------------------------------------------------------- one opening

  @Test
  void anOpenWorkbookListsAndReadsItsSheetsAndSaysWhichIsMissing() throws IOException {
    Path file =
        workbook(
            "two",
            StandardCharsets.UTF_8,
            Map.of(SHEET1, sheet("<row r=\"1\"><c r=\"A1\"><v>1.50</v></c></row>")));
    try (XlsxTableReader.Workbook workbook = new XlsxTableReader(TableLimits.DEFAULT).open(file)) {
      assertThat(workbook.sheetNames()).containsExactly("一", "二");
      List<Row1> second = new ArrayList<>();
      workbook.read(1, (r, c) -> second.add(new Row1(r, List.copyOf(c))));
      List<Row1> first = new ArrayList<>();
      workbook.read(0, (r, c) -> first.add(new Row1(r, List.copyOf(c))));
      assertThat(second).containsExactly(new Row1(1, List.of("第二张")));
      assertThat(first).containsExactly(new Row1(1, List.of("1.5")));
      assertThatThrownBy(() -> workbook.read(2, (r, c) -> {}))
          .isInstanceOfSatisfying(
              CodecException.class, e -> assertThat(e.getMessage()).contains("没有第 3 张工作表"));
    }
  }
}
