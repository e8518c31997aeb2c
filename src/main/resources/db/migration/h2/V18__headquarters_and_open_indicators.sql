-- Xihu (西湖区): the headquarters economy and the 一号开放工程 indicator system, issue 14 point 8.

-- Enterprise lists of a district's headquarters economy: kind 动员, 培育 or 招引.
CREATE TABLE hq_list (
  id             VARCHAR(64)   PRIMARY KEY,
  division_code  VARCHAR(12)   NOT NULL,
  kind           VARCHAR(8)    NOT NULL,
  name           VARCHAR(100)  NOT NULL,
  position       INTEGER       NOT NULL,
  note           VARCHAR(1000),
  CONSTRAINT hq_list_kind CHECK (kind IN ('动员', '培育', '招引'))
);

-- A firm (FIRM) or a project (PROJECT) on a list; star level 1–5 for firms (null: not rated);
-- location a point (EPSG:4490, lon/lat); platform: the plan zone it lies in, when known.
CREATE TABLE hq_entry (
  id             VARCHAR(64)   PRIMARY KEY,
  list_id        VARCHAR(64)   NOT NULL REFERENCES hq_list (id) ON DELETE CASCADE,
  position       INTEGER       NOT NULL,
  entry_type     VARCHAR(8)    NOT NULL,
  name           VARCHAR(200)  NOT NULL,
  credit_code    VARCHAR(18),
  star_level     INTEGER,
  plan_id        VARCHAR(64),
  zone_code      VARCHAR(64),
  geom           GEOMETRY(POINT, 4490),
  illustrative   BOOLEAN       NOT NULL,
  note           VARCHAR(1000),
  CONSTRAINT hq_entry_type CHECK (entry_type IN ('FIRM', 'PROJECT')),
  CONSTRAINT hq_entry_star CHECK (star_level IS NULL OR star_level BETWEEN 1 AND 5)
);
CREATE INDEX hq_entry_list_idx ON hq_entry (list_id, position);

-- Rewards paid to an entry in a year (万元); district_wan is the district's part of amount_wan.
CREATE TABLE hq_reward (
  entry_id       VARCHAR(64)    NOT NULL REFERENCES hq_entry (id) ON DELETE CASCADE,
  reward_year    INTEGER        NOT NULL,
  kind           VARCHAR(32)    NOT NULL,
  amount_wan     DECIMAL(14, 2) NOT NULL,
  district_wan   DECIMAL(14, 2) NOT NULL,
  PRIMARY KEY (entry_id, reward_year, kind),
  CONSTRAINT hq_reward_parts CHECK (district_wan >= 0 AND district_wan <= amount_wan)
);

-- Published totals kept exactly as published: value as its text, unit, the source phrase.
CREATE TABLE hq_published_figure (
  division_code  VARCHAR(12)   NOT NULL,
  item           VARCHAR(64)   NOT NULL,
  period         VARCHAR(16)   NOT NULL,
  value_text     VARCHAR(40)   NOT NULL,
  unit           VARCHAR(16)   NOT NULL,
  source_phrase  VARCHAR(1000) NOT NULL,
  source         VARCHAR(1000) NOT NULL,
  PRIMARY KEY (division_code, item, period)
);

-- The indicator system: categories, indicators with their lead department, which way is better
-- (HIGHER or LOWER) and the reviews that take them up (comma list of WEEKLY, MONTHLY, QUARTERLY,
-- YEARLY: 周例会、月调度、季分析、年总结).
CREATE TABLE open_indicator_category (
  code           VARCHAR(16)   PRIMARY KEY,
  name           VARCHAR(100)  NOT NULL,
  position       INTEGER       NOT NULL
);

CREATE TABLE open_indicator (
  code             VARCHAR(16)   PRIMARY KEY,
  category_code    VARCHAR(16)   NOT NULL REFERENCES open_indicator_category (code),
  position         INTEGER       NOT NULL,
  name             VARCHAR(200)  NOT NULL,
  unit             VARCHAR(16)   NOT NULL,
  better           VARCHAR(8)    NOT NULL,
  lead_department  VARCHAR(100)  NOT NULL,
  reviews          VARCHAR(64)   NOT NULL,
  illustrative     BOOLEAN       NOT NULL,
  CONSTRAINT open_indicator_better CHECK (better IN ('HIGHER', 'LOWER'))
);

-- Towns and streets (镇街) and platforms (平台) assessed; a platform may name its plan zone.
CREATE TABLE open_unit (
  code           VARCHAR(16)   PRIMARY KEY,
  name           VARCHAR(100)  NOT NULL,
  kind           VARCHAR(8)    NOT NULL,
  division_code  VARCHAR(12)   NOT NULL,
  plan_id        VARCHAR(64),
  zone_code      VARCHAR(64),
  position       INTEGER       NOT NULL,
  CONSTRAINT open_unit_kind CHECK (kind IN ('镇街', '平台'))
);

-- Target and value of an indicator for a unit and period (YYYY, YYYY-Qn or YYYY-MM).
CREATE TABLE open_value (
  indicator_code VARCHAR(16)    NOT NULL REFERENCES open_indicator (code),
  unit_code      VARCHAR(16)    NOT NULL REFERENCES open_unit (code),
  period         VARCHAR(7)     NOT NULL,
  target         DECIMAL(20, 4),
  actual         DECIMAL(20, 4),
  illustrative   BOOLEAN        NOT NULL,
  updated_by     VARCHAR(100)   NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (indicator_code, unit_code, period)
);
CREATE INDEX open_value_period_idx ON open_value (period);

-- The review meetings (周例会, 月调度, 季分析, 年总结) and the period each one looks at.
CREATE TABLE open_review (
  cadence        VARCHAR(16)   PRIMARY KEY,
  name           VARCHAR(16)   NOT NULL,
  period_kind    VARCHAR(8)    NOT NULL,
  position       INTEGER       NOT NULL,
  note           VARCHAR(500)
);

-- 分级约谈: a lagging unit takes the first grade (by position) whose below_ratio exceeds its
-- completion ratio.
CREATE TABLE open_talk_grade (
  position       INTEGER       PRIMARY KEY,
  grade          VARCHAR(32)   NOT NULL,
  action         VARCHAR(200)  NOT NULL,
  below_ratio    DECIMAL(8, 4) NOT NULL,
  illustrative   BOOLEAN       NOT NULL
);
