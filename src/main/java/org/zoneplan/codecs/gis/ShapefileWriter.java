package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.UnaryOperator;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.zoneplan.geo.Crs;

/**
 * Streams a polygon (or point) shapefile ({@code .shp .shx .dbf .prj .cpg}) into a folder, one
 * feature at a time; headers (file lengths, extent, record count) are patched in on {@link
 * #close()}.
 *
 * <p>Hand-written rather than H2GIS's {@code SHPWrite}, which (2.2.3) writes wrong record lengths
 * and {@code .shx} offsets for multi-part polygons, no {@code .cpg}, language driver byte 0 or 3, a
 * two-digit header year, literal {@code ?} for Chinese under GBK, and NUL for text that is too
 * long. See the ESRI Shapefile Technical Description (1998) for the layout.
 *
 * <p>Rings are written in shapefile order: exterior rings clockwise, holes counter-clockwise. The
 * {@code .prj} is the ESRI WKT that GDAL maps back to the EPSG code ({@link Crs#esriWkt()}); the
 * {@code .cpg} names the encoding. Not thread-safe.
 */
public final class ShapefileWriter implements FeatureWriter {
  static final int FILE_CODE = 9994;
  static final int VERSION = 1000;
  static final int NULL_SHAPE = 0;
  static final int POINT = 1;
  static final int POLYGON = 5;
  private static final int HEADER_BYTES = 100;

  private final Path shpFile;
  private final Path shxFile;
  private final FileChannel shp;
  private final FileChannel shx;
  private ByteBuffer shpBuffer = ByteBuffer.allocateDirect(1 << 20);
  private final ByteBuffer shxBuffer = ByteBuffer.allocateDirect(1 << 16);
  private final DbfWriter dbf;
  private final UnaryOperator<Geometry> transform;
  private final Envelope extent = new Envelope();
  private long shpBytes = HEADER_BYTES;
  private int records;

  /** POLYGON, or POINT once a point is written; a file holds one shape type. */
  private int shapeType = POLYGON;

  private boolean typed;

  /**
   * @param folder where the five files are created (they must not exist)
   * @param name base name of the files, e.g. {@code zones}
   */
  public ShapefileWriter(
      Path folder, String name, List<ExportField> fields, Crs crs, Charset encoding)
      throws IOException {
    shpFile = folder.resolve(name + ".shp");
    shxFile = folder.resolve(name + ".shx");
    Files.writeString(folder.resolve(name + ".prj"), crs.esriWkt(), StandardCharsets.US_ASCII);
    Files.writeString(
        folder.resolve(name + ".cpg"), DbfWriter.codePage(encoding), StandardCharsets.US_ASCII);
    shpBuffer.order(ByteOrder.LITTLE_ENDIAN);
    shxBuffer.order(ByteOrder.LITTLE_ENDIAN);
    shp = FileChannel.open(shpFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    shx = FileChannel.open(shxFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    shp.position(HEADER_BYTES);
    shx.position(HEADER_BYTES);
    dbf = new DbfWriter(folder.resolve(name + ".dbf"), fields, encoding);
    transform = crs.fromCgcs2000();
  }

  @Override
  public void write(ExportFeature feature) throws IOException {
    Geometry geometry = feature.geometry();
    if (geometry != null && !geometry.isEmpty()) {
      geometry = transform.apply(geometry);
    }
    records++;
    int contentBytes;
    if (geometry == null || geometry.isEmpty()) {
      contentBytes = writeNull();
    } else {
      int type = geometry instanceof Point ? POINT : POLYGON;
      if (typed && type != shapeType) {
        throw new IOException("a shapefile holds one shape type: points and polygons mixed");
      }
      typed = true;
      shapeType = type;
      contentBytes = type == POINT ? writePoint((Point) geometry) : writePolygons(geometry);
    }
    if (shxBuffer.remaining() < 8) {
      drain(shxBuffer, shx);
    }
    shxBuffer.putInt(Integer.reverseBytes((int) (shpBytes / 2)));
    shxBuffer.putInt(Integer.reverseBytes(contentBytes / 2));
    shpBytes += 8 + contentBytes;
    if (shpBytes / 2 > Integer.MAX_VALUE) {
      throw new IOException("shapefile over 4 GB: the format cannot address it");
    }
    dbf.write(feature.values());
  }

  private int writeNull() throws IOException {
    reserve(12);
    shpBuffer.putInt(Integer.reverseBytes(records));
    shpBuffer.putInt(Integer.reverseBytes(2));
    shpBuffer.putInt(NULL_SHAPE);
    return 4;
  }

  private int writePoint(Point point) throws IOException {
    reserve(8 + 20);
    extent.expandToInclude(point.getCoordinate());
    shpBuffer.putInt(Integer.reverseBytes(records));
    shpBuffer.putInt(Integer.reverseBytes(10));
    shpBuffer.putInt(POINT);
    shpBuffer.putDouble(point.getX());
    shpBuffer.putDouble(point.getY());
    return 20;
  }

  private int writePolygons(Geometry geometry) throws IOException {
    int parts = 0;
    int points = 0;
    for (int p = 0; p < geometry.getNumGeometries(); p++) {
      Polygon polygon = (Polygon) geometry.getGeometryN(p);
      if (polygon.isEmpty()) {
        continue;
      }
      parts += 1 + polygon.getNumInteriorRing();
      points += polygon.getNumPoints();
    }
    int contentBytes = 44 + 4 * parts + 16 * points;
    reserve(8 + contentBytes);
    Envelope box = geometry.getEnvelopeInternal();
    extent.expandToInclude(box);
    shpBuffer.putInt(Integer.reverseBytes(records));
    shpBuffer.putInt(Integer.reverseBytes(contentBytes / 2));
    shpBuffer.putInt(POLYGON);
    shpBuffer.putDouble(box.getMinX());
    shpBuffer.putDouble(box.getMinY());
    shpBuffer.putDouble(box.getMaxX());
    shpBuffer.putDouble(box.getMaxY());
    shpBuffer.putInt(parts);
    shpBuffer.putInt(points);
    int start = 0;
    for (int p = 0; p < geometry.getNumGeometries(); p++) {
      Polygon polygon = (Polygon) geometry.getGeometryN(p);
      if (polygon.isEmpty()) {
        continue;
      }
      shpBuffer.putInt(start);
      start += polygon.getExteriorRing().getNumPoints();
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        shpBuffer.putInt(start);
        start += polygon.getInteriorRingN(h).getNumPoints();
      }
    }
    for (int p = 0; p < geometry.getNumGeometries(); p++) {
      Polygon polygon = (Polygon) geometry.getGeometryN(p);
      if (polygon.isEmpty()) {
        continue;
      }
      ring(polygon.getExteriorRing(), true);
      for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
        ring(polygon.getInteriorRingN(h), false);
      }
    }
    return contentBytes;
  }

