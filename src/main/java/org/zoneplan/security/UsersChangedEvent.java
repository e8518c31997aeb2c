package org.zoneplan.security;

/** A user was created or changed: cached authentications must be forgotten. */
public record UsersChangedEvent(String username) {}
