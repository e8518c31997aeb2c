package org.zoneplan.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts created when the store has no user yet.
 *
 * @param demoUsers the demo accounts {@code admin}, {@code planner}, {@code approver}, {@code
 *     viewer} and {@code landbureau}, password {@code demo}: default on for the embedded store (the
 *     sample run), refused on PostGIS
 * @param initialAdminPassword the first {@code admin}'s password (environment {@code
 *     ZONEPLAN_ADMIN_PASSWORD}); required on PostGIS while the store has no user
 * @param maxSessionsPerUser most page sessions one user may hold at once (default 10); signing in
 *     once more ends the oldest
 */
@ConfigurationProperties("zoneplan.security")
public record AccountProperties(
    Boolean demoUsers, String initialAdminPassword, Integer maxSessionsPerUser) {
  public AccountProperties {
    maxSessionsPerUser = maxSessionsPerUser == null ? 10 : maxSessionsPerUser;
    if (maxSessionsPerUser < 1) {
      throw new IllegalArgumentException(
          "zoneplan.security.max-sessions-per-user must be at least 1, was " + maxSessionsPerUser);
    }
  }
}
