package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each zone's area and industrial land split by administrative division, for statistics counted by
 * territory (a cooperation park promoted by one district and lying in another). Areas are
 * ellipsoidal areas of zone ∩ division, industrial land is {@code Σ area(parcel ∩ zone ∩
 * division)}; the divisions should not overlap one another (one level, e.g. counties). Spring-free
 * and thread-safe.
 */
public final class DivisionAttribution {
  private DivisionAttribution() {}

  /** A zone's share in one division. */
  public record Share(String division, double areaM2, double industrialM2) {}

  /**
   * @param outsideDivisionsM2 the zone's area in none of the divisions
   */
  public record ZoneSplit(
      String code, double areaM2, List<Share> shares, double outsideDivisionsM2) {}

  /**
   * @param divisions per division code, a calculator over that division (same parcels and
   *     industrial codes for all)
   */
  public static List<ZoneSplit> compute(
      PlanGeometry plan, Map<String, ConcentrationCalculator> divisions) {
    List<ZoneSplit> out = new ArrayList<>();
    for (ZoneShape zone : plan.zones()) {
      List<Share> shares = new ArrayList<>();
      double attributed = 0;
      Region zoneRegion = plan.region(zone.code());
      for (Map.Entry<String, ConcentrationCalculator> e : divisions.entrySet()) {
        Region division = e.getValue().division();
        double area = RegionArea.within(zone.geometry(), zone.areaM2(), division);
        if (area <= 0) {
          continue;
        }
        attributed += area;
        shares.add(new Share(e.getKey(), area, e.getValue().insideM2(zoneRegion)));
      }
      out.add(
          new ZoneSplit(
              zone.code(), zone.areaM2(), shares, Math.max(0, zone.areaM2() - attributed)));
    }
    return out;
  }
}
