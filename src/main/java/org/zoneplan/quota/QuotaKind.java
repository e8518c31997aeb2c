package org.zoneplan.quota;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of ledger entry, with the Chinese names users see. */
public enum QuotaKind {
  /** Quota granted to a body for a year (指标下达). */
  GRANT("下达"),
  /** Part of a body's quota set aside for a project (分配到项目). */
  ALLOCATION("分配"),
  /** Part of a project's allocation used when a parcel is supplied (供地使用). */
  CONSUMPTION("使用"),
  /** Undoes one earlier entry (冲正): the ledger itself is never changed. */
  REVERSAL("冲正");

  private final String label;

  QuotaKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** By enum name or Chinese label. */
  public static Optional<QuotaKind> parse(String text) {
    return Arrays.stream(values())
        .filter(k -> k.name().equalsIgnoreCase(text) || k.label.equals(text))
        .findFirst();
  }
}
