package org.zoneplan.geo;

/** Conversions between the area units the land bureau uses. 1 ha = 10,000 m² = 15 亩. */
public final class AreaUnits {
  public static final double SQUARE_METRES_PER_KM2 = 1_000_000.0;
  public static final double SQUARE_METRES_PER_HECTARE = 10_000.0;

  /** 1 亩 = 10000/15 m² ≈ 666.67 m² (市亩). */
  public static final double SQUARE_METRES_PER_MU = 10_000.0 / 15.0;

  private AreaUnits() {}

  public static double toKm2(double squareMetres) {
    return squareMetres / SQUARE_METRES_PER_KM2;
  }

  public static double toHectares(double squareMetres) {
    return squareMetres / SQUARE_METRES_PER_HECTARE;
  }

  public static double toMu(double squareMetres) {
    return squareMetres / SQUARE_METRES_PER_MU;
  }
}
