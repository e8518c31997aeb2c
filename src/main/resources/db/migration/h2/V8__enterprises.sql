-- Enterprises (企业) and what they report each year, land supply of parcels (供地), zone totals.
-- Enterprises are keyed by the unified social credit code (统一社会信用代码, GB 32100-2015, checked by
-- org.zoneplan.parcels.CreditCode on every write). Money in 万元 (10,000 yuan), energy in tonnes of
-- standard coal equivalent (吨标准煤), emissions in tonnes, electricity in 万kWh, areas in m².
CREATE TABLE enterprise (
  credit_code    VARCHAR(18)  PRIMARY KEY,
  name           VARCHAR(200) NOT NULL,
  -- GB/T 4754-2017 小类 (4 digits), checked against industry/gbt4754-2017.csv on write
  industry_code  VARCHAR(4),
  -- ABOVE: 规模以上 (规上), BELOW: 规模以下 (规下)
  size_class     VARCHAR(8)   CHECK (size_class IN ('ABOVE', 'BELOW')),
  founded_year   INTEGER,
  closed_year    INTEGER,
  CHECK (closed_year IS NULL OR founded_year IS NULL OR closed_year >= founded_year)
);
CREATE INDEX enterprise_industry_idx ON enterprise (industry_code);

-- An enterprise uses a parcel as owner (权属) or tenant (租用), with the share of the parcel it
-- uses, 0 < share <= 1. The shares of one parcel add up to at most 1 (checked by zoneplan on write).
CREATE TABLE enterprise_land (
  credit_code  VARCHAR(18) NOT NULL REFERENCES enterprise (credit_code) ON DELETE CASCADE,
  parcel_id    BIGINT      NOT NULL REFERENCES parcel (id) ON DELETE CASCADE,
  role         VARCHAR(8)  NOT NULL CHECK (role IN ('OWNER', 'TENANT')),
  share        DOUBLE PRECISION NOT NULL CHECK (share > 0 AND share <= 1),
  PRIMARY KEY (credit_code, parcel_id)
);
CREATE INDEX enterprise_land_parcel_idx ON enterprise_land (parcel_id);

-- Annual statistics of an enterprise; a null figure is unknown, not zero.
CREATE TABLE enterprise_stat (
  credit_code          VARCHAR(18) NOT NULL REFERENCES enterprise (credit_code) ON DELETE CASCADE,
  stat_year            INTEGER     NOT NULL,
  tax_wan              DOUBLE PRECISION,  -- 评价税收 (万元)
  value_added_wan      DOUBLE PRECISION,  -- 工业增加值 (万元)
  revenue_wan          DOUBLE PRECISION,  -- 营业收入 / 主营业务收入 (万元)
  energy_tce           DOUBLE PRECISION,  -- 综合能耗 (吨标准煤)
  emissions_t          DOUBLE PRECISION,  -- 主要污染物排放 (吨)
  rnd_wan              DOUBLE PRECISION,  -- R&D 经费 (万元)
  employees            INTEGER,           -- 年平均职工人数
  electricity_wan_kwh  DOUBLE PRECISION,  -- 用电量 (万kWh)
  investment_wan       DOUBLE PRECISION,  -- 固定资产投资 (万元)
  PRIMARY KEY (credit_code, stat_year)
);
CREATE INDEX enterprise_stat_year_idx ON enterprise_stat (stat_year);

-- Figures published only as a zone's total (e.g. a park's 固定资产投资, 工业总产值), per plan, zone,
-- year and indicator key, with the unit and where the figure comes from.
CREATE TABLE zone_stat (
  plan_id     VARCHAR(64)  NOT NULL,
  zone_code   VARCHAR(64)  NOT NULL,
  stat_year   INTEGER      NOT NULL,
  indicator   VARCHAR(64)  NOT NULL,
  stat_value  DOUBLE PRECISION NOT NULL,
  unit        VARCHAR(32),
  source      VARCHAR(500),
  PRIMARY KEY (plan_id, zone_code, stat_year, indicator),
  FOREIGN KEY (plan_id, zone_code) REFERENCES zone (plan_id, code) ON DELETE CASCADE
);

