package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GeometryIssue;
import org.zoneplan.geo.GeometryLimitExceededException;
import org.zoneplan.geo.GeometryLimits;

/**
 * Reads an uploaded polygon shapefile ({@code .shp .shx .dbf}, optional {@code .prj .cpg}).
 *
 * <p>Read here rather than with H2GIS's {@code SHPRead} because an upload is untrusted: every
 * header, record length and offset is checked against the real file sizes before a feature is read
 * (a truncated {@code .shp}, a {@code .dbf} whose row count disagrees with the {@code .shx}, and
 * non-polygon shape types are refused with a precise message), and the text encoding is decided
 * here: the {@code .cpg}, else the DBF language driver byte (0x4D = code page 936 = GBK), else
 * detected (text that is valid UTF-8 is UTF-8, anything else GBK), unless the request names one.
 * Features are streamed from the files.
 *
 * <p>Rings are assembled as the format says: clockwise rings are shells, counter-clockwise rings
 * holes of the shell that contains them (a hole inside no shell becomes a shell).
 */
final class ShapefileInput extends FeatureFileInput {
  private static final int HEADER = 100;

  private final GeometryLimits limits;
  private final Path shp;
  private final Path shx;
  private final Path dbf;
  private final Charset charset;
  private final int records;
  private final DbfHeader dbfHeader;
  private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 0);

  record DbfField(String name, char type, int length, int decimals, int offset) {}

  record DbfHeader(
      int records, int headerLength, int recordLength, List<DbfField> fields, int ldid) {}

  /**
   * @param files the extracted files; exactly one {@code .shp}
   * @param encoding request override, or null
   * @param crsOverride request override, or null
   * @param limits a shape with more vertices is not built (reported as the feature's error)
   */
  ShapefileInput(List<Path> files, Charset encoding, Crs crsOverride, GeometryLimits limits)
      throws IOException {
    super("shapefile");
    this.limits = limits;
    List<Path> shps = files.stream().filter(p -> ext(p).equals("shp")).toList();
    if (shps.isEmpty()) {
      throw GisFileException.unreadable("the zip holds no .shp file");
    }
    if (shps.size() > 1) {
      throw GisFileException.unreadable(
          "the zip holds "
              + shps.size()
              + " shapefiles ("
              + shps.stream().map(p -> p.getFileName().toString()).toList()
              + "); upload one layer at a time");
    }
    shp = shps.get(0);
    String base = stem(shp);
    shx = sibling(files, base, "shx");
    dbf = sibling(files, base, "dbf");
    if (shx == null || dbf == null) {
      throw GisFileException.unreadable(
          "a shapefile needs .shp, .shx and .dbf; "
              + base
              + (shx == null ? ".shx" : ".dbf")
              + " is missing");
    }
    records = checkShapeFiles();
    dbfHeader = readDbfHeader(dbf);
    if (dbfHeader.records() != records) {
      throw GisFileException.unreadable(
          "the .dbf has "
              + dbfHeader.records()
              + " rows but the .shp/.shx have "
              + records
              + " shapes: the files do not belong together or one is damaged");
    }
    Path cpg = sibling(files, base, "cpg");
    if (encoding != null) {
      charset = encoding;
      encodingSource = "override";
    } else if (cpg != null && !Files.readString(cpg, StandardCharsets.ISO_8859_1).isBlank()) {
      String name = Files.readString(cpg, StandardCharsets.ISO_8859_1).strip();
      try {
        charset = ShapefileEncoding.parse(name);
      } catch (IllegalArgumentException e) {
        throw GisFileException.unreadable("the .cpg names " + e.getMessage().substring(12));
      }
      encodingSource = ".cpg";
    } else if (ShapefileEncoding.forLanguageDriver(dbfHeader.ldid()) != null) {
      charset = ShapefileEncoding.forLanguageDriver(dbfHeader.ldid());
      encodingSource = "language driver";
    } else {
      charset = detect();
      encodingSource = "detected";
    }
    this.encoding = charset.name();
    Path prj = sibling(files, base, "prj");
    if (crsOverride != null) {
      crs = crsOverride;
      crsSource = "override";
    } else if (prj != null) {
      try {
        crs = PrjParser.parse(Files.readString(prj, StandardCharsets.ISO_8859_1));
      } catch (IllegalArgumentException e) {
        throw GisFileException.crs(e.getMessage());
      }
      crsSource = ".prj";
    } else {
      crs = null;
      crsSource = "none";
    }
  }

  private static String ext(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  private static Path sibling(List<Path> files, String base, String ext) {
    return files.stream()
        .filter(p -> stem(p).equalsIgnoreCase(base) && ext(p).equals(ext))
        .findFirst()
        .orElse(null);
  }

  /** Checks the .shp and .shx headers and every index entry; returns the record count. */
  private int checkShapeFiles() throws IOException {
    long shpSize = Files.size(shp);
    long shxSize = Files.size(shx);
    ByteBuffer shpHeader = read(shp, 0, HEADER);
    ByteBuffer shxHeader = read(shx, 0, HEADER);
    if (shpHeader == null
        || shpHeader.order(ByteOrder.BIG_ENDIAN).getInt(0) != ShapefileWriter.FILE_CODE) {
      throw GisFileException.unreadable("the .shp is not a shapefile (no 9994 file code)");
    }
    if (shxHeader == null
        || shxHeader.order(ByteOrder.BIG_ENDIAN).getInt(0) != ShapefileWriter.FILE_CODE) {
      throw GisFileException.unreadable("the .shx is not a shapefile index");
    }
    long declared = 2L * shpHeader.getInt(24);
    if (declared != shpSize) {
      throw GisFileException.unreadable(
          "the .shp is "
              + shpSize
              + " bytes but its header says "
              + declared
              + ": it is truncated or damaged");
    }
    if (2L * shxHeader.getInt(24) != shxSize || (shxSize - HEADER) % 8 != 0) {
      throw GisFileException.unreadable("the .shx is truncated or damaged");
    }
    int type = shpHeader.order(ByteOrder.LITTLE_ENDIAN).getInt(32);
    if (type != 0 && type != 5 && type != 15 && type != 25) {
      throw GisFileException.notPolygon(
          "the shapefile holds "
              + shapeTypeName(type)
              + ", not polygons: only polygon layers can be imported");
    }
    int count = (int) ((shxSize - HEADER) / 8);
    ByteBuffer index = read(shx, HEADER, (int) (shxSize - HEADER)).order(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < count; i++) {
      long offset = 2L * index.getInt(8 * i);
      long length = 2L * index.getInt(8 * i + 4);
      if (offset < HEADER || length < 0 || offset + 8 + length > shpSize) {
        throw GisFileException.unreadable(
            "shape " + (i + 1) + " lies beyond the end of the .shp: it is truncated");
      }
    }
    return count;
  }

  static String shapeTypeName(int type) {
    return switch (type % 10) {
      case 1 -> "points";
      case 3 -> "lines";
      case 8 -> "multipoints";
      default -> type == 31 ? "multipatches" : "shape type " + type;
    };
  }

  private static ByteBuffer read(Path file, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    try (FileChannel c = FileChannel.open(file)) {
      c.position(position);
      while (b.hasRemaining()) {
        if (c.read(b) < 0) {
          return null;
        }
      }
    }
    return b.flip();
  }

  static DbfHeader readDbfHeader(Path dbf) throws IOException {
    long size = Files.size(dbf);
    ByteBuffer h = read(dbf, 0, 32);
    if (h == null) {
      throw GisFileException.unreadable("the .dbf is truncated (no header)");
    }
    h.order(ByteOrder.LITTLE_ENDIAN);
    int records = h.getInt(4);
    int headerLength = Short.toUnsignedInt(h.getShort(8));
    int recordLength = Short.toUnsignedInt(h.getShort(10));
    int ldid = h.get(29) & 0xFF;
    if (records < 0 || headerLength < 33 || recordLength < 1 || headerLength > size) {
      throw GisFileException.unreadable("the .dbf header is damaged");
    }
    if (headerLength + (long) records * recordLength > size) {
      throw GisFileException.unreadable(
          "the .dbf says it has " + records + " rows but is too short for them: it is truncated");
    }
    ByteBuffer descriptors = read(dbf, 32, headerLength - 32);
    List<DbfField> fields = new ArrayList<>();
    int offset = 1;
    for (int at = 0; at + 32 <= descriptors.limit() && descriptors.get(at) != 0x0D; at += 32) {
      int end = at;
      while (end < at + 11 && descriptors.get(end) != 0) {
        end++;
      }
      byte[] name = new byte[end - at];
      descriptors.get(at, name);
      char type = (char) descriptors.get(at + 11);
      int length = descriptors.get(at + 16) & 0xFF;
      int decimals = descriptors.get(at + 17) & 0xFF;
      fields.add(
          new DbfField(
              new String(name, StandardCharsets.ISO_8859_1).strip(),
              type,
              length,
              decimals,
              offset));
      offset += length;
    }
    if (offset != recordLength) {
      throw GisFileException.unreadable("the .dbf's fields do not add up to its record length");
    }
    return new DbfHeader(records, headerLength, recordLength, fields, ldid);
  }

  /** UTF-8 when every text value decodes as UTF-8 (ASCII included), else GBK. */
  private Charset detect() throws IOException {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (FileChannel c = FileChannel.open(dbf)) {
      c.position(dbfHeader.headerLength());
      ByteBuffer record = ByteBuffer.allocate(dbfHeader.recordLength());
      for (int r = 0; r < dbfHeader.records(); r++) {
        record.clear();
        while (record.hasRemaining() && c.read(record) > 0) {}
        for (DbfField f : dbfHeader.fields()) {
          if (f.type() != 'C') {
            continue;
          }
          try {
            utf8.decode(ByteBuffer.wrap(record.array(), f.offset(), f.length()));
          } catch (CharacterCodingException e) {
            return ShapefileEncoding.GBK;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  @Override
  public void forEach(Consumer<ImportedFeature> consumer) throws IOException {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (FileChannel shapes = FileChannel.open(shp);
        FileChannel index = FileChannel.open(shx);
        FileChannel table = FileChannel.open(dbf)) {
      ByteBuffer indexBuffer = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
      ByteBuffer row = ByteBuffer.allocate(dbfHeader.recordLength());
      table.position(dbfHeader.headerLength());
      for (int i = 0; i < records; i++) {
        indexBuffer.clear();
        index.read(indexBuffer, HEADER + 8L * i);
        long offset = 2L * indexBuffer.getInt(0);
        int length = 2 * indexBuffer.getInt(4);
        ByteBuffer content = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        shapes.read(content, offset + 8);
        content.flip();
        row.clear();
        while (row.hasRemaining() && table.read(row) > 0) {}
        if (row.get(0) == '*') {
          continue; // deleted record
        }
        Geometry geometry;
        GeometryIssue issue = null;
        try {
          geometry = polygon(content, i + 1);
        } catch (GeometryLimitExceededException e) {
          geometry = null;
          issue = e.issue();
        } catch (RuntimeException e) {
          throw GisFileException.unreadable("shape " + (i + 1) + " is damaged: " + e.getMessage());
        }
        consumer.accept(new ImportedFeature(i + 1, attributes(row, decoder), geometry, issue));
      }
    }
  }

  private Map<String, Object> attributes(ByteBuffer row, CharsetDecoder decoder) {
    Map<String, Object> values = new LinkedHashMap<>();
    byte[] bytes = row.array();
    for (DbfField f : dbfHeader.fields()) {
      Object value;
      if (f.type() == 'C') {
        int end = f.offset() + f.length();
        while (end > f.offset() && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
          end--;
        }
        try {
          value =
              end == f.offset()
                  ? null
                  : decoder
                      .reset()
                      .decode(ByteBuffer.wrap(bytes, f.offset(), end - f.offset()))
                      .toString();
        } catch (CharacterCodingException e) {
          value = null; // REPLACE never throws
        }
      } else {
        String s = new String(bytes, f.offset(), f.length(), StandardCharsets.ISO_8859_1).strip();
        value = scalar(f, s);
      }
      values.put(f.name(), value);
    }
    return values;
  }

  private static Object scalar(DbfField f, String s) {
    if (s.isEmpty() || s.startsWith("*")) {
      return null;
    }
    switch (f.type()) {
      case 'N', 'F' -> {
        try {
          if (f.decimals() == 0 && !s.contains(".") && s.length() < 19) {
            return Long.parseLong(s);
          }
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          return null;
        }
      }
      case 'L' -> {
        return "YyTt".indexOf(s.charAt(0)) >= 0
            ? Boolean.TRUE
            : ("NnFf".indexOf(s.charAt(0)) >= 0 ? Boolean.FALSE : null);
      }
      default -> {
        return s;
      }
    }
  }

  private Geometry polygon(ByteBuffer b, int number) {
    int type = b.getInt(0);
    if (type == 0) {
      return null;
    }
    if (type != 5 && type != 15 && type != 25) {
      throw GisFileException.notPolygon(
          "shape "
              + number
              + " is "
              + shapeTypeName(type)
              + ": only polygon layers can be imported");
    }
    int parts = b.getInt(36);
    int points = b.getInt(40);
    if (parts < 1 || points < 0 || 44 + 4L * parts + 16L * points > b.limit()) {
      throw new IllegalArgumentException("its part or point count exceeds the record");
    }
    if (points > limits.maxVertices()) {
      // Refused before its rings are built (and matched shell to hole).
      throw new GeometryLimitExceededException("vertices", points, limits.maxVertices());
    }
    int[] starts = new int[parts + 1];
    for (int p = 0; p < parts; p++) {
      starts[p] = b.getInt(44 + 4 * p);
    }
    starts[parts] = points;
    int xy = 44 + 4 * parts;
    List<LinearRing> shells = new ArrayList<>();
    List<LinearRing> holes = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      int from = starts[p];
      int to = starts[p + 1];
      if (from < 0 || to > points || to - from < 0) {
        throw new IllegalArgumentException("part " + (p + 1) + " has bad point offsets");
      }
      if (to - from < 3) {
        continue; // a degenerate ring: dropped, as GDAL does
      }
      List<Coordinate> ring = new ArrayList<>(to - from + 1);
      for (int i = from; i < to; i++) {
        ring.add(new Coordinate(b.getDouble(xy + 16 * i), b.getDouble(xy + 16 * i + 8)));
      }
      if (!ring.get(0).equals2D(ring.get(ring.size() - 1))) {
        ring.add(new Coordinate(ring.get(0)));
      }
      if (ring.size() < 4) {
        continue;
      }
      Coordinate[] coordinates = ring.toArray(Coordinate[]::new);
      LinearRing linear = factory.createLinearRing(coordinates);
      (Orientation.isCCW(coordinates) ? holes : shells).add(linear);
    }
    List<List<LinearRing>> polygons = new ArrayList<>();
    for (LinearRing shell : shells) {
      polygons.add(new ArrayList<>(List.of(shell)));
    }
    for (LinearRing hole : holes) {
      List<LinearRing> owner = null;
      for (List<LinearRing> polygon : polygons) {
        LinearRing shell = polygon.get(0);
        if (shell.getEnvelopeInternal().contains(hole.getEnvelopeInternal())
            && PointLocation.isInRing(hole.getCoordinateN(0), shell.getCoordinates())
            && (owner == null
                || owner.get(0).getEnvelopeInternal().contains(shell.getEnvelopeInternal()))) {
          owner = polygon;
        }
      }
      if (owner == null) {
        polygons.add(new ArrayList<>(List.of(hole))); // orientation wrong in the file: a shell
      } else {
        owner.add(hole);
      }
    }
    Polygon[] result = new Polygon[polygons.size()];
    for (int i = 0; i < result.length; i++) {
      List<LinearRing> rings = polygons.get(i);
      result[i] =
          factory.createPolygon(
              rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
    }
    return factory.createMultiPolygon(result);
  }
}
