package org.zoneplan.geo;

import java.util.List;

/**
 * One boundary point (界址点) of a zone's boundary, as {@link BoundaryPoints} numbers it.
 *
 * @param name {@code J1}, {@code J2}, … numbered through the whole zone (every part and ring)
 * @param number the number in {@code name}, 1…
 * @param part the polygon of the MultiPolygon, 1… (in stored order)
 * @param ring 1 for the polygon's shell, 2… for its holes (in stored order)
 * @param longitude stored vertex, EPSG:4490, degrees east
 * @param latitude stored vertex, EPSG:4490, degrees north
 * @param x northing in the table's Gauss-Krüger plane, metres (X of Chinese surveying)
 * @param y easting in the table's Gauss-Krüger plane, metres, with the zone number in front when
 *     the table's CRS is one of EPSG:4513–4533 (8 digits before the decimal point)
 * @param distanceM planar distance in that plane to the next point of the same ring (the last
 *     point's next is the ring's first), metres
 * @param shared the points of other zones of the plan lying within the tolerance of this one,
 *     sorted by zone code; empty when the point is the zone's own
 */
public record BoundaryPoint(
    String name,
    int number,
    int part,
    int ring,
    double longitude,
    double latitude,
    double x,
    double y,
    double distanceM,
    List<SharedPoint> shared) {

  public BoundaryPoint {
    shared = List.copyOf(shared);
  }

  /** This point with its list of shared points replaced. */
  public BoundaryPoint withShared(List<SharedPoint> points) {
    return new BoundaryPoint(
        name, number, part, ring, longitude, latitude, x, y, distanceM, points);
  }

  /** The shared points as text, e.g. {@code A02:J7; A03:J1}, or an empty string. */
  public String sharedText() {
    StringBuilder text = new StringBuilder();
    for (SharedPoint point : shared) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(point.zoneCode()).append(':').append(point.pointName());
    }
    return text.toString();
  }

  /**
   * A neighbouring zone's boundary point at the same place (within the tolerance).
   *
   * @param zoneCode the neighbour's code in the same plan version
   * @param pointName the point's name in the neighbour's own table, e.g. {@code J7}
   * @param offsetM planar distance between the two points, metres
   */
  public record SharedPoint(String zoneCode, String pointName, double offsetM) {}
}
