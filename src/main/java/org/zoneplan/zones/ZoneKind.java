package org.zoneplan.zones;

/** What a zone is in the platform's tree (平台 → 区/片区 → 核心区/拓展区/功能分区). */
public enum ZoneKind {
  /** The whole platform of a county (开发区(园区)平台). */
  PLATFORM,
  /** A development zone (开发区, "一区"). */
  ZONE,
  /** The core area run directly by the management committee (核心区). */
  CORE,
  /** A sub-area run by a town (片区). */
  SUBAREA,
  /** An associated expansion block (关联拓展区). */
  EXPANSION,
  /** A town's functional area inside a sub-area (功能分区). */
  FUNCTIONAL,
  /** A cross-district cooperation park (特别合作园). */
  COOPERATION;

  /** The kind's Chinese name, as the page shows it. */
  public String nameZh() {
    return switch (this) {
      case PLATFORM -> "平台";
      case ZONE -> "开发区";
      case CORE -> "核心区";
      case SUBAREA -> "片区";
      case EXPANSION -> "拓展区";
      case FUNCTIONAL -> "功能分区";
      case COOPERATION -> "合作园";
    };
  }
}
