-- Crash safety of the embedded store. H2 2.x cannot reopen a file whose spatial (R-tree) index was
-- being written when the process was killed ("ValueDataType cannot be cast to SpatialDataType";
-- bench/h2-crash/ reproduces it), so the R-trees go. In their place: the bounding box of geom in
-- plain columns that H2 computes on every insert and update (generated columns, filled here for
-- the rows already stored), under ordinary B-tree indexes, which recover from a kill like the rest
-- of the file. width_x (max_x - min_x) bounds the B-tree scan; org.zoneplan.store.BboxFilter
-- writes the queries. PostGIS keeps its GiST indexes.
DROP INDEX zone_geom_idx;
DROP INDEX division_geom_idx;
DROP INDEX parcel_geom_idx;

ALTER TABLE zone ADD COLUMN (
  min_x    DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMin(geom)),
  min_y    DOUBLE PRECISION GENERATED ALWAYS AS (ST_YMin(geom)),
  max_x    DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMax(geom)),
  max_y    DOUBLE PRECISION GENERATED ALWAYS AS (ST_YMax(geom)),
  width_x  DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMax(geom) - ST_XMin(geom))
);
CREATE INDEX zone_bbox_idx ON zone (min_x, max_x, min_y, max_y);
CREATE INDEX zone_width_idx ON zone (width_x);

ALTER TABLE division ADD COLUMN (
  min_x    DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMin(geom)),
  min_y    DOUBLE PRECISION GENERATED ALWAYS AS (ST_YMin(geom)),
  max_x    DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMax(geom)),
  max_y    DOUBLE PRECISION GENERATED ALWAYS AS (ST_YMax(geom)),
  width_x  DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMax(geom) - ST_XMin(geom))
);
CREATE INDEX division_bbox_idx ON division (min_x, max_x, min_y, max_y);
CREATE INDEX division_width_idx ON division (width_x);

ALTER TABLE parcel ADD COLUMN (
  min_x    DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMin(geom)),
  min_y    DOUBLE PRECISION GENERATED ALWAYS AS (ST_YMin(geom)),
  max_x    DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMax(geom)),
  max_y    DOUBLE PRECISION GENERATED ALWAYS AS (ST_YMax(geom)),
  width_x  DOUBLE PRECISION GENERATED ALWAYS AS (ST_XMax(geom) - ST_XMin(geom))
);
CREATE INDEX parcel_bbox_idx ON parcel (min_x, max_x, min_y, max_y);
CREATE INDEX parcel_width_idx ON parcel (width_x);
