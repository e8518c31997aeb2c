package org.zoneplan.exports;

import java.util.Locale;
import org.zoneplan.geo.AreaUnits;

/**
 * The unit of exported area fields. {@code decimals} keeps at least nine significant digits for
 * parcels of a few hundred m² in the DBF's fixed-point numbers.
 */
public enum AreaUnit {
  M2("M2", "areaM2", 1.0, 4),
  HA("HA", "areaHa", AreaUnits.SQUARE_METRES_PER_HECTARE, 8),
  MU("MU", "areaMu", AreaUnits.SQUARE_METRES_PER_MU, 7),
  KM2("KM2", "areaKm2", AreaUnits.SQUARE_METRES_PER_KM2, 10);

  private final String suffix;
  private final String propertyName;
  private final double squareMetres;
  private final int decimals;

  AreaUnit(String suffix, String propertyName, double squareMetres, int decimals) {
    this.suffix = suffix;
    this.propertyName = propertyName;
    this.squareMetres = squareMetres;
    this.decimals = decimals;
  }

  /** {@code m2}, {@code ha}, {@code mu} or {@code 亩}, {@code km2}. */
  public static AreaUnit parse(String text) {
    String s = text == null ? "m2" : text.strip().toLowerCase(Locale.ROOT);
    switch (s) {
      case "m2", "m²", "sqm" -> {
        return M2;
      }
      case "ha", "hectare" -> {
        return HA;
      }
      case "mu", "亩" -> {
        return MU;
      }
      case "km2", "km²" -> {
        return KM2;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown area unit \"" + text + "\": use m2, ha, mu (亩) or km2");
    }
  }

  public double fromSquareMetres(double m2) {
    return m2 / squareMetres;
  }

  public double toSquareMetres(double value) {
    return value * squareMetres;
  }

  /** The DBF field name of the ellipsoidal area, e.g. {@code AREA_MU}. */
  public String dbfName() {
    return "AREA_" + suffix;
  }

  /** The property name, as in the API: {@code areaMu}. */
  public String propertyName() {
    return propertyName;
  }

  public int decimals() {
    return decimals;
  }
}
