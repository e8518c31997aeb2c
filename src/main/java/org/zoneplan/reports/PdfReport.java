package org.zoneplan.reports;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.FontMapper;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.BoundaryPoint;
import org.zoneplan.geo.GaussKruger;

/**
 * Writes zone reports into one PDF with OpenPDF: per zone a map page (drawn by {@link MapDrawing}
 * through OpenPDF's {@code PdfGraphics2D}: vectors and real text, not an image) and table pages
 * (areas, 四至, indicators, 界址点坐标表), flowing onto more pages where the tables are long. An atlas ends
 * with its contents, moved to the front when the document is closed ({@link #finishAtlas}). Pages
 * go to the output as they are finished; only the page tree, the fonts and the current zone are
 * held, so an atlas of any number of zones needs little memory. Spring-free; one instance per
 * document, one thread.
 */
public final class PdfReport implements AutoCloseable {
  /** Page margin, points. */
  public static final float MARGIN = 28f;

  /** Height of the title block of a map page, points. */
  public static final float TITLE = 44f;

  /** Band around the map frame for the grid labels, points. */
  public static final float BAND = 12f;

  /** Height of the strip below the map (legend, scale bar, CRS), points. */
  public static final float STRIP = 96f;

  /** Height of the footer, points. */
  public static final float FOOTER = 14f;

  /** Height of a contents row, points. */
  static final float CONTENTS_ROW = 16f;

  private final ReportOptions options;
  private final ReportFonts fonts;
  private final Document doc;
  private final PdfWriter writer;
  private final int contentsPages;
  private final Font f7;
  private final Font f8;
  private final Font f9;
  private final Font f12;
  private final Font f16;
  private final List<ContentsEntry> contents = new ArrayList<>();
  private String footer = "";
  private int firstContentsPage = -1;

  /** A line of the contents: the zone and the page its report starts on. */
  public record ContentsEntry(String code, String name, String kind, double areaMu, int page) {}

  /**
   * @param contentsPages the number of contents pages the document will start with (0 for a single
   *     zone; {@link #contentsPages} for an atlas), so printed page numbers are final
   */
  public PdfReport(
      OutputStream out, ReportOptions options, String title, String author, int contentsPages) {
    this.options = options;
    this.fonts = ReportFonts.get();
    this.contentsPages = contentsPages;
    BaseFont bf = fonts.base();
    f7 = new Font(bf, 7f);
    f8 = new Font(bf, 8f);
    f9 = new Font(bf, 9f);
    f12 = new Font(bf, 12f);
    f16 = new Font(bf, 16f);
    Rectangle size = new Rectangle(options.pageWidth(), options.pageHeight());
    doc = new Document(size, MARGIN, MARGIN, MARGIN, MARGIN + FOOTER);
    writer = PdfWriter.getInstance(doc, out);
    writer.setLinearPageMode();
    writer.setPageEvent(
        new PdfPageEventHelper() {
          @Override
          public void onEndPage(PdfWriter w, Document d) {
            writeFooter(w);
          }
        });
    doc.addTitle(title);
    doc.addAuthor(author);
    doc.addCreator("zoneplan");
    doc.open();
  }

  /** Contents pages needed for {@code entries} zones. */
  public static int contentsPages(int entries, ReportOptions options) {
    int rows = contentsRowsPerPage(options);
    return Math.max(1, (entries + rows - 1) / rows);
  }

  static int contentsRowsPerPage(ReportOptions o) {
    return (int) ((o.pageHeight() - 2 * MARGIN - FOOTER - 70) / CONTENTS_ROW) - 1;
  }

  /** The map frame on a page of these options, points from the top left (y down). */
  public static Rectangle2D mapFrame(ReportOptions o) {
    float x = MARGIN + BAND;
    float y = MARGIN + TITLE + BAND;
    float w = o.pageWidth() - 2 * (MARGIN + BAND);
    float h = o.pageHeight() - 2 * MARGIN - TITLE - 2 * BAND - STRIP - FOOTER;
    return new Rectangle2D.Float(x, y, w, h);
  }

