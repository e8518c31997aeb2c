package org.zoneplan.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins (as China's MLPS 2.0 / 等保 asks: "限制非法登录次数"): after {@link #MAX_FAILURES}
 * failures for one user name from one address within {@link #WINDOW}, further attempts from there
 * are refused for the rest of the window without checking the password — so that guessing is slow
 * and cannot burn the server's CPU on bcrypt. Keyed by name and address, so that someone else's
 * failures do not lock a user out from their own machine. A success clears the count.
 *
 * <p>One instance counts both sign-ins and wrong current passwords on {@code POST
 * /api/me/password}: both are guesses at the same password.
 */
@Component
class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Cache<String, AtomicInteger> failures =
      Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).build();

  boolean locked(Authentication attempt) {
    return locked(attempt.getName(), address(attempt));
  }

  void failed(Authentication attempt) {
    failed(attempt.getName(), address(attempt));
  }

  void succeeded(Authentication attempt) {
    succeeded(attempt.getName(), address(attempt));
  }

  /** Whether {@code username} from {@code address} (the client's IP) is locked out for now. */
  boolean locked(String username, String address) {
    AtomicInteger count = failures.getIfPresent(key(username, address));
    return count != null && count.get() >= MAX_FAILURES;
  }

  void failed(String username, String address) {
    String key = key(username, address);
    AtomicInteger count = failures.get(key, k -> new AtomicInteger());
    count.incrementAndGet();
    // Re-put so that the window runs from the latest failure.
    failures.put(key, count);
  }

  void succeeded(String username, String address) {
    failures.invalidate(key(username, address));
  }

  private static String address(Authentication attempt) {
    return attempt.getDetails() instanceof WebAuthenticationDetails web
        ? web.getRemoteAddress()
        : "";
  }

  private static String key(String username, String address) {
    return username.toLowerCase(Locale.ROOT) + "|" + (address == null ? "" : address);
  }
}
