package org.zoneplan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The cached password check: a correct password is checked once (the HMAC of name and password, one
 * Mac per thread, is the same key on every thread), a wrong one every time, and another password of
 * the same user is not taken for the cached one.
 */
class CachingAuthenticationProviderTest {
  private final AtomicInteger checks = new AtomicInteger();

  /** Accepts only admin / demo, counting the checks (each stands for a bcrypt hash). */
  private final AuthenticationProvider delegate =
      new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication a) {
          checks.incrementAndGet();
          if (a.getName().equals("admin") && "demo".equals(a.getCredentials())) {
            return UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
          }
          throw new BadCredentialsException("bad credentials");
        }

        @Override
        public boolean supports(Class<?> type) {
          return true;
        }
      };

  private final CachingAuthenticationProvider provider =
      new CachingAuthenticationProvider(delegate, Duration.ofMinutes(5), mock(LoginThrottle.class));

  private static Authentication attempt(String user, String password) {
    return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
  }

  @Test
  void aCorrectPasswordIsCheckedOnceWhateverThreadAsks() throws Exception {
    assertThat(provider.authenticate(attempt("admin", "demo")).isAuthenticated()).isTrue();
    Thread[] threads = new Thread[4];
    Authentication[] results = new Authentication[threads.length];
    for (int t = 0; t < threads.length; t++) {
      int i = t;
      threads[t] =
          new Thread(
              () -> {
                for (int k = 0; k < 100; k++) {
                  results[i] = provider.authenticate(attempt("admin", "demo"));
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(checks).hasValue(1);
    for (Authentication r : results) {
      assertThat(r.isAuthenticated()).isTrue();
      assertThat(r.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
      assertThat(r.getCredentials()).isNull();
    }
  }

  @Test
  void aWrongPasswordIsCheckedEachTimeAndNeverTakenForTheCachedOne() {
    provider.authenticate(attempt("admin", "demo"));
    for (int k = 0; k < 3; k++) {
      assertThatThrownBy(() -> provider.authenticate(attempt("admin", "demo2")))
          .isInstanceOf(BadCredentialsException.class);
      assertThatThrownBy(() -> provider.authenticate(attempt("admin\u0000demo", "")))
          .isInstanceOf(BadCredentialsException.class);
    }
    assertThat(checks).hasValue(7);
  }
}
