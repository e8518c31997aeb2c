package org.zoneplan.reports;

import java.util.Locale;

/**
 * How a report is printed.
 *
 * @param paper A4 or A3
 * @param landscape true for landscape, false for portrait
 * @param scale the map scale's denominator ({@link #MIN_SCALE}…{@link #MAX_SCALE}), or null for a
 *     scale fitted to the zone ({@link MapView#fitted})
 * @param year the statistics year of the indicators, or null for the latest year held
 */
public record ReportOptions(Paper paper, boolean landscape, Integer scale, Integer year) {
  public static final int MIN_SCALE = 2_000;
  public static final int MAX_SCALE = 50_000;
  public static final int MIN_YEAR = 1990;
  public static final int MAX_YEAR = 2100;

  public ReportOptions {
    if (paper == null) {
      throw new IllegalArgumentException("paper is required");
    }
    if (scale != null && (scale < MIN_SCALE || scale > MAX_SCALE)) {
      throw new IllegalArgumentException(
          "scale must be " + MIN_SCALE + "…" + MAX_SCALE + " (1:scale) or 'fit', was " + scale);
    }
    if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) {
      throw new IllegalArgumentException(
          "year must be " + MIN_YEAR + "…" + MAX_YEAR + ", was " + year);
    }
  }

  /**
   * Options from request parameters; each may be null for its default (A4, portrait, fitted, latest
   * year).
   *
   * @throws IllegalArgumentException naming the bad parameter
   */
  public static ReportOptions parse(String paper, String orientation, String scale, Integer year) {
    Paper p = Paper.A4;
    if (paper != null) {
      try {
        p = Paper.valueOf(paper.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("paper must be A4 or A3, was '" + paper + "'");
      }
    }
    boolean landscape = false;
    if (orientation != null) {
      switch (orientation.trim().toLowerCase(Locale.ROOT)) {
        case "portrait" -> landscape = false;
        case "landscape" -> landscape = true;
        default ->
            throw new IllegalArgumentException(
                "orientation must be portrait or landscape, was '" + orientation + "'");
      }
    }
    Integer s = null;
    if (scale != null && !scale.isBlank() && !scale.trim().equalsIgnoreCase("fit")) {
      String digits = scale.trim();
      if (digits.startsWith("1:")) {
        digits = digits.substring(2);
      }
      if (!digits.matches("[0-9]{1,9}")) {
        throw new IllegalArgumentException(
            "scale must be a number "
                + MIN_SCALE
                + "…"
                + MAX_SCALE
                + " or 'fit', was '"
                + scale
                + "'");
      }
      s = Integer.parseInt(digits);
    }
    return new ReportOptions(p, landscape, s, year);
  }

  public float pageWidth() {
    return paper.width(landscape);
  }

  public float pageHeight() {
    return paper.height(landscape);
  }
}
