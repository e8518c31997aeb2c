// Part of bench/h2-crash/run.sh: reopens the file and counts rows, through the spatial index too.
import java.sql.*;
public class Checker {
  public static void main(String[] a) throws Exception {
    try (Connection c = DriverManager.getConnection(a[0], "sa", ""); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t WHERE g && CAST('SRID=4490;POLYGON((119 29,120 29,120 30,119 30,119 29))' AS GEOMETRY)");
      rs.next();
      ResultSet rs2 = c.createStatement().executeQuery("SELECT COUNT(*) FROM t");
      rs2.next();
      System.out.println("ok " + rs.getLong(1) + " " + rs2.getLong(1));
    }
  }
}
