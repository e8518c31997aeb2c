package org.zoneplan.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class PostgisTestDatabaseTest {

  @Test
  void createsAFreshDatabaseWithPostgis() throws Exception {
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("selftest");
    assertTrue(db.jdbcUrl().startsWith("jdbc:postgresql://"), db.jdbcUrl());
    assertTrue(db.jdbcUrl().contains("/zoneplan_test_selftest_"), db.jdbcUrl());
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT postgis_full_version()")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).contains("POSTGIS="), rs.getString(1));
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT pg_encoding_to_char(encoding), length('浦江县')"
                  + " FROM pg_database WHERE datname = current_database()")) {
        rs.next();
        assertEquals("UTF8", rs.getString(1));
        assertEquals(3, rs.getInt(2));
      }
      // Empty: nothing but PostGIS's own spatial_ref_sys.
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN"
                  + " ('pg_catalog', 'information_schema') AND tablename <> 'spatial_ref_sys'")) {
        rs.next();
        assertEquals(0, rs.getInt(1));
      }
    }
  }

  @Test
  void geographyAreaWorksInCgcs2000() throws Exception {
    PostgisTestDatabase.Database db = PostgisTestDatabase.create("area");
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT ST_Area(ST_GeomFromText("
                    + "'POLYGON((120 29,120.01 29,120.01 29.01,120 29.01,120 29))',4490)"
                    + "::geography)")) {
      assertTrue(rs.next());
      double squareMetres = rs.getDouble(1);
      // 0.01° x 0.01° at 29°N: about 974 m x 1109 m.
      assertEquals(1.0e6, squareMetres, 0.2e6, "area in m²: " + squareMetres);
    }
  }

  @Test
  void everyCallGivesADifferentDatabase() throws Exception {
    PostgisTestDatabase.Database a = PostgisTestDatabase.create("Odd name/ÄÖ 名字");
    PostgisTestDatabase.Database b = PostgisTestDatabase.create("Odd name/ÄÖ 名字");
    assertNotEquals(a.jdbcUrl(), b.jdbcUrl());
    try (Connection c = a.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE only_in_a (id int)");
    }
    try (Connection c = b.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT to_regclass('only_in_a') IS NULL")) {
      rs.next();
      assertTrue(rs.getBoolean(1));
    }
  }

  @Test
  void missingPostgisIsASkipLocallyAndAnErrorOnCi() {
    assertThrows(TestAbortedException.class, () -> PostgisTestDatabase.unavailable("x", false));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> {
              throw PostgisTestDatabase.unavailable("no initdb", true);
            });
    assertTrue(e.getMessage().contains("PostGIS not available: no initdb"), e.getMessage());
  }

  @Test
  void bindirWithoutPostgresIsReported(@TempDir Path empty) {
    PostgisTestDatabase.Unavailable e =
        assertThrows(
            PostgisTestDatabase.Unavailable.class,
            () -> PostgisTestDatabase.findBinDir(empty.toString()));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }
}
