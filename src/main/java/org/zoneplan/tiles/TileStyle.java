package org.zoneplan.tiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.util.EnumMap;
import java.util.Map;
import org.zoneplan.zones.ZoneKind;

/**
 * How a feature is drawn on a PNG tile.
 *
 * @param fill fill colour with its alpha, or null for none
 * @param stroke outline colour, or null for none
 * @param strokeWidth outline width in pixels of a 256-pixel tile
 * @param dashed whether the outline is dashed
 * @param labelOnlyWhenSmall for parents (a platform, a zone): labelled only at zooms where their
 *     parts are too small to carry labels of their own
 */
public record TileStyle(
    Color fill, Color stroke, float strokeWidth, boolean dashed, boolean labelOnlyWhenSmall) {

  /** Zone colours by kind, the same as the web page's. */
  private static final Map<ZoneKind, Color> ZONE_COLOURS = new EnumMap<>(ZoneKind.class);

  static {
    ZONE_COLOURS.put(ZoneKind.PLATFORM, new Color(0x888888));
    ZONE_COLOURS.put(ZoneKind.ZONE, new Color(0x1F77B4));
    ZONE_COLOURS.put(ZoneKind.CORE, new Color(0xD62728));
    ZONE_COLOURS.put(ZoneKind.SUBAREA, new Color(0x2CA02C));
    ZONE_COLOURS.put(ZoneKind.EXPANSION, new Color(0xFF7F0E));
    ZONE_COLOURS.put(ZoneKind.FUNCTIONAL, new Color(0x9467BD));
    ZONE_COLOURS.put(ZoneKind.COOPERATION, new Color(0x8C564B));
  }

  /** Alpha of zone fills (0–255): the basemap shows through. */
  public static final int ZONE_FILL_ALPHA = 90;

  /** Alpha of parcel fills. */
  public static final int PARCEL_FILL_ALPHA = 200;

  /** Opaque colour of a zone kind. */
  public static Color zoneColour(ZoneKind kind) {
    return ZONE_COLOURS.get(kind);
  }

  /**
   * A zone: filled and outlined in its kind's colour; a platform or a zone (the parents of the
   * others) only outlined, and labelled only when small. Decided by the kind alone, so a zone's
   * tiles depend on nothing but the zone itself.
   */
  public static TileStyle zone(ZoneKind kind) {
    Color c = zoneColour(kind);
    return kind == ZoneKind.PLATFORM || kind == ZoneKind.ZONE
        ? new TileStyle(null, c, 1.5f, true, true)
        : new TileStyle(withAlpha(c, ZONE_FILL_ALPHA), c, 2f, false, false);
  }

  /** A parcel: filled by its land-use category, with a thin white outline. */
  public static TileStyle parcel(LandUseClass.Category category) {
    return new TileStyle(
        withAlpha(category.colour(), PARCEL_FILL_ALPHA),
        new Color(255, 255, 255, 200),
        0.5f,
        false,
        false);
  }

  /** Grade colours: A green, B blue, C orange, D red, T grey (as the page's legend). */
  public static Color gradeColour(org.zoneplan.evaluation.Grade grade) {
    return switch (grade) {
      case A -> new Color(0x2CA02C);
      case B -> new Color(0x1F77B4);
      case C -> new Color(0xFF7F0E);
      case D -> new Color(0xD62728);
      case T -> new Color(0x999999);
    };
  }

  /** A parcel of a graded enterprise: filled in the grade's colour, thin white outline. */
  public static TileStyle grade(org.zoneplan.evaluation.Grade grade) {
    return new TileStyle(
        withAlpha(gradeColour(grade), PARCEL_FILL_ALPHA),
        new Color(255, 255, 255, 200),
        0.5f,
        false,
        false);
  }

  /** An administrative division: a dark dashed outline. */
  public static TileStyle division() {
    return new TileStyle(null, new Color(0x555555), 1.5f, true, false);
  }

  /**
   * Fills and outlines a shape in this style: the one drawing rule of PNG tiles and PDF reports.
   *
   * @param scale what one pixel of a 256-pixel tile is in {@code g}'s units (2 for {@code @2x}
   *     tiles; about 0.75 for PDF points, a 96-dpi pixel): multiplies stroke widths and dashes
   */
  public void paint(Graphics2D g, Shape shape, float scale) {
    if (fill != null) {
      g.setColor(fill);
      g.fill(shape);
    }
    if (stroke != null) {
      g.setColor(stroke);
      float width = strokeWidth * scale;
      g.setStroke(
          dashed
              ? new BasicStroke(
                  width,
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_ROUND,
                  10f,
                  new float[] {6f * scale, 4f * scale},
                  0f)
              : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(shape);
    }
  }

  static Color withAlpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }
}