  /** The page number printed on the current page. */
  private int printedPage() {
    int n = writer.getPageNumber();
    return firstContentsPage > 0 ? n - firstContentsPage + 1 : n + contentsPages;
  }

  private void writeFooter(PdfWriter w) {
    PdfContentByte cb = w.getDirectContent();
    ColumnText.showTextAligned(
        cb, Element.ALIGN_LEFT, new Phrase(footer, f7), MARGIN, MARGIN - 6, 0);
    ColumnText.showTextAligned(
        cb,
        Element.ALIGN_RIGHT,
        new Phrase("第 " + printedPage() + " 页", f7),
        options.pageWidth() - MARGIN,
        MARGIN - 6,
        0);
  }

  /** Adds one zone: its map page, then its tables. */
  public void addZone(ZoneSheet s) {
    doc.newPage();
    footer = s.plan() + "    打印：" + s.printedBy() + "    " + s.printedAt() + "    zoneplan";
    contents.add(new ContentsEntry(s.code(), s.name(), s.kind(), s.area().mu(), printedPage()));
    mapPage(s);
    doc.newPage();
    tables(s);
  }

  private void mapPage(ZoneSheet s) {
    float w = options.pageWidth();
    float h = options.pageHeight();
    PdfContentByte cb = writer.getDirectContent();
    FontMapper mapper =
        new FontMapper() {
          @Override
          public BaseFont awtToPdf(java.awt.Font font) {
            return fonts.base();
          }

          @Override
          public java.awt.Font pdfToAwt(BaseFont font, int size) {
            return fonts.awt().deriveFont((float) size);
          }
        };
    Graphics2D g = cb.createGraphics(w, h, mapper);
    try {
      g.setColor(Color.BLACK);
      g.setFont(fonts.awt().deriveFont(16f));
      g.drawString(s.name() + "（" + s.code() + "）范围图", MARGIN, MARGIN + 16);
      g.setFont(fonts.awt().deriveFont(8.5f));
      String parents = s.parents().isEmpty() ? "" : "    上级：" + String.join(" ‹ ", s.parents());
      String managed = s.managedBy() == null ? "" : "    管理：" + s.managedBy();
      g.drawString(s.kind() + parents + managed, MARGIN, MARGIN + 30);
      g.drawString(s.plan(), MARGIN, MARGIN + 41);
      Rectangle2D frame = mapFrame(options);
      MapDrawing map = new MapDrawing(s.view(), frame, fonts.awt());
      map.draw(g, s.features());
      double stripTop = frame.getMaxY() + BAND + 6;
      double legendWidth = frame.getWidth() * 0.58;
      map.drawLegend(g, MARGIN, stripTop, s.legend(), 5, legendWidth / 2);
      double right = MARGIN + legendWidth + 10;
      double barWidth = Math.min(frame.getWidth() - legendWidth - 20, 200);
      map.drawScaleBar(g, right, stripTop + 18, barWidth);
      GaussKruger gk = s.view().gk();
      g.setFont(fonts.awt().deriveFont(7f));
      g.setColor(Color.BLACK);
      String[] crs = {
        "坐标系：CGCS2000，3°带高斯-克吕格投影第 " + gk.zone() + " 带（中央经线 " + gk.centralMeridian() + "°E）",
        "EPSG:" + gk.epsg() + "；格网注记 Y 含带号（EPSG:" + gk.epsgWithZonePrefix() + "），单位 m",
        "格网间隔 "
            + map.gridStep()
            + " m；指北针指向真北（子午线收敛角 "
            + String.format(Locale.ROOT, "%.3f", Math.toDegrees(-map.convergence()))
            + "°）",
      };
      for (int i = 0; i < crs.length; i++) {
        g.drawString(crs[i], (float) right, (float) (stripTop + 44 + i * 10));
      }
    } finally {
      g.dispose();
    }
  }

