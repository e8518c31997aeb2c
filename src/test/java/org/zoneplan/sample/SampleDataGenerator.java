package org.zoneplan.sample;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the Pujiang County (浦江县) sample data set: the development zones of both plan versions
 * (before and after the 2021 merger into "one zone, three sub-areas"), the Jinhua county outlines,
 * the plan table and the town table. All geometry is CGCS2000 geographic, EPSG:4490, x = longitude.
 *
 * <p>The zone boundaries are illustrative, not surveyed: each leaf zone is a jittered star-shaped
 * polygon placed near its town, inside the Pujiang outline and apart from the others, then scaled
 * until its ellipsoidal area equals the published figure to within 0.01 m². A zone that grew keeps
 * its old boundary and pushes out along its rays (so the 2021 core contains the 2020 core); one
 * that shrank is cut back along its rays; one whose figure did not change keeps its geometry. A
 * parent's polygon is the union of its leaves, so its area is their sum. The program fails rather
 * than write a data set in which leaves overlap or leave the county.
 *
 * <p>Output is the same, byte for byte, on every run: fixed seeds, {@link StrictMath}, and a fixed
 * date in the DBF headers.
 *
 * <p>Regenerate from the project root, with {@code /work/shared} checked out beside it as {@code
 * ../shared}:
 *
 * <pre>{@code
 * mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * mvn -q test-compile
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.zoneplan.sample.SampleDataGenerator [outputDir [sharedDir]]
 * mvn -q -Dtest=SampleDataTest test
 * }</pre>
 *
 * Defaults: {@code outputDir = data/shapefiles}, {@code sharedDir = ../shared}.
 */
public final class SampleDataGenerator {
  static final String PLAN_BEFORE = "pujiang-2020";
  static final String PLAN_AFTER = "pujiang-2021";
  static final String PUJIANG_CODE = "330726";
  static final String JINHUA_CODE = "330700";

  /** Relative to the shared directory. */
  static final String ZONE_TABLE = "domain/pujiang-zones.csv";

  static final String TOWN_TABLE = "domain/pujiang-towns.csv";
  static final String COUNTIES = "data/jinhua-counties.geojson";

  /** Leaf areas must hit the published figure this closely, m². */
  static final double AREA_TOLERANCE_M2 = 0.01;

  /** Closest a leaf zone may come to the county boundary, metres (approximate). */
  private static final double MIN_MARGIN_M = 400;

  /** Closest two leaf zones of a version may come to each other, metres (approximate). */
  private static final double MIN_GAP_M = 150;

  private static final long SEED = 20211231L;

  /** Written into the DBF headers instead of today, so that regenerating changes nothing. */
  private static final LocalDate DBF_DATE = LocalDate.of(2021, 12, 31);

  /**
   * H2GIS writes a VARCHAR(n) as a DBF character field of n bytes (254 without a length) and writes
   * a longer value as NUL bytes, read back as null: widths here are UTF-8 bytes, 3 per Chinese
   * character. SampleDataTest catches a value that no longer fits.
   */
  private static final String ZONES_DDL =
      """
      CREATE TABLE ZONES(
        THE_GEOM GEOMETRY(MULTIPOLYGON, 4490),
        PLAN VARCHAR(16), CODE VARCHAR(12), NAME VARCHAR(64), NAME_EN VARCHAR(80),
        KIND VARCHAR(12), PARENT VARCHAR(12), MANAGEDBY VARCHAR(32), INDUSTRY VARCHAR(160),
        IND_CODES VARCHAR(16), NOTE VARCHAR(120))""";

  private static final String DIVISIONS_DDL =
      """
      CREATE TABLE DIVISIONS(
        THE_GEOM GEOMETRY(MULTIPOLYGON, 4490),
        CODE VARCHAR(12), NAME VARCHAR(32), LEVEL VARCHAR(8), PARENT VARCHAR(12))""";

