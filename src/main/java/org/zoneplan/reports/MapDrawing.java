package org.zoneplan.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.TopologyException;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.tiles.TileRenderer;
import org.zoneplan.tiles.TileStyle;

/**
 * Draws a report's map with Java2D in PDF points (y down), in the Gauss-Krüger plane of a {@link
 * MapView}: features styled as on the PNG tiles ({@link TileStyle#paint}, one tile pixel = {@link
 * #POINTS_PER_PIXEL} points), Chinese labels with the tiles' halo, the plane's coordinate grid with
 * labels on the frame, a north arrow, a scale bar and a legend. Spring-free; one instance per map.
 */
public final class MapDrawing {
  /** A 256-pixel tile's pixel on paper: a 96-dpi pixel, 0.75 pt. */
  public static final float POINTS_PER_PIXEL = 0.75f;

  /** Label size on paper, points: the tiles' label size in 96-dpi pixels. */
  public static final float LABEL_POINTS = TileRenderer.LABEL_FONT_SIZE * POINTS_PER_PIXEL;

  /** Grid intervals tried, metres: the smallest giving at most 8 lines across the frame. */
  private static final int[] GRID_STEPS = {
    50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 50_000, 100_000
  };

  static final Color GRID_COLOUR = new Color(0x7F7F7F);
  static final Color FRAME_COLOUR = Color.BLACK;

  private final MapView view;
  private final Rectangle2D frame;
  private final Font font;
  private final double k;
  private final GaussKruger.Transform toPlane;

  /**
   * @param frame the map frame on the page, points
   * @param font any size: derived per use (a CJK font, e.g. {@link TileRenderer#findFont})
   */
  public MapDrawing(MapView view, Rectangle2D frame, Font font) {
    this.view = view;
    this.frame = frame;
    this.font = font;
    this.k = view.pointsPerMetre();
    this.toPlane = view.gk().toPlane(false);
  }

  /** Page x of an easting (metres, false easting 500000). */
  public double pageX(double easting) {
    return frame.getCenterX() + (easting - view.centreE()) * k;
  }

  /** Page y (down) of a northing (metres). */
  public double pageY(double northing) {
    return frame.getCenterY() - (northing - view.centreN()) * k;
  }

  /** The ground window of the frame in the plane, metres. */
  public Envelope groundWindow() {
    double halfW = frame.getWidth() / 2 / k;
    double halfH = frame.getHeight() / 2 / k;
    return new Envelope(
        view.centreE() - halfW,
        view.centreE() + halfW,
        view.centreN() - halfH,
        view.centreN() + halfH);
  }

  /** The grid interval for this frame, metres. */
  public int gridStep() {
    double width = frame.getWidth() / k;
    for (int step : GRID_STEPS) {
      if (width / step <= 8) {
        return step;
      }
    }
    return GRID_STEPS[GRID_STEPS.length - 1];
  }

  /**
   * The map inside the frame: features in list order (later on top), the grid, labels (the
   * subject's first, then smaller features before larger ones), the frame, its grid labels and the
   * north arrow.
   */
  public void draw(Graphics2D g, List<MapFeature> features) {
    Envelope window = groundWindow();
    Envelope padded = new Envelope(window);
    padded.expandBy(window.getWidth() * 0.05, window.getHeight() * 0.05);
    Geometry clipBox = new GeometryFactory().toGeometry(padded);
    ShapeWriter shapes =
        new ShapeWriter((src, dest) -> dest.setLocation(pageX(src.x), pageY(src.y)));
    Shape oldClip = g.getClip();
    g.clip(frame);
    List<Geometry> visible = new ArrayList<>();
    for (MapFeature f : features) {
      Geometry planar = toPlane.apply(f.geographic());
      Geometry shown = clip(planar, clipBox, padded);
      visible.add(shown);
      if (shown != null) {
        f.style().paint(g, shapes.toShape(shown), POINTS_PER_PIXEL);
      }
    }
    drawGrid(g, window);
    drawLabels(g, features, visible);
    g.setClip(oldClip);
    g.setColor(FRAME_COLOUR);
    g.setStroke(new BasicStroke(1f));
    g.draw(frame);
    drawGridLabels(g, window);
    drawNorthArrow(g);
  }

  private static Geometry clip(Geometry planar, Geometry box, Envelope padded) {
    if (!planar.getEnvelopeInternal().intersects(padded)) {
      return null;
    }
    if (padded.contains(planar.getEnvelopeInternal())) {
      return planar;
    }
    try {
      Geometry clipped = planar.intersection(box);
      return clipped.isEmpty() ? null : clipped;
    } catch (TopologyException e) {
      // A stored geometry that overlay cannot handle: drawn whole, the frame's clip cuts it.
      return planar;
    }
  }

