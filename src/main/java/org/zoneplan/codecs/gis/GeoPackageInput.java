package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.zoneplan.geo.Crs;

/**
 * Reads the one feature table of an uploaded GeoPackage (read-only SQLite): its CRS from {@code
 * gpkg_spatial_ref_sys} (EPSG code; 4326 is taken as 4490), geometry from GeoPackage binary (header
 * and envelope skipped, then WKB).
 *
 * <p>An upload is untrusted SQL: a "table" may be a view whose query never ends or makes gigabyte
 * blobs (issue 13). So only real tables are read ({@code sqlite_master.type = 'table'}, not
 * virtual, no virtual generated column), on a read-only connection that runs no trigger and trusts
 * no function in the schema; each value's length is looked at before the value is read (geometry at
 * most {@code maxGeometryBytes}, other values {@code maxTextLength} characters); SQLite itself
 * refuses longer strings and blobs ({@code SQLITE_LIMIT_LENGTH}); and a progress handler stops any
 * statement once {@code readTimeout} has passed since the file was opened.
 */
final class GeoPackageInput extends FeatureFileInput {
  /** SQLite virtual-machine steps between two looks at the clock. */
  private static final int PROGRESS_STEPS = 10_000;

  private final Path file;
  private final ReadLimits limits;
  private final long deadlineNanos;
  private final String table;
  private final String geometryColumn;
  private final List<String> columns = new ArrayList<>();

