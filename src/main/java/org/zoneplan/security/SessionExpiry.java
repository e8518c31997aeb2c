package org.zoneplan.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * Ends a user's page sessions when an administrator changes the user (roles, disabled, password):
 * the next request of such a session is answered as signed out, so a disabled user is out at once
 * and new roles take effect at the next sign-in. (API clients sign in on every request anyway.)
 */
@Component
class SessionExpiry {
  private final SessionRegistry sessions;

  SessionExpiry(SessionRegistry sessions) {
    this.sessions = sessions;
  }

  @EventListener
  void usersChanged(UsersChangedEvent event) {
    for (Object principal : sessions.getAllPrincipals()) {
      if (principal instanceof UserDetails user && user.getUsername().equals(event.username())) {
        for (SessionInformation session : sessions.getAllSessions(principal, false)) {
          session.expireNow();
        }
      }
    }
  }
}
