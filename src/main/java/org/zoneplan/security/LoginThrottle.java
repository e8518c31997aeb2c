package org.zoneplan.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 *
 * <p><b>Several processes on one PostGIS</b> (docs/replicas.md): failures are also counted in the
 * store ({@code login_failure}, V17, keyed by a SHA-256 of name and address so that mistyped
 * passwords entered as names are not kept), and a process takes the shared count whenever it
 * records a failure. The check on each request stays in memory (no query on the path of every Basic
 * request): a process learns of a lock reached through the others at its own next failure, so with
 * n processes at most {@link #MAX_FAILURES} + n − 1 guesses get through in a window, not n × {@link
 * #MAX_FAILURES}. If the store cannot be reached, the process counts alone.
 */
@Component
class LoginThrottle {
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Cache<String, AtomicInteger> failures =
      Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).build();

  /** The store's shared counts (PostGIS), or null. */
  private final JdbcClient shared;

  private final AtomicLong sharedWrites = new AtomicLong();

  LoginThrottle(@Value("${zoneplan.store:h2gis}") String store, ObjectProvider<JdbcClient> jdbc) {
    this.shared = "postgis".equalsIgnoreCase(store) ? jdbc.getIfAvailable() : null;
  }

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
    int local = count.incrementAndGet();
    int total = sharedFailure(key);
    if (total > local) {
      count.set(total);
    }
    // Re-put so that the window runs from the latest failure.
    failures.put(key, count);
  }

  void succeeded(String username, String address) {
    String key = key(username, address);
    failures.invalidate(key);
    if (shared != null) {
      try {
        shared.sql("DELETE FROM login_failure WHERE throttle_key = ?").param(digest(key)).update();
      } catch (DataAccessException e) {
        log.warn("Login throttle: shared count not cleared: {}", e.getMessage());
      }
    }
  }

  /**
   * Records a failure in the store and returns the failures counted there within the window from
   * all processes (0 without a shared store or when it cannot be reached).
   */
  private int sharedFailure(String key) {
    if (shared == null) {
      return 0;
    }
    try {
      long seconds = WINDOW.toSeconds();
      if (sharedWrites.incrementAndGet() % 100 == 0) {
        shared
            .sql(
                "DELETE FROM login_failure"
                    + " WHERE last_failure_at < now() - make_interval(secs => ?)")
            .param(seconds)
            .update();
      }
      // The window runs from the latest failure, as in memory.
      return shared
          .sql(
              "INSERT INTO login_failure (throttle_key, failures, last_failure_at)"
                  + " VALUES (?, 1, now())"
                  + " ON CONFLICT (throttle_key) DO UPDATE SET failures = CASE"
                  + " WHEN login_failure.last_failure_at >= now() - make_interval(secs => ?)"
                  + " THEN login_failure.failures + 1 ELSE 1 END, last_failure_at = now()"
                  + " RETURNING failures")
          .param(digest(key))
          .param(seconds)
          .query(Integer.class)
          .single();
    } catch (DataAccessException e) {
      log.warn("Login throttle: shared count not reached: {}", e.getMessage());
      return 0;
    }
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
