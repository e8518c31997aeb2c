package org.zoneplan.codecs.gis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Streams a GeoJSON FeatureCollection (RFC 7946: longitude, latitude; exterior rings
 * counter-clockwise, holes clockwise) in UTF-8, one feature at a time. Coordinates are EPSG:4490,
 * which RFC 7946's WGS 84 matches to centimetres. Writes text directly rather than building {@link
 * org.zoneplan.geo.GeoJson#write} trees, so a large export holds one feature at a time. Not
 * thread-safe.
 */
public final class GeoJsonFeatureWriter implements FeatureWriter {
  private final Writer out;
  private final List<ExportField> fields;
  private boolean first = true;

  public GeoJsonFeatureWriter(OutputStream stream, String name, List<ExportField> fields)
      throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    this.fields = fields;
    out.write("{\"type\":\"FeatureCollection\",\"name\":");
    string(out, name);
    out.write(",\"features\":[\n");
  }

  @Override
  public void write(ExportFeature feature) throws IOException {
    if (!first) {
      out.write(",\n");
    }
    first = false;
    out.write("{\"type\":\"Feature\",\"id\":");
    string(out, feature.id());
    out.write(",\"properties\":{");
    Object[] values = feature.values();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      string(out, fields.get(i).name());
      out.write(':');
      value(out, values[i]);
    }
    out.write("},\"geometry\":");
    geometry(out, feature.geometry());
    out.write('}');
  }

  static void geometry(Writer out, Geometry g) throws IOException {
    if (g == null || g.isEmpty()) {
      out.write("null");
      return;
    }
    if (g instanceof Point point) {
      out.write("{\"type\":\"Point\",\"coordinates\":[");
      out.write(Double.toString(point.getX()));
      out.write(',');
      out.write(Double.toString(point.getY()));
      out.write("]}");
      return;
    }
    out.write("{\"type\":\"MultiPolygon\",\"coordinates\":[");
    for (int p = 0; p < g.getNumGeometries(); p++) {
      Polygon polygon = (Polygon) g.getGeometryN(p);
      if (p > 0) {
        out.write(',');
      }
      out.write('[');
      ring(out, polygon.getExteriorRing(), true);
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        out.write(',');
        ring(out, polygon.getInteriorRingN(h), false);
      }
      out.write(']');
    }
    out.write("]}");
  }

  private static void ring(Writer out, LinearRing ring, boolean counterClockwise)
      throws IOException {
    CoordinateSequence seq = ring.getCoordinateSequence();
    int n = seq.size();
    boolean reverse = n >= 4 && Orientation.isCCW(seq) != counterClockwise;
    out.write('[');
    for (int i = 0; i < n; i++) {
      int j = reverse ? n - 1 - i : i;
      if (i > 0) {
        out.write(',');
      }
      out.write('[');
      out.write(Double.toString(seq.getX(j)));
      out.write(',');
      out.write(Double.toString(seq.getY(j)));
      out.write(']');
    }
    out.write(']');
  }

  static void value(Writer out, Object v) throws IOException {
    if (v == null) {
      out.write("null");
    } else if (v instanceof Double d) {
      out.write(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (v instanceof Number n) {
      out.write(n.toString());
    } else {
      string(out, v.toString());
    }
  }

  /** A JSON string literal (RFC 8259 escapes). */
  static void string(Writer out, String s) throws IOException {
    out.write('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.write("\\\"");
        case '\\' -> out.write("\\\\");
        case '\n' -> out.write("\\n");
        case '\r' -> out.write("\\r");
        case '\t' -> out.write("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.write(String.format("\\u%04x", (int) c));
          } else {
            out.write(c);
          }
        }
      }
    }
    out.write('"');
  }

  @Override
  public void close() throws IOException {
    out.write("\n]}\n");
    out.flush();
  }
}