  /** Writes a ring clockwise (exterior) or counter-clockwise (hole). */
  private void ring(LinearRing ring, boolean clockwise) {
    CoordinateSequence seq = ring.getCoordinateSequence();
    int n = seq.size();
    boolean reverse = n >= 4 && Orientation.isCCW(seq) == clockwise;
    for (int i = 0; i < n; i++) {
      int j = reverse ? n - 1 - i : i;
      shpBuffer.putDouble(seq.getX(j));
      shpBuffer.putDouble(seq.getY(j));
    }
  }

  /** Makes room for a record; a record larger than the buffer gets a buffer of its own. */
  private void reserve(int bytes) throws IOException {
    if (shpBuffer.remaining() >= bytes) {
      return;
    }
    drain(shpBuffer, shp);
    if (shpBuffer.capacity() < bytes) {
      shpBuffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  private static void drain(ByteBuffer buffer, FileChannel channel) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  public int records() {
    return records;
  }

  /** Text values cut to fit their DBF field (at a character boundary). */
  public long truncatedValues() {
    return dbf.truncatedValues();
  }

  /** Numbers too wide for their DBF field, written as nulls. */
  public long overflowedValues() {
    return dbf.overflowedValues();
  }

  @Override
  public void close() throws IOException {
    try (shp;
        shx;
        dbf) {
      drain(shpBuffer, shp);
      drain(shxBuffer, shx);
      shp.write(header(shpBytes), 0);
      shx.write(header(HEADER_BYTES + 8L * records), 0);
    }
  }

  private ByteBuffer header(long fileBytes) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
    header.putInt(FILE_CODE);
    header.position(24);
    header.putInt((int) (fileBytes / 2));
    header.order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(VERSION);
    header.putInt(shapeType);
    Envelope box = extent.isNull() ? new Envelope(0, 0, 0, 0) : extent;
    header.putDouble(box.getMinX());
    header.putDouble(box.getMinY());
    header.putDouble(box.getMaxX());
    header.putDouble(box.getMaxY());
    // z and m ranges: zero for 2D polygons
    header.flip();
    header.limit(HEADER_BYTES);
    return header;
  }
}
