package org.zoneplan.reports;

/** Paper sizes of the reports, in PDF points (1/72 inch), portrait. */
public enum Paper {
  A4(595.276f, 841.89f),
  A3(841.89f, 1190.551f);

  private final float width;
  private final float height;

  Paper(float width, float height) {
    this.width = width;
    this.height = height;
  }

  /** Page width in points for the orientation. */
  public float width(boolean landscape) {
    return landscape ? height : width;
  }

  /** Page height in points for the orientation. */
  public float height(boolean landscape) {
    return landscape ? width : height;
  }
}
