package org.zoneplan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;

/**
 * Simple grid parcels over Pujiang: about 60 m × 50 m cells with jittered, seven-vertex outlines, a
 * Chinese enterprise name on two parcels in three, land-use codes of GB/T 21010 (about a third
 * industrial). Deterministic (fixed seed).
 */
final class GridParcels implements BenchParcels {
  private static final String[] CODES = {"0601", "0601", "0604", "0701", "0101", "1201", "0602"};

  @Override
  public List<Parcel> generate(int count) {
    Random random = new Random(20211231);
    int columns = (int) Math.ceil(Math.sqrt(count * 1.25));
    double dx = 0.0006;
    double dy = 0.00045;
    List<Parcel> parcels = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double x = 119.75 + (i % columns) * dx;
      double y = 29.35 + (i / columns) * dy;
      double j = 0.00004;
      Coordinate[] ring = {
        new Coordinate(x + random.nextDouble() * j, y + random.nextDouble() * j),
        new Coordinate(x + dx / 2, y + random.nextDouble() * j),
        new Coordinate(x + dx - random.nextDouble() * j, y + random.nextDouble() * j),
        new Coordinate(x + dx - random.nextDouble() * j, y + dy / 2),
        new Coordinate(x + dx - random.nextDouble() * j, y + dy - random.nextDouble() * j),
        new Coordinate(x + random.nextDouble() * j, y + dy - random.nextDouble() * j),
        new Coordinate(x + random.nextDouble() * j, y + dy / 2),
        null
      };
      ring[7] = new Coordinate(ring[0]);
      Polygon polygon = Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring);
      MultiPolygon geometry = Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {polygon});
      String code = CODES[random.nextInt(CODES.length)];
      if (i % 3 != 0) {
        // The draws of the enterprise figures parcels had before V12, kept so that the same seed
        // gives the same parcels as before.
        random.nextDouble();
        random.nextDouble();
        random.nextInt(500);
      }
      parcels.add(
          new Parcel(
              0,
              LandUseScheme.GBT21010_2017,
              code,
              geometry,
              EllipsoidalArea.squareMetres(geometry)));
    }
    return parcels;
  }
}