  private void tables(ZoneSheet s) {
    try {
      doc.add(new Paragraph(s.name() + "（" + s.code() + "）面积、四至、指标与界址点", f16));
      doc.add(new Paragraph(s.plan(), f8));

      heading("一、面积（区块自身范围，不含下级汇总）");
      PdfPTable area = table(new float[] {3.2f, 2f, 1.6f, 1.6f});
      header(area, "面积", "平方米（m²）", "公顷（ha）", "亩");
      double[] ms = {s.area().squareMetres(), s.area().planarSquareMetres()};
      String[] rows = {"椭球面积（CGCS2000 椭球）", "平面面积（高斯-克吕格 EPSG:" + s.area().gkEpsg() + "）"};
      for (int i = 0; i < 2; i++) {
        cells(
            area,
            rows[i],
            fmt(ms[i], 2),
            fmt(AreaUnits.toHectares(ms[i]), 4),
            fmt(AreaUnits.toMu(ms[i]), 2));
      }
      doc.add(area);
      doc.add(new Paragraph("1 公顷 = 10 000 m²；1 亩 = 10 000/15 m²。", f7));

      heading("二、四至");
      PdfPTable quarters = table(new float[] {1f, 8f});
      for (Map.Entry<Quarters.Direction, List<Quarters.Neighbour>> e : s.quarters().entrySet()) {
        List<String> names = new ArrayList<>();
        for (Quarters.Neighbour n : e.getValue()) {
          names.add(n.name() + "（" + n.kind() + "）");
        }
        cells(
            quarters,
            e.getKey().zh() + "至",
            names.isEmpty()
                ? "—（" + (int) Quarters.BAND_M + " m 内无区块或行政区）"
                : String.join("、", names));
      }
      doc.add(quarters);
      doc.add(
          new Paragraph(
              "规则：在区块外 "
                  + (int) Quarters.BAND_M
                  + " m 环带内，以区块形心为顶点、各方向 ±45° 的扇区中，覆盖扇区环带面积 ≥ "
                  + (int) (Quarters.MIN_SHARE * 100)
                  + "% 的其他区块与行政区，按覆盖比例排序（高斯-克吕格平面计算）。",
              f7));

      heading("三、指标" + (s.indicatorYear() == null ? "" : "（" + s.indicatorYear() + " 年）"));
      if (s.indicators().isEmpty()) {
        doc.add(new Paragraph(s.indicatorNote() == null ? "无指标数据。" : s.indicatorNote(), f9));
      } else {
        if (s.indicatorNote() != null) {
          doc.add(new Paragraph(s.indicatorNote(), f9));
        }
        PdfPTable ind = table(new float[] {3.2f, 1.8f, 1.6f, 1.6f, 1.2f, 1.2f});
        header(ind, "指标", "数值", "单位", "目标", "完成率", "排名");
        for (ZoneSheet.IndicatorLine l : s.indicators()) {
          cells(
              ind,
              l.label(),
              l.value() == null
                  ? "—" + (l.reason() == null ? "" : "（" + l.reason() + "）")
                  : fmt(l.value(), 2),
              l.unit() == null ? "" : l.unit(),
              l.target() == null ? "" : fmt(l.target(), 2),
              l.completion() == null ? "" : fmt(100 * l.completion(), 1) + "%",
              l.rank() == null ? "" : l.rank() + "/" + l.ranked());
        }
        doc.add(ind);
      }

      heading("四、界址点坐标表");
      if (s.points() == null || s.points().isEmpty()) {
        doc.add(new Paragraph("无界址点。", f9));
      } else {
        GaussKruger gk = s.pointsCrs().gaussKruger();
        doc.add(
            new Paragraph(
                "坐标系 EPSG:"
                    + s.pointsCrs().epsg()
                    + "（CGCS2000 3°带第 "
                    + gk.zone()
                    + " 带"
                    + (s.pointsCrs().zonePrefix() ? "，Y 含带号" : "")
                    + "）；X 为北坐标，Y 为东坐标，单位 m；边长为至同一环下一点的平面距离；"
                    + "J1 为西北角点，顺时针编号，内环在外环之后。",
                f7));
        PdfPTable pts = table(new float[] {1f, 0.8f, 2f, 2f, 1.4f, 2.2f});
        header(pts, "点号", "地块-环", "X（m）", "Y（m）", "边长（m）", "共用点");
        pts.setHeaderRows(1);
        for (BoundaryPoint p : s.points()) {
          cells(
              pts,
              p.name(),
              p.part() + "-" + p.ring(),
              fmt(p.x(), 3),
              fmt(p.y(), 3),
              fmt(p.distanceM(), 3),
              p.sharedText());
        }
        doc.add(pts);
      }
    } catch (DocumentException e) {
      throw new IllegalStateException("PDF layout failed: " + e.getMessage(), e);
    }
  }

