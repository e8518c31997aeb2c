package org.zoneplan.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.h2gis.functions.factory.H2GISFunctions;
import org.h2gis.functions.io.shp.SHPRead;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads a shapefile with H2GIS's shapefile driver, through a private in-memory H2GIS database, so
 * it works whichever engine the store is. For the shipped sample data; uploads are read by {@code
 * codecs.gis.ShapefileInput}, which checks the files first.
 */
public final class ShapefileReader {
  /**
   * @param attributes DBF fields by upper-case name, in file order
   * @param geometry as stored in the file (CRS per the .prj; not reprojected here)
   */
  public record Row(Map<String, Object> attributes, Geometry geometry) {}

  private ShapefileReader() {}

  /**
   * Reads every row.
   *
   * @param encoding the DBF's character set (e.g. {@code UTF-8}, {@code GBK})
   */
  public static List<Row> read(Path shp, String encoding) throws IOException {
    String url = "jdbc:h2:mem:shp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0";
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      H2GISFunctions.load(connection);
      SHPRead.importTable(connection, shp.toString(), "SHP", encoding, true);
      List<Row> rows = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT * FROM SHP ORDER BY PK")) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> attributes = new LinkedHashMap<>();
          Geometry geometry = null;
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            String column = meta.getColumnLabel(c).toUpperCase(Locale.ROOT);
            Object value = rs.getObject(c);
            if (value instanceof Geometry g) {
              geometry = g;
            } else if (!column.equals("PK")) {
              attributes.put(column, value);
            }
          }
          rows.add(new Row(attributes, geometry));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IOException("cannot read shapefile " + shp + ": " + e.getMessage(), e);
    }
  }
}
