package org.zoneplan.projects;

import java.util.Arrays;
import java.util.Optional;

/** How a project came to a (cooperation) park: the modes the Hangzhou parks share revenue by. */
public enum LandingMode {
  /** 合作导入: brought in jointly by the promoter and the host. */
  COOPERATIVE_IMPORT("合作导入"),
  /** 整体迁入: an enterprise moved whole from the promoter's territory. */
  RELOCATION("整体迁入"),
  /** 产业共育: grown together in the park. */
  CO_INCUBATION("产业共育");

  private final String label;

  LandingMode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** By Chinese name or enum name. */
  public static Optional<LandingMode> parse(String text) {
    return Arrays.stream(values())
        .filter(m -> m.label.equals(text) || m.name().equalsIgnoreCase(text))
        .findFirst();
  }
}
