package org.zoneplan.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.GeometryIssue.Code;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * GeoJSON (RFC 7946) geometry in EPSG:4490, x = longitude, y = latitude, for polygonal geometry.
 *
 * <p>Written here rather than with JTS's {@code GeoJsonReader} because a planner drawing a boundary
 * must be told exactly what is wrong and where: which ring is not closed, at which coordinate.
 * JTS's reader fails with a generic message, or builds the ring and lets validation report
 * something else. Thread-safe.
 */
public final class GeoJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final GeometryFactory FACTORY = Cgcs2000.GEOMETRY_FACTORY;

  private GeoJson() {}

  /**
   * Reads a GeoJSON geometry object that must be a Polygon or MultiPolygon, returned as a
   * MultiPolygon, within {@link GeometryLimits#DEFAULT}. Callers with configured limits use {@link
   * #readPolygonal(JsonNode, GeometryLimits)}.
   *
   * @throws GeometryRejectedException naming what is wrong
   */
  public static MultiPolygon readPolygonal(JsonNode geometry) {
    return readPolygonal(geometry, GeometryLimits.DEFAULT);
  }

  /**
   * Reads a GeoJSON geometry object that must be a Polygon or MultiPolygon, returned as a
   * MultiPolygon. The {@code limits} are checked first, before anything is built; only the
   * structure is checked here, see {@link PolygonValidator} for topology.
   *
   * @throws GeometryRejectedException naming what is wrong ({@link GeometryLimitExceededException}
   *     for a geometry over a limit)
   */
  public static MultiPolygon readPolygonal(JsonNode geometry, GeometryLimits limits) {
    limits.check(geometry);
    if (geometry == null || geometry.isNull() || geometry.isMissingNode()) {
      throw reject(Code.MALFORMED, "the feature has no geometry");
    }
    if (!geometry.isObject()) {
      throw reject(Code.MALFORMED, "geometry must be a GeoJSON object");
    }
    JsonNode type = geometry.get("type");
    if (type == null || !type.isString()) {
      throw reject(Code.MALFORMED, "geometry has no \"type\"");
    }
    JsonNode coordinates = geometry.get("coordinates");
    switch (type.stringValue()) {
      case "Polygon" -> {
        return FACTORY.createMultiPolygon(
            new Polygon[] {polygon(array(coordinates, "Polygon"), 0)});
      }
      case "MultiPolygon" -> {
        ArrayNode parts = array(coordinates, "MultiPolygon");
        if (parts.isEmpty()) {
          throw reject(Code.EMPTY, "MultiPolygon has no polygons");
        }
        Polygon[] polygons = new Polygon[parts.size()];
        for (int p = 0; p < parts.size(); p++) {
          polygons[p] = polygon(array(parts.get(p), "polygon " + (p + 1)), p);
        }
        return FACTORY.createMultiPolygon(polygons);
      }
      case "Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection" ->
          throw reject(
              Code.NOT_POLYGON,
              "geometry type " + type.stringValue() + " is not a Polygon or MultiPolygon");
      default -> throw reject(Code.MALFORMED, "unknown GeoJSON geometry type " + type);
    }
  }

  private static Polygon polygon(ArrayNode rings, int polygonIndex) {
    if (rings.isEmpty()) {
      throw reject(Code.EMPTY, "polygon " + (polygonIndex + 1) + " has no rings");
    }
    LinearRing shell = ring(array(rings.get(0), "ring"), polygonIndex, 0);
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int r = 1; r < rings.size(); r++) {
      holes[r - 1] = ring(array(rings.get(r), "ring"), polygonIndex, r);
    }
    return FACTORY.createPolygon(shell, holes);
  }

  private static LinearRing ring(ArrayNode positions, int polygonIndex, int ringIndex) {
    String name =
        (ringIndex == 0 ? "exterior ring" : "hole " + ringIndex)
            + " of polygon "
            + (polygonIndex + 1);
    Coordinate[] coordinates = new Coordinate[positions.size()];
    for (int i = 0; i < positions.size(); i++) {
      coordinates[i] = position(positions.get(i), name, i);
    }
    if (coordinates.length >= 2 && !coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
      Coordinate last = coordinates[coordinates.length - 1];
      throw new GeometryRejectedException(
          new GeometryIssue(
              Code.UNCLOSED_RING,
              name
                  + " is not closed: it starts at "
                  + format(coordinates[0])
                  + " but ends at "
                  + format(last),
              last));
    }
    if (coordinates.length < 4) {
      throw new GeometryRejectedException(
          new GeometryIssue(
              Code.TOO_FEW_POINTS,
              name + " has " + coordinates.length + " positions; a closed ring needs at least 4",
              coordinates.length > 0 ? coordinates[0] : null));
    }
    return FACTORY.createLinearRing(coordinates);
  }

  private static Coordinate position(JsonNode node, String ring, int index) {
    if (node == null
        || !node.isArray()
        || node.size() < 2
        || !node.get(0).isNumber()
        || !node.get(1).isNumber()) {
      throw reject(
          Code.MALFORMED,
          "position " + (index + 1) + " of " + ring + " must be [longitude, latitude]");
    }
    double x = node.get(0).doubleValue();
    double y = node.get(1).doubleValue();
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw reject(Code.MALFORMED, "position " + (index + 1) + " of " + ring + " is not finite");
    }
    return new Coordinate(x, y);
  }

  private static ArrayNode array(JsonNode node, String what) {
    if (node == null || !node.isArray()) {
      throw reject(Code.MALFORMED, what + " coordinates must be an array");
    }
    return (ArrayNode) node;
  }

  private static GeometryRejectedException reject(Code code, String reason) {
    return new GeometryRejectedException(GeometryIssue.of(code, reason));
  }

  /** A coordinate as "(lon, lat)" for messages. */
  public static String format(Coordinate c) {
    return String.format(Locale.ROOT, "(%s, %s)", c.x, c.y);
  }

  /** Writes a geometry as a GeoJSON geometry object (Polygon, MultiPolygon, and simple types). */
  public static ObjectNode write(Geometry geometry) {
    ObjectNode node = NODES.objectNode();
    node.put("type", geometry.getGeometryType());
    if (geometry instanceof Point point) {
      writePosition(node.putArray("coordinates"), point.getCoordinate());
    } else if (geometry instanceof Polygon polygon) {
      writePolygon(node.putArray("coordinates"), polygon);
    } else if (geometry instanceof MultiPolygon multi) {
      ArrayNode polygons = node.putArray("coordinates");
      for (int i = 0; i < multi.getNumGeometries(); i++) {
        writePolygon(polygons.addArray(), (Polygon) multi.getGeometryN(i));
      }
    } else if (geometry instanceof LineString line) {
      writeLine(node.putArray("coordinates"), line);
    } else {
      ArrayNode geometries = node.putArray("geometries");
      for (int i = 0; i < geometry.getNumGeometries(); i++) {
        geometries.add(write(geometry.getGeometryN(i)));
      }
      node.put("type", "GeometryCollection");
    }
    return node;
  }

  private static void writePolygon(ArrayNode rings, Polygon polygon) {
    // RFC 7946: exterior rings counter-clockwise, holes clockwise.
    writeRing(rings.addArray(), polygon.getExteriorRing(), true);
    for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
      writeRing(rings.addArray(), polygon.getInteriorRingN(h), false);
    }
  }

  private static void writeRing(ArrayNode positions, LineString ring, boolean counterClockwise) {
    Coordinate[] coordinates = ring.getCoordinates();
    boolean reverse = coordinates.length >= 4 && Orientation.isCCW(coordinates) != counterClockwise;
    for (int i = 0; i < coordinates.length; i++) {
      writePosition(positions.addArray(), coordinates[reverse ? coordinates.length - 1 - i : i]);
    }
  }

  private static void writeLine(ArrayNode positions, LineString line) {
    for (Coordinate c : line.getCoordinates()) {
      writePosition(positions.addArray(), c);
    }
  }

  private static void writePosition(ArrayNode position, Coordinate c) {
    position.add(c.x);
    position.add(c.y);
  }

  /** Polygonal parts of any geometry, as a MultiPolygon (lines and points dropped). */
  public static MultiPolygon toMultiPolygon(Geometry geometry) {
    if (geometry instanceof MultiPolygon multi) {
      return multi;
    }
    List<Polygon> polygons = new ArrayList<>();
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      Geometry part = geometry.getGeometryN(i);
      if (part instanceof Polygon p && !p.isEmpty()) {
        polygons.add(p);
      } else if (part instanceof MultiPolygon || part.getNumGeometries() > 1) {
        MultiPolygon inner = toMultiPolygon(part);
        for (int j = 0; j < inner.getNumGeometries(); j++) {
          polygons.add((Polygon) inner.getGeometryN(j));
        }
      }
    }
    MultiPolygon result = FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    result.setSRID(Cgcs2000.SRID);
    return result;
  }
}