  private void heading(String text) throws DocumentException {
    Paragraph p = new Paragraph(text, f12);
    p.setSpacingBefore(10f);
    p.setSpacingAfter(4f);
    doc.add(p);
  }

  private PdfPTable table(float[] widths) {
    PdfPTable t = new PdfPTable(widths);
    t.setWidthPercentage(100);
    t.setSpacingAfter(2f);
    return t;
  }

  private void header(PdfPTable t, String... texts) {
    for (String text : texts) {
      PdfPCell c = new PdfPCell(new Phrase(text, f8));
      c.setBackgroundColor(new Color(0xEEEEEE));
      t.addCell(c);
    }
  }

  private void cells(PdfPTable t, String... texts) {
    for (String text : texts) {
      t.addCell(new PdfPCell(new Phrase(text, f8)));
    }
  }

  /** Plain decimal, no grouping: what a reader (and a test) can take back as a number. */
  static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /**
   * Ends an atlas: its contents pages, written last and moved to the front. The contents list the
   * zones in the order they were added, with the page each starts on.
   */
  public void finishAtlas(String title, String subtitle) {
    int rowsPerPage = contentsRowsPerPage(options);
    try {
      doc.newPage();
      footer = subtitle;
      firstContentsPage = writer.getPageNumber();
      int written = 0;
      int page = 0;
      while (written < contents.size() || page == 0) {
        if (page > 0) {
          doc.newPage();
        }
        doc.add(new Paragraph(title, f16));
        doc.add(new Paragraph(subtitle, f8));
        doc.add(Chunk.NEWLINE);
        PdfPTable t = table(new float[] {1.2f, 3f, 1.2f, 1.5f, 0.8f});
        header(t, "区块代码", "区块名称", "类型", "面积（亩）", "页码");
        for (int i = 0; i < rowsPerPage && written < contents.size(); i++, written++) {
          ContentsEntry e = contents.get(written);
          cells(t, e.code(), e.name(), e.kind(), fmt(e.areaMu(), 2), Integer.toString(e.page()));
        }
        doc.add(t);
        page++;
      }
      if (page != contentsPages) {
        throw new IllegalStateException(
            "contents took " + page + " pages, " + contentsPages + " were reserved");
      }
      doc.newPage();
      int total = writer.getPageNumber() - (writer.isPageEmpty() ? 1 : 0);
      total = Math.max(total, firstContentsPage + page - 1);
      int[] order = new int[total];
      int i = 0;
      for (int p = firstContentsPage; p < firstContentsPage + page; p++) {
        order[i++] = p;
      }
      for (int p = 1; p < firstContentsPage; p++) {
        order[i++] = p;
      }
      writer.reorderPages(order);
    } catch (DocumentException e) {
      throw new IllegalStateException("PDF contents failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    doc.close();
  }
}