-- Land supply of a parcel (供地). A parcel belongs to the land of year Y when it was supplied by the
-- end of Y, or always when no supply date is known (no row, or supply_date null).
CREATE TABLE parcel_supply (
  parcel_id        BIGINT PRIMARY KEY REFERENCES parcel (id) ON DELETE CASCADE,
  supply_date      DATE,                  -- 供地日期
  supply_method    VARCHAR(16),           -- 供地方式: 划拨, 出让, 租赁, 作价出资, 授权经营, 其他
  supplied         BOOLEAN NOT NULL,      -- 供地状态: 已供 (true) / 未供 (false)
  built            BOOLEAN NOT NULL DEFAULT FALSE,  -- 建成
  completion_date  DATE,                  -- 竣工日期
  floor_area_m2    DOUBLE PRECISION CHECK (floor_area_m2 >= 0),      -- 建筑面积
  footprint_m2     DOUBLE PRECISION CHECK (footprint_m2 >= 0),       -- 建筑基底面积
  idle             BOOLEAN NOT NULL DEFAULT FALSE,  -- 闲置
  idle_since       DATE                   -- 认定闲置日期
);
CREATE INDEX parcel_supply_date_idx ON parcel_supply (supply_date);

-- The enterprise fields on parcel (enterprise_name, credit_code, tax_wan, value_added_wan,
-- employees) move here; the columns stay until a later migration drops them. Copied: one
-- enterprise per distinct valid credit code (GB 32100 check written out below: every character of
-- the alphabet, check character = (31 - sum(value * 3^(i-1) mod 31) mod 31) mod 31), named by the
-- first of its names (or its code when it has none); each of its parcels as owner with share 1
-- (a code on several parcels owns each whole; a parcel has at most one code, so shares stay <= 1);
-- and its tax, value added and employees, summed over its parcels, as the statistics of 2024:
-- the undated figures were entered as the latest year's, and 2024 is the last full year held.
CREATE TABLE v8_valid_code AS
  SELECT DISTINCT credit_code FROM parcel
  WHERE credit_code IS NOT NULL
    AND CHAR_LENGTH(credit_code) = 18 AND POSITION(SUBSTRING(credit_code FROM 1 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 2 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 3 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 4 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 5 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 6 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 7 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 8 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 9 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 10 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 11 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 12 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 13 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 14 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 15 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 16 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 17 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND POSITION(SUBSTRING(credit_code FROM 18 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') > 0 AND MOD(31 - MOD((POSITION(SUBSTRING(credit_code FROM 1 FOR
    1) IN '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 1 + (POSITION(SUBSTRING(credit_code FROM 2 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 3 + (POSITION(SUBSTRING(credit_code FROM 3 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 9 + (POSITION(SUBSTRING(credit_code FROM 4 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 27 + (POSITION(SUBSTRING(credit_code FROM 5 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 19 + (POSITION(SUBSTRING(credit_code FROM 6 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 26 + (POSITION(SUBSTRING(credit_code FROM 7 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 16 + (POSITION(SUBSTRING(credit_code FROM 8 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 17 + (POSITION(SUBSTRING(credit_code FROM 9 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 20 + (POSITION(SUBSTRING(credit_code FROM 10 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 29 + (POSITION(SUBSTRING(credit_code FROM 11 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 25 + (POSITION(SUBSTRING(credit_code FROM 12 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 13 + (POSITION(SUBSTRING(credit_code FROM 13 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 8 + (POSITION(SUBSTRING(credit_code FROM 14 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 24 + (POSITION(SUBSTRING(credit_code FROM 15 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 10 + (POSITION(SUBSTRING(credit_code FROM 16 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 30 + (POSITION(SUBSTRING(credit_code FROM 17 FOR 1) IN
    '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1) * 28, 31), 31) = POSITION(SUBSTRING(credit_code FROM 18 FOR
    1) IN '0123456789ABCDEFGHJKLMNPQRTUWXY') - 1;

INSERT INTO enterprise (credit_code, name)
  SELECT p.credit_code, COALESCE(MIN(p.enterprise_name), p.credit_code)
  FROM parcel p JOIN v8_valid_code v ON v.credit_code = p.credit_code
  GROUP BY p.credit_code;

INSERT INTO enterprise_land (credit_code, parcel_id, role, share)
  SELECT p.credit_code, p.id, 'OWNER', 1.0
  FROM parcel p JOIN v8_valid_code v ON v.credit_code = p.credit_code;

INSERT INTO enterprise_stat (credit_code, stat_year, tax_wan, value_added_wan, employees)
  SELECT p.credit_code, 2024, SUM(p.tax_wan), SUM(p.value_added_wan), SUM(p.employees)
  FROM parcel p JOIN v8_valid_code v ON v.credit_code = p.credit_code
  GROUP BY p.credit_code
  HAVING COUNT(p.tax_wan) + COUNT(p.value_added_wan) + COUNT(p.employees) > 0;

DROP TABLE v8_valid_code;
