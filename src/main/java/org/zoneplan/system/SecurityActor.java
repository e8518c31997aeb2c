package org.zoneplan.system;

import java.util.Optional;

/** The authenticated user's name, when a security layer provides one (none yet). */
final class SecurityActor {
  private SecurityActor() {}

  static Optional<String> name() {
    return Optional.empty();
  }
}
