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
 * Streams OGC KML 2.2 in UTF-8: a {@code Schema} with the fields, one {@code Placemark} per feature
 * with {@code ExtendedData/SchemaData} (which GDAL reads as fields) and a {@code MultiGeometry} of
 * polygons, exterior rings counter-clockwise. Coordinates are EPSG:4490 longitude, latitude (KML is
 * WGS 84; the two agree to centimetres). Not thread-safe.
 */
public final class KmlFeatureWriter implements FeatureWriter {
  private final Writer out;
  private final List<ExportField> fields;
  private final String schemaId;

  /** The field shown as the Placemark's {@code <name>} (GDAL reads it as {@code Name}), or -1. */
  private final int label;

  public KmlFeatureWriter(OutputStream stream, String name, List<ExportField> fields)
      throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    this.fields = fields;
    this.schemaId = name.replaceAll("[^A-Za-z0-9_]", "_");
    int found = -1;
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase("name")) {
        found = i;
      }
    }
    this.label = found;
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document id=\"root_doc\">\n");
    out.write("<Schema name=\"" + schemaId + "\" id=\"" + schemaId + "\">\n");
    for (ExportField f : fields) {
      if (f.name().equalsIgnoreCase("name")) {
        continue; // it is the Placemark's <name>
      }
      String type =
          switch (f.type()) {
            case TEXT -> "string";
            case INTEGER -> "int";
            case REAL -> "double";
          };
      out.write("<SimpleField name=\"" + xml(f.name()) + "\" type=\"" + type + "\"/>\n");
    }
    out.write("</Schema>\n<Folder><name>" + xml(name) + "</name>\n");
  }

  @Override
  public void write(ExportFeature feature) throws IOException {
    out.write("<Placemark id=\"");
    out.write(xml(schemaId + "." + feature.id()));
    out.write("\">");
    Object[] values = feature.values();
    out.write("<name>");
    out.write(xml(label >= 0 && values[label] != null ? values[label].toString() : feature.id()));
    out.write("</name><ExtendedData><SchemaData schemaUrl=\"#" + schemaId + "\">");
    for (int i = 0; i < fields.size(); i++) {
      if (values[i] != null && i != label) {
        out.write("<SimpleData name=\"");
        out.write(xml(fields.get(i).name()));
        out.write("\">");
        out.write(xml(values[i].toString()));
        out.write("</SimpleData>");
      }
    }
    out.write("</SchemaData></ExtendedData>");
    Geometry g = feature.geometry();
    if (g instanceof Point point && !point.isEmpty()) {
      out.write("<Point><coordinates>");
      out.write(Double.toString(point.getX()));
      out.write(',');
      out.write(Double.toString(point.getY()));
      out.write("</coordinates></Point>");
    } else if (g != null && !g.isEmpty()) {
      out.write("<MultiGeometry>");
      for (int p = 0; p < g.getNumGeometries(); p++) {
        Polygon polygon = (Polygon) g.getGeometryN(p);
        out.write("<Polygon><outerBoundaryIs>");
        ring(polygon.getExteriorRing(), true);
        out.write("</outerBoundaryIs>");
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          out.write("<innerBoundaryIs>");
          ring(polygon.getInteriorRingN(h), false);
          out.write("</innerBoundaryIs>");
        }
        out.write("</Polygon>");
      }
      out.write("</MultiGeometry>");
    }
    out.write("</Placemark>\n");
  }

  private void ring(LinearRing ring, boolean counterClockwise) throws IOException {
    CoordinateSequence seq = ring.getCoordinateSequence();
    int n = seq.size();
    boolean reverse = n >= 4 && Orientation.isCCW(seq) != counterClockwise;
    out.write("<LinearRing><coordinates>");
    for (int i = 0; i < n; i++) {
      int j = reverse ? n - 1 - i : i;
      if (i > 0) {
        out.write(' ');
      }
      out.write(Double.toString(seq.getX(j)));
      out.write(',');
      out.write(Double.toString(seq.getY(j)));
    }
    out.write("</coordinates></LinearRing>");
  }

  static String xml(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r =
          switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            default -> (c < 0x20 && c != '\n' && c != '\t' && c != '\r') ? " " : null;
          };
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  @Override
  public void close() throws IOException {
    out.write("</Folder></Document></kml>\n");
    out.flush();
  }
}
