-- The enterprise fields on parcel (enterprise_name, credit_code, tax_wan, value_added_wan,
-- employees) are dropped: enterprises, their land and their figures live in enterprise,
-- enterprise_land and enterprise_stat (V8). Before the drop, whatever is still only on parcels
-- (rows written after V8 by the old parcel API, import or sample) is moved exactly as V8 did,
-- without touching what is already there, so rows V8 moved are left as they are:
-- * an enterprise per distinct valid credit code (GB 32100 check written out below) that the
--   enterprise table does not hold yet, named by the first of its names (or its code); an
--   enterprise already held keeps its stored name and fields (the enterprise table is the newer);
-- * an owner link per parcel with a valid code that has no link to that code yet, with share 1,
--   or the part of the parcel the parcel's stored links leave free when it has other users (the
--   shares of a parcel stay <= 1), none when nothing is left;
-- * the tax, value added and employees summed over the code's parcels as its statistics of 2024
--   (V8's year for the undated figures), only when the enterprise has no 2024 row yet.
CREATE TABLE v12_valid_code AS
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
  FROM parcel p JOIN v12_valid_code v ON v.credit_code = p.credit_code
  WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = p.credit_code)
  GROUP BY p.credit_code;

INSERT INTO enterprise_land (credit_code, parcel_id, role, share)
  SELECT p.credit_code, p.id, 'OWNER',
         1.0 - COALESCE((SELECT SUM(o.share) FROM enterprise_land o WHERE o.parcel_id = p.id), 0)
  FROM parcel p JOIN v12_valid_code v ON v.credit_code = p.credit_code
  WHERE NOT EXISTS (SELECT 1 FROM enterprise_land l
                    WHERE l.credit_code = p.credit_code AND l.parcel_id = p.id)
    AND 1.0 - COALESCE((SELECT SUM(o.share) FROM enterprise_land o WHERE o.parcel_id = p.id), 0)
        > 0.000001;

INSERT INTO enterprise_stat (credit_code, stat_year, tax_wan, value_added_wan, employees)
  SELECT p.credit_code, 2024, SUM(p.tax_wan), SUM(p.value_added_wan), SUM(p.employees)
  FROM parcel p JOIN v12_valid_code v ON v.credit_code = p.credit_code
  WHERE NOT EXISTS (SELECT 1 FROM enterprise_stat s
                    WHERE s.credit_code = p.credit_code AND s.stat_year = 2024)
  GROUP BY p.credit_code
  HAVING COUNT(p.tax_wan) + COUNT(p.value_added_wan) + COUNT(p.employees) > 0;

DROP TABLE v12_valid_code;

-- No index names these columns (V3 indexed scheme and land-use code only).
ALTER TABLE parcel DROP COLUMN enterprise_name;
ALTER TABLE parcel DROP COLUMN credit_code;
ALTER TABLE parcel DROP COLUMN tax_wan;
ALTER TABLE parcel DROP COLUMN value_added_wan;
ALTER TABLE parcel DROP COLUMN employees;
