package org.zoneplan.jurisdictions;

import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.system.ApiProblem;

/**
 * Users' scopes: ADMIN assigns them ({@code /api/users/{name}/scopes}, under the ADMIN rule of
 * {@code /api/users/**}); every assignment goes to the audit log. {@code /api/me/scopes} tells the
 * page what the signed-in user is limited to.
 */
@RestController
class ScopeController {
  static final int MAX_ENTRIES = 200;

  private final ScopeRepository repository;
  private final AccessScopes scopes;
  private final AuditLog audit;

  ScopeController(ScopeRepository repository, AccessScopes scopes, AuditLog audit) {
    this.repository = repository;
    this.scopes = scopes;
    this.audit = audit;
  }

  @GetMapping("/api/me/scopes")
  UserScope mine() {
    return scopes.current();
  }

  @GetMapping("/api/users/{username}/scopes")
  UserScope of(@PathVariable String username) {
    requireUser(username);
    return scopes.of(username);
  }

  /**
   * Replaces the user's scope. Both lists empty: the user sees everything again. Every division
   * must exist (422 unknown-division names it); zone codes are checked for form only (a code may
   * name a zone of a plan version made later).
   */
  @PutMapping("/api/users/{username}/scopes")
  @Transactional
  UserScope replace(@PathVariable String username, @RequestBody UserScope body) {
    requireUser(username);
    if (body.divisions().size() + body.zones().size() > MAX_ENTRIES) {
      throw ApiProblem.invalid(
              "too-many-scopes",
              "a user has at most "
                  + MAX_ENTRIES
                  + " scope entries, were "
                  + (body.divisions().size() + body.zones().size()))
          .with("max", MAX_ENTRIES);
    }
    DivisionTree tree = scopes.tree();
    List<String> unknown = new ArrayList<>();
    for (String d : body.divisions()) {
      if (d == null || !tree.contains(d)) {
        unknown.add(String.valueOf(d));
      }
    }
    if (!unknown.isEmpty()) {
      throw ApiProblem.invalid(
              "unknown-division", "no administrative division " + String.join(", ", unknown))
          .with("divisions", unknown);
    }
    for (String z : body.zones()) {
      if (z == null || z.isBlank() || z.length() > 64) {
        throw ApiProblem.invalid(
                "invalid-zone-code", "a zone code is 1–64 characters, was \"" + z + "\"")
            .with("zone", String.valueOf(z));
      }
    }
    repository.replace(username, body);
    audit.record(
        "user.scopes",
        username,
        body.unrestricted()
            ? "unrestricted"
            : "divisions " + body.divisions() + ", zones " + body.zones());
    scopes.forget();
    // and again once committed, so no request caches the old scope in between
    org.springframework.transaction.support.TransactionSynchronizationManager
        .registerSynchronization(
            new org.springframework.transaction.support.TransactionSynchronization() {
              @Override
              public void afterCommit() {
                scopes.forget();
              }
            });
    return body;
  }

  private void requireUser(String username) {
    if (!repository.userExists(username)) {
      throw ApiProblem.notFound("user", "no user \"" + username + "\"").with("username", username);
    }
  }
}
