// Part of bench/h2-crash/run.sh: reopens the file and counts rows, through the spatial index too
// (BBOX=1: through the bounding-box index).
import java.sql.*;
public class Checker {
  public static void main(String[] a) throws Exception {
    try (Connection c = DriverManager.getConnection(a[0], "sa", ""); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery(System.getenv("BBOX") != null
          ? "SELECT COUNT(*) FROM t WHERE min_x >= 119 - (SELECT MAX(width_x) FROM t) AND min_x <= 120 AND max_x >= 119 AND min_y <= 30 AND max_y >= 29"
          : "SELECT COUNT(*) FROM t WHERE g && CAST('SRID=4490;POLYGON((119 29,120 29,120 30,119 30,119 29))' AS GEOMETRY)");
      rs.next();
      ResultSet rs2 = c.createStatement().executeQuery("SELECT COUNT(*) FROM t");
      rs2.next();
      System.out.println("ok " + rs.getLong(1) + " " + rs2.getLong(1));
    }
  }
}
