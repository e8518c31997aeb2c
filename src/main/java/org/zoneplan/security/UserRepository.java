package org.zoneplan.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code app_user} table: every statement is a prepared statement with bound parameters. */
@Repository
class UserRepository {
  private static final String COLUMNS =
      "username, password_hash, display_name, roles, enabled, created_at, created_by";

  /** A stored user with the password hash, for authentication only. */
  record StoredUser(UserAccount account, String passwordHash) {}

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<StoredUser> find(String username) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = ?")
        .param(username)
        .query(UserRepository::stored)
        .optional();
  }

  List<UserAccount> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM app_user ORDER BY username")
        .query((rs, row) -> stored(rs, row).account())
        .list();
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM app_user").query(Long.class).single();
  }

  /** Enabled users holding {@code role} directly. */
  long countEnabledWith(Role role) {
    return all().stream().filter(u -> u.enabled() && u.roles().contains(role)).count();
  }

  void insert(UserAccount user, String passwordHash) {
    jdbc.sql("INSERT INTO app_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            user.username(),
            passwordHash,
            user.displayName(),
            format(user.roles()),
            user.enabled(),
            user.createdAt() == null ? OffsetDateTime.now(ZoneOffset.UTC) : user.createdAt(),
            user.createdBy())
        .update();
  }

  void update(String username, String displayName, Set<Role> roles, boolean enabled) {
    jdbc.sql("UPDATE app_user SET display_name = ?, roles = ?, enabled = ? WHERE username = ?")
        .params(displayName, format(roles), enabled, username)
        .update();
  }

  void updatePassword(String username, String passwordHash) {
    jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?")
        .params(passwordHash, username)
        .update();
  }

  private static String format(Set<Role> roles) {
    return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
  }

  private static StoredUser stored(ResultSet rs, int row) throws SQLException {
    Set<Role> roles =
        Arrays.stream(rs.getString("roles").split(","))
            .filter(s -> !s.isBlank())
            .map(Role::valueOf)
            .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(Role.class)));
    UserAccount account =
        new UserAccount(
            rs.getString("username"),
            rs.getString("display_name"),
            roles,
            rs.getBoolean("enabled"),
            rs.getObject("created_at", OffsetDateTime.class),
            rs.getString("created_by"));
    return new StoredUser(account, rs.getString("password_hash"));
  }
}
