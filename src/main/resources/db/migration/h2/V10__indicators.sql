-- Zone indicators by year and quarter (issue 15, point 4): targets as data, and quarterly
-- statistics cumulative to the end of the quarter. Years and quarters are in target_year,
-- stat_year and stat_quarter (YEAR is a keyword on H2).

-- City targets (市级目标) as published: the indicator's name and source phrase exactly as in the
-- text; indicator_key names the zoneplan indicator it applies to (null when zoneplan has none, e.g.
-- 省高能级战略平台). A city target with a key is the default target of every zone (or, for
-- concentration, of the jurisdiction) for that year and the years before it (a goal "by 2025").
CREATE TABLE city_target (
  target_year    INTEGER       NOT NULL,
  name           VARCHAR(200)  NOT NULL,
  indicator_key  VARCHAR(64),
  target_value   DOUBLE PRECISION NOT NULL,
  unit           VARCHAR(32)   NOT NULL,
  direction      VARCHAR(2)    NOT NULL CHECK (direction IN ('GE', 'LE')),
  scope          VARCHAR(200),
  source         VARCHAR(500),
  PRIMARY KEY (target_year, name)
);

-- A zone's own annual target for one indicator (replaces the city target for that zone and year).
CREATE TABLE zone_target (
  plan_id        VARCHAR(64)   NOT NULL,
  zone_code      VARCHAR(64)   NOT NULL,
  indicator_key  VARCHAR(64)   NOT NULL,
  target_year    INTEGER       NOT NULL,
  target_value   DOUBLE PRECISION NOT NULL,
  unit           VARCHAR(32)   NOT NULL,
  direction      VARCHAR(2)    NOT NULL CHECK (direction IN ('GE', 'LE')),
  source         VARCHAR(500),
  PRIMARY KEY (plan_id, zone_code, indicator_key, target_year),
  FOREIGN KEY (plan_id, zone_code) REFERENCES zone (plan_id, code) ON DELETE CASCADE
);

-- Quarterly statistics of an enterprise, cumulative from 1 January to the end of the quarter
-- (1-3: 一季度 … 4: the whole year); same figures and units as enterprise_stat, null = unknown.
CREATE TABLE enterprise_stat_quarter (
  credit_code          VARCHAR(18) NOT NULL REFERENCES enterprise (credit_code) ON DELETE CASCADE,
  stat_year            INTEGER     NOT NULL,
  stat_quarter         INTEGER     NOT NULL CHECK (stat_quarter BETWEEN 1 AND 4),
  tax_wan              DOUBLE PRECISION,
  value_added_wan      DOUBLE PRECISION,
  revenue_wan          DOUBLE PRECISION,
  energy_tce           DOUBLE PRECISION,
  emissions_t          DOUBLE PRECISION,
  rnd_wan              DOUBLE PRECISION,
  employees            INTEGER,
  electricity_wan_kwh  DOUBLE PRECISION,
  investment_wan       DOUBLE PRECISION,
  PRIMARY KEY (credit_code, stat_year, stat_quarter)
);
CREATE INDEX enterprise_stat_quarter_year_idx ON enterprise_stat_quarter (stat_year, stat_quarter);
