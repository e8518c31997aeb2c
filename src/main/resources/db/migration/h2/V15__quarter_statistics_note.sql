-- Where a quarterly row comes from, when it is not an enterprise's own report: the sample's
-- generated quarters say here that they are illustrative (issue 15, point 6). Null for rows
-- written by imports or the API (a write replaces the whole row, and with it the note).
ALTER TABLE enterprise_stat_quarter ADD COLUMN note VARCHAR(200);
