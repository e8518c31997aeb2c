package org.zoneplan.jurisdictions;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code user_scope} table (V16). */
@Repository
class ScopeRepository {
  private final JdbcClient jdbc;

  ScopeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  UserScope find(String username) {
    List<String> divisions = new ArrayList<>();
    List<String> zones = new ArrayList<>();
    jdbc.sql("SELECT kind, scope_value FROM user_scope WHERE username = ?")
        .param(username)
        .query(
            rs -> {
              (rs.getString(1).equals("DIVISION") ? divisions : zones).add(rs.getString(2));
            });
    return new UserScope(divisions, zones);
  }

  boolean userExists(String username) {
    return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?")
            .param(username)
            .query(Long.class)
            .single()
        > 0;
  }

  /** Replaces the user's scope (call inside a transaction). */
  void replace(String username, UserScope scope) {
    jdbc.sql("DELETE FROM user_scope WHERE username = ?").param(username).update();
    for (String d : scope.divisions()) {
      insert(username, "DIVISION", d);
    }
    for (String z : scope.zones()) {
      insert(username, "ZONE", z);
    }
  }

  private void insert(String username, String kind, String value) {
    jdbc.sql("INSERT INTO user_scope (username, kind, scope_value) VALUES (?, ?, ?)")
        .params(username, kind, value)
        .update();
  }
}
