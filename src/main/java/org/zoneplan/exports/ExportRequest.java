package org.zoneplan.exports;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.zoneplan.codecs.gis.FieldSchema;
import org.zoneplan.codecs.gis.ShapefileEncoding;
import org.zoneplan.geo.Crs;

/**
 * What to export.
 *
 * @param planId plan version
 * @param layer layer name ({@link ExportLayer#name()})
 * @param format file format
 * @param crs output CRS (GeoJSON and KML: EPSG:4490 only)
 * @param encoding text encoding of shapefiles and CSV (GBK or UTF-8); other formats are UTF-8
 * @param options area unit and field names
 */
public record ExportRequest(
    String planId,
    String layer,
    ExportFormat format,
    Crs crs,
    Charset encoding,
    LayerOptions options) {

  /**
   * Parses request parameters; null means the default (shapefile, EPSG:4490, UTF-8, m², default
   * names).
   *
   * @throws IllegalArgumentException naming the parameter that is wrong
   */
  public static ExportRequest parse(
      String planId,
      String layer,
      String format,
      String crs,
      String encoding,
      String unit,
      String schema) {
    if (layer == null || layer.isBlank()) {
      throw new IllegalArgumentException(
          "parameter layer is required (zones, parcels, divisions, overlaps, scattered)");
    }
    ExportFormat f = ExportFormat.parse(format);
    Crs c = crs == null || crs.isBlank() ? Crs.CGCS2000 : Crs.parse(crs);
    if (!c.isGeographic() && !f.allowsProjected()) {
      throw new IllegalArgumentException(
          f.name().toLowerCase(java.util.Locale.ROOT)
              + " is always longitude, latitude: crs must be EPSG:4490, was "
              + c);
    }
    Charset e =
        encoding == null || encoding.isBlank()
            ? StandardCharsets.UTF_8
            : ShapefileEncoding.parse(encoding);
    return new ExportRequest(
        planId,
        layer.strip(),
        f,
        c,
        e,
        new LayerOptions(AreaUnit.parse(unit), FieldSchema.parse(schema)));
  }

  /** File name of the download, e.g. {@code pujiang-2021-zones-EPSG4549.zip}. */
  public String fileName() {
    return planId + "-" + layer + "-EPSG" + crs.epsg() + format.extension();
  }
}
