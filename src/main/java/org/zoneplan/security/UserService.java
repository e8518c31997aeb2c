package org.zoneplan.security;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;

/** Users and their roles: every change is validated first, audited, and written in one go. */
@Service
public class UserService {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");
  static final int MIN_PASSWORD = 8;

  /** BCrypt reads at most 72 bytes of a password; longer ones are refused, not truncated. */
  static final int MAX_PASSWORD_BYTES = 72;

  private final UserRepository users;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  UserService(
      UserRepository users,
      PasswordEncoder encoder,
      AuditLog audit,
      ApplicationEventPublisher events) {
    this.users = users;
    this.encoder = encoder;
    this.audit = audit;
    this.events = events;
  }

  public List<UserAccount> all() {
    return users.all();
  }

  public UserAccount user(String username) {
    return users
        .find(username)
        .map(UserRepository.StoredUser::account)
        .orElseThrow(() -> ApiProblem.notFound("user", "no user '" + username + "'"));
  }

  @Transactional
  public UserAccount create(String username, String displayName, Set<Role> roles, String password) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw ApiProblem.invalid(
              "invalid-username",
              "a username is 1–64 letters, digits, '_', '.', '@' or '-', starting with a letter"
                  + " or digit")
          .with("username", username);
    }
    checkPassword(password);
    if (users.find(username).isPresent()) {
      throw ApiProblem.conflict("duplicate-username", "user '" + username + "' already exists")
          .with("username", username);
    }
    UserAccount account =
        new UserAccount(
            username,
            cleanName(displayName),
            roles,
            true,
            OffsetDateTime.now(ZoneOffset.UTC),
            Actors.current());
    users.insert(account, encoder.encode(password));
    audit.record("user.create", username, "roles " + roles);
    events.publishEvent(new UsersChangedEvent(username));
    return user(username);
  }

  /** Changes a user's display name, roles and enabled flag (null: unchanged). */
  @Transactional
  public UserAccount update(String username, String displayName, Set<Role> roles, Boolean enabled) {
    UserAccount current = user(username);
    Set<Role> newRoles = roles == null ? current.roles() : roles;
    boolean newEnabled = enabled == null ? current.enabled() : enabled;
    boolean losesAdmin =
        current.enabled()
            && current.roles().contains(Role.ADMIN)
            && (!newEnabled || !newRoles.contains(Role.ADMIN));
    if (losesAdmin && users.countEnabledWith(Role.ADMIN) <= 1) {
      throw ApiProblem.conflict(
              "last-admin", "'" + username + "' is the last enabled ADMIN: keep at least one")
          .with("username", username);
    }
    users.update(
        username,
        displayName == null ? current.displayName() : cleanName(displayName),
        newRoles,
        newEnabled);
    audit.record("user.update", username, "roles " + newRoles + (newEnabled ? "" : ", disabled"));
    events.publishEvent(new UsersChangedEvent(username));
    return user(username);
  }

  /** An administrator sets another user's password. */
  @Transactional
  public void setPassword(String username, String password) {
    user(username);
    checkPassword(password);
    users.updatePassword(username, encoder.encode(password));
    audit.record("user.password", username, null);
    events.publishEvent(new UsersChangedEvent(username));
  }

  /** A user changes their own password, proving the current one. */
  @Transactional
  public void changeOwnPassword(String username, String currentPassword, String newPassword) {
    UserRepository.StoredUser stored =
        users
            .find(username)
            .orElseThrow(() -> ApiProblem.notFound("user", "no user '" + username + "'"));
    if (currentPassword == null || !encoder.matches(currentPassword, stored.passwordHash())) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          "wrong-password",
          "Forbidden",
          "the current password does not match");
    }
    checkPassword(newPassword);
    users.updatePassword(username, encoder.encode(newPassword));
    audit.record("user.password", username, "changed by the user");
    events.publishEvent(new UsersChangedEvent(username));
  }

  /** Creates a user without the password policy (demo accounts and the first admin only). */
  @Transactional
  void createInitial(String username, String displayName, Set<Role> roles, String password) {
    users.insert(
        new UserAccount(username, displayName, roles, true, null, Actors.SYSTEM),
        encoder.encode(password));
    audit.record("user.create", username, "initial account, roles " + roles);
  }

  long count() {
    return users.count();
  }

  private static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw ApiProblem.invalid(
          "weak-password", "a password needs at least " + MIN_PASSWORD + " characters");
    }
    int classes =
        (password.codePoints().anyMatch(Character::isLetter) ? 1 : 0)
            + (password.codePoints().anyMatch(Character::isDigit) ? 1 : 0)
            + (password.codePoints().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
    if (classes < 2) {
      throw ApiProblem.invalid(
          "weak-password", "a password mixes at least two of letters, digits and other characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw ApiProblem.invalid(
          "password-too-long",
          "a password may have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (bcrypt's limit)");
    }
  }

  private static String cleanName(String displayName) {
    if (displayName == null || displayName.isBlank()) {
      return null;
    }
    String name = displayName.strip();
    if (name.length() > 100) {
      throw ApiProblem.invalid("invalid-display-name", "a display name has at most 100 characters");
    }
    return name;
  }
}
