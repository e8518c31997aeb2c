package org.zoneplan.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.CreditCode;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;

/** Parcels for exchange tests: Chinese names, holes, multi-part polygons, nulls, long text. */
public final class ExchangeTestData {
  private ExchangeTestData() {}

  /** 187 characters: longer than any DBF field can hold in GBK or UTF-8. */
  public static final String LONG_NAME = "浦江水晶产业园有限公司".repeat(17);

  /**
   * A parcel and the enterprise owning it (stored as an owner link with share 1 by {@link
   * ExchangeTestBase}), or none.
   */
  public record Row(Parcel parcel, String enterprise, String credit) {}

  public static List<Parcel> parcels() {
    return rows().stream().map(Row::parcel).toList();
  }

  public static List<Row> rows() {
    List<Row> parcels = new ArrayList<>();
    // A plain square, industrial.
    parcels.add(
        parcel(
            LandUseScheme.GBT21010_2017,
            "0601",
            "浦江县锦达水晶有限公司",
            "91330726MA2D123456",
            multi(square(119.90, 29.45, 0.002, false))));
    // A square with a hole, storage, no enterprise.
    parcels.add(
        parcel(
            LandUseScheme.GBT21010_2017,
            "0604",
            null,
            null,
            multi(withHole(119.91, 29.45, 0.003))));
    // Three parts (ring count 2^2-1 = 3 was H2GIS's record-length bug), one with a hole.
    parcels.add(
        parcel(
            LandUseScheme.YDYH_2023,
            "100101",
            "郑宅镇\"锁具\",五金厂",
            "91330726MA2D654321",
            multi(
                square(119.92, 29.45, 0.001, false),
                withHole(119.925, 29.45, 0.002),
                square(119.93, 29.45, 0.001, true))));
    // A name too long for any DBF field (the enterprise's: 187 of the 200 characters it may have).
    parcels.add(
        parcel(
            LandUseScheme.SANDIAO,
            "0508",
            LONG_NAME,
            "91330726MA2D777777",
            multi(square(119.94, 29.45, 0.0015, true))));
    return parcels;
  }

  /** A parcel; a credit code's check character is made valid (GB 32100). */
  public static Row parcel(
      LandUseScheme scheme, String code, String enterprise, String credit, MultiPolygon geometry) {
    String valid =
        credit == null
            ? null
            : credit.substring(0, 17) + CreditCode.checkCharacter(credit.substring(0, 17));
    return new Row(
        new Parcel(0, scheme, code, geometry, EllipsoidalArea.squareMetres(geometry)),
        enterprise,
        valid);
  }

  public static MultiPolygon multi(Polygon... polygons) {
    return Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(polygons);
  }

  /** A square; {@code clockwise} picks the ring order as it would come from a file. */
  public static Polygon square(double lon, double lat, double size, boolean clockwise) {
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring(lon, lat, size, clockwise));
  }

  public static Polygon withHole(double lon, double lat, double size) {
    double q = size / 4;
    return Cgcs2000.GEOMETRY_FACTORY.createPolygon(
        ring(lon, lat, size, false), new LinearRing[] {ring(lon + q, lat + q, 2 * q, true)});
  }

  public static LinearRing ring(double lon, double lat, double size, boolean clockwise) {
    Coordinate[] c = {
      new Coordinate(lon, lat),
      new Coordinate(lon + size, lat),
      new Coordinate(lon + size, lat + size),
      new Coordinate(lon, lat + size),
      new Coordinate(lon, lat)
    };
    if (clockwise) {
      c = new Coordinate[] {c[0], c[3], c[2], c[1], c[4]};
    }
    return Cgcs2000.GEOMETRY_FACTORY.createLinearRing(c);
  }
}
