package org.zoneplan.codecs;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The 报盘 coordinate file (建设用地报盘 / 勘测定界 exchange format): a text file with a {@code [属性描述]} section
 * of {@code key=value} lines and a {@code [地块坐标]} section where each parcel (地块) is a header line
 * {@code 界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@} followed by one line {@code 点号,圈号,X,Y} per point
 * (X = northing, Y = easting, metres). Each ring (圈号) ends with its first point repeated.
 * Spring-free; reads and writes only text and numbers, no geometry (see {@code
 * deliverables.BaopanGeometry}).
 *
 * <p>Writing: GBK, CRLF, numbers with {@code Locale.ROOT}, X and Y to 0.001 m; {@code 界址点数} counts
 * every coordinate line of the parcel, the closing repeats included; commas in text fields become
 * full-width {@code ，} (a comma would shift the fields).
 *
 * <p>Reading: UTF-8 when the bytes are valid UTF-8 (with or without BOM), else GB18030 (a superset
 * of GBK); section names in {@code []} or {@code 【】}; {@code 界址点数} may count the closing repeats or
 * not (both occur); every problem is collected with its line (1-based) and the whole list is thrown
 * at the end, so one answer names all of them. Bounded by {@link Limits}.
 */
public final class BaopanFile {
  public static final Charset GBK = Charset.forName("GBK");
  public static final String ATTRIBUTES = "属性描述";
  public static final String PARCELS = "地块坐标";
  private static final int HEADER_FIELDS = 9;

  private BaopanFile() {}

  /**
   * Bounds on what {@link #read} accepts.
   *
   * @param maxBytes file size
   * @param maxLines lines of the file
   * @param maxPoints coordinate lines in all
   * @param maxParcels parcel header lines
   */
  public record Limits(int maxBytes, int maxLines, int maxPoints, int maxParcels) {
    public static final Limits DEFAULT = new Limits(8 << 20, 500_000, 400_000, 10_000);
  }

  /** A problem of the file, at a line (0 when it is not at one). */
  public record Problem(int line, String problem) {}

  /** The file cannot be used; {@link #problems()} names every problem found, by line. */
  public static final class InvalidFileException extends CodecException {
    private final List<Problem> problems;

    public InvalidFileException(List<Problem> problems) {
      super(
          problems.isEmpty() ? 0 : problems.get(0).line(),
          0,
          problems.size()
              + " problem(s) in the 报盘 file; first: "
              + (problems.isEmpty() ? "" : problems.get(0).problem()));
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /**
   * One coordinate line.
   *
   * @param line 1-based line of the file
   * @param ring 圈号, 1…
   * @param x northing, metres
   * @param y easting, metres (8 digits before the point when it carries the zone number)
   */
  public record Point(int line, String name, int ring, double x, double y) {}

  /**
   * One parcel (地块): its header line and points.
   *
   * @param line the header line's number (0 for a parcel to write)
   * @param pointCount 界址点数 as written in the file
   * @param areaHectares 地块面积, 公顷, or null when the field is empty
   */
  public record Parcel(
      int line,
      int pointCount,
      Double areaHectares,
      String code,
      String name,
      String shape,
      String sheet,
      String use,
      String landClass,
      List<Point> points) {
    public Parcel {
      points = List.copyOf(points);
    }
  }

  /**
   * A whole file.
   *
   * @param attributes the {@code [属性描述]} fields in file order
   * @param attributeLines the line of each attribute (reading only; empty when writing)
   */
  public record Content(
      Map<String, String> attributes, Map<String, Integer> attributeLines, List<Parcel> parcels) {
    public Content {
      attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
      attributeLines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeLines));
      parcels = List.copyOf(parcels);
    }
  }

  /** The file as GBK bytes (see the class comment). Characters GBK lacks become {@code ?}. */
  public static byte[] write(Map<String, String> attributes, List<Parcel> parcels) {
    StringBuilder out = new StringBuilder();
    out.append('[').append(ATTRIBUTES).append("]\r\n");
    attributes.forEach((k, v) -> out.append(k).append('=').append(v).append("\r\n"));
    out.append('[').append(PARCELS).append("]\r\n");
    for (Parcel p : parcels) {
      out.append(p.points().size())
          .append(',')
          .append(
              p.areaHectares() == null ? "" : String.format(Locale.ROOT, "%.4f", p.areaHectares()))
          .append(',')
          .append(field(p.code()))
          .append(',')
          .append(field(p.name()))
          .append(',')
          .append(field(p.shape()))
          .append(',')
          .append(field(p.sheet()))
          .append(',')
          .append(field(p.use()))
          .append(',')
          .append(field(p.landClass()))
          .append(",@\r\n");
      for (Point point : p.points()) {
        out.append(point.name())
            .append(',')
            .append(point.ring())
            .append(',')
            .append(String.format(Locale.ROOT, "%.3f", point.x()))
            .append(',')
            .append(String.format(Locale.ROOT, "%.3f", point.y()))
            .append("\r\n");
      }
    }
    return out.toString().getBytes(GBK);
  }

