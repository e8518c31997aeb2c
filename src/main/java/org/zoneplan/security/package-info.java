/**
 * Users, roles and every URL rule in one place ({@link
 * org.zoneplan.security.SecurityConfiguration}): form sign-in with CSRF for the page, stateless
 * HTTP Basic for API clients, 401/403 as problem details. Owns {@code app_user}.
 */
package org.zoneplan.security;
