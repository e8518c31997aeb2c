package org.zoneplan.exchange;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
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
import org.zoneplan.geo.Crs;

/**
 * Reads the one feature table of an uploaded GeoPackage (read-only SQLite): its CRS from {@code
 * gpkg_spatial_ref_sys} (EPSG code; 4326 is taken as 4490), geometry from GeoPackage binary (header
 * and envelope skipped, then WKB).
 */
final class GeoPackageInput implements FeatureInput {
  private final Path file;
  private final String table;
  private final String geometryColumn;
  private final Crs crs;
  private final String crsSource;

  GeoPackageInput(Path file, Crs override) throws IOException {
    this.file = file;
    try (Connection db = open()) {
      List<String[]> layers = new ArrayList<>();
      try (Statement s = db.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT c.table_name, c.column_name, c.geometry_type_name, r.organization,"
                      + " r.organization_coordsys_id FROM gpkg_geometry_columns c LEFT JOIN"
                      + " gpkg_spatial_ref_sys r ON r.srs_id = c.srs_id")) {
        while (rs.next()) {
          layers.add(
              new String[] {
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)
              });
        }
      }
      if (layers.size() != 1) {
        throw UploadProblems.unreadable(
            "the GeoPackage has " + layers.size() + " feature tables; upload one layer at a time");
      }
      String[] layer = layers.get(0);
      table = layer[0];
      geometryColumn = layer[1];
      String type = layer[2].toUpperCase(Locale.ROOT);
      if (!List.of("POLYGON", "MULTIPOLYGON", "GEOMETRY", "CURVEPOLYGON", "MULTISURFACE")
          .contains(type)) {
        throw UploadProblems.notPolygon(
            "the GeoPackage table \"" + table + "\" holds " + type + ", not polygons");
      }
      if (override != null) {
        crs = override;
        crsSource = "override";
      } else {
        if (layer[3] == null || !layer[3].equalsIgnoreCase("EPSG")) {
          throw UploadProblems.crs("the GeoPackage's CRS has no EPSG code; give crs");
        }
        int epsg = Integer.parseInt(layer[4]);
        try {
          crs = epsg == 4326 ? Crs.CGCS2000 : new Crs(epsg);
        } catch (IllegalArgumentException e) {
          throw UploadProblems.crs(e.getMessage());
        }
        crsSource = "gpkg_spatial_ref_sys";
      }
    } catch (SQLException e) {
      throw UploadProblems.unreadable("not a readable GeoPackage: " + e.getMessage());
    }
  }

  private Connection open() throws SQLException {
    Properties p = new Properties();
    p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    return DriverManager.getConnection("jdbc:sqlite:" + file, p);
  }

  @Override
  public String format() {
    return "geopackage";
  }

  @Override
  public String encoding() {
    return "UTF-8";
  }

  @Override
  public String encodingSource() {
    return "GeoPackage";
  }

  @Override
  public Crs crs() {
    return crs;
  }

  @Override
  public String crsSource() {
    return crsSource;
  }

  @Override
  public void forEach(Consumer<ImportedFeature> consumer) throws IOException {
    WKBReader wkb = new WKBReader();
    try (Connection db = open();
        PreparedStatement s =
            db.prepareStatement("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"");
        ResultSet rs = s.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      int number = 0;
      while (rs.next()) {
        number++;
        Map<String, Object> attributes = new LinkedHashMap<>();
        Geometry geometry = null;
        for (int c = 1; c <= meta.getColumnCount(); c++) {
          String name = meta.getColumnLabel(c);
          if (name.equalsIgnoreCase(geometryColumn)) {
            geometry = geometry(rs.getBytes(c), wkb, number);
          } else if (!name.equalsIgnoreCase("fid")) {
            Object v = rs.getObject(c);
            attributes.put(name, v instanceof Integer i ? Long.valueOf(i) : v);
          }
        }
        consumer.accept(new ImportedFeature(number, attributes, geometry, null));
      }
    } catch (SQLException e) {
      throw UploadProblems.unreadable("cannot read the GeoPackage: " + e.getMessage());
    }
  }

  private static Geometry geometry(byte[] blob, WKBReader wkb, int number) {
    if (blob == null) {
      return null;
    }
    if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
      throw UploadProblems.unreadable("feature " + number + ": not GeoPackage geometry");
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
          default -> throw UploadProblems.unreadable("feature " + number + ": bad envelope flag");
        };
    try {
      Geometry g = wkb.read(Arrays.copyOfRange(blob, 8 + envelope, blob.length));
      if (!(g instanceof Polygon) && !(g instanceof MultiPolygon)) {
        throw UploadProblems.notPolygon(
            "feature "
                + number
                + " is a "
                + g.getGeometryType()
                + ": only polygons can be imported");
      }
      return g;
    } catch (ParseException e) {
      throw UploadProblems.unreadable("feature " + number + ": bad WKB: " + e.getMessage());
    }
  }
}