  private static String field(String text) {
    return text == null ? "" : text.replace(',', '，').replace('\r', ' ').replace('\n', ' ').strip();
  }

  /** Decodes the bytes: UTF-8 when valid (BOM dropped), else GB18030. */
  static String decode(byte[] bytes) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("GB18030"));
    }
  }

  /**
   * Reads a file, checking every line (see the class comment).
   *
   * @throws InvalidFileException with every problem by line; nothing is returned then
   */
  public static Content read(byte[] bytes, Limits limits) {
    Checked checked = readChecked(bytes, limits);
    if (!checked.problems().isEmpty()) {
      throw new InvalidFileException(checked.problems());
    }
    return checked.content();
  }

  /**
   * What {@link #readChecked} found: the content with the parcels that have no problem of their
   * own, and every problem by line.
   */
  public record Checked(Content content, List<Problem> problems) {
    public Checked {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Reads a file, checking every line, and keeps going after a bad parcel so that the caller can
   * check the good parcels' geometry too and answer every problem at once.
   *
   * @throws InvalidFileException only for a file over a size limit
   */
  public static Checked readChecked(byte[] bytes, Limits limits) {
    if (bytes.length > limits.maxBytes()) {
      throw new InvalidFileException(
          List.of(new Problem(0, "文件过大：" + bytes.length + " 字节，上限 " + limits.maxBytes() + " 字节")));
    }
    String[] lines = decode(bytes).split("\r\n|\r|\n", -1);
    if (lines.length > limits.maxLines()) {
      throw new InvalidFileException(
          List.of(new Problem(0, "行数过多：" + lines.length + " 行，上限 " + limits.maxLines() + " 行")));
    }
    List<Problem> problems = new ArrayList<>();
    Map<String, String> attributes = new LinkedHashMap<>();
    Map<String, Integer> attributeLines = new LinkedHashMap<>();
    List<Parcel> parcels = new ArrayList<>();
    String section = null;
    boolean sawParcels = false;
    ParcelBuilder current = null;
    int points = 0;
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (problems.size() >= 1000) {
        problems.add(new Problem(lineNo, "问题超过 1000 处，停止检查"));
        break;
      }
      String name = sectionName(line);
      if (name != null) {
        if (current != null) {
          current.finish(problems, parcels);
          current = null;
        }
        if (!name.equals(ATTRIBUTES) && !name.equals(PARCELS)) {
          problems.add(
              new Problem(
                  lineNo, "未知的节 [" + name + "]：应为 [" + ATTRIBUTES + "] 或 [" + PARCELS + "]"));
        }
        section = name;
        sawParcels |= name.equals(PARCELS);
        continue;
      }
      if (section == null) {
        problems.add(new Problem(lineNo, "第一节之前的内容：文件应以 [" + ATTRIBUTES + "] 开始"));
        continue;
      }
      if (section.equals(ATTRIBUTES)) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
          problems.add(new Problem(lineNo, "属性描述行应为“名称=值”：" + clip(line)));
        } else {
          String key = line.substring(0, eq).strip();
          attributes.put(key, line.substring(eq + 1).strip());
          attributeLines.put(key, lineNo);
        }
        continue;
      }
      if (!section.equals(PARCELS)) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (line.endsWith("@")) {
        if (current != null) {
          current.finish(problems, parcels);
        }
        current = null;
        if (parcels.size() >= limits.maxParcels()) {
          problems.add(new Problem(lineNo, "地块过多：上限 " + limits.maxParcels() + " 个"));
          break;
        }
        if (f.length != HEADER_FIELDS) {
          problems.add(
              new Problem(
                  lineNo,
                  "地块头行应有 9 个字段（界址点数,地块面积,地块编号,地块名称,图形属性,图幅号,地块用途,地类编码,@），有 " + f.length + " 个"));
          current = new ParcelBuilder(lineNo, -1, null, "", "", "", "", "", "");
          continue;
        }
        int count = -1;
        try {
          count = Integer.parseInt(f[0].strip());
          if (count < 3) {
            problems.add(new Problem(lineNo, "界址点数 " + count + " 不足以围成地块（至少 3）"));
          }
        } catch (NumberFormatException e) {
          problems.add(new Problem(lineNo, "界址点数“" + clip(f[0]) + "”不是整数"));
        }
        Double area = null;
        if (!f[1].isBlank()) {
          area = number(f[1], "地块面积", lineNo, problems);
          if (area != null && area < 0) {
            problems.add(new Problem(lineNo, "地块面积 " + f[1].strip() + " 为负"));
          }
        }
        current =
            new ParcelBuilder(
                lineNo,
                count,
                area,
                f[2].strip(),
                f[3].strip(),
                f[4].strip(),
                f[5].strip(),
                f[6].strip(),
                f[7].strip());
        continue;
      }
      if (current == null) {
        problems.add(new Problem(lineNo, "坐标行之前没有地块头行（以 ,@ 结尾）：" + clip(line)));
        continue;
      }
      if (f.length != 4) {
        problems.add(new Problem(lineNo, "坐标行应为“点号,圈号,X,Y”4 个字段，有 " + f.length + " 个"));
        current.broken = true;
        continue;
      }
      if (++points > limits.maxPoints()) {
        problems.add(new Problem(lineNo, "坐标行过多：上限 " + limits.maxPoints() + " 行"));
        break;
      }
      String pointName = f[0].strip();
      if (pointName.isEmpty()) {
        problems.add(new Problem(lineNo, "点号为空"));
      }
      Integer ring = null;
      try {
        ring = Integer.parseInt(f[1].strip());
        if (ring < 1) {
          problems.add(new Problem(lineNo, "圈号 " + ring + " 应从 1 开始"));
          ring = null;
        }
      } catch (NumberFormatException e) {
        problems.add(new Problem(lineNo, "圈号“" + clip(f[1]) + "”不是整数"));
      }
      Double x = number(f[2], "X坐标", lineNo, problems);
      Double y = number(f[3], "Y坐标", lineNo, problems);
      if (ring == null || x == null || y == null) {
        current.broken = true;
        continue;
      }
      current.points.add(new Point(lineNo, pointName, ring, x, y));
    }
    if (current != null) {
      current.finish(problems, parcels);
    }
    if (!sawParcels) {
      problems.add(new Problem(0, "文件没有 [" + PARCELS + "] 节"));
    } else if (parcels.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(0, "[" + PARCELS + "] 节中没有地块"));
    }
    return new Checked(new Content(attributes, attributeLines, parcels), problems);
  }

  private static String sectionName(String line) {
    if ((line.startsWith("[") && line.endsWith("]"))
        || (line.startsWith("【") && line.endsWith("】"))) {
      return line.substring(1, line.length() - 1).strip();
    }
    return null;
  }

  private static Double number(String text, String what, int line, List<Problem> problems) {
    String s = text.strip();
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v) || !s.matches("[+-]?[0-9]+(\\.[0-9]*)?|[+-]?\\.[0-9]+")) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      problems.add(new Problem(line, what + "“" + clip(s) + "”不是数字"));
      return null;
    }
  }

  private static String clip(String s) {
    String t = s.strip();
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }

  private static final class ParcelBuilder {
    final int line;
    final int count;
    final Double area;
    final String code;
    final String name;
    final String shape;
    final String sheet;
    final String use;
    final String landClass;
    final List<Point> points = new ArrayList<>();
    boolean broken;

    ParcelBuilder(
        int line,
        int count,
        Double area,
        String code,
        String name,
        String shape,
        String sheet,
        String use,
        String landClass) {
      this.line = line;
      this.count = count;
      this.area = area;
      this.code = code;
      this.name = name;
      this.shape = shape;
      this.sheet = sheet;
      this.use = use;
      this.landClass = landClass;
    }

    /** Checks counts and rings; adds the parcel when it has no problem of its own. */
    void finish(List<Problem> problems, List<Parcel> parcels) {
      int before = problems.size();
      // Rings: consecutive lines with the same 圈号; a 圈号 may not come back later.
      List<List<Point>> rings = new ArrayList<>();
      Set<Integer> seen = new HashSet<>();
      for (Point p : points) {
        if (rings.isEmpty() || rings.get(rings.size() - 1).get(0).ring() != p.ring()) {
          if (!seen.add(p.ring())) {
            problems.add(
                new Problem(p.line(), "第 " + p.ring() + " 圈的坐标不连续：圈号 " + p.ring() + " 在前面已结束"));
          }
          rings.add(new ArrayList<>());
        }
        rings.get(rings.size() - 1).add(p);
      }
      if (points.isEmpty() && !broken) {
        problems.add(new Problem(line, "地块“" + code + "”没有坐标行"));
      }
      for (List<Point> ring : rings) {
        Point first = ring.get(0);
        Point last = ring.get(ring.size() - 1);
        if (ring.size() < 2 || first.x() != last.x() || first.y() != last.y()) {
          problems.add(
              new Problem(
                  last.line(),
                  "第 "
                      + first.ring()
                      + " 圈未闭合：末点 "
                      + last.name()
                      + " 与首点 "
                      + first.name()
                      + "（第 "
                      + first.line()
                      + " 行）坐标不同"));
        } else if (ring.size() < 4) {
          problems.add(
              new Problem(
                  first.line(), "第 " + first.ring() + " 圈只有 " + (ring.size() - 1) + " 个点，至少 3 个"));
        }
      }
      if (count >= 0 && !broken) {
        int lines = points.size();
        if (count != lines && count != lines - rings.size()) {
          problems.add(
              new Problem(
                  line,
                  "界址点数 "
                      + count
                      + " 与其后的坐标行数不符：有 "
                      + lines
                      + " 行（不计各圈闭合点为 "
                      + (lines - rings.size())
                      + "）"));
        }
      }
      if (problems.size() == before && !broken && count >= 0) {
        parcels.add(
            new Parcel(line, count, area, code, name, shape, sheet, use, landClass, points));
      }
    }
  }
}
