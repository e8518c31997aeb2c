package org.zoneplan.evaluation;

/** 规上 / 规下: above or below the designated size of the statistics office (规模以上工业企业). */
public enum SizeClass {
  ABOVE_SIZE("规上"),
  BELOW_SIZE("规下");

  private final String label;

  SizeClass(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** By name ({@code ABOVE_SIZE}) or label ({@code 规上}); null when neither. */
  public static SizeClass parse(String text) {
    for (SizeClass s : values()) {
      if (s.name().equals(text) || s.label.equals(text)) {
        return s;
      }
    }
    return null;
  }
}
