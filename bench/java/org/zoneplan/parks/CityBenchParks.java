package org.zoneplan.parks;

import java.util.Map;
import java.util.function.Function;
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

  /**
   * The attribution of many areas against the same districts: the outlines prepared once ({@link
   * TerritorialShares#prepare}), as {@link ParkService} does for a park and its projects.
   */
  public static Function<Geometry, Map<String, Double>> attribution(
      Map<String, Geometry> districts) {
    TerritorialShares.Districts prepared = TerritorialShares.prepare(districts);
    return area -> TerritorialShares.of(area, prepared);
  }
}
