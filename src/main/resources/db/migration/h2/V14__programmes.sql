-- Programmes and their carriers (产业平台体系, e.g. 萧山区"4286"产业载体), issue 14 point 2.
-- A programme: categories with target counts, statuses as data (JSON array of names, in order),
-- targets (JSON array of {key, name, ratio}); division_code is the jurisdiction whose totals are
-- the denominators of its shares (null: the whole store).
CREATE TABLE programme (
  id             VARCHAR(64)   PRIMARY KEY,
  name           VARCHAR(200)  NOT NULL,
  issuer         VARCHAR(200)  NOT NULL,
  level          VARCHAR(8)    NOT NULL,
  division_code  VARCHAR(12),
  statuses       CHARACTER VARYING NOT NULL,
  targets        CHARACTER VARYING NOT NULL,
  source         VARCHAR(2000),
  illustrative   BOOLEAN       NOT NULL,
  created_by     VARCHAR(100)  NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE programme_category (
  programme_id  VARCHAR(64)  NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
  name          VARCHAR(100) NOT NULL,
  target_count  INTEGER,
  position      INTEGER      NOT NULL,
  PRIMARY KEY (programme_id, name)
);

-- A zone in a programme. No foreign key to zone (a zone may be redrawn or deleted; the figures
-- name members whose zone is gone); industries: JSON array of GB/T 4754-2017 codes (at most 3).
CREATE TABLE programme_member (
  programme_id   VARCHAR(64)   NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
  plan_id        VARCHAR(64)   NOT NULL,
  zone_code      VARCHAR(64)   NOT NULL,
  category       VARCHAR(100)  NOT NULL,
  status         VARCHAR(100),
  status_phrase  VARCHAR(500),
  industries     CHARACTER VARYING NOT NULL,
  note           VARCHAR(2000),
  PRIMARY KEY (programme_id, plan_id, zone_code),
  CONSTRAINT programme_member_category_fk FOREIGN KEY (programme_id, category)
    REFERENCES programme_category (programme_id, name)
);
CREATE INDEX programme_member_zone_idx ON programme_member (plan_id, zone_code);
