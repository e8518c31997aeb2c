package org.zoneplan.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table codecs on their own, without Spring. */
class TableCodecTest {
  @TempDir Path dir;

  record Row1(long row, List<String> cells) {}

  static List<Row1> csv(byte[] bytes, Charset charset) throws IOException {
    List<Row1> rows = new ArrayList<>();
    new CsvTableReader(TableLimits.DEFAULT)
        .read(
            new ByteArrayInputStream(bytes),
            charset,
            (r, c) -> rows.add(new Row1(r, List.copyOf(c))));
    return rows;
  }

  List<Row1> xlsx(Path file) {
    List<Row1> rows = new ArrayList<>();
    new XlsxTableReader(TableLimits.DEFAULT)
        .read(file, 0, (r, c) -> rows.add(new Row1(r, List.copyOf(c))));
    return rows;
  }

  // ---------------------------------------------------------------- CSV

  @Test
  void csvFollowsRfc4180QuotesCommasAndLineBreaks() throws IOException {
    String text =
        "统一社会信用代码,企业名称,年度\r\n"
            + "A,\"浦江, 水晶\",2024\r\n"
            + "B,\"他说\"\"好\"\"\n第二行\",2023\n"
            + "\n"
            + ",,\n"
            + "C, 空格 ,\n"
            + "D,\" 留空格 \",1";
    List<Row1> rows = csv(text.getBytes(StandardCharsets.UTF_8), null);
    assertThat(rows)
        .containsExactly(
            new Row1(1, List.of("统一社会信用代码", "企业名称", "年度")),
            new Row1(2, List.of("A", "浦江, 水晶", "2024")),
            new Row1(3, List.of("B", "他说\"好\"\n第二行", "2023")),
            new Row1(6, List.of("C", "空格", "")),
            new Row1(7, List.of("D", " 留空格 ", "1")));
  }

