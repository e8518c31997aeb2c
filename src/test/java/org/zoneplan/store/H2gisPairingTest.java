package org.zoneplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.sample.ShapefileReader;
import org.zoneplan.testsupport.TestDirs;

/**
 * H2GIS 2.2.3 is built and tested by its authors on H2 2.3.232; zoneplan runs it on the newer H2
 * that Spring Boot manages (2.4.240). This tests that pairing on what zoneplan uses of it, without
 * Spring: every H2 migration applied by Flyway to a file database; the spatial functions of the
 * repositories' SQL ({@code ST_GeomFromWKB}, {@code ST_AsBinary}, {@code ST_XMin}…, {@code
 * ST_IsEmpty}, {@code ST_Area}, {@code ST_PointOnSurface}, {@code ST_Intersects}, {@code
 * ST_Intersection}, {@code ST_MakeEnvelope}) and the generated bounding-box columns against JTS on
 * random polygons; the database closed and opened again; and the shapefile driver (SHPRead, behind
 * {@code sample.ShapefileReader}) against the counts and bounds in the shapefile's own headers.
 */
class H2gisPairingTest {
  private static final WKBWriter WKB = new WKBWriter();

  @Test
  void migrationsAndTheSpatialFunctionsZoneplanUsesWorkOnThisH2() throws Exception {
    Path dir = TestDirs.create("h2gis-pairing");
    String url = "jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_DELAY=0";
    Flyway.configure()
        .dataSource(url, "sa", "")
        .locations("classpath:db/migration/h2")
        .load()
        .migrate();
    Random random = new Random(2232);
    List<MultiPolygon> stored = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO parcel (scheme, land_use_code, area_m2, geom)"
                  + " VALUES ('SANDIAO', '0601', 0, ST_GeomFromWKB(?, 4490))")) {
        for (int i = 0; i < 200; i++) {
          MultiPolygon parcel = randomParcel(random);
          stored.add(parcel);
          insert.setBytes(1, WKB.write(parcel));
          insert.executeUpdate();
        }
      }
      checkEveryRow(c, stored);
      checkIntersections(c, stored);
      checkEnvelopeQuery(c, stored, new Envelope(120.0, 120.02, 29.5, 29.51));
      try (PreparedStatement s = c.prepareStatement("SELECT ST_IsEmpty(ST_GeomFromWKB(?))")) {
        s.setBytes(1, WKB.write(Cgcs2000.GEOMETRY_FACTORY.createPolygon()));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          assertThat(rs.getBoolean(1)).isTrue();
        }
      }
    }
    // Closed and opened again: the same rows and answers.
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      checkEveryRow(c, stored);
    }
  }

  @Test
  void theShapefileDriverReadsWhatTheHeadersSay() throws Exception {
    Path shp = Path.of("data/shapefiles/divisions.shp");
    ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(shp), 0, 100);
    header.order(ByteOrder.LITTLE_ENDIAN);
    Envelope declared =
        new Envelope(
            header.getDouble(36), header.getDouble(52), header.getDouble(44), header.getDouble(60));
    long records = (Files.size(Path.of("data/shapefiles/divisions.shx")) - 100) / 8;
    List<ShapefileReader.Row> rows = ShapefileReader.read(shp, "UTF-8");
    assertThat(rows).hasSize((int) records);
    Envelope read = new Envelope();
    for (ShapefileReader.Row row : rows) {
      assertThat(row.geometry().isEmpty()).isFalse();
      read.expandToInclude(row.geometry().getEnvelopeInternal());
    }
    assertThat(read.getMinX()).isCloseTo(declared.getMinX(), within(1e-9));
    assertThat(read.getMaxX()).isCloseTo(declared.getMaxX(), within(1e-9));
    assertThat(read.getMinY()).isCloseTo(declared.getMinY(), within(1e-9));
    assertThat(read.getMaxY()).isCloseTo(declared.getMaxY(), within(1e-9));
  }

  private static void checkEveryRow(Connection c, List<MultiPolygon> stored) throws Exception {
    WKBReader reader = new WKBReader(Cgcs2000.GEOMETRY_FACTORY);
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, ST_AsBinary(geom), ST_XMin(geom), ST_XMax(geom), ST_YMin(geom),"
                    + " ST_YMax(geom), min_x, max_x, min_y, max_y, width_x, ST_IsEmpty(geom),"
                    + " ST_Area(geom),"
                    + " ST_AsBinary(ST_PointOnSurface(geom))"
                    + " FROM parcel ORDER BY id")) {
      int i = 0;
      while (rs.next()) {
        MultiPolygon expected = stored.get(i++);
        Geometry back = reader.read(rs.getBytes(2));
        assertThat(back.equalsExact(expected)).as("WKB round trip").isTrue();
        Envelope e = expected.getEnvelopeInternal();
        double[] bounds = {e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY()};
        for (int k = 0; k < 4; k++) {
          assertThat(rs.getDouble(3 + k)).isEqualTo(bounds[k]);
          assertThat(rs.getDouble(7 + k)).isEqualTo(bounds[k]);
        }
        assertThat(rs.getDouble(11)).isEqualTo(e.getMaxX() - e.getMinX());
        assertThat(rs.getBoolean(12)).isFalse();
        assertThat(rs.getDouble(13))
            .isCloseTo(expected.getArea(), within(expected.getArea() * 1e-12));
        assertThat(expected.covers(reader.read(rs.getBytes(14)))).as("point on surface").isTrue();
      }
      assertThat(i).isEqualTo(stored.size());
    }
  }

  private static void checkIntersections(Connection c, List<MultiPolygon> stored) throws Exception {
    WKBReader reader = new WKBReader(Cgcs2000.GEOMETRY_FACTORY);
    int meeting = 0;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT a.id, b.id, ST_Intersects(a.geom, b.geom),"
                    + " ST_AsBinary(ST_Intersection(a.geom, b.geom))"
                    + " FROM parcel a JOIN parcel b ON a.id < b.id AND a.id <= 40 ORDER BY a.id, b.id")) {
      while (rs.next()) {
        Geometry a = stored.get((int) rs.getLong(1) - 1);
        Geometry b = stored.get((int) rs.getLong(2) - 1);
        assertThat(rs.getBoolean(3)).isEqualTo(a.intersects(b));
        double expected = a.intersection(b).getArea();
        double area = reader.read(rs.getBytes(4)).getArea();
        assertThat(area).isCloseTo(expected, within(1e-9 * a.getArea() + 1e-18));
        if (expected > 0) {
          meeting++;
        }
      }
    }
    assertThat(meeting).as("pairs that overlap").isGreaterThan(5);
  }

  private static void checkEnvelopeQuery(Connection c, List<MultiPolygon> stored, Envelope box)
      throws Exception {
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      if (stored.get(i).getEnvelopeInternal().intersects(box)) {
        expected.add(i + 1L);
      }
    }
    List<Long> found = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id FROM parcel WHERE ST_Intersects(ST_MakeEnvelope(?, ?, ?, ?, 4490),"
                + " ST_MakeEnvelope(min_x, min_y, max_x, max_y, 4490)) ORDER BY id")) {
      s.setDouble(1, box.getMinX());
      s.setDouble(2, box.getMinY());
      s.setDouble(3, box.getMaxX());
      s.setDouble(4, box.getMaxY());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getLong(1));
        }
      }
    }
    assertThat(found).isEqualTo(expected).isNotEmpty();
  }

  /** A parcel of 3–8 vertices (some with a hole) within 120.00–120.04°E, 29.50–29.52°N. */
  private static MultiPolygon randomParcel(Random random) {
    double x = 120 + random.nextDouble() * 0.04;
    double y = 29.5 + random.nextDouble() * 0.02;
    int n = 3 + random.nextInt(6);
    double r = 0.001 + random.nextDouble() * 0.004;
    Coordinate[] ring = new Coordinate[n + 1];
    for (int k = 0; k < n; k++) {
      double angle = 2 * Math.PI * (k + 0.7 * random.nextDouble()) / n;
      double d = r * (0.6 + 0.4 * random.nextDouble());
      ring[k] = new Coordinate(x + d * Math.cos(angle), y + d * Math.sin(angle));
    }
    ring[n] = ring[0].copy();
    Polygon polygon;
    if (n >= 5 && random.nextInt(3) == 0) {
      double h = r * 0.1; // inside: the ring keeps at least 0.29 r from the centre
      polygon =
          Cgcs2000.GEOMETRY_FACTORY.createPolygon(
              Cgcs2000.GEOMETRY_FACTORY.createLinearRing(ring),
              new org.locationtech.jts.geom.LinearRing[] {
                Cgcs2000.GEOMETRY_FACTORY.createLinearRing(
                    new Coordinate[] {
                      new Coordinate(x - h, y - h),
                      new Coordinate(x - h, y + h),
                      new Coordinate(x + h, y + h),
                      new Coordinate(x + h, y - h),
                      new Coordinate(x - h, y - h)
                    })
              });
    } else {
      polygon = Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring);
    }
    return Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {polygon});
  }
}
