package org.zoneplan.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.databind.JsonNode;

/**
 * The most vertices, polygons (parts) and holes one geometry may have (issue 13: a 1,000,000-vertex
 * or 100,000-part zone kept a core busy for half an hour in every analysis). The defaults fit real
 * zones and parcels with room to spare: the largest county outline of the sample data has 6,564
 * vertices, a detailed development zone a few thousand. Set with {@code
 * zoneplan.limits.max-vertices}, {@code max-parts} and {@code max-holes}. Thread-safe (a value).
 *
 * @param maxVertices all positions of all rings together (default 100,000)
 * @param maxParts polygons of a MultiPolygon (default 1,000)
 * @param maxHoles holes of all polygons together (default 1,000)
 */
public record GeometryLimits(int maxVertices, int maxParts, int maxHoles) {
  public static final GeometryLimits DEFAULT = new GeometryLimits(100_000, 1_000, 1_000);

  /** Prefix of the properties that set the limits. */
  public static final String PROPERTY_PREFIX = "zoneplan.limits.max-";

  public GeometryLimits {
    if (maxVertices < 4 || maxParts < 1 || maxHoles < 0) {
      throw new IllegalArgumentException(
          "zoneplan.limits: max-vertices must be at least 4, max-parts at least 1 and max-holes at"
              + " least 0");
    }
  }

  /**
   * Counts the parts, holes and positions of a GeoJSON Polygon or MultiPolygon without building
   * anything, so that an oversized geometry is refused before any work is spent on it. Anything
   * that is not shaped like one is left for {@link GeoJson#readPolygonal} to name.
   *
   * @throws GeometryLimitExceededException naming the limit
   */
  public void check(JsonNode geometry) {
    if (geometry == null || !geometry.isObject()) {
      return;
    }
    JsonNode type = geometry.get("type");
    JsonNode coordinates = geometry.get("coordinates");
    if (type == null || coordinates == null || !coordinates.isArray()) {
      return;
    }
    long vertices = 0;
    long holes = 0;
    if ("Polygon".equals(type.asString(""))) {
      vertices = positions(coordinates);
      holes = Math.max(0, coordinates.size() - 1);
    } else if ("MultiPolygon".equals(type.asString(""))) {
      require("parts", coordinates.size(), maxParts);
      for (JsonNode polygon : coordinates) {
        if (polygon.isArray()) {
          vertices += positions(polygon);
          holes += Math.max(0, polygon.size() - 1);
        }
      }
    }
    require("holes", holes, maxHoles);
    require("vertices", vertices, maxVertices);
  }

  private static long positions(JsonNode rings) {
    long n = 0;
    for (JsonNode ring : rings) {
      n += ring.isArray() ? ring.size() : 0;
    }
    return n;
  }

  /**
   * The same limits for a geometry already read (from a shapefile or a GeoPackage).
   *
   * @throws GeometryLimitExceededException naming the limit
   */
  public void check(Geometry geometry) {
    require("parts", geometry.getNumGeometries(), maxParts);
    long holes = 0;
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      if (geometry.getGeometryN(i) instanceof Polygon p) {
        holes += p.getNumInteriorRing();
      }
    }
    require("holes", holes, maxHoles);
    require("vertices", geometry.getNumPoints(), maxVertices);
  }

  private static void require(String limit, long actual, int max) {
    if (actual > max) {
      throw new GeometryLimitExceededException(limit, actual, max);
    }
  }
}
