package org.zoneplan.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.zoneplan.system.ApiProblem;

/**
 * What a user may do. {@link #ADMIN} implies every other role and the three working roles imply
 * {@link #VIEWER} (see {@link SecurityConfiguration#roleHierarchy()}).
 */
public enum Role {
  /** Officials: maps and indicators, read only. */
  VIEWER("查看"),
  /** Draws boundary changes, edits zones, drafts and submits proposals. */
  PLANNER("规划编制"),
  /** Approves or rejects submitted proposals. */
  APPROVER("审批"),
  /** The land bureau: exports and imports data, maintains parcels. */
  LAND_BUREAU("自然资源(国土)部门"),
  /** Users and plan versions; may do everything. */
  ADMIN("系统管理");

  private final String nameZh;

  Role(String nameZh) {
    this.nameZh = nameZh;
  }

  public String nameZh() {
    return nameZh;
  }

  /** The authority Spring Security checks, {@code ROLE_<name>}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** Parses {@code "PLANNER,viewer"}; an unknown or missing role is a 422 naming it. */
  public static Set<Role> parseAll(Iterable<String> names) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
      if (n.isEmpty()) {
        continue;
      }
      try {
        roles.add(Role.valueOf(n));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid(
                "unknown-role",
                "unknown role '" + name + "': use VIEWER, PLANNER, APPROVER, LAND_BUREAU or ADMIN")
            .with("role", name);
      }
    }
    if (roles.isEmpty()) {
      throw ApiProblem.invalid("missing-role", "a user needs at least one role");
    }
    return roles;
  }
}
