package org.zoneplan.enterprises;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GB/T 4754-2017 国民经济行业分类 classes (小类, 4 digits) with their 大类 (2 digits) and 门类 (a letter),
 * read once from {@code industry/gbt4754-2017.csv} on the classpath (UTF-8; lines starting with #
 * are comments; columns code, name, division_code, division_name, section_code, section_name).
 * Immutable and thread-safe.
 */
public final class IndustryCatalog {
  /** One 小类 with its 大类 and 门类. */
  public record IndustryClass(
      String code,
      String name,
      String divisionCode,
      String divisionName,
      String sectionCode,
      String sectionName) {}

  private static final IndustryCatalog INSTANCE = load("industry/gbt4754-2017.csv");

  private final Map<String, IndustryClass> classes;

  private IndustryCatalog(Map<String, IndustryClass> classes) {
    this.classes = Collections.unmodifiableMap(classes);
  }

  public static IndustryCatalog gbt4754() {
    return INSTANCE;
  }

  public Optional<IndustryClass> find(String code) {
    return Optional.ofNullable(code == null ? null : classes.get(code));
  }

  public boolean contains(String code) {
    return code != null && classes.containsKey(code);
  }

  public int size() {
    return classes.size();
  }

  /** Every class, by code. */
  public List<IndustryClass> classes() {
    return List.copyOf(classes.values());
  }

  /**
   * The 大类 codes of a 门类 (e.g. C → 13 … 43), for filters by section; empty for an unknown letter.
   */
  public List<String> divisionsOf(String sectionCode) {
    return classes.values().stream()
        .filter(c -> c.sectionCode().equals(sectionCode))
        .map(IndustryClass::divisionCode)
        .distinct()
        .toList();
  }

  private static IndustryCatalog load(String resource) {
    Map<String, IndustryClass> classes = new LinkedHashMap<>();
    try (InputStream in = IndustryCatalog.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 6) {
          throw new IllegalStateException(resource + ": bad line " + line);
        }
        classes.put(f[0], new IndustryClass(f[0], f[1], f[2], f[3], f[4], f[5]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new IndustryCatalog(classes);
  }
}
