package org.zoneplan.security;

import java.time.OffsetDateTime;
import java.util.Set;

/** A user as the API shows it: never the password hash. */
public record UserAccount(
    String username,
    String displayName,
    Set<Role> roles,
    boolean enabled,
    OffsetDateTime createdAt,
    String createdBy) {}
