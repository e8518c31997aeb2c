package org.zoneplan.projects;

import java.util.Arrays;
import java.util.Optional;

/** How far a project has come, in order; each stage reached may carry its date. */
public enum ProjectStage {
  SIGNED("签约"),
  STARTED("开工"),
  COMPLETED("竣工"),
  PRODUCING("投产");

  private final String label;

  ProjectStage(String label) {
    this.label = label;
  }

  /** The Chinese name users see and write. */
  public String label() {
    return label;
  }

  /** By Chinese name or enum name. */
  public static Optional<ProjectStage> parse(String text) {
    return Arrays.stream(values())
        .filter(s -> s.label.equals(text) || s.name().equalsIgnoreCase(text))
        .findFirst();
  }
}
