-- Cooperation parks (特别合作园), issue 14 point 3: a park promoted by one body and lying in one or
-- more host districts, its published figures, and the assessment-sharing rule (JSON, held as data).

-- The boundary is either a zone of a plan (plan_id, zone_code; read when figures are attributed,
-- no foreign key: the zone may be redrawn) or the park's own polygon (geom, EPSG:4490, lon/lat),
-- exactly one of the two. promoter_code is the promoter's division (e.g. 330108 for 高新区(滨江)).
-- sharing_rule: {"kind": "ALL_SHARED" | "BY_LANDING_MODE", "label", "note", "splits": [...]}.
CREATE TABLE coop_park (
  id             VARCHAR(64)   PRIMARY KEY,
  name           VARCHAR(100)  NOT NULL,
  name_en        VARCHAR(200),
  promoter_name  VARCHAR(100)  NOT NULL,
  promoter_code  VARCHAR(12)   NOT NULL,
  plan_id        VARCHAR(64),
  zone_code      VARCHAR(64),
  geom           geometry(MULTIPOLYGON, 4490),
  illustrative   BOOLEAN       NOT NULL,
  boundary_note  VARCHAR(1000),
  sharing_rule   TEXT NOT NULL,
  source         VARCHAR(1000),
  updated_by     VARCHAR(100)  NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT coop_park_one_boundary CHECK ((geom IS NULL) <> (zone_code IS NULL))
);

-- Host districts in the order given (seq 0 first).
CREATE TABLE coop_park_host (
  park_id        VARCHAR(64)  NOT NULL REFERENCES coop_park (id) ON DELETE CASCADE,
  division_code  VARCHAR(12)  NOT NULL,
  seq            INTEGER      NOT NULL,
  PRIMARY KEY (park_id, division_code)
);

-- Figures as published: the value as its text (so 32.0 stays 32.0), unit, period ("2021",
-- "to-2024-06") and the source phrase verbatim (traditional characters kept).
CREATE TABLE coop_park_figure (
  park_id        VARCHAR(64)   NOT NULL REFERENCES coop_park (id) ON DELETE CASCADE,
  seq            INTEGER       NOT NULL,
  item           VARCHAR(64)   NOT NULL,
  period         VARCHAR(16)   NOT NULL,
  value_text     VARCHAR(40)   NOT NULL,
  unit           VARCHAR(16)   NOT NULL,
  source_phrase  VARCHAR(1000),
  PRIMARY KEY (park_id, seq),
  CONSTRAINT coop_park_figure_once UNIQUE (park_id, item, period)
);
