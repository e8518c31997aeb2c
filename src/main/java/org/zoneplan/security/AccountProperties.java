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
 */
@ConfigurationProperties("zoneplan.security")
public record AccountProperties(Boolean demoUsers, String initialAdminPassword) {}