  /**
   * Where each leaf zone is drawn, tuned by eye so that nothing overlaps. Offsets from the county
   * seat in km (east, north); {@code changeDeg} is the direction (degrees counter-clockwise from
   * east) in which the zone grew or was cut back in 2021. Sub-areas lie towards their towns: 黄宅
   * ESE, 白马 E, 郑宅 NE, 郑家坞 near the eastern border; the expansion blocks beside the core, 江南新区 south
   * of the river.
   */
  private static final Map<String, Layout> LAYOUT =
      Map.of(
          "PJ-1-CORE", new Layout(1.6, 0.4, 1.5, 12, 36, 15, 0.1),
          "PJ-1-X1", new Layout(-3.6, 1.6, 1.3, -30, 20, 0, 0),
          "PJ-1-X2", new Layout(2.4, -4.1, 1.9, 8, 32, 0, 0),
          "PJ-HZ", new Layout(7.9, -2.6, 1.3, 40, 28, -90, 0),
          "PJ-BZ-BM", new Layout(13.2, 0.2, 1.4, -15, 24, 0, 0.4),
          "PJ-BZ-ZZ", new Layout(8.0, 4.7, 1.3, 30, 24, 200, 0.6),
          "PJ-BZ-GT", new Layout(10.9, 2.5, 1.6, 60, 18, 0, 0),
          "PJ-ZJW", new Layout(16.2, 3.0, 1.2, 80, 22, 240, 0.3));

  /**
   * Leading industries as Pujiang's plan names them for each part (the 2021 integration of the
   * development zones, 一区三片): the core area with its two expansion blocks, 黄宅, 白马-郑宅, 郑家坞; the
   * platform and the 一区 carry the core's list. Their GB/T 4754-2017 classes (1–3 per zone, field
   * IND_CODES) are {@link PujiangIndustries#LEADING_INDUSTRY_CODES}: the choice of classes (and 水晶
   * first in 水晶小镇) is this sample's, not the plan's.
   */
  static final String CORE_INDUSTRIES = "光电(光伏配件、LED)、高端装备、新材料、智能硬件、生物科技、水晶、绗缝家纺";

  static final Map<String, String> INDUSTRY =
      Map.ofEntries(
          Map.entry("PJ", CORE_INDUSTRIES),
          Map.entry("PJ-1", CORE_INDUSTRIES),
          Map.entry("PJ-1-CORE", CORE_INDUSTRIES),
          Map.entry("PJ-1-X1", CORE_INDUSTRIES),
          Map.entry("PJ-1-X2", CORE_INDUSTRIES),
          Map.entry("PJ-HZ", "光伏、LED、高端机电、新材料、五金、制锁"),
          Map.entry("PJ-BZ", "新一代信息技术、智能装备、生物医疗"),
          Map.entry("PJ-BZ-BM", "新一代信息技术、智能装备、生物医疗"),
          Map.entry("PJ-BZ-ZZ", "新一代信息技术、智能装备、生物医疗"),
          Map.entry("PJ-BZ-GT", "新一代信息技术、智能装备、生物医疗"),
          Map.entry("PJ-ZJW", "纺织、服装"));

  private SampleDataGenerator() {}

  public static void main(String[] args) throws IOException, SQLException {
    Path out = Path.of(args.length > 0 ? args[0] : "data/shapefiles");
    Path shared = Path.of(args.length > 1 ? args[1] : "../shared");
    Files.createDirectories(out);

    List<ZoneRow> table = readZoneTable(shared.resolve(ZONE_TABLE));
    List<County> counties = readCounties(shared.resolve(COUNTIES));
    County pujiang =
        counties.stream().filter(c -> c.code().equals(PUJIANG_CODE)).findFirst().orElseThrow();
    Map<String, Map<String, MultiPolygon>> plans = drawZones(table, pujiang);

    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:sample-data-generator")) {
      try (Statement st = db.createStatement()) {
        st.execute(
            "CREATE ALIAS IF NOT EXISTS H2GIS_SPATIAL"
                + " FOR \"org.h2gis.functions.factory.H2GISFunctions.load\"");
        st.execute("CALL H2GIS_SPATIAL()");
        st.execute(ZONES_DDL);
        st.execute(DIVISIONS_DDL);
      }
      insertZones(db, table, plans);
      insertDivisions(db, counties);
      writeShapefile(db, "ZONES", out.resolve("zones.shp"));
      writeShapefile(db, "DIVISIONS", out.resolve("divisions.shp"));
    }
    Files.writeString(
        out.resolve("plans.csv"),
        "id,name,date,status\n"
            + PLAN_BEFORE
            + ",浦江县开发区(园区)整合前,2020-12-31,SUPERSEDED\n"
            + PLAN_AFTER
            + ",浦江县开发区(园区)整合后(一区三片),2021-12-31,APPROVED\n",
        StandardCharsets.UTF_8);
    // Bytes, not Files.copy: that would carry over the source's read-only mode.
    Files.write(out.resolve("towns.csv"), Files.readAllBytes(shared.resolve(TOWN_TABLE)));

