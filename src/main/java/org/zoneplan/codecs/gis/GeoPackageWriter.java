package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.zoneplan.geo.Crs;

/**
 * Writes one feature table into a new OGC GeoPackage 1.3 file with SQLite JDBC: the required
 * metadata tables, the CRS with its EPSG code, and geometry as GeoPackage binary (header with the
 * envelope, then little-endian WKB). No spatial index. Not thread-safe.
 */
public final class GeoPackageWriter implements FeatureWriter {
  private static final int BATCH = 1000;

  private final Connection db;
  private final PreparedStatement insert;
  private final PreparedStatement index;
  private long fid;
  private final List<ExportField> fields;
  private final String table;
  private final String geometryType;
  private final Crs crs;
  private final UnaryOperator<Geometry> transform;
  private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN);
  private final Envelope extent = new Envelope();
  private int pending;

  public GeoPackageWriter(Path file, String table, List<ExportField> fields, Crs crs)
      throws IOException {
    this(file, table, fields, crs, FeatureSource.MULTIPOLYGON);
  }

  /**
   * @param geometryType {@link FeatureSource#MULTIPOLYGON} or {@link FeatureSource#POINT}
   */
  public GeoPackageWriter(
      Path file, String table, List<ExportField> fields, Crs crs, String geometryType)
      throws IOException {
    if (!geometryType.equals(FeatureSource.MULTIPOLYGON)
        && !geometryType.equals(FeatureSource.POINT)) {
      throw new IllegalArgumentException("geometry type " + geometryType);
    }
    this.geometryType = geometryType;
    this.fields = fields;
    this.table = table;
    this.crs = crs;
    this.transform = crs.fromCgcs2000();
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA application_id = 1196444487"); // 'GPKG'
        s.execute("PRAGMA user_version = 10300");
        s.execute("PRAGMA journal_mode = OFF");
        s.execute("PRAGMA synchronous = OFF");
        s.execute(
            "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
                + " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
                + " definition TEXT NOT NULL, description TEXT)");
        s.execute(
            "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT"
                + " NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME"
                + " NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y"
                + " DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id"
                + " FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))");
        s.execute(
            "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT"
                + " NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT"
                + " NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name,"
                + " column_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES"
                + " gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES"
                + " gpkg_spatial_ref_sys (srs_id))");
        s.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1,"
                + " 'undefined', 'undefined cartesian coordinate reference system'),"
                + " ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic"
                + " coordinate reference system'), ('WGS 84 geodetic', 4326, 'EPSG', 4326,"
                + " 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
                + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
                + "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,"
                + "AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]',"
                + " 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')");
      }
      try (PreparedStatement srs =
          db.prepareStatement("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, 'EPSG', ?, ?, ?)")) {
        srs.setString(1, crs.name());
        srs.setInt(2, crs.epsg());
        srs.setInt(3, crs.epsg());
        srs.setString(4, crs.ogcWkt());
        srs.setString(5, crs.name());
        srs.executeUpdate();
      }
      StringBuilder create =
          new StringBuilder("CREATE TABLE ")
              .append(quote(table))
              .append(" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ")
              .append(geometryType);
      StringBuilder columns = new StringBuilder("fid, geom");
      StringBuilder marks = new StringBuilder("?, ?");
      for (ExportField f : fields) {
        String type =
            switch (f.type()) {
              case TEXT -> "TEXT";
              case INTEGER -> "INTEGER";
              case REAL -> "REAL";
            };
        create.append(", ").append(quote(f.name())).append(' ').append(type);
        columns.append(", ").append(quote(f.name()));
        marks.append(", ?");
      }
      try (Statement s = db.createStatement()) {
        s.execute(create.append(')').toString());
      }
      createSpatialIndex();
      db.setAutoCommit(false);
      insert =
          db.prepareStatement(
              "INSERT INTO " + quote(table) + " (" + columns + ") VALUES (" + marks + ")");
      index =
          db.prepareStatement(
              "INSERT INTO "
                  + quote(rtree())
                  + " (id, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)");
    } catch (SQLException e) {
      throw new IOException("cannot create GeoPackage: " + e.getMessage(), e);
    }
  }

  private String rtree() {
    return "rtree_" + table + "_geom";
  }

  /**
   * The GeoPackage R-tree spatial index extension (gpkg_rtree_index, GeoPackage 1.3 §F.3): the
   * index table, filled as features are written; {@link #createIndexTriggers} keeps it in step when
   * GDAL or QGIS later edit the file.
   */
  private void createSpatialIndex() throws SQLException {
    String r = quote(rtree());
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT"
              + " NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE"
              + " (table_name, column_name, extension_name))");
      try (PreparedStatement e =
          db.prepareStatement(
              "INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index',"
                  + " 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')")) {
        e.setString(1, table);
        e.executeUpdate();
      }
      s.execute("CREATE VIRTUAL TABLE " + r + " USING rtree(id, minx, maxx, miny, maxy)");
    }
  }

  /**
   * The spec's triggers, created once every feature is written: they call ST_* functions that
   * SQLite alone lacks (GDAL and QGIS provide them), so they must not fire on zoneplan's inserts.
   */
  private void createIndexTriggers() throws SQLException {
    String t = quote(table);
    String r = quote(rtree());
    String trigger = "rtree_" + table + "_geom";
    try (Statement s = db.createStatement()) {
      String insertRow =
          " INSERT OR REPLACE INTO "
              + r
              + " VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom),"
              + " ST_MaxY(NEW.geom));";
      s.execute(
          "CREATE TRIGGER "
              + quote(trigger + "_insert")
              + " AFTER INSERT ON "
              + t
              + " WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN"
              + insertRow
              + " END");
      s.execute(
          "CREATE TRIGGER "
              + quote(trigger + "_update1")
              + " AFTER UPDATE OF geom ON "
              + t
              + " WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN"
              + insertRow
              + " END");
      s.execute(
          "CREATE TRIGGER "
              + quote(trigger + "_update2")
              + " AFTER UPDATE OF geom ON "
              + t
              + " WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE"
              + " FROM "
              + r
              + " WHERE id = OLD.fid; END");
      s.execute(
          "CREATE TRIGGER "
              + quote(trigger + "_update3")
              + " AFTER UPDATE ON "
              + t
              + " WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN"
              + " DELETE FROM "
              + r
              + " WHERE id = OLD.fid;"
              + insertRow
              + " END");
      s.execute(
          "CREATE TRIGGER "
              + quote(trigger + "_update4")
              + " AFTER UPDATE ON "
              + t
              + " WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN"
              + " DELETE FROM "
              + r
              + " WHERE id IN (OLD.fid, NEW.fid); END");
      s.execute(
          "CREATE TRIGGER "
              + quote(trigger + "_delete")
              + " AFTER DELETE ON "
              + t
              + " WHEN old.geom NOT NULL BEGIN DELETE FROM "
              + r
              + " WHERE id = OLD.fid; END");
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public void write(ExportFeature feature) throws IOException {
    try {
      Geometry g = feature.geometry();
      insert.setLong(1, ++fid);
      if (g == null || g.isEmpty()) {
        insert.setNull(2, Types.BLOB);
      } else {
        Geometry projected = transform.apply(g);
        Envelope e = projected.getEnvelopeInternal();
        extent.expandToInclude(e);
        insert.setBytes(2, geometryBlob(projected));
        // The R-tree row the insert trigger would write, where ST_* functions exist.
        index.setLong(1, fid);
        index.setDouble(2, e.getMinX());
        index.setDouble(3, e.getMaxX());
        index.setDouble(4, e.getMinY());
        index.setDouble(5, e.getMaxY());
        index.addBatch();
      }
      Object[] values = feature.values();
      for (int i = 0; i < fields.size(); i++) {
        Object v = values[i];
        if (v == null) {
          insert.setNull(i + 3, Types.NULL);
        } else if (v instanceof Double d) {
          insert.setDouble(i + 3, d);
        } else if (v instanceof Number n) {
          insert.setLong(i + 3, n.longValue());
        } else {
          insert.setString(i + 3, v.toString());
        }
      }
      insert.addBatch();
      if (++pending >= BATCH) {
        insert.executeBatch();
        index.executeBatch();
        pending = 0;
      }
    } catch (SQLException e) {
      throw new IOException("cannot write GeoPackage: " + e.getMessage(), e);
    }
  }

  /** GeoPackage binary: "GP", version 0, flags (little-endian, xy envelope), SRS id, envelope. */
  private byte[] geometryBlob(Geometry g) {
    byte[] body = wkb.write(g);
    Envelope e = g.getEnvelopeInternal();
    ByteBuffer blob = ByteBuffer.allocate(8 + 32 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    blob.put((byte) 'G').put((byte) 'P').put((byte) 0).put((byte) 0b0000_0011);
    blob.putInt(crs.epsg());
    blob.putDouble(e.getMinX())
        .putDouble(e.getMaxX())
        .putDouble(e.getMinY())
        .putDouble(e.getMaxY());
    blob.put(body);
    return blob.array();
  }

  @Override
  public void close() throws IOException {
    try {
      if (pending > 0) {
        insert.executeBatch();
        index.executeBatch();
      }
      insert.close();
      index.close();
      createIndexTriggers();
      try (PreparedStatement contents =
              db.prepareStatement(
                  "INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change,"
                      + " min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?,"
                      + " ?, ?)");
          PreparedStatement columns =
              db.prepareStatement(
                  "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', '"
                      + geometryType
                      + "', ?, 0, 0)")) {
        contents.setString(1, table);
        contents.setString(2, table);
        contents.setString(3, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        if (extent.isNull()) {
          for (int i = 4; i <= 7; i++) {
            contents.setNull(i, Types.DOUBLE);
          }
        } else {
          contents.setDouble(4, extent.getMinX());
          contents.setDouble(5, extent.getMinY());
          contents.setDouble(6, extent.getMaxX());
          contents.setDouble(7, extent.getMaxY());
        }
        contents.setInt(8, crs.epsg());
        contents.executeUpdate();
        columns.setString(1, table);
        columns.setInt(2, crs.epsg());
        columns.executeUpdate();
      }
      db.commit();
    } catch (SQLException e) {
      throw new IOException("cannot finish GeoPackage: " + e.getMessage(), e);
    } finally {
      try {
        db.close();
      } catch (SQLException e) {
        // closing after a failure: the first error is the one that matters
      }
    }
  }
}
