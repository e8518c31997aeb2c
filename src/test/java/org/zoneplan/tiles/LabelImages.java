package org.zoneplan.tiles;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds text in a rendered map image and compares it with a reference rendering of a string: the
 * dark grey pixels are grouped into clusters (one per label), and each cluster is correlated with
 * the reference's darkness at the best alignment.
 */
final class LabelImages {
  private static final int STRONG = 120;

  private LabelImages() {}

  /**
   * The cluster of dark text in {@code image} that best matches {@code text} drawn in {@code font}.
   */
  static LabelMatch bestMatch(BufferedImage image, Font font, String text) {
    double[][] dark = darkness(image);
    BufferedImage reference = reference(font, text);
    double[][] ref = darkness(reference);
    int[] refBox = strongBox(ref);
    if (refBox == null) {
      throw new AssertionError("reference rendering of " + text + " is blank");
    }
    int w = refBox[2] - refBox[0] + 1;
    int h = refBox[3] - refBox[1] + 1;
    LabelMatch best = new LabelMatch(-1, 0, 0, 0, 0);
    for (int[] box : clusters(dark)) {
      for (int dx = -2; dx <= 2; dx++) {
        for (int dy = -2; dy <= 2; dy++) {
          double r = correlation(dark, box[0] + dx, box[1] + dy, ref, refBox[0], refBox[1], w, h);
          if (r > best.correlation()) {
            best = new LabelMatch(r, box[0] + dx, box[1] + dy, w, h);
          }
        }
      }
    }
    return best;
  }

  /** The string drawn in black on white with antialiasing, with room around it. */
  static BufferedImage reference(Font font, String text) {
    int size = Math.round(font.getSize2D());
    BufferedImage image =
        new BufferedImage(size * (text.length() + 4), size * 4, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(font);
    g.drawString(text, size * 2, size * 2);
    g.dispose();
    return image;
  }

  /** 255 − grey level for greyish pixels (composited over white), 0 for coloured ones. */
  static double[][] darkness(BufferedImage image) {
    double[][] d = new double[image.getWidth()][image.getHeight()];
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int argb = image.getRGB(x, y);
        double a = (argb >>> 24) / 255.0;
        double r = ((argb >> 16) & 0xFF) * a + 255 * (1 - a);
        double gr = ((argb >> 8) & 0xFF) * a + 255 * (1 - a);
        double b = (argb & 0xFF) * a + 255 * (1 - a);
        double max = Math.max(r, Math.max(gr, b));
        double min = Math.min(r, Math.min(gr, b));
        d[x][y] = max - min > 40 ? 0 : 255 - (r + gr + b) / 3;
      }
    }
    return d;
  }

  private static int[] strongBox(double[][] d) {
    int[] box = null;
    for (int x = 0; x < d.length; x++) {
      for (int y = 0; y < d[0].length; y++) {
        if (d[x][y] > STRONG) {
          if (box == null) {
            box = new int[] {x, y, x, y};
          }
          box[0] = Math.min(box[0], x);
          box[1] = Math.min(box[1], y);
          box[2] = Math.max(box[2], x);
          box[3] = Math.max(box[3], y);
        }
      }
    }
    return box;
  }

  /** Bounding boxes {minX, minY, maxX, maxY} of groups of strong pixels at most 3 apart. */
  static List<int[]> clusters(double[][] d) {
    int width = d.length;
    int height = d[0].length;
    boolean[][] seen = new boolean[width][height];
    List<int[]> boxes = new ArrayList<>();
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        if (d[x][y] <= STRONG || seen[x][y]) {
          continue;
        }
        int[] box = {x, y, x, y};
        int count = 0;
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[] {x, y});
        seen[x][y] = true;
        while (!queue.isEmpty()) {
          int[] p = queue.poll();
          count++;
          box[0] = Math.min(box[0], p[0]);
          box[1] = Math.min(box[1], p[1]);
          box[2] = Math.max(box[2], p[0]);
          box[3] = Math.max(box[3], p[1]);
          for (int i = Math.max(0, p[0] - 3); i <= Math.min(width - 1, p[0] + 3); i++) {
            for (int j = Math.max(0, p[1] - 3); j <= Math.min(height - 1, p[1] + 3); j++) {
              if (!seen[i][j] && d[i][j] > STRONG) {
                seen[i][j] = true;
                queue.add(new int[] {i, j});
              }
            }
          }
        }
        if (count >= 15) {
          boxes.add(box);
        }
      }
    }
    return boxes;
  }

  private static double correlation(
      double[][] a, int ax, int ay, double[][] b, int bx, int by, int w, int h) {
    int m = 2; // margin around the boxes
    double sa = 0;
    double sb = 0;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    int n = 0;
    for (int i = -m; i < w + m; i++) {
      for (int j = -m; j < h + m; j++) {
        double va = value(a, ax + i, ay + j);
        double vb = value(b, bx + i, by + j);
        sa += va;
        sb += vb;
        saa += va * va;
        sbb += vb * vb;
        sab += va * vb;
        n++;
      }
    }
    double cov = sab - sa * sb / n;
    double var = Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    return var == 0 ? 0 : cov / var;
  }

  private static double value(double[][] d, int x, int y) {
    return x < 0 || y < 0 || x >= d.length || y >= d[0].length ? 0 : d[x][y];
  }
}
