package org.zoneplan.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.BoundaryPoints;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.geo.WebMercator;
import org.zoneplan.testsupport.Poppler;
import org.zoneplan.tiles.TileCoord;
import org.zoneplan.tiles.TileFeature;
import org.zoneplan.tiles.TileRenderer;
import org.zoneplan.tiles.TileStyle;
import org.zoneplan.zones.ZoneKind;

/**
 * The PDF writer without Spring: the map page read back by poppler and compared pixel by pixel with
 * the PNG tile renderer; the fitted scale and the 四至 rule worked by hand.
 */
class PdfReportTest {
  private static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4490);

  @TempDir Path dir;

  /** An L-shaped zone of about 1.2 × 0.9 km near Pujiang (GK zone 40, central meridian 120°E). */
  static MultiPolygon lShape() {
    Coordinate[] ring = {
      new Coordinate(119.890, 29.450),
      new Coordinate(119.902, 29.450),
      new Coordinate(119.902, 29.455),
      new Coordinate(119.896, 29.455),
      new Coordinate(119.896, 29.458),
      new Coordinate(119.890, 29.458),
      new Coordinate(119.890, 29.450)
    };
    return GF.createMultiPolygon(new Polygon[] {GF.createPolygon(ring)});
  }

  private ZoneSheet sheet(MultiPolygon zone, ReportOptions o, String label) {
    GaussKruger gk = GaussKruger.forGeometry(zone);
    Rectangle2D frame = PdfReport.mapFrame(o);
    MapView view =
        MapView.of(
            gk,
            gk.project(zone).getEnvelopeInternal(),
            frame.getWidth(),
            frame.getHeight(),
            o.scale());
    Crs crs = new Crs(gk.epsgWithZonePrefix());
    return new ZoneSheet(
        "规划版本：测试",
        "T-1",
        "测试核心区",
        "核心区",
        List.of(),
        null,
        AreaFigures.of(zone),
        view,
        List.of(
            new MapFeature(zone, TileStyle.zone(ZoneKind.CORE), label, MapFeature.Role.SUBJECT)),
        List.of(new MapDrawing.LegendEntry(TileStyle.zone(ZoneKind.CORE), "本区块")),
        Quarters.of(gk.project(zone), List.of()),
        null,
        List.of(),
        "无指标数据。",
        BoundaryPoints.of(zone, crs),
        crs,
        "tester",
        "2026-01-01 00:00");
  }

  /**
   * The zone's fill alone, drawn in the PDF at 1:8,000 and rasterised by pdftoppm at 96 dpi (one
   * pixel = 0.75 pt = 2.12 m), against the PNG renderer's tiles of zoom 16 (2.08 m per pixel here):
   * for every pixel of the map frame, its ground position is worked out from the frame's definition
   * (centre of the zone's planar bounding box at the frame's centre, 72/0.0254/8000 pt per metre),
   * taken back to longitude/latitude, and the tile pixel there is looked up. Both masks ("the
   * zone's colour is there") must agree on at least 96% of their union (grid lines over the fill
   * take about 2%); the outlines differ by about a pixel (1.5 pt against 2 tile pixels), which the
   * margin absorbs.
   */
  @Test
  void mapPageShowsTheZoneWhereThePngRendererDrawsIt() throws IOException {
    Poppler.requireAvailable();
    MultiPolygon zone = lShape();
    assertThat(agreement(zone, zone)).isGreaterThan(0.96);
    // The comparison can fail: tiles of the zone moved 20 m east (about 10 pixels) disagree.
    MultiPolygon moved = (MultiPolygon) zone.copy();
    moved.apply(
        (org.locationtech.jts.geom.CoordinateFilter)
            c -> c.x += 20 / (111_320 * Math.cos(Math.toRadians(29.45))));
    moved.geometryChanged();
    assertThat(agreement(zone, moved)).isLessThan(0.96);
  }

  /**
   * Share of the union of both masks where they agree: {@code zone} drawn in the PDF, {@code tiled}
   * drawn by the PNG renderer.
   */
  private double agreement(MultiPolygon zone, MultiPolygon tiled) throws IOException {
    ReportOptions o = new ReportOptions(Paper.A4, false, 8000, null);
    Path pdf = dir.resolve("zone.pdf");
    try (OutputStream out = Files.newOutputStream(pdf);
        PdfReport report = new PdfReport(out, o, "t", "tester", 0)) {
      report.addZone(sheet(zone, o, null));
    }
    BufferedImage page = ImageIO.read(Poppler.renderPage(pdf, 1, 96, dir).toFile());
    double pxPerPt = 96.0 / 72.0;
    assertThat(page.getWidth()).isCloseTo((int) Math.round(o.pageWidth() * pxPerPt), within(1));

    GaussKruger gk = GaussKruger.forGeometry(zone);
    Envelope planar = gk.project(zone).getEnvelopeInternal();
    double centreE = (planar.getMinX() + planar.getMaxX()) / 2;
    double centreN = (planar.getMinY() + planar.getMaxY()) / 2;
    double ptPerMetre = 72 / 0.0254 / 8000;
    Rectangle2D frame = PdfReport.mapFrame(o);
    GaussKruger.Transform back = gk.fromPlane(false);

    TileRenderer renderer = new TileRenderer(TileRenderer.findFont("Noto Sans CJK SC"));
    Map<Long, BufferedImage> tiles = new HashMap<>();
    int z = 16;
    double worldPx = 256.0 * (1 << z);
    List<TileFeature> features =
        List.of(new TileFeature(-1, tiled, Map.of(), TileStyle.zone(ZoneKind.CORE), null));

    int both = 0;
    int either = 0;
    int pdfOnly = 0;
    int pngOnly = 0;
    for (int j = 0; j < page.getHeight(); j++) {
      for (int i = 0; i < page.getWidth(); i++) {
        double xPt = (i + 0.5) / pxPerPt;
        double yPt = (j + 0.5) / pxPerPt;
        // inside the frame, away from its border line
        if (xPt < frame.getMinX() + 3
            || xPt > frame.getMaxX() - 3
            || yPt < frame.getMinY() + 3
            || yPt > frame.getMaxY() - 3) {
          continue;
        }
        double e = centreE + (xPt - frame.getCenterX()) / ptPerMetre;
        double n = centreN - (yPt - frame.getCenterY()) / ptPerMetre;
        Point p = (Point) back.apply(GF.createPoint(new Coordinate(e, n)));
        double wx = WebMercator.x(p.getX()) * worldPx;
        double wy = WebMercator.y(p.getY()) * worldPx;
        int tx = (int) Math.floor(wx / 256);
        int ty = (int) Math.floor(wy / 256);
        BufferedImage tile =
            tiles.computeIfAbsent(
                ((long) tx << 32) | ty,
                k -> renderer.draw(TileCoord.ofXYZ(tx, ty, z), 1, features));
        int argb = tile.getRGB((int) Math.floor(wx) - tx * 256, (int) Math.floor(wy) - ty * 256);
        boolean png = (argb >>> 24) > 30;
        int rgb = page.getRGB(i, j);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        boolean inPdf = r - g > 25;
        if (png && inPdf) {
          both++;
        }
        if (png || inPdf) {
          either++;
        }
        if (inPdf && !png) {
          pdfOnly++;
        }
        if (png && !inPdf) {
          pngOnly++;
        }
      }
    }
    // 1.2 km × 0.9 km less a quarter is about 0.85 km², some 190,000 px of 2.1 m: not a blank map
    assertThat(both).as("pixels of the zone in both").isGreaterThan(100_000);
    double agreement = (double) both / either;
    System.out.printf(
        "PDF/PNG masks: both %d, pdf only %d, png only %d, agreement %.4f%n",
        both, pdfOnly, pngOnly, agreement);
    return agreement;
  }

  /**
   * The font is shared by every document of the process (OpenPDF caches it): four reports written
   * at once each hold their text and their own embedded subset.
   */
  @Test
  void reportsWrittenConcurrentlyAreEachComplete() throws Exception {
    Poppler.requireAvailable();
    MultiPolygon zone = lShape();
    ReportOptions o = new ReportOptions(Paper.A4, true, null, null);
    List<Path> files = new java.util.ArrayList<>();
    List<Thread> threads = new java.util.ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    for (int i = 0; i < 4; i++) {
      Path pdf = dir.resolve("c" + i + ".pdf");
      files.add(pdf);
      String label = "并发测试区" + "甲乙丙丁".charAt(i);
      Thread t =
          new Thread(
              () -> {
                try (OutputStream out = Files.newOutputStream(pdf);
                    PdfReport report = new PdfReport(out, o, "t", "tester", 0)) {
                  report.addZone(sheet(zone, o, label));
                } catch (Throwable e) {
                  errors.add(e);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(errors).isEmpty();
    for (int i = 0; i < 4; i++) {
      assertThat(Poppler.text(files.get(i)))
          .contains("并发测试区" + "甲乙丙丁".charAt(i))
          .contains("测试核心区（T-1）")
          .contains("J1");
      assertThat(Poppler.fonts(files.get(i))).contains("NotoSansCJK");
    }
  }

  @Test
  void fittedScaleIsTheRoundScaleWorkedByHand() {
    // 1000 m × 500 m in a 500 pt × 400 pt frame: paper 0.17639 m × 0.14111 m;
    // 1.15 × max(1000 / 0.17639, 500 / 0.14111) = 1.15 × 5669.3 = 6519.7 → 7000 (steps of 500).
    MapView v = MapView.of(new GaussKruger(40), new Envelope(0, 1000, 0, 500), 500, 400, null);
    assertThat(v.scale()).isEqualTo(7000);
    assertThat(v.fitted()).isTrue();
    // 30 km × 10 km: 1.15 × 30000 / 0.17639 = 195,590 → 200,000 (steps of 5,000)
    assertThat(
            MapView.of(new GaussKruger(40), new Envelope(0, 30000, 0, 10000), 500, 400, null)
                .scale())
        .isEqualTo(200_000);
    assertThat(
            MapView.of(new GaussKruger(40), new Envelope(0, 1000, 0, 500), 500, 400, 5000).scale())
        .isEqualTo(5000);
    assertThat(
            MapView.of(new GaussKruger(40), new Envelope(0, 1000, 0, 500), 500, 400, 5000)
                .centreE())
        .isEqualTo(500);
  }

  /**
   * 四至 by hand: a 1 km square; a zone touching its east side (1 km × 1 km, covering the whole
   * eastern band and a part of the north and south bands' corners); a town covering everything. The
   * east sector's band (the zone's buffer minus the zone, ±45° around east from its centre) lies in
   * the east neighbour except the corner pieces beyond ±500 m north and south, so the neighbour
   * covers most of it; the town covers all of every band.
   */
  @Test
  void quartersNameWhatLiesInEachDirection() {
    GeometryFactory plane = new GeometryFactory();
    Geometry zone = plane.toGeometry(new Envelope(0, 1000, 0, 1000));
    Geometry east = plane.toGeometry(new Envelope(1000, 2000, 0, 1000));
    Geometry town = plane.toGeometry(new Envelope(-5000, 5000, -5000, 5000));
    var q =
        Quarters.of(
            zone,
            List.of(
                new Quarters.Candidate("东园", "片区", east),
                new Quarters.Candidate("某镇", "镇/街道", town)));
    assertThat(q.get(Quarters.Direction.EAST))
        .extracting(Quarters.Neighbour::name)
        .containsExactly("某镇", "东园");
    assertThat(q.get(Quarters.Direction.EAST).get(1).share()).isGreaterThan(0.7);
    assertThat(q.get(Quarters.Direction.WEST))
        .extracting(Quarters.Neighbour::name)
        .containsExactly("某镇");
    assertThat(q.get(Quarters.Direction.NORTH))
        .extracting(Quarters.Neighbour::name)
        .containsExactly("某镇");
    assertThat(q.get(Quarters.Direction.SOUTH))
        .extracting(Quarters.Neighbour::name)
        .containsExactly("某镇");
  }
}
