-- Access by jurisdiction (issue 14): a user with no row here sees every zone; a user with rows sees
-- only the zones their rows allow: kind DIVISION (value: a division code; every zone whose interior
-- point lies in that division or a division under it) or ZONE (value: a zone code; that zone and its
-- parts, in every plan version holding the code). Set by ADMIN through /api/users/{name}/scopes.
CREATE TABLE user_scope (
  username  VARCHAR(64)  NOT NULL REFERENCES app_user (username) ON DELETE CASCADE,
  kind      VARCHAR(10)  NOT NULL,
  scope_value VARCHAR(64) NOT NULL,
  PRIMARY KEY (username, kind, scope_value),
  CONSTRAINT user_scope_kind_ck CHECK (kind IN ('DIVISION', 'ZONE'))
);