  GeoPackageInput(Path file, Crs override, ReadLimits limits) throws IOException {
    super("geopackage");
    encoding = "UTF-8";
    encodingSource = "GeoPackage";
    this.file = file;
    this.limits = limits;
    this.deadlineNanos = System.nanoTime() + limits.readTimeout().toNanos();
    try (Connection db = open()) {
      requireTable(db, "gpkg_geometry_columns");
      requireTable(db, "gpkg_spatial_ref_sys");
      List<String[]> layers = new ArrayList<>();
      try (Statement s = db.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT c.table_name, c.column_name, c.geometry_type_name, r.organization,"
                      + " r.organization_coordsys_id FROM gpkg_geometry_columns c LEFT JOIN"
                      + " gpkg_spatial_ref_sys r ON r.srs_id = c.srs_id LIMIT 2")) {
        while (rs.next()) {
          String[] layer = new String[5];
          for (int i = 0; i < layer.length; i++) {
            layer[i] = boundedText(rs, i + 1, 256, "gpkg_geometry_columns");
          }
          layers.add(layer);
        }
      }
      if (layers.size() != 1) {
        throw GisFileException.unreadable(
            layers.isEmpty()
                ? "the GeoPackage has no feature table"
                : "the GeoPackage has several feature tables; upload one layer at a time");
      }
      String[] layer = layers.get(0);
      if (layer[0] == null || layer[1] == null) {
        throw GisFileException.unreadable(
            "gpkg_geometry_columns names no table or no geometry column");
      }
      table = layer[0];
      geometryColumn = layer[1];
      if (layer[2] == null) {
        throw GisFileException.notPolygon(
            "the GeoPackage table \"" + table + "\" has no geometry_type_name");
      }
      String type = layer[2].toUpperCase(Locale.ROOT);
      if (!List.of("POLYGON", "MULTIPOLYGON", "GEOMETRY", "CURVEPOLYGON", "MULTISURFACE")
          .contains(type)) {
        throw GisFileException.notPolygon(
            "the GeoPackage table \"" + table + "\" holds " + type + ", not polygons");
      }
      requireTable(db, table);
      readColumns(db);
      if (override != null) {
        crs = override;
        crsSource = "override";
      } else {
        if (layer[3] == null || !layer[3].equalsIgnoreCase("EPSG")) {
          throw GisFileException.crs("the GeoPackage's CRS has no EPSG code; give crs");
        }
        int epsg;
        try {
          epsg = Integer.parseInt(layer[4] == null ? "" : layer[4].strip());
        } catch (NumberFormatException e) {
          throw GisFileException.crs(
              "the GeoPackage's organization_coordsys_id \""
                  + layer[4]
                  + "\" is not an EPSG code; give crs");
        }
        try {
          crs = epsg == 4326 ? Crs.CGCS2000 : new Crs(epsg);
        } catch (IllegalArgumentException e) {
          throw GisFileException.crs(e.getMessage());
        }
        crsSource = "gpkg_spatial_ref_sys";
      }
    } catch (SQLException e) {
      throw sqlProblem("not a readable GeoPackage", e);
    }
  }

  /** Read-only, no trigger, no untrusted schema function, bounded lengths and time. */
  private Connection open() throws SQLException {
    Properties p = new Properties();
    p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file, p);
    try {
      SQLiteConnection sqlite = db.unwrap(SQLiteConnection.class);
      long longest = Math.max(limits.maxGeometryBytes(), 4L * limits.maxTextLength());
      sqlite.setLimit(
          SQLiteLimits.SQLITE_LIMIT_LENGTH, (int) Math.min(Integer.MAX_VALUE, longest + 1024));
      ProgressHandler.setHandler(
          db,
          PROGRESS_STEPS,
          new ProgressHandler() {
            @Override
            protected int progress() {
              // Non-zero interrupts the running statement (SQLITE_INTERRUPT).
              return System.nanoTime() > deadlineNanos || Thread.currentThread().isInterrupted()
                  ? 1
                  : 0;
            }
          });
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA query_only = ON");
        s.execute("PRAGMA trusted_schema = OFF");
        s.execute("PRAGMA recursive_triggers = OFF");
      }
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Refuses a name that is not an ordinary table (a view, a virtual table, or missing). */
  private static void requireTable(Connection db, String name) throws SQLException {
    try (PreparedStatement s =
        db.prepareStatement(
            "SELECT type, substr(sql, 1, 64) FROM sqlite_master WHERE lower(name) = lower(?)"
                + " LIMIT 1")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw GisFileException.unreadable("the GeoPackage has no table \"" + name + "\"");
        }
        String type = rs.getString(1);
        String sql = rs.getString(2) == null ? "" : rs.getString(2);
        if (!"table".equals(type)
            || sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").startsWith("CREATE VIRTUAL")) {
          throw GisFileException.unreadable(
              "\""
                  + name
                  + "\" is a "
                  + ("table".equals(type) ? "virtual table" : type)
                  + ", not a table: only tables are read from an uploaded GeoPackage");
        }
      }
    }
  }

  /** The table's stored columns; a virtual generated column (computed on read) is refused. */
  private void readColumns(Connection db) throws SQLException {
    boolean geometry = false;
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA table_xinfo(" + quote(table) + ")")) {
      while (rs.next()) {
        String name = rs.getString("name");
        int hidden = rs.getInt("hidden");
        if (hidden == 2) {
          throw GisFileException.unreadable(
              "column \"" + name + "\" of \"" + table + "\" is computed when read; not accepted");
        }
        if (hidden != 0 && hidden != 3) {
          continue;
        }
        if (columns.size() >= 1000) {
          throw GisFileException.unreadable("the table \"" + table + "\" has over 1000 columns");
        }
        columns.add(name);
        geometry |= name.equalsIgnoreCase(geometryColumn);
      }
    }
    if (!geometry) {
      throw GisFileException.unreadable(
          "the table \"" + table + "\" has no geometry column \"" + geometryColumn + "\"");
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /** A text value after a look at its length, so that a huge value is never read. */
  private String boundedText(ResultSet rs, int column, int max, String where) throws SQLException {
    String v = rs.getString(column);
    if (v != null && v.length() > max) {
      throw GisFileException.unreadable(where + " holds a value over " + max + " characters");
    }
    return v;
  }

  private GisFileException sqlProblem(String what, SQLException e) {
    if (System.nanoTime() > deadlineNanos) {
      return GisFileException.tooSlow(limits.readTimeout().toSeconds());
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("too big")) {
      return GisFileException.unreadable(what + ": a value is larger than allowed");
    }
    return GisFileException.unreadable(
        what + ": " + message.lines().findFirst().orElse("").replaceAll("\\s+", " "));
  }

  @Override
  public void forEach(Consumer<ImportedFeature> consumer) throws IOException {
    // Per column: its length first, then the value only when the length is within the limit (a
    // CASE, so SQLite never copies an oversized value out of the file).
    long maxGeometry = limits.maxGeometryBytes();
    int maxText = limits.maxTextLength();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      String c = quote(columns.get(i));
      long max = columns.get(i).equalsIgnoreCase(geometryColumn) ? maxGeometry : maxText;
      sql.append(i == 0 ? "" : ", ")
          .append("length(")
          .append(c)
          .append("), CASE WHEN length(")
          .append(c)
          .append(") <= ")
          .append(max)
          .append(" THEN ")
          .append(c)
          .append(" END");
    }
    sql.append(" FROM ").append(quote(table));
    WKBReader wkb = new WKBReader();
    try (Connection db = open();
        PreparedStatement s = db.prepareStatement(sql.toString());
        ResultSet rs = s.executeQuery()) {
      int number = 0;
      while (rs.next()) {
        number++;
        Map<String, Object> attributes = new LinkedHashMap<>();
        Geometry geometry = null;
        for (int i = 0; i < columns.size(); i++) {
          String name = columns.get(i);
          boolean isGeometry = name.equalsIgnoreCase(geometryColumn);
          long length = rs.getLong(2 * i + 1);
          if (!rs.wasNull() && length > (isGeometry ? maxGeometry : maxText)) {
            throw isGeometry
                ? GisFileException.overLimit(
                    "geometry-bytes",
                    "zoneplan.exchange.max-geometry-bytes",
                    maxGeometry,
                    "feature "
                        + number
                        + ": the geometry has "
                        + length
                        + " bytes, over the limit of "
                        + maxGeometry
                        + " (zoneplan.exchange.max-geometry-bytes)")
                : GisFileException.overLimit(
                    "text-length",
                    "zoneplan.exchange.max-text-length",
                    maxText,
                    "feature "
                        + number
                        + ": the value of \""
                        + name
                        + "\" is "
                        + length
                        + " long, over the limit of "
                        + maxText
                        + " characters (zoneplan.exchange.max-text-length)");
          }
          if (isGeometry) {
            geometry = geometry(rs.getBytes(2 * i + 2), wkb, number);
          } else if (!name.equalsIgnoreCase("fid")) {
            Object v = rs.getObject(2 * i + 2);
            attributes.put(name, v instanceof Integer n ? Long.valueOf(n) : v);
          }
        }
        consumer.accept(new ImportedFeature(number, attributes, geometry, null));
      }
    } catch (SQLException e) {
      throw sqlProblem("cannot read the GeoPackage", e);
    }
  }

  private static Geometry geometry(byte[] blob, WKBReader wkb, int number) {
    if (blob == null) {
      return null;
    }
    if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
      throw GisFileException.unreadable("feature " + number + ": not GeoPackage geometry");
    }
    int flags = blob[3];
    if ((flags & 0b1_0000) != 0) {
      return null; // empty
    }
    int envelope =
        switch ((flags >> 1) & 0b111) {
          case 0 -> 0;
          case 1 -> 32;
          case 2, 3 -> 48;
          case 4 -> 64;
          default -> throw GisFileException.unreadable("feature " + number + ": bad envelope flag");
        };
    if (blob.length < 8 + envelope) {
      throw GisFileException.unreadable("feature " + number + ": truncated GeoPackage geometry");
    }
    try {
      Geometry g = wkb.read(Arrays.copyOfRange(blob, 8 + envelope, blob.length));
      if (!(g instanceof Polygon) && !(g instanceof MultiPolygon)) {
        throw GisFileException.notPolygon(
            "feature "
                + number
                + " is a "
                + g.getGeometryType()
                + ": only polygons can be imported");
      }
      return g;
    } catch (ParseException | RuntimeException e) {
      if (e instanceof GisFileException problem) {
        throw problem;
      }
      throw GisFileException.unreadable("feature " + number + ": bad WKB: " + e.getMessage());
    }
  }
}
