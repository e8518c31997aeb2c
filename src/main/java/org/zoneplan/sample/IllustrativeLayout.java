package org.zoneplan.sample;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.zoneplan.geo.Cgcs2000;

/**
 * Illustrative boundaries for sample data whose real outlines are not published (Xiaoshan's 4286
 * carriers, Xihu's platforms): rectangles inside a district's outline, one per cell of a
 * longitude/latitude grid (so none overlaps another), of a few sizes, taken evenly through the
 * cells that lie wholly inside the outline. Spring-free and deterministic.
 */
public final class IllustrativeLayout {
  private IllustrativeLayout() {}

  /**
   * {@code n} rectangles inside {@code outline}.
   *
   * @param cellLon grid cell width, degrees
   * @param cellLat grid cell height, degrees
   * @param margin the smallest margin inside a cell, as a share of the cell (0.15–0.3 of a cell, in
   *     steps of 0.05, make rectangles of three sizes each way)
   * @param what what the shapes are, for the message when the outline holds too few cells
   */
  public static List<Polygon> rectangles(
      MultiPolygon outline, int n, double cellLon, double cellLat, double margin, String what) {
    PreparedGeometry inside = PreparedGeometryFactory.prepare(outline);
    Envelope box = outline.getEnvelopeInternal();
    List<Polygon> candidates = new ArrayList<>();
    int rows = (int) Math.floor(box.getHeight() / cellLat);
    int cols = (int) Math.floor(box.getWidth() / cellLon);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double x0 = box.getMinX() + c * cellLon;
        double y1 = box.getMaxY() - r * cellLat;
        int k = candidates.size();
        double mx = cellLon * (margin + 0.05 * (k % 3));
        double my = cellLat * (margin + 0.05 * ((k / 3) % 3));
        Polygon rect = rectangle(x0 + mx, y1 - cellLat + my, x0 + cellLon - mx, y1 - my);
        if (inside.containsProperly(rect)) {
          candidates.add(rect);
        }
      }
    }
    if (candidates.size() < n) {
      throw new IllegalStateException(
          "only " + candidates.size() + " cells inside the outline for " + n + " " + what);
    }
    List<Polygon> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(candidates.get((int) ((long) i * candidates.size() / n)));
    }
    return out;
  }

  /**
   * A rectangle with corners rounded to 1e-6° (about 0.1 m), so stored shapes read back exactly.
   */
  public static Polygon rectangle(double x0, double y0, double x1, double y1) {
    double a = round(x0);
    double b = round(y0);
    double c = round(x1);
    double d = round(y1);
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(a, b),
          new Coordinate(c, b),
          new Coordinate(c, d),
          new Coordinate(a, d),
          new Coordinate(a, b)
        });
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
