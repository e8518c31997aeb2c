package org.zoneplan.parks;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * The benchmark's door to the package-private {@link TerritorialShares} (bench sources only; the
 * engine is called as {@link ParkService} calls it).
 */
public final class CityBenchParks {
  private CityBenchParks() {}

  /** {@link TerritorialShares#of}: the share (0–1) of {@code area} in each district it meets. */
  public static Map<String, Double> territorialShares(
      Geometry area, Map<String, Geometry> districts) {
    return TerritorialShares.of(area, districts);
  }
}
