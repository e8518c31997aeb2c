package org.zoneplan.jurisdictions;

import java.util.List;

/**
 * What a user may see: zones lying in these divisions (or under them), and these zones with their
 * parts (by code, in every plan version). Both empty: everything.
 *
 * @param divisions division codes, sorted
 * @param zones zone codes, sorted
 */
public record UserScope(List<String> divisions, List<String> zones) {
  public static final UserScope UNRESTRICTED = new UserScope(List.of(), List.of());

  public UserScope {
    divisions = divisions == null ? List.of() : divisions.stream().sorted().distinct().toList();
    zones = zones == null ? List.of() : zones.stream().sorted().distinct().toList();
  }

  public boolean unrestricted() {
    return divisions.isEmpty() && zones.isEmpty();
  }

  /** A canonical key: equal scopes share cached results; {@code ""} when unrestricted. */
  public String key() {
    return unrestricted() ? "" : "D" + String.join(",", divisions) + ";Z" + String.join(",", zones);
  }
}