  private void drawGrid(Graphics2D g, Envelope window) {
    int step = gridStep();
    g.setColor(GRID_COLOUR);
    g.setStroke(new BasicStroke(0.3f));
    for (double e = Math.ceil(window.getMinX() / step) * step; e <= window.getMaxX(); e += step) {
      g.draw(new Line2D.Double(pageX(e), frame.getMinY(), pageX(e), frame.getMaxY()));
    }
    for (double n = Math.ceil(window.getMinY() / step) * step; n <= window.getMaxY(); n += step) {
      g.draw(new Line2D.Double(frame.getMinX(), pageY(n), frame.getMaxX(), pageY(n)));
    }
  }

  /**
   * Grid values outside the frame: Y (easting with the zone number in front, as on Chinese
   * topographic maps) above and below, X (northing) left and right, in metres.
   */
  private void drawGridLabels(Graphics2D g, Envelope window) {
    int step = gridStep();
    Font small = font.deriveFont(6f);
    g.setFont(small);
    g.setColor(FRAME_COLOUR);
    FontRenderContext frc = g.getFontRenderContext();
    long prefix = view.gk().zone() * 1_000_000L;
    for (double e = Math.ceil(window.getMinX() / step) * step; e <= window.getMaxX(); e += step) {
      String text = Long.toString(prefix + Math.round(e));
      float w = (float) small.getStringBounds(text, frc).getWidth();
      float x = (float) (pageX(e) - w / 2);
      g.drawString(text, x, (float) frame.getMinY() - 3f);
      g.drawString(text, x, (float) frame.getMaxY() + 8f);
    }
    for (double n = Math.ceil(window.getMinY() / step) * step; n <= window.getMaxY(); n += step) {
      String text = Long.toString(Math.round(n));
      float w = (float) small.getStringBounds(text, frc).getWidth();
      AffineTransform saved = g.getTransform();
      g.translate(frame.getMinX() - 3, pageY(n) + w / 2);
      g.rotate(-Math.PI / 2);
      g.drawString(text, 0f, 0f);
      g.setTransform(saved);
      g.translate(frame.getMaxX() + 3, pageY(n) - w / 2);
      g.rotate(Math.PI / 2);
      g.drawString(text, 0f, 0f);
      g.setTransform(saved);
    }
  }

  private void drawLabels(Graphics2D g, List<MapFeature> features, List<Geometry> visible) {
    Font labelFont = font.deriveFont(LABEL_POINTS);
    g.setFont(labelFont);
    FontRenderContext frc = g.getFontRenderContext();
    // The zone's own label first, then smaller features before larger ones (as on the tiles).
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      order.add(i);
    }
    order.sort(
        (a, b) -> {
          boolean sa = features.get(a).role() == MapFeature.Role.SUBJECT;
          boolean sb = features.get(b).role() == MapFeature.Role.SUBJECT;
          if (sa != sb) {
            return sa ? -1 : 1;
          }
          Geometry ga = visible.get(a);
          Geometry gb = visible.get(b);
          return Double.compare(ga == null ? 0 : ga.getArea(), gb == null ? 0 : gb.getArea());
        });
    List<Rectangle2D> placed = new ArrayList<>();
    BasicStroke halo =
        new BasicStroke(3f * POINTS_PER_PIXEL, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    for (int i : order) {
      MapFeature f = features.get(i);
      Geometry shown = visible.get(i);
      if (f.label() == null || f.label().isBlank() || shown == null) {
        continue;
      }
      Geometry largest = largestPolygon(shown);
      if (largest == null) {
        continue;
      }
      Envelope env = largest.getEnvelopeInternal();
      Rectangle2D bounds = labelFont.getStringBounds(f.label(), frc);
      boolean subject = f.role() == MapFeature.Role.SUBJECT;
      // As on the tiles: a label is drawn where it fits its feature (the zone's own always).
      if (!subject
          && (env.getWidth() * k < 1.2 * bounds.getWidth()
              || env.getHeight() * k < 2 * bounds.getHeight())) {
        continue;
      }
      Coordinate anchor = InteriorPointArea.getInteriorPoint(largest);
      double x = pageX(anchor.x) - bounds.getWidth() / 2;
      double baseline = pageY(anchor.y) - bounds.getY() - bounds.getHeight() / 2;
      Rectangle2D box =
          new Rectangle2D.Double(
              x, baseline + bounds.getY(), bounds.getWidth(), bounds.getHeight());
      if (!frame.contains(box) || placed.stream().anyMatch(box::intersects)) {
        continue;
      }
      placed.add(box);
      GlyphVector glyphs = labelFont.createGlyphVector(frc, f.label());
      g.setStroke(halo);
      g.setColor(new Color(255, 255, 255, 220));
      g.draw(glyphs.getOutline((float) x, (float) baseline));
      g.setColor(TileRenderer.LABEL_COLOUR);
      g.drawString(f.label(), (float) x, (float) baseline);
    }
  }

