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
  private static final String[] FIRMS = {"水晶", "锁具", "水族", "绗缝家纺", "五金", "智能制造"};

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
      boolean firm = i % 3 != 0;
      parcels.add(
          new Parcel(
              0,
              LandUseScheme.GBT21010_2017,
              CODES[random.nextInt(CODES.length)],
              firm ? "浦江县" + FIRMS[i % FIRMS.length] + "有限公司第" + i + "厂" : null,
              firm ? String.format("91330726MA%08d", i) : null,
              firm ? Math.round(random.nextDouble() * 50_000) / 100.0 : null,
              firm ? Math.round(random.nextDouble() * 200_000) / 100.0 : null,
              firm ? random.nextInt(500) : null,
              geometry,
              EllipsoidalArea.squareMetres(geometry)));
    }
    return parcels;
  }
}
