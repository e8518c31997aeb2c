package org.zoneplan.reports;

import org.locationtech.jts.geom.Envelope;
import org.zoneplan.geo.GaussKruger;

/**
 * What a map frame shows: a window of a 3° Gauss-Krüger plane (false easting 500000, no zone
 * number) centred on ({@code centreE}, {@code centreN}) at 1:{@code scale}. The frame's centre is
 * that point; 1 m on the ground is {@link #pointsPerMetre()} PDF points on paper.
 *
 * @param gk the plane (the zone's own 3° zone, {@link GaussKruger#forGeometry})
 * @param centreE easting of the frame's centre, metres (false easting 500000)
 * @param centreN northing of the frame's centre, metres
 * @param scale the scale's denominator
 * @param fitted whether the scale was fitted to the zone rather than asked for
 */
public record MapView(GaussKruger gk, double centreE, double centreN, int scale, boolean fitted) {
  /** Points per metre of paper: 72 points per inch, 0.0254 m per inch. */
  public static final double POINTS_PER_PAPER_METRE = 72.0 / 0.0254;

  /**
   * Margin around the zone when the scale is fitted: the zone fills at most 1/1.15 of the frame.
   */
  static final double FIT_MARGIN = 1.15;

  /** PDF points per metre on the ground. */
  public double pointsPerMetre() {
    return POINTS_PER_PAPER_METRE / scale;
  }

  /**
   * The view centred on the zone's planar bounding box (the centre of {@code planar}), at the given
   * scale, or at the smallest "round" scale (a multiple of 500 up to 1:10,000, of 1,000 up to
   * 1:50,000, of 5,000 beyond; never below 1:500) at which the box with a 15% margin fits the
   * frame.
   *
   * @param planar the zone's bounding box in {@code gk}'s plane, metres
   * @param frameWidth frame width in points
   * @param frameHeight frame height in points
   * @param scale the asked scale, or null to fit
   */
  public static MapView of(
      GaussKruger gk, Envelope planar, double frameWidth, double frameHeight, Integer scale) {
    double cx = (planar.getMinX() + planar.getMaxX()) / 2;
    double cy = (planar.getMinY() + planar.getMaxY()) / 2;
    if (scale != null) {
      return new MapView(gk, cx, cy, scale, false);
    }
    double paperW = frameWidth / POINTS_PER_PAPER_METRE;
    double paperH = frameHeight / POINTS_PER_PAPER_METRE;
    double needed = FIT_MARGIN * Math.max(planar.getWidth() / paperW, planar.getHeight() / paperH);
    return new MapView(gk, cx, cy, roundScale(needed), true);
  }

  /** The round scale at or above {@code needed} (see {@link #of}). */
  static int roundScale(double needed) {
    double step = needed <= 10_000 ? 500 : needed <= 50_000 ? 1_000 : 5_000;
    long rounded = (long) (Math.ceil(needed / step) * step);
    return (int) Math.max(500, Math.min(rounded, 100_000_000L));
  }
}
