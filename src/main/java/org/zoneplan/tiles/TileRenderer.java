package org.zoneplan.tiles;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zoneplan.geo.WebMercator;

/**
 * Draws PNG tiles with Java2D from JTS geometry: antialiased fills and outlines styled per feature
 * ({@link TileStyle}), then Chinese labels in a CJK font.
 *
 * <p>Labels are placed once per feature, not per tile: the anchor is an interior point of the
 * feature's largest polygon, computed from the whole geometry, rounded to the global pixel grid of
 * the zoom. Every tile the label reaches draws it at the same place, so a label crossing a tile
 * edge is drawn in two halves that meet exactly, never cut or repeated. The caller must therefore
 * pass the features of the tile widened by {@link #LABEL_MARGIN} (the widest label reaches that
 * far).
 *
 * <p>A feature is labelled at a zoom when its label fits inside its bounding box there; a parent
 * (drawn as an outline only) only while it is too small for its parts to carry labels of their own.
 * Both depend on the feature and the zoom alone, so neighbouring tiles agree. Where two labels
 * would overlap, the smaller feature's wins; neighbouring tiles see the same features near their
 * common edge, so they agree there too (only two long labels colliding more than half a tile beyond
 * an edge could be decided differently). Thread-safe: the renderer holds only the font.
 */
public final class TileRenderer {
  private static final Logger log = LoggerFactory.getLogger(TileRenderer.class);

  /** Tile size in pixels at scale 1 (scale 2 serves {@code @2x} tiles of 512 pixels). */
  public static final int TILE_SIZE = 256;

  /** Label font size in pixels at scale 1. */
  public static final float LABEL_FONT_SIZE = 13f;

  /** Label text colour; labels are drawn with a white halo. */
  public static final Color LABEL_COLOUR = new Color(0x202020);

  /** How far around a tile (in tile sizes) label anchors are looked for: half a tile = 128 px. */
  public static final double LABEL_MARGIN = 0.5;

  /** Text every label font must be able to show. */
  public static final String CJK_PROBE = "核心区开发区";

  private static final String[] FONT_DIRS = {"/usr/share/fonts", "/usr/local/share/fonts"};

  private final Font font;

  /** A renderer drawing labels in {@code font} (any size; it is derived per scale). */
  public TileRenderer(Font font) {
    this.font = font;
  }

  /** The label font at a scale (1 for 256-pixel tiles, 2 for 512). */
  public Font labelFont(int scale) {
    return font.deriveFont(LABEL_FONT_SIZE * scale);
  }

  /**
   * Finds a font for Chinese labels: the named family if installed (Debian's fonts-noto-cjk
   * provides "Noto Sans CJK SC"), else a font file of that family under /usr/share/fonts, else any
   * installed font that can show Chinese, else Java's logical SansSerif with a warning (labels may
   * then show boxes).
   */
  public static Font findFont(String family) {
    GraphicsEnvironment env = GraphicsEnvironment.getLocalGraphicsEnvironment();
    String[] families = env.getAvailableFontFamilyNames(Locale.ROOT);
    for (String f : families) {
      if (f.equalsIgnoreCase(family)) {
        Font found = new Font(f, Font.PLAIN, 1);
        if (found.canDisplayUpTo(CJK_PROBE) == -1) {
          return found;
        }
      }
    }
    Font fromFile = findFontFile(family);
    if (fromFile != null) {
      return fromFile;
    }
    for (String f : families) {
      Font candidate = new Font(f, Font.PLAIN, 1);
      if (candidate.canDisplayUpTo(CJK_PROBE) == -1 && !isLogical(f)) {
        log.warn("Label font \"{}\" not found; using \"{}\"", family, f);
        return candidate;
      }
    }
    log.warn(
        "No font that shows Chinese found (install fonts-noto-cjk); labels use SansSerif and may"
            + " show boxes");
    return new Font(Font.SANS_SERIF, Font.PLAIN, 1);
  }

  private static boolean isLogical(String family) {
    return List.of("Dialog", "DialogInput", "Monospaced", "Serif", "SansSerif").contains(family);
  }

