package org.zoneplan.parcels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The land-use code tables of the classifications in {@link LandUseScheme}: GB/T 21010-2017, the
 * third national land survey (三调) working classes and the 2023 land and sea use classes (用地用海分类).
 * Read once from {@code landuse/<SCHEME>.csv} on the classpath (UTF-8, columns {@code
 * code,name_zh,parent_code}, parents before their children). Immutable and thread-safe.
 *
 * <p>Codes are kept exactly as published, letters included ({@code 05H1}, {@code 08H2}, the 三调
 * refinements {@code 0301K} 可调整乔木林地 and {@code 1104A} 养殖坑塘). A code of any level is valid: land may
 * be classed only to the first level ({@code 09} 特殊用地 in 三调, {@code 16} 留白用地 in the 2023 classes).
 * The first level is the root of a code's parent chain, not its first two digits: in 三调, {@code
 * 0603} 盐田 belongs to {@code 00} 湿地.
 */
public final class LandUseCatalog {
  /**
   * One class of a code table.
   *
   * @param code as published, e.g. {@code 0601}, {@code 05H1}, {@code 100101}
   * @param nameZh the standard's Chinese name
   * @param parentCode the class one level up, or null for a first-level class
   * @param level 1 for a first-level class, 2 for its children, …
   */
  public record LandUseClass(String code, String nameZh, String parentCode, int level) {}

  private static final Pattern CODE = Pattern.compile("[0-9A-Z]{2,8}");
  private static final String HEADER = "code,name_zh,parent_code";

  private final Map<LandUseScheme, Map<String, LandUseClass>> tables;

  private LandUseCatalog(Map<LandUseScheme, Map<String, LandUseClass>> tables) {
    this.tables = tables;
  }

  /** The catalog of the tables shipped with zoneplan, loaded on first use. */
  public static LandUseCatalog standard() {
    return Standard.CATALOG;
  }

  private static final class Standard {
    static final LandUseCatalog CATALOG = load();
  }

  private static LandUseCatalog load() {
    Map<LandUseScheme, Map<String, LandUseClass>> tables = new EnumMap<>(LandUseScheme.class);
    for (LandUseScheme scheme : LandUseScheme.values()) {
      String resource = "landuse/" + scheme.name() + ".csv";
      try (InputStream in = LandUseCatalog.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("land-use table missing from the classpath: " + resource);
        }
        tables.put(scheme, read(resource, in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return new LandUseCatalog(tables);
  }

  private static Map<String, LandUseClass> read(String resource, InputStream in)
      throws IOException {
    Map<String, LandUseClass> table = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String header = reader.readLine();
    if (!HEADER.equals(header)) {
      throw new IllegalStateException(resource + ": header must be " + HEADER + ", is " + header);
    }
    int lineNumber = 1;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      String where = resource + " line " + lineNumber + ": ";
      if (fields.length != 3) {
        throw new IllegalStateException(where + "expected 3 fields, found " + fields.length);
      }
      String code = fields[0].strip();
      String name = fields[1].strip();
      String parent = fields[2].strip().isEmpty() ? null : fields[2].strip();
      if (!CODE.matcher(code).matches() || name.isEmpty()) {
        throw new IllegalStateException(where + "bad code or empty name: " + line);
      }
      if (table.containsKey(code)) {
        throw new IllegalStateException(where + "code " + code + " appears twice");
      }
      int level = 1;
      if (parent != null) {
        LandUseClass parentClass = table.get(parent);
        if (parentClass == null) {
          throw new IllegalStateException(
              where + "parent " + parent + " of " + code + " is not listed before it");
        }
        level = parentClass.level() + 1;
      }
      table.put(code, new LandUseClass(code, name, parent, level));
    }
    return Collections.unmodifiableMap(table);
  }

  /** Whether {@code code} is a class of the scheme (any level; exact, case-sensitive). */
  public boolean isValid(LandUseScheme scheme, String code) {
    return code != null && tables.get(scheme).containsKey(code);
  }

  public Optional<LandUseClass> find(LandUseScheme scheme, String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(tables.get(scheme).get(code));
  }

  /** The Chinese name of the class, or null when the code is not in the scheme. */
  public String name(LandUseScheme scheme, String code) {
    return find(scheme, code).map(LandUseClass::nameZh).orElse(null);
  }

  /**
   * The first-level class the code belongs to (itself, for a first-level code).
   *
   * @throws IllegalArgumentException when the code is not in the scheme
   */
  public LandUseClass firstLevel(LandUseScheme scheme, String code) {
    LandUseClass current = require(scheme, code);
    while (current.parentCode() != null) {
      current = tables.get(scheme).get(current.parentCode());
    }
    return current;
  }

  /**
   * Whether {@code code} is {@code ancestor} or one of its descendants: with ancestor {@code 1001}
   * (2023 工业用地), true for {@code 1001} and {@code 100101}–{@code 100103}. False for codes not in
   * the scheme.
   */
  public boolean isWithin(LandUseScheme scheme, String code, String ancestor) {
    for (LandUseClass c = tables.get(scheme).get(code);
        c != null;
        c = c.parentCode() == null ? null : tables.get(scheme).get(c.parentCode())) {
      if (c.code().equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  /** The longest class name of any scheme, in characters (for fixed-width fields). */
  public int longestName() {
    return tables.values().stream()
        .flatMap(t -> t.values().stream())
        .mapToInt(c -> c.nameZh().length())
        .max()
        .orElse(1);
  }

  /** Every class of the scheme, in the order of the standard's table. */
  public List<LandUseClass> classes(LandUseScheme scheme) {
    return List.copyOf(tables.get(scheme).values());
  }

  /** The classes directly below {@code code}, in table order. */
  public List<LandUseClass> children(LandUseScheme scheme, String code) {
    require(scheme, code);
    List<LandUseClass> children = new ArrayList<>();
    for (LandUseClass c : tables.get(scheme).values()) {
      if (code.equals(c.parentCode())) {
        children.add(c);
      }
    }
    return children;
  }

  private LandUseClass require(LandUseScheme scheme, String code) {
    return find(scheme, code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "land-use code " + code + " is not in " + scheme.title()));
  }
}