  @Test
  void csvInGbkOrWithABomIsDetected() throws IOException {
    String text = "企业名称,税收(万元)\n浦江县晶彩水晶有限公司,12.5\n";
    List<Row1> expected =
        List.of(
            new Row1(1, List.of("企业名称", "税收(万元)")), new Row1(2, List.of("浦江县晶彩水晶有限公司", "12.5")));
    assertThat(csv(text.getBytes(Charset.forName("GBK")), null)).isEqualTo(expected);
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);
    assertThat(csv(bom, null)).isEqualTo(expected);
  }

  @Test
  void csvProblemsSayRowAndColumn() {
    assertThatThrownBy(() -> csv("a,b\nc,\"open\n".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOfSatisfying(
            CodecException.class,
            e -> {
              // the row where the open quote starts
              assertThat(e.row()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(2);
              assertThat(e.getMessage()).contains("引号未闭合");
            });
    // Declared UTF-8, but a GBK byte sequence in row 2.
    byte[] bad = "a\n中文\n".getBytes(Charset.forName("GBK"));
    assertThatThrownBy(() -> csv(bad, StandardCharsets.UTF_8))
        .isInstanceOfSatisfying(
            CodecException.class, e -> assertThat(e.getMessage()).contains("编码"));
    assertThatThrownBy(
            () ->
                new CsvTableReader(TableLimits.DEFAULT.withMaxRows(2))
                    .read(
                        new ByteArrayInputStream("a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8)),
                        null,
                        (r, c) -> {}))
        .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.row()).isEqualTo(3));
  }

  // ---------------------------------------------------------------- xlsx

  @Test
  void xlsxWrittenByTheWriterReadsBackCellForCell() throws IOException {
    Path file = dir.resolve("t.xlsx");
    try (XlsxTableWriter w = new XlsxTableWriter();
        OutputStream out = Files.newOutputStream(file)) {
      w.sheet("年度统计", List.of("统一社会信用代码", "年度", "税收(万元)", "备注"));
      w.row(List.of("91330726MA0000001X", 2024, 12.5, "浦江"));
      w.row(java.util.Arrays.asList("B", 2023, null, "无税收"));
      w.row(java.util.Arrays.asList("C", 2022, 0.1 + 0.2, null));
      w.sheet("第二表", List.of("x"));
      w.row(List.of(1e20));
      w.write(out);
    }
    XlsxTableReader reader = new XlsxTableReader(TableLimits.DEFAULT);
    assertThat(reader.sheetNames(file)).containsExactly("年度统计", "第二表");
    assertThat(xlsx(file))
        .containsExactly(
            new Row1(1, List.of("统一社会信用代码", "年度", "税收(万元)", "备注")),
            new Row1(2, List.of("91330726MA0000001X", "2024", "12.5", "浦江")),
            new Row1(3, List.of("B", "2023", "", "无税收")),
            new Row1(4, List.of("C", "2022", "0.30000000000000004")));
    List<Row1> second = new ArrayList<>();
    reader.read(file, 1, (r, c) -> second.add(new Row1(r, List.copyOf(c))));
    assertThat(second.get(1).cells()).containsExactly("100000000000000000000");
  }

  @Test
  void xlsxNumbersAreReadAsValuesNotAsTheirDisplayFormat() throws IOException {
    Path file = dir.resolve("formats.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      XSSFSheet sheet = wb.createSheet();
      CellStyle thousands = wb.createCellStyle();
      thousands.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
      Row r = sheet.createRow(0);
      r.createCell(0).setCellValue(1234567.891);
      r.getCell(0).setCellStyle(thousands);
      r.createCell(1).setCellValue(LocalDate.of(2023, 6, 1));
      r.getCell(1).setCellStyle(date);
      r.createCell(3).setCellFormula("A1*2");
      r.createCell(4).setCellValue(true);
      org.apache.poi.xssf.usermodel.XSSFRichTextString rich =
          new org.apache.poi.xssf.usermodel.XSSFRichTextString("浦江水晶");
      org.apache.poi.xssf.usermodel.XSSFFont bold = wb.createFont();
      bold.setBold(true);
      rich.applyFont(2, 4, bold);
      r.createCell(5).setCellValue(rich);
      r.createCell(6).setCellFormula("1/0");
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      wb.write(out);
    }
    assertThat(xlsx(file))
        .containsExactly(
            new Row1(
                1,
                List.of(
                    "1234567.891", "2023-06-01", "", "2469135.782", "TRUE", "浦江水晶", "#DIV/0!")));
  }

  @Test
  void notAnXlsxOrAZipBombIsRefused() throws IOException {
    Path text = Files.writeString(dir.resolve("x.xlsx"), "not a workbook");
    assertThatThrownBy(() -> xlsx(text))
        .isInstanceOfSatisfying(
            CodecException.class, e -> assertThat(e.getMessage()).contains(".xlsx"));
    // A real workbook whose sheet is padded with 20 MB of spaces: 1000× compression.
    Path good = dir.resolve("good.xlsx");
    try (XlsxTableWriter w = new XlsxTableWriter();
        OutputStream out = Files.newOutputStream(good)) {
      w.sheet("s", List.of("a"));
      w.write(out);
    }
    Path bomb = dir.resolve("bomb.xlsx");
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(good.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        byte[] content;
        try (InputStream entry = in.getInputStream(e)) {
          content = entry.readAllBytes();
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          String xml = new String(content, StandardCharsets.UTF_8);
          xml = xml.replace("</worksheet>", " ".repeat(20_000_000) + "</worksheet>");
          content = xml.getBytes(StandardCharsets.UTF_8);
        }
        out.write(content);
        out.closeEntry();
      }
    }
    assertThat(Files.size(bomb)).isLessThan(200_000);
    assertThatThrownBy(() -> xlsx(bomb))
        .isInstanceOfSatisfying(
            CodecException.class, e -> assertThat(e.getMessage()).contains("过大"));
  }

  /** A workbook written by the writer, its first sheet's XML replaced by {@code sheetXml}. */
  Path withSheet(String name, byte[] sheetXml) throws IOException {
    Path good = dir.resolve("base-" + name);
    try (XlsxTableWriter w = new XlsxTableWriter();
        OutputStream out = Files.newOutputStream(good)) {
      w.sheet("s", List.of("a"));
      w.write(out);
    }
    Path file = dir.resolve(name);
    try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(good.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (ZipEntry e : java.util.Collections.list(in.entries())) {
        byte[] content;
        try (InputStream entry = in.getInputStream(e)) {
          content = entry.readAllBytes();
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(e.getName().equals("xl/worksheets/sheet1.xml") ? sheetXml : content);
        out.closeEntry();
      }
    }
    return file;
  }

  /**
   * Sheet XML as other programs may write it (a prefix, single quotes, comments, entities and
   * character references, CDATA, phonetic runs, a character outside the BMP, rows and cells without
   * a reference, spaces between elements) reads to the cells written out here, the same in UTF-8
   * (read by zoneplan's own scanner) and in UTF-16 (read by the JDK's SAX parser).
   */
  @Test
  void xlsxSheetMarkupIsReadAlikeByTheScannerAndBySax() throws IOException {
    String xml =
        """
        <?xml version="1.0" encoding="%s" standalone="yes"?>
        <!-- written by hand -->
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
          <x:sheetPr codeName='a > b / "c"'/>
          <x:sheetData>
            <x:row r="1" spans="1:4">
              <x:c r="A1" t="inlineStr"><x:is><x:t>R&amp;D &lt;经费&gt; &#x6D66;&#27743;</x:t></x:is></x:c>
              <x:c r='B1' t='inlineStr'><x:is><x:t><![CDATA[a<b&c]]></x:t></x:is></x:c>
              <x:c r="C1"/>
              <x:c r="D1" t="inlineStr"><x:is><x:r><x:t>浦</x:t></x:r><x:r><x:t>江</x:t></x:r>\
        <x:rPh sb="0" eb="1"><x:t>pu</x:t></x:rPh></x:is></x:c>
            </x:row>
            <x:row>
              <x:c><x:v>12.50</x:v></x:c><x:c t="inlineStr"><x:is><x:t>\uD840\uDC00 </x:t></x:is></x:c>
              <x:c r="E2"><x:f>1+1</x:f><x:v>2</x:v></x:c>
            </x:row>
          </x:sheetData>
        </x:worksheet>
        """;
    List<Row1> expected =
        List.of(
            new Row1(1, List.of("R&D <经费> 浦江", "a<b&c", "", "浦江")),
            new Row1(2, List.of("12.5", "\uD840\uDC00", "", "", "2")));
    Path utf8 = withSheet("utf8.xlsx", xml.formatted("UTF-8").getBytes(StandardCharsets.UTF_8));
    assertThat(xlsx(utf8)).containsExactlyElementsOf(expected);
    Path utf16 = withSheet("utf16.xlsx", xml.formatted("UTF-16").getBytes(StandardCharsets.UTF_16));
    assertThat(xlsx(utf16)).containsExactlyElementsOf(expected);

    Path doctype =
        withSheet(
            "doctype.xlsx",
            xml.formatted("UTF-8")
                .replace("<!-- written by hand -->", "<!DOCTYPE x [<!ENTITY e \"e\">]>")
                .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> xlsx(doctype))
        .isInstanceOfSatisfying(
            CodecException.class, e -> assertThat(e.getMessage()).contains("DOCTYPE"));
    Path cut =
        withSheet(
            "cut.xlsx", xml.formatted("UTF-8").substring(0, 700).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> xlsx(cut)).isInstanceOf(CodecException.class);
  }

  @Test
  void xlsxRowLimitNamesTheRow() throws IOException {
    Path file = dir.resolve("rows.xlsx");
    try (XlsxTableWriter w = new XlsxTableWriter();
        OutputStream out = Files.newOutputStream(file)) {
      w.sheet("s", List.of("a"));
      for (int i = 0; i < 10; i++) {
        w.row(List.of(i));
      }
      w.write(out);
    }
    assertThatThrownBy(
            () ->
                new XlsxTableReader(TableLimits.DEFAULT.withMaxRows(5)).read(file, 0, (r, c) -> {}))
        .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.row()).isEqualTo(6));
  }

  /**
   * 100,000 rows of statistics written as .xlsx, then read in a separate JVM limited to a 64 MB
   * heap ({@link XlsxRowCount}): the reader must stream to get through.
   */
  @Test
  void aHundredThousandRowXlsxIsReadWithinA64MbHeap() throws Exception {
    Path file = dir.resolve("big.xlsx");
    double expectedSum = 0;
    try (XlsxTableWriter w = new XlsxTableWriter();
        OutputStream out = Files.newOutputStream(file)) {
      w.sheet("年度统计", List.of("统一社会信用代码", "企业名称", "年度", "税收(万元)", "工业增加值(万元)", "年平均职工人数"));
      for (int i = 0; i < 100_000; i++) {
        double tax = (i % 997) * 1.25;
        expectedSum += tax;
        w.row(
            List.of(
                String.format("91330726MA%08d", i),
                "浦江县企业" + i + "有限公司",
                2024,
                tax,
                i * 0.5,
                i % 300));
      }
      w.write(out);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                XlsxRowCount.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output.strip().lines().reduce((a, b) -> b).orElse(""))
        .isEqualTo("100001 " + XlsxTableReader.plain(expectedSum));
  }
}
