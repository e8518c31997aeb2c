-- Users of zoneplan and their roles (VIEWER, PLANNER, APPROVER, LAND_BUREAU, ADMIN, comma-separated).
-- Passwords are stored only as Spring Security DelegatingPasswordEncoder hashes ({bcrypt}...).
CREATE TABLE app_user (
  username       VARCHAR(64)   PRIMARY KEY,
  password_hash  VARCHAR(200)  NOT NULL,
  display_name   VARCHAR(100),
  roles          VARCHAR(200)  NOT NULL,
  enabled        BOOLEAN       NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by     VARCHAR(100)  NOT NULL
);
