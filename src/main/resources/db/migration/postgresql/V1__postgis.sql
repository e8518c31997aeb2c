-- PostGIS must be available on the server; creating the extension needs the right to do so
-- (a superuser, or a database owner where postgis is trusted). Production DBAs may pre-create it.
CREATE EXTENSION IF NOT EXISTS postgis;
