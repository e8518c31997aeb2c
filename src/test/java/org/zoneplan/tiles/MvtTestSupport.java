package org.zoneplan.tiles;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.zoneplan.geo.WebMercator;

/**
 * Decodes vector tiles with an independent library (mapbox-vector-tile-java, rings classified by
 * their winding as spec 2.1 says) and maps tile coordinates back to longitude and latitude.
 */
public final class MvtTestSupport {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  private MvtTestSupport() {}

  /** A decoded feature: geometry in tile units (y down) and its attributes (id under "id"). */
  public record Feature(Geometry geometry, Map<String, Object> attributes) {}

  @SuppressWarnings("unchecked")
  public static List<Feature> decode(byte[] tile, String layerName) {
    try {
      JtsMvt mvt =
          MvtReader.loadMvt(
              new ByteArrayInputStream(tile),
              FACTORY,
              new TagKeyValueMapConverter(false, "id"),
              MvtReader.RING_CLASSIFIER_V2_1);
      JtsLayer layer = mvt.getLayer(layerName);
      List<Feature> out = new ArrayList<>();
      if (layer != null) {
        for (Geometry g : layer.getGeometries()) {
          out.add(new Feature(g, (Map<String, Object>) g.getUserData()));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tile units (0..extent, y down) back to longitude and latitude, with the wiki's formulas. */
  static Geometry toLonLat(Geometry tileGeometry, TileCoord tile, int extent) {
    Geometry copy = tileGeometry.copy();
    double n = 1L << tile.z();
    copy.apply(
        (Coordinate c) -> {
          double worldX = (tile.x() + c.x / extent) / n;
          double worldY = (tile.y() + c.y / extent) / n;
          c.x = worldX * 360 - 180;
          c.y = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * worldY))));
        });
    copy.geometryChanged();
    return copy;
  }

  /** Longitude/latitude to tile units, with {@link WebMercator} (already tested on its own). */
  static double[] toTile(double lon, double lat, TileCoord tile, int extent) {
    double n = 1L << tile.z();
    return new double[] {
      (WebMercator.x(lon) * n - tile.x()) * extent, (WebMercator.y(lat) * n - tile.y()) * extent
    };
  }
}
