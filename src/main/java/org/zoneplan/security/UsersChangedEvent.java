package org.zoneplan.security;

/** A user was created or changed: cached authentications must be forgotten. */
record UsersChangedEvent(String username) {}
