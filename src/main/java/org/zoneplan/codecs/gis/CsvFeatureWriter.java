package org.zoneplan.codecs.gis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;
import org.zoneplan.geo.Crs;

/**
 * Streams RFC 4180 CSV (CRLF, quotes doubled) in the chosen encoding: one column per field, then
 * {@code WKT} with the geometry in the export's CRS (x = easting or longitude). GDAL reads it with
 * {@code -oo GEOM_POSSIBLE_NAMES=WKT}. Not thread-safe.
 */
public final class CsvFeatureWriter implements FeatureWriter {
  private final Writer out;
  private final UnaryOperator<Geometry> transform;
  private final WKTWriter wkt = new WKTWriter(2);

  public CsvFeatureWriter(OutputStream stream, List<ExportField> fields, Crs crs, Charset charset)
      throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, charset), 1 << 16);
    this.transform = crs.fromCgcs2000();
    for (ExportField f : fields) {
      cell(f.name());
      out.write(',');
    }
    out.write("WKT\r\n");
  }

  @Override
  public void write(ExportFeature feature) throws IOException {
    for (Object v : feature.values()) {
      if (v != null) {
        if (v instanceof Number) {
          out.write(v.toString());
        } else {
          cell(v.toString());
        }
      }
      out.write(',');
    }
    Geometry g = feature.geometry();
    if (g != null && !g.isEmpty()) {
      out.write('"');
      out.write(wkt.write(transform.apply(g)));
      out.write('"');
    }
    out.write("\r\n");
  }

  private void cell(String s) throws IOException {
    boolean quote =
        s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    if (!quote) {
      out.write(s);
      return;
    }
    out.write('"');
    out.write(s.replace("\"", "\"\""));
    out.write('"');
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