  private static Geometry largestPolygon(Geometry g) {
    Geometry largest = null;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Geometry part = g.getGeometryN(i);
      if (part.getDimension() == 2 && (largest == null || part.getArea() > largest.getArea())) {
        largest = part;
      }
    }
    return largest;
  }

  /**
   * Meridian convergence at the frame's centre, radians: the angle from grid north (up) to true
   * north, clockwise positive (east of the central meridian true north leans left, negative).
   */
  public double convergence() {
    GaussKruger.Transform back = view.gk().fromPlane(false);
    GeometryFactory gf = new GeometryFactory();
    Coordinate c =
        back.apply(gf.createPoint(new Coordinate(view.centreE(), view.centreN()))).getCoordinate();
    Coordinate north =
        toPlane.apply(gf.createPoint(new Coordinate(c.x, c.y + 0.01))).getCoordinate();
    return Math.atan2(north.x - view.centreE(), north.y - view.centreN());
  }

  /** A north arrow in the frame's top-right corner, pointing to true north. */
  private void drawNorthArrow(Graphics2D g) {
    double cx = frame.getMaxX() - 22;
    double cy = frame.getMinY() + 30;
    AffineTransform saved = g.getTransform();
    g.translate(cx, cy);
    g.rotate(convergence());
    Path2D left = new Path2D.Double();
    left.moveTo(0, -16);
    left.lineTo(-6, 10);
    left.lineTo(0, 5);
    left.closePath();
    Path2D right = new Path2D.Double();
    right.moveTo(0, -16);
    right.lineTo(6, 10);
    right.lineTo(0, 5);
    right.closePath();
    g.setColor(Color.WHITE);
    g.fill(right);
    g.setColor(Color.BLACK);
    g.fill(left);
    g.setStroke(new BasicStroke(0.6f));
    g.draw(right);
    g.setFont(font.deriveFont(8f));
    g.drawString("北", -4f, -18f);
    g.setTransform(saved);
  }

  /**
   * A scale bar of four alternating segments with its left end at ({@code x}, {@code y}) and the
   * scale written beside it; at most {@code maxWidth} points long.
   */
  public void drawScaleBar(Graphics2D g, double x, double y, double maxWidth) {
    double metres = niceLength(maxWidth / k);
    double width = metres * k;
    double seg = width / 4;
    g.setStroke(new BasicStroke(0.5f));
    for (int i = 0; i < 4; i++) {
      Rectangle2D r = new Rectangle2D.Double(x + i * seg, y, seg, 4);
      g.setColor(i % 2 == 0 ? Color.BLACK : Color.WHITE);
      g.fill(r);
      g.setColor(Color.BLACK);
      g.draw(r);
    }
    g.setFont(font.deriveFont(7f));
    FontRenderContext frc = g.getFontRenderContext();
    g.drawString("0", (float) x - 2f, (float) y + 12f);
    String end = metres >= 1000 ? fmt(metres / 1000) + " km" : fmt(metres) + " m";
    float endW = (float) g.getFont().getStringBounds(end, frc).getWidth();
    g.drawString(end, (float) (x + width - endW / 2), (float) y + 12f);
    String half = metres / 2 >= 1000 ? fmt(metres / 2000) + " km" : fmt(metres / 2) + " m";
    float halfW = (float) g.getFont().getStringBounds(half, frc).getWidth();
    g.drawString(half, (float) (x + width / 2 - halfW / 2), (float) y + 12f);
    g.setFont(font.deriveFont(9f));
    g.drawString(
        "比例尺 1:" + view.scale() + (view.fitted() ? "（按区块适配）" : ""), (float) x, (float) y - 4f);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /** The largest 1, 2 or 5 × 10ⁿ metres not above {@code max}. */
  static double niceLength(double max) {
    double p = Math.pow(10, Math.floor(Math.log10(max)));
    for (double m : new double[] {5, 2, 1}) {
      if (m * p <= max) {
        return m * p;
      }
    }
    return p;
  }

  /** One legend entry: a swatch drawn in a tile style, and its text. */
  public record LegendEntry(TileStyle style, String text) {}

  /**
   * The legend from ({@code x}, {@code y}) (top left), entries in columns of {@code rows}; the grid
   * is its last entry.
   */
  public void drawLegend(
      Graphics2D g, double x, double y, List<LegendEntry> entries, int rows, double columnWidth) {
    g.setFont(font.deriveFont(9f));
    g.setColor(Color.BLACK);
    g.drawString("图例", (float) x, (float) y + 8f);
    Font text = font.deriveFont(7.5f);
    int i = 0;
    for (LegendEntry e : entries) {
      double ex = x + (i / rows) * columnWidth;
      double ey = y + 14 + (i % rows) * 13;
      Rectangle2D swatch = new Rectangle2D.Double(ex, ey, 18, 9);
      if (e.style() == null) {
        g.setColor(GRID_COLOUR);
        g.setStroke(new BasicStroke(0.3f));
        g.draw(new Line2D.Double(ex, ey + 4.5, ex + 18, ey + 4.5));
        g.draw(new Line2D.Double(ex + 9, ey, ex + 9, ey + 9));
      } else {
        e.style().paint(g, swatch, POINTS_PER_PIXEL);
      }
      g.setColor(Color.BLACK);
      g.setFont(text);
      g.drawString(e.text(), (float) ex + 22f, (float) ey + 7.5f);
      i++;
    }
  }
}
