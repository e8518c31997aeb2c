package org.zoneplan.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers successful password checks for a few minutes, so that API clients sending HTTP Basic
 * credentials with every request (GIS clients, scripts, a tile layer) do not pay a bcrypt hash —
 * tens of milliseconds by design — per request. Spring Security has no such cache (its {@code
 * UserCache} caches the user record, not the expensive password check), hence this small class.
 *
 * <p>The key is an HMAC of user name and password under a random key that lives only in this
 * process, so neither passwords nor hashes that could be attacked offline are kept in memory. Any
 * change to any user empties the cache, so a disabled user or a changed password takes effect at
 * once. Failures are never cached; they are counted by {@link LoginThrottle}.
 */
class CachingAuthenticationProvider implements AuthenticationProvider {
  private final AuthenticationProvider delegate;
  private final LoginThrottle throttle;
  private final Cache<String, Authentication> verified;
  private final byte[] key = new byte[32];

  /**
   * One HMAC per thread, keyed once: {@code Mac.getInstance} looks the algorithm up among the
   * security providers and {@code init} expands the key, a sizeable part of a cached tile's time
   * when done per request (issue 16). {@code doFinal} leaves the Mac ready for the next use.
   */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  CachingAuthenticationProvider(
      AuthenticationProvider delegate, Duration ttl, LoginThrottle throttle) {
    this.delegate = delegate;
    this.throttle = throttle;
    this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
    new SecureRandom().nextBytes(key);
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    if (!(authentication.getCredentials() instanceof String password)) {
      return delegate.authenticate(authentication);
    }
    if (throttle.locked(authentication)) {
      throw new LockedException(
          "too many failed sign-ins: try again in "
              + LoginThrottle.WINDOW.toMinutes()
              + " minutes");
    }
    Authentication known = fromCache(authentication.getName(), password);
    if (known != null) {
      return known;
    }
    Authentication result;
    try {
      result = delegate.authenticate(authentication);
    } catch (BadCredentialsException e) {
      throttle.failed(authentication);
      throw e;
    }
    throttle.succeeded(authentication);
    if (result != null && result.isAuthenticated()) {
      verified.put(
          cacheKey(authentication.getName(), password),
          UsernamePasswordAuthenticationToken.authenticated(
              result.getPrincipal(), null, result.getAuthorities()));
    }
    return result;
  }

  /**
   * The signed-in user for {@code attempt} (name and password) if its password check is in the
   * cache and the name is not locked from the attempt's address; null otherwise. Checks no password
   * and counts nothing: {@link CachedBasicAccess} asks, and anything it is not told goes through
   * {@link #authenticate}.
   */
  Authentication cached(Authentication attempt) {
    if (!(attempt.getCredentials() instanceof String password) || throttle.locked(attempt)) {
      return null;
    }
    return fromCache(attempt.getName(), password);
  }

  /** A new authenticated token for the user if the password check is cached, else null. */
  private Authentication fromCache(String username, String password) {
    Authentication known = verified.getIfPresent(cacheKey(username, password));
    return known == null
        ? null
        : UsernamePasswordAuthenticationToken.authenticated(
            known.getPrincipal(), null, known.getAuthorities());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return delegate.supports(authentication);
  }

  @EventListener
  void usersChanged(UsersChangedEvent event) {
    verified.invalidateAll();
  }

  private String cacheKey(String username, String password) {
    Mac mac = macs.get();
    mac.update(username.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    mac.update(password.getBytes(StandardCharsets.UTF_8));
    return username + ":" + HexFormat.of().formatHex(mac.doFinal());
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
