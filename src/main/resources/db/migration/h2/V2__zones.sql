-- Plan versions, zones and administrative divisions. Geometry: MultiPolygon in CGCS2000
-- geographic (EPSG:4490), x = longitude. Areas are ellipsoidal m², computed by zoneplan on write.
CREATE TABLE plan_version (
  id         VARCHAR(64)  PRIMARY KEY,
  name       VARCHAR(200) NOT NULL,
  plan_date  DATE         NOT NULL,
  status     VARCHAR(20)  NOT NULL
);

CREATE TABLE zone (
  plan_id         VARCHAR(64)  NOT NULL REFERENCES plan_version (id),
  code            VARCHAR(64)  NOT NULL,
  name            VARCHAR(200) NOT NULL,
  kind            VARCHAR(20)  NOT NULL,
  parent_code     VARCHAR(64),
  managed_by      VARCHAR(200),
  attributes      CHARACTER VARYING NOT NULL DEFAULT '{}',
  area_m2         DOUBLE PRECISION NOT NULL,
  planar_area_m2  DOUBLE PRECISION NOT NULL,
  gk_epsg         INTEGER NOT NULL,
  geom            GEOMETRY(MULTIPOLYGON, 4490) NOT NULL,
  PRIMARY KEY (plan_id, code),
  CONSTRAINT zone_parent_fk FOREIGN KEY (plan_id, parent_code) REFERENCES zone (plan_id, code)
);
CREATE SPATIAL INDEX zone_geom_idx ON zone (geom);

CREATE TABLE division (
  code            VARCHAR(12)  PRIMARY KEY,
  name            VARCHAR(100) NOT NULL,
  level           VARCHAR(16)  NOT NULL,
  parent_code     VARCHAR(12),
  area_m2         DOUBLE PRECISION,
  planar_area_m2  DOUBLE PRECISION,
  gk_epsg         INTEGER,
  repair_note     CHARACTER VARYING,
  geom            GEOMETRY(MULTIPOLYGON, 4490)
);
CREATE SPATIAL INDEX division_geom_idx ON division (geom);
