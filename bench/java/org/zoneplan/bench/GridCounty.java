package org.zoneplan.bench;

import java.util.Random;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;

/**
 * A synthetic county of parcels on a jittered grid over Pujiang (about 40 km × 35 km): irregular
 * quadrilaterals separated by road gaps, one in seven with a notch (concave, 8 corners), one in
 * fifty tiny (4 m × 4 m, below a pixel at zoom 14). Land use in the 2023 classes, weighted like a
 * county: cropland, forest, residential, industrial, storage, commerce, transport.
 */
final class GridCounty implements SyntheticCounty {
  private static final String[] CODES = {
    "0101", "0101", "0101", "0101", "0101", "0301", "0301", "0701", "0701", "0701", "0701",
    "100101", "100101", "100102", "100101", "100103", "1101", "0901", "1207", "1401"
  };

  private final int columns;
  private final int rows;
  private final Envelope extent;

  GridCounty(int columns, int rows, Envelope extent) {
    this.columns = columns;
    this.rows = rows;
    this.extent = extent;
  }

  /** 200,000 parcels: 500 × 400 cells of about 80 m. */
  static GridCounty pujiang200k() {
    return new GridCounty(500, 400, new Envelope(119.64, 120.04, 29.30, 29.62));
  }

  /**
   * About {@code count} parcels on cells of 0.0008° (about 80 m × 70 m, the density of {@link
   * #pujiang200k()}) in a rectangle that grows with the count from lon 119.25, lat 28.55
   * (south-west of Jinhua, 金华市): 2,000,000 parcels cover lon 119.25–120.51, lat 28.55–29.56, inside
   * the city's extent. A rectangle over the city, not its counties' outlines.
   */
  static GridCounty jinhua(int count) {
    double cell = 0.0008;
    int columns = Math.max(1, (int) Math.round(Math.sqrt(count * 1.25)));
    int rows = Math.max(1, (int) Math.round((double) count / columns));
    return new GridCounty(
        columns, rows, new Envelope(119.25, 119.25 + columns * cell, 28.55, 28.55 + rows * cell));
  }

  /** How many parcels {@link #generate} hands out. */
  int count() {
    return columns * rows;
  }

  @Override
  public String description() {
    return String.format(
        "grid county: %,d parcels on %d × %d cells over lon %.2f–%.2f, lat %.2f–%.2f",
        columns * rows,
        columns,
        rows,
        extent.getMinX(),
        extent.getMaxX(),
        extent.getMinY(),
        extent.getMaxY());
  }

  @Override
  public Envelope extent() {
    return extent;
  }

  @Override
  public void generate(Consumer<Parcel> sink) {
    Random random = new Random(20260101L);
    double w = extent.getWidth() / columns;
    double h = extent.getHeight() / rows;
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < columns; i++) {
        double x0 = extent.getMinX() + i * w;
        double y0 = extent.getMinY() + j * h;
        int n = j * columns + i;
        Coordinate[] ring;
        if (n % 50 == 7) {
          double s = 0.00004; // about 4 m
          double cx = x0 + w / 2;
          double cy = y0 + h / 2;
          ring = close(new double[][] {{cx, cy}, {cx + s, cy}, {cx + s, cy + s}, {cx, cy + s}});
        } else {
          double gap = 0.06;
          double jitter = 0.12;
          double[][] corners = {
            {
              x0 + w * (gap + jitter * random.nextDouble()),
              y0 + h * (gap + jitter * random.nextDouble())
            },
            {
              x0 + w * (1 - gap - jitter * random.nextDouble()),
              y0 + h * (gap + jitter * random.nextDouble())
            },
            {
              x0 + w * (1 - gap - jitter * random.nextDouble()),
              y0 + h * (1 - gap - jitter * random.nextDouble())
            },
            {
              x0 + w * (gap + jitter * random.nextDouble()),
              y0 + h * (1 - gap - jitter * random.nextDouble())
            }
          };
          if (n % 7 == 3) {
            // A notch into the top edge: concave, 8 corners.
            double[] a = corners[2];
            double[] b = corners[3];
            double top = Math.min(a[1], b[1]);
            corners =
                new double[][] {
                  corners[0],
                  corners[1],
                  a,
                  {x0 + w * 0.6, top},
                  {x0 + w * 0.6, y0 + h * 0.6},
                  {x0 + w * 0.4, y0 + h * 0.6},
                  {x0 + w * 0.4, top},
                  b
                };
          }
          ring = close(corners);
        }
        Polygon polygon = Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring);
        MultiPolygon geometry =
            Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {polygon});
        String code = CODES[random.nextInt(CODES.length)];
        if (code.startsWith("10")) {
          // The draws of the enterprise figures parcels had before V12, kept so that the same
          // seed gives the same county as before.
          random.nextDouble();
          random.nextInt(500);
        }
        sink.accept(
            new Parcel(
                0,
                LandUseScheme.YDYH_2023,
                code,
                geometry,
                EllipsoidalArea.squareMetres(geometry)));
      }
    }
  }

  private static Coordinate[] close(double[][] corners) {
    Coordinate[] ring = new Coordinate[corners.length + 1];
    for (int k = 0; k < corners.length; k++) {
      ring[k] = new Coordinate(corners[k][0], corners[k][1]);
    }
    ring[corners.length] = ring[0].copy();
    return ring;
  }
}