  private static Font findFontFile(String family) {
    for (String dir : FONT_DIRS) {
      Path root = Path.of(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p :
            files.filter(f -> f.toString().matches("(?i).*cjk.*\\.(ttc|otf|ttf)")).toList()) {
          try {
            for (Font f : Font.createFonts(new File(p.toString()))) {
              if (f.getFamily(Locale.ROOT).equalsIgnoreCase(family)
                  && f.canDisplayUpTo(CJK_PROBE) == -1) {
                return f.deriveFont(Font.PLAIN, 1f);
              }
            }
          } catch (java.awt.FontFormatException | IOException e) {
            log.debug("Skipping font file {}: {}", p, e.toString());
          }
        }
      } catch (IOException | UncheckedIOException e) {
        log.debug("Cannot list fonts in {}: {}", dir, e.toString());
      }
    }
    return null;
  }

  /**
   * Draws a tile. Features are drawn in list order (later on top), then the labels.
   *
   * @param scale 1 for a 256-pixel tile, 2 for a 512-pixel ({@code @2x}) one
   */
  public BufferedImage draw(TileCoord tile, int scale, List<TileFeature> features) {
    int size = TILE_SIZE * scale;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setComposite(AlphaComposite.SrcOver);
      ShapeWriter shapes = new ShapeWriter((src, dest) -> dest.setLocation(src.x, src.y));
      // Geometry is clipped a few pixels outside the tile, so clipped edges are never stroked.
      double margin = 4.0 * scale;
      for (TileFeature feature : features) {
        Geometry projected = MvtGeometry.project(feature.geometry(), tile, size);
        Geometry clipped = MvtGeometry.clip(projected, -margin, size + margin);
        if (clipped == null) {
          continue;
        }
        Shape shape = shapes.toShape(clipped);
        feature.style().paint(g, shape, scale);
      }
      drawLabels(g, tile, scale, features);
    } finally {
      g.dispose();
    }
    return image;
  }

  private void drawLabels(Graphics2D g, TileCoord tile, int scale, List<TileFeature> features) {
    Font labelFont = labelFont(scale);
    g.setFont(labelFont);
    FontRenderContext frc = g.getFontRenderContext();
    double worldPixels = (double) (1L << tile.z()) * TILE_SIZE * scale;
    long originX = (long) tile.x() * TILE_SIZE * scale;
    long originY = (long) tile.y() * TILE_SIZE * scale;
    BasicStroke halo = new BasicStroke(3f * scale, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    List<Rectangle2D> placed = new java.util.ArrayList<>();
    // Smaller features first (the list is largest first): their labels win a collision.
    for (int i = features.size() - 1; i >= 0; i--) {
      TileFeature feature = features.get(i);
      String text = feature.label();
      if (text == null || text.isBlank()) {
        continue;
      }
      Geometry largest = largestPolygon(feature.geometry());
      Envelope env = largest.getEnvelopeInternal();
      double boxWidth = (WebMercator.x(env.getMaxX()) - WebMercator.x(env.getMinX())) * worldPixels;
      double boxHeight =
          (WebMercator.y(env.getMinY()) - WebMercator.y(env.getMaxY())) * worldPixels;
      GlyphVector glyphs = labelFont.createGlyphVector(frc, text);
      Rectangle2D bounds = glyphs.getLogicalBounds();
      double textWidth = bounds.getWidth();
      double textHeight = bounds.getHeight();
      boolean fits = boxWidth >= 1.2 * textWidth && boxHeight >= 2 * textHeight;
      if (textWidth / 2 > LABEL_MARGIN * TILE_SIZE * scale) {
        // Wider than the margin of features read around a tile: a neighbour could not draw its
        // half, so such a label is never drawn rather than drawn cut.
        continue;
      }
      if (!fits || (feature.style().labelOnlyWhenSmall() && boxWidth >= 3 * textWidth)) {
        continue;
      }
      Coordinate anchor = InteriorPointArea.getInteriorPoint(largest);
      double ax = WebMercator.x(anchor.x) * worldPixels;
      double ay = WebMercator.y(anchor.y) * worldPixels;
      // Global pixel position first, then this tile's offset: the same for every tile.
      long left = Math.round(ax - textWidth / 2) - originX;
      long baseline = Math.round(ay - bounds.getY() - textHeight / 2) - originY;
      Rectangle2D box =
          new Rectangle2D.Double(left, baseline + bounds.getY(), textWidth, textHeight);
      if (placed.stream().anyMatch(box::intersects)) {
        continue;
      }
      placed.add(box);
      if (!box.intersects(0, 0, TILE_SIZE * scale, TILE_SIZE * scale)) {
        continue;
      }
      Shape outline = glyphs.getOutline(left, baseline);
      g.setStroke(halo);
      g.setColor(new Color(255, 255, 255, 220));
      g.draw(outline);
      g.setColor(LABEL_COLOUR);
      g.drawGlyphVector(glyphs, left, baseline);
    }
  }

  private static Geometry largestPolygon(Geometry g) {
    Geometry largest = g.getGeometryN(0);
    for (int i = 1; i < g.getNumGeometries(); i++) {
      if (g.getGeometryN(i).getArea() > largest.getArea()) {
        largest = g.getGeometryN(i);
      }
    }
    return largest;
  }

  /** PNG bytes of an image (fast deflate: tiles are small and served once per cache entry). */
  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (param.canWriteCompressed()) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.6f);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