    for (String plan : List.of(PLAN_BEFORE, PLAN_AFTER)) {
      for (ZoneRow row : table) {
        System.out.printf(
            Locale.ROOT,
            "%s %-10s %14.3f m²%n",
            plan,
            row.code(),
            EllipsoidalArea.squareMetres(plans.get(plan).get(row.code())));
      }
    }
  }

  /** Plan id → zone code → boundary, in table order; parents are unions of their leaves. */
  static Map<String, Map<String, MultiPolygon>> drawZones(List<ZoneRow> table, County county) {
    Geometry outline = GeometryFixer.fix(county.outline());
    LocalFrame frame = new LocalFrame(county.seat());
    Map<String, MultiPolygon> before = new LinkedHashMap<>();
    Map<String, MultiPolygon> after = new LinkedHashMap<>();
    for (ZoneRow row : table) {
      if (!isLeaf(row, table)) {
        continue;
      }
      Layout layout = LAYOUT.get(row.code());
      if (layout == null) {
        throw new IllegalStateException("no layout for leaf zone " + row.code());
      }
      Blob blob = Blob.random(layout, new Random(SEED + row.code().hashCode()), frame);
      double oldM2 = row.areaBeforeKm2() * 1e6;
      double newM2 = row.areaAfterKm2() * 1e6;
      double scale = solve(s -> blob.area(s, alpha -> 1), oldM2, 0.1, 10);
      before.put(row.code(), blob.multiPolygon(scale, alpha -> 1));
      DoubleUnaryOperator change;
      if (newM2 > oldM2) {
        double t = solve(u -> blob.area(scale, layout.growth(u)), newM2, 0, 20);
        change = layout.growth(t);
      } else if (newM2 < oldM2) {
        double t = solve(u -> blob.area(scale, layout.cut(u)), newM2, 0, 0.9);
        change = layout.cut(t);
      } else {
        change = alpha -> 1;
      }
      after.put(row.code(), blob.multiPolygon(scale, change));
    }
    Map<String, Map<String, MultiPolygon>> plans = new LinkedHashMap<>();
    plans.put(PLAN_BEFORE, withParents(table, before, ZoneRow::areaBeforeKm2));
    plans.put(PLAN_AFTER, withParents(table, after, ZoneRow::areaAfterKm2));
    for (Map.Entry<String, Map<String, MultiPolygon>> plan : plans.entrySet()) {
      checkLayout(plan.getKey(), table, plan.getValue(), outline, frame);
    }
    return plans;
  }

  private static Map<String, MultiPolygon> withParents(
      List<ZoneRow> table,
      Map<String, MultiPolygon> leaves,
      ToDoubleFunction<ZoneRow> publishedKm2) {
    Map<String, MultiPolygon> zones = new LinkedHashMap<>();
    for (ZoneRow row : table) {
      MultiPolygon zone = leaves.get(row.code());
      if (zone == null) {
        List<Geometry> parts = new ArrayList<>();
        for (ZoneRow leaf : table) {
          if (leaves.containsKey(leaf.code()) && isDescendant(leaf, row, table)) {
            parts.add(leaves.get(leaf.code()));
          }
        }
        zone = toMultiPolygon(UnaryUnionOp.union(parts));
      }
      double km2 = EllipsoidalArea.squareMetres(zone) / 1e6;
      if (Math.round(km2 * 100) != Math.round(publishedKm2.applyAsDouble(row) * 100)) {
        throw new IllegalStateException(
            row.code() + " has " + km2 + " km², published " + publishedKm2.applyAsDouble(row));
      }
      zones.put(row.code(), zone);
    }
    return zones;
  }

  /** Leaves pairwise apart, all well inside the county; fails naming the culprit otherwise. */
  private static void checkLayout(
      String plan,
      List<ZoneRow> table,
      Map<String, MultiPolygon> zones,
      Geometry outline,
      LocalFrame frame) {
    List<ZoneRow> leaves = table.stream().filter(r -> isLeaf(r, table)).toList();
    for (ZoneRow leaf : leaves) {
      Geometry zone = zones.get(leaf.code());
      double marginM = frame.metres(zone.distance(outline.getBoundary()));
      if (!outline.contains(zone) || marginM < MIN_MARGIN_M) {
        throw new IllegalStateException(
            plan + " " + leaf.code() + " is within " + marginM + " m of the county boundary");
      }
      for (ZoneRow other : leaves) {
        if (leaf.code().compareTo(other.code()) < 0) {
          double gapM = frame.metres(zone.distance(zones.get(other.code())));
          if (gapM < MIN_GAP_M) {
            throw new IllegalStateException(
                plan + " " + leaf.code() + " and " + other.code() + " are " + gapM + " m apart");
          }
        }
      }
    }
  }

  /**
   * The parameter at which a monotonic {@code areaOf} equals {@code targetM2}, by bisection on [lo,
   * hi] (the bracket must contain it).
   */
  static double solve(DoubleUnaryOperator areaOf, double targetM2, double lo, double hi) {
    double fLo = areaOf.applyAsDouble(lo) - targetM2;
    double fHi = areaOf.applyAsDouble(hi) - targetM2;
    if (Math.signum(fLo) == Math.signum(fHi)) {
      throw new IllegalArgumentException("target " + targetM2 + " m² not within the bracket");
    }
    for (int i = 0; i < 200 && lo < hi; i++) {
      double mid = (lo + hi) / 2;
      if (mid <= lo || mid >= hi) {
        break;
      }
      double fMid = areaOf.applyAsDouble(mid) - targetM2;
      if (Math.signum(fMid) == Math.signum(fLo)) {
        lo = mid;
        fLo = fMid;
      } else {
        hi = mid;
        fHi = fMid;
      }
    }
    double best = Math.abs(fLo) < Math.abs(fHi) ? lo : hi;
    double error = Math.min(Math.abs(fLo), Math.abs(fHi));
    if (error > AREA_TOLERANCE_M2) {
      throw new IllegalStateException("area off by " + error + " m² after bisection");
    }
    return best;
  }

  private static void insertZones(
      Connection db, List<ZoneRow> table, Map<String, Map<String, MultiPolygon>> plans)
      throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO ZONES VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<String, Map<String, MultiPolygon>> plan : plans.entrySet()) {
        for (ZoneRow row : table) {
          insert.setObject(1, plan.getValue().get(row.code()));
          insert.setString(2, plan.getKey());
          insert.setString(3, row.code());
          insert.setString(4, row.nameZh());
          insert.setString(5, row.nameEn());
          insert.setString(6, row.kind());
          insert.setString(7, row.parentCode());
          insert.setString(8, row.managedBy());
          insert.setString(9, INDUSTRY.getOrDefault(row.code(), ""));
          insert.setString(
              10,
              String.join(
                  ",",
                  PujiangIndustries.LEADING_INDUSTRY_CODES.getOrDefault(row.code(), List.of())));
          insert.setString(11, row.note());
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  /** The outlines go in as they are, invalid rings and all: repairing is the importer's job. */
  private static void insertDivisions(Connection db, List<County> counties) throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO DIVISIONS VALUES (?, ?, ?, 'COUNTY', ?)")) {
      for (County county : counties) {
        insert.setObject(
            1, Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {county.outline()}));
        insert.setString(2, county.code());
        insert.setString(3, county.name());
        insert.setString(4, JINHUA_CODE);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Exports a table with H2GIS's SHPWrite and fixes what it gets wrong (H2GIS 2.2.3): it writes
   * .shp/.shx/.dbf/.prj but no .cpg, stamps the DBF header with a two-digit year (26 for 2026,
   * which readers take as 1926), and gives multi-part polygons a wrong record length (see {@link
   * #repairRecordLengths}). The .prj it writes is EPSG's CGCS2000 WKT, which GDAL reads as
   * EPSG:4490. Rings come out clockwise, as the format wants: it normalises every geometry.
   */
  private static void writeShapefile(Connection db, String table, Path shp)
      throws SQLException, IOException {
    try (PreparedStatement write = db.prepareStatement("CALL SHPWrite(?, ?, 'UTF-8', true)")) {
      write.setString(1, shp.toAbsolutePath().toString());
      write.setString(2, table);
      write.execute();
    }
    Path dbf = sibling(shp, ".dbf");
    try (FileChannel channel = FileChannel.open(dbf, StandardOpenOption.WRITE)) {
      // dBase header bytes 1–3: last update as years since 1900, month, day.
      byte[] date = {
        (byte) (DBF_DATE.getYear() - 1900),
        (byte) DBF_DATE.getMonthValue(),
        (byte) DBF_DATE.getDayOfMonth()
      };
      channel.write(ByteBuffer.wrap(date), 1);
    }
    Files.writeString(sibling(shp, ".cpg"), "UTF-8", StandardCharsets.US_ASCII);
    repairRecordLengths(shp);
  }

  /**
   * Rewrites the record lengths in a polygon shapefile's record headers and its .shx index from the
   * records' actual part and point counts. H2GIS 2.2.3 counts the rings of a polygon with k parts
   * as 2^k − 1 ({@code nrings += nrings + 1 + holes}), so every multi-part record claims to be
   * longer than it is and GDAL, QGIS and H2GIS's own SHPRead lose the records after it. The
   * records' content is right; only the lengths, and the offsets built from them, are not.
   */
  static void repairRecordLengths(Path shp) throws IOException {
    Path shx = sibling(shp, ".shx");
    ByteBuffer records = ByteBuffer.wrap(Files.readAllBytes(shp));
    ByteBuffer index = ByteBuffer.wrap(Files.readAllBytes(shx));
    int count = 0;
    int position = 100;
    while (position < records.limit()) {
      records.order(ByteOrder.LITTLE_ENDIAN);
      int shapeType = records.getInt(position + 8);
      int contentBytes =
          switch (shapeType) {
            case 0 -> 4;
            case 5 -> 44 + 4 * records.getInt(position + 44) + 16 * records.getInt(position + 48);
            default -> throw new IOException(shp + ": unexpected shape type " + shapeType);
          };
      // Lengths and offsets are big-endian and in 16-bit words.
      records.order(ByteOrder.BIG_ENDIAN);
      records.putInt(position + 4, contentBytes / 2);
      index.putInt(100 + 8 * count, position / 2).putInt(104 + 8 * count, contentBytes / 2);
      position += 8 + contentBytes;
      count++;
    }
    if (position != records.getInt(24) * 2 || 100 + 8 * count != index.limit()) {
      throw new IOException(shp + ": records do not add up to the file and index lengths");
    }
    Files.write(shp, records.array());
    Files.write(shx, index.array());
  }

  static Path sibling(Path shp, String extension) {
    String name = shp.getFileName().toString();
    return shp.resolveSibling(name.substring(0, name.lastIndexOf('.')) + extension);
  }

  static boolean isLeaf(ZoneRow row, List<ZoneRow> table) {
    return table.stream().noneMatch(r -> r.parentCode().equals(row.code()));
  }

  static boolean isDescendant(ZoneRow row, ZoneRow ancestor, List<ZoneRow> table) {
    String parent = row.parentCode();
    while (!parent.isEmpty()) {
      if (parent.equals(ancestor.code())) {
        return true;
      }
      String current = parent;
      parent =
          table.stream()
              .filter(r -> r.code().equals(current))
              .findFirst()
              .orElseThrow()
              .parentCode();
    }
    return false;
  }

  static MultiPolygon toMultiPolygon(Geometry polygonal) {
    if (polygonal instanceof MultiPolygon multi) {
      return multi;
    }
    if (polygonal instanceof Polygon polygon) {
      return Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {polygon});
    }
    throw new IllegalArgumentException("not polygonal: " + polygonal.getGeometryType());
  }

  /** One row of {@code pujiang-zones.csv}; empty strings for empty cells, areas in km². */
  record ZoneRow(
      String code,
      String nameZh,
      String nameEn,
      String kind,
      String parentCode,
      double areaBeforeKm2,
      double areaAfterKm2,
      String managedBy,
      String note) {}

  static List<ZoneRow> readZoneTable(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> header = parseCsvLine(lines.get(0));
    if (!header.equals(
        List.of(
            "code",
            "name_zh",
            "name_en",
            "kind",
            "parent_code",
            "area_before_km2",
            "area_after_km2",
            "managed_by",
            "note"))) {
      throw new IOException(csv + ": unexpected header " + header);
    }
    List<ZoneRow> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = parseCsvLine(line);
      rows.add(
          new ZoneRow(
              f.get(0),
              f.get(1),
              f.get(2),
              f.get(3),
              f.get(4),
              Double.parseDouble(f.get(5)),
              Double.parseDouble(f.get(6)),
              f.get(7),
              f.get(8)));
    }
    return rows;
  }

  /** One RFC 4180 record on one line: quoted fields, {@code ""} for a quote inside them. */
  static List<String> parseCsvLine(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /**
   * A county from {@code jinhua-counties.geojson}: official code, Chinese name, seat and outline as
   * given (not repaired; every ring in that file self-intersects).
   */
  record County(String code, String name, Coordinate seat, Polygon outline) {}

  static List<County> readCounties(Path geojson) throws IOException {
    JsonNode features =
        JsonMapper.builder().build().readTree(Files.readString(geojson)).get("features");
    List<County> counties = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      JsonNode feature = features.get(i);
      JsonNode geometry = feature.get("geometry");
      if (!"Polygon".equals(geometry.get("type").stringValue())) {
        throw new IOException("feature " + i + " is not a Polygon");
      }
      JsonNode rings = geometry.get("coordinates");
      Polygon outline = polygon(rings);
      JsonNode seat = feature.get("properties").get("cp");
      counties.add(
          new County(
              feature.get("id").stringValue(),
              feature.get("properties").get("name").stringValue(),
              new Coordinate(seat.get(0).doubleValue(), seat.get(1).doubleValue()),
              outline));
    }
    return counties;
  }

  private static Polygon polygon(JsonNode rings) {
    GeometryFactory factory = Cgcs2000.GEOMETRY_FACTORY;
    LinearRing[] linearRings = new LinearRing[rings.size()];
    for (int r = 0; r < rings.size(); r++) {
      JsonNode positions = rings.get(r);
      Coordinate[] coordinates = new Coordinate[positions.size()];
      for (int p = 0; p < positions.size(); p++) {
        coordinates[p] =
            new Coordinate(
                positions.get(p).get(0).doubleValue(), positions.get(p).get(1).doubleValue());
      }
      linearRings[r] = factory.createLinearRing(coordinates);
    }
    return factory.createPolygon(
        linearRings[0], Arrays.copyOfRange(linearRings, 1, linearRings.length));
  }

  /**
   * Where and how a leaf zone is drawn.
   *
   * @param eastKm centre, km east of the county seat
   * @param northKm centre, km north of the county seat
   * @param aspect length over width of the shape
   * @param rotationDeg direction of the long axis, degrees counter-clockwise from east
   * @param vertices number of vertices, 16–40
   * @param changeDeg direction in which the zone grew or was cut back in 2021
   * @param growthBase share of growth spread all round rather than towards {@code changeDeg}
   */
  record Layout(
      double eastKm,
      double northKm,
      double aspect,
      double rotationDeg,
      int vertices,
      double changeDeg,
      double growthBase) {
    Layout {
      if (vertices < 16 || vertices > 40) {
        throw new IllegalArgumentException("16–40 vertices, not " + vertices);
      }
    }

    /** Radial factor ≥ 1 for a zone that grew by amount {@code t}: a bulge towards changeDeg. */
    DoubleUnaryOperator growth(double t) {
      return alpha -> 1 + t * (growthBase + lobe(alpha));
    }

    /** Radial factor ≤ 1 for a zone cut back by amount {@code t} (< 1) on the changeDeg side. */
    DoubleUnaryOperator cut(double t) {
      return alpha -> 1 - t * lobe(alpha);
    }

    private double lobe(double alpha) {
      double c = StrictMath.cos(alpha - StrictMath.toRadians(changeDeg));
      return c > 0 ? c * c : 0;
    }
  }

  /**
   * An irregular polygon, star-shaped about its centre: vertex i at {@code centre + scale ·
   * factor(αᵢ) · offsetᵢ}, where αᵢ is the direction of offsetᵢ. Scaling every vertex along its own
   * ray by a factor ≥ 1 gives a polygon that contains the original, so growth keeps the old
   * boundary inside the new one (and a factor ≤ 1 the new inside the old).
   */
  private record Blob(
      double centreEastM, double centreNorthM, double[] east, double[] north, LocalFrame frame) {
    static Blob random(Layout layout, Random random, LocalFrame frame) {
      int n = layout.vertices();
      double[] amplitude = new double[5];
      double[] phase = new double[5];
      for (int k = 2; k <= 4; k++) {
        amplitude[k] = 0.05 + 0.07 * random.nextDouble();
        phase[k] = 2 * Math.PI * random.nextDouble();
      }
      double stretch = StrictMath.sqrt(layout.aspect());
      double cos = StrictMath.cos(StrictMath.toRadians(layout.rotationDeg()));
      double sin = StrictMath.sin(StrictMath.toRadians(layout.rotationDeg()));
      double[] east = new double[n];
      double[] north = new double[n];
      for (int i = 0; i < n; i++) {
        // Angles stay strictly increasing, radii positive: the ring cannot cross itself.
        double theta = 2 * Math.PI * (i + 0.6 * (random.nextDouble() - 0.5)) / n;
        double rho = 1 + 0.05 * (2 * random.nextDouble() - 1);
        for (int k = 2; k <= 4; k++) {
          rho += amplitude[k] * StrictMath.cos(k * theta + phase[k]);
        }
        double x = rho * StrictMath.cos(theta) * stretch * 1000;
        double y = rho * StrictMath.sin(theta) / stretch * 1000;
        east[i] = x * cos - y * sin;
        north[i] = x * sin + y * cos;
      }
      return new Blob(layout.eastKm() * 1000, layout.northKm() * 1000, east, north, frame);
    }

    MultiPolygon multiPolygon(double scale, DoubleUnaryOperator factor) {
      int n = east.length;
      Coordinate[] ring = new Coordinate[n + 1];
      for (int i = 0; i < n; i++) {
        double f = scale * factor.applyAsDouble(StrictMath.atan2(north[i], east[i]));
        ring[i] = frame.toLonLat(centreEastM + f * east[i], centreNorthM + f * north[i]);
      }
      ring[n] = ring[0].copy();
      return Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(
          new Polygon[] {Cgcs2000.GEOMETRY_FACTORY.createPolygon(ring)});
    }

    double area(double scale, DoubleUnaryOperator factor) {
      return EllipsoidalArea.squareMetres(multiPolygon(scale, factor));
    }
  }

  /**
   * East/north metres about an origin, mapped linearly to degrees with the CGCS2000 meridian and
   * prime-vertical radii there: only for placing shapes; areas are computed on the ellipsoid.
   */
  private record LocalFrame(
      Coordinate origin, double metresPerDegreeLon, double metresPerDegreeLat) {
    LocalFrame(Coordinate origin) {
      this(origin, radii(origin.y)[0], radii(origin.y)[1]);
    }

    private static double[] radii(double latitude) {
      double f = Cgcs2000.FLATTENING;
      double e2 = f * (2 - f);
      double sin = StrictMath.sin(StrictMath.toRadians(latitude));
      double w = StrictMath.sqrt(1 - e2 * sin * sin);
      double primeVertical = Cgcs2000.SEMI_MAJOR_AXIS_M / w;
      double meridian = Cgcs2000.SEMI_MAJOR_AXIS_M * (1 - e2) / (w * w * w);
      double perDegree = Math.PI / 180;
      return new double[] {
        primeVertical * StrictMath.cos(StrictMath.toRadians(latitude)) * perDegree,
        meridian * perDegree
      };
    }

    Coordinate toLonLat(double eastM, double northM) {
      return new Coordinate(
          origin.x + eastM / metresPerDegreeLon, origin.y + northM / metresPerDegreeLat);
    }

    /** A distance in degrees as metres, conservatively (the shorter, east-west degree). */
    double metres(double degrees) {
      return degrees * metresPerDegreeLon;
    }
  }
}
