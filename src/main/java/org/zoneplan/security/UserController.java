package org.zoneplan.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.ApiProblem;

/**
 * {@code /api/me} (who is signed in, for the page) and {@code /api/users} (ADMIN: users and their
 * roles; the URL rules are in {@link SecurityConfiguration}).
 */
@RestController
class UserController {
  private final UserService users;
  private final RoleHierarchy hierarchy;
  private final LoginThrottle throttle;

  UserController(UserService users, RoleHierarchy hierarchy, LoginThrottle throttle) {
    this.throttle = throttle;
    this.users = users;
    this.hierarchy = hierarchy;
  }

  /** The signed-in user: name, assigned roles and every role they act with (implied ones too). */
  @GetMapping("/api/me")
  Map<String, Object> me(Authentication authentication, HttpServletRequest request) {
    UserAccount account = users.user(authentication.getName());
    Set<Role> effective = EnumSet.noneOf(Role.class);
    for (GrantedAuthority a :
        hierarchy.getReachableGrantedAuthorities(authentication.getAuthorities())) {
      for (Role r : Role.values()) {
        if (r.authority().equals(a.getAuthority())) {
          effective.add(r);
        }
      }
    }
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("username", account.username());
    me.put(
        "displayName", account.displayName() == null ? account.username() : account.displayName());
    me.put("assignedRoles", account.roles());
    me.put("roles", effective);
    // The page's CSRF token for its writes (a session has one; Basic clients need none).
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    if (csrf != null && request.getHeader("Authorization") == null) {
      me.put(
          "csrf",
          Map.of(
              "header", csrf.getHeaderName(),
              "parameter", csrf.getParameterName(),
              "token", csrf.getToken()));
    }
    return me;
  }

  record PasswordChange(String currentPassword, String newPassword) {}

  /**
   * Changes the caller's password given the current one. Wrong current passwords count as failed
   * sign-ins ({@link LoginThrottle}): after 5 from one address, 429 for 15 minutes without
   * checking, so that a borrowed session cannot be used to guess the password.
   */
  @PostMapping("/api/me/password")
  ResponseEntity<Void> changeOwnPassword(
      Authentication authentication,
      @RequestBody PasswordChange change,
      HttpServletRequest request,
      HttpServletResponse response) {
    String name = authentication.getName();
    String address = request.getRemoteAddr();
    if (throttle.locked(name, address)) {
      response.setHeader("Retry-After", String.valueOf(LoginThrottle.WINDOW.toSeconds()));
      throw new ApiProblem(
          HttpStatus.TOO_MANY_REQUESTS,
          "too-many-failures",
          "Too many failures",
          "too many wrong passwords: try again in "
              + LoginThrottle.WINDOW.toMinutes()
              + " minutes");
    }
    try {
      users.changeOwnPassword(name, change.currentPassword(), change.newPassword());
    } catch (ApiProblem e) {
      if (e.slug().equals("wrong-password")) {
        throttle.failed(name, address);
      }
      throw e;
    }
    throttle.succeeded(name, address);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/users")
  List<UserAccount> all() {
    return users.all();
  }

  @GetMapping("/api/users/{username}")
  UserAccount one(@PathVariable String username) {
    return users.user(username);
  }

  record NewUser(String username, String displayName, List<String> roles, String password) {}

  @PostMapping("/api/users")
  ResponseEntity<UserAccount> create(@RequestBody NewUser user) {
    UserAccount created =
        users.create(user.username(), user.displayName(), roles(user.roles()), user.password());
    return ResponseEntity.created(URI.create("/api/users/" + created.username())).body(created);
  }

  record UserChange(String displayName, List<String> roles, Boolean enabled) {}

  @PutMapping("/api/users/{username}")
  UserAccount update(@PathVariable String username, @RequestBody UserChange change) {
    return users.update(
        username,
        change.displayName(),
        change.roles() == null ? null : roles(change.roles()),
        change.enabled());
  }

  record NewPassword(String password) {}

  @PutMapping("/api/users/{username}/password")
  ResponseEntity<Void> setPassword(@PathVariable String username, @RequestBody NewPassword body) {
    users.setPassword(username, body.password());
    return ResponseEntity.noContent().build();
  }

  private static Set<Role> roles(List<String> names) {
    if (names == null) {
      throw ApiProblem.invalid("missing-role", "a user needs at least one role");
    }
    return Role.parseAll(names);
  }
}
