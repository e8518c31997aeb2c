package org.zoneplan.zones;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zoneplan.system.ApiProblem;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A zone's free attributes: bounded on write, and read back so that no stored row can break a
 * listing (issue 13: a zone whose attributes nested 498 deep made every listing of its plan answer
 * 500, and a 40 MB attribute was copied into every history version).
 */
public final class ZoneAttributes {
  /** Deepest nesting of objects and arrays below the attributes object itself. */
  static final int MAX_DEPTH = 8;

  /** Largest attributes as JSON text, UTF-8 bytes (64 KB). */
  static final int MAX_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(ZoneAttributes.class);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private ZoneAttributes() {}

  /**
   * @throws ApiProblem (422 {@code invalid-attributes}) naming the limit when the attributes nest
   *     deeper than {@link #MAX_DEPTH} or take more than {@link #MAX_BYTES} as JSON
   */
  public static void check(Map<String, Object> attributes) {
    if (attributes == null) {
      return;
    }
    if (depth(attributes, 0) > MAX_DEPTH) {
      throw ApiProblem.invalid(
              "invalid-attributes",
              "attributes nest deeper than " + MAX_DEPTH + " levels of objects and arrays")
          .with("property", "attributes")
          .with("limit", "attributes-depth")
          .with("max", MAX_DEPTH);
    }
    long bytes = size(attributes, MAX_BYTES + 1L);
    if (bytes > MAX_BYTES) {
      throw ApiProblem.invalid(
              "invalid-attributes",
              "attributes take more than " + MAX_BYTES + " bytes as JSON (UTF-8)")
          .with("property", "attributes")
          .with("limit", "attributes-size")
          .with("max", MAX_BYTES);
    }
  }

  /** Nesting depth of containers below {@code value}, stopping once past the limit. */
  private static int depth(Object value, int level) {
    if (level > MAX_DEPTH) {
      return level;
    }
    int deepest = level;
    if (value instanceof Map<?, ?> map) {
      for (Object v : map.values()) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
          deepest = Math.max(deepest, depth(v, level + 1));
        }
      }
    } else if (value instanceof List<?> list) {
      for (Object v : list) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
          deepest = Math.max(deepest, depth(v, level + 1));
        }
      }
    }
    return deepest;
  }

  /** About the JSON size in bytes (text as UTF-8 plus quotes and separators), up to {@code cap}. */
  private static long size(Object value, long cap) {
    if (value instanceof Map<?, ?> map) {
      long n = 2;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        n += String.valueOf(e.getKey()).getBytes(StandardCharsets.UTF_8).length + 4;
        n += size(e.getValue(), cap - n);
        if (n > cap) {
          return n;
        }
      }
      return n;
    }
    if (value instanceof List<?> list) {
      long n = 2;
      for (Object v : list) {
        n += size(v, cap - n) + 1;
        if (n > cap) {
          return n;
        }
      }
      return n;
    }
    if (value instanceof String s) {
      return s.length() > cap ? s.length() : s.getBytes(StandardCharsets.UTF_8).length + 2L;
    }
    return String.valueOf(value).length();
  }

  /**
   * Stored attributes as a map. A value nested deeper than {@link #MAX_DEPTH} (stored before the
   * limit, or written around the API) is kept as its JSON text, and text that is not a JSON object
   * becomes {@code {"unreadable": "..."}}: a listing shows the row rather than failing.
   */
  public static Map<String, Object> readStored(JsonMapper json, String text) {
    if (text == null || text.isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, Object> map = json.readValue(text, MAP);
      return map == null ? new LinkedHashMap<>() : clip(json, map, 0);
    } catch (RuntimeException e) {
      log.warn(
          "stored zone attributes unreadable ({} characters): {}", text.length(), e.toString());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("unreadable", text.length() > 200 ? text.substring(0, 200) + "…" : text);
      return out;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> clip(JsonMapper json, Map<String, Object> map, int level) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, clipValue(json, v, level + 1)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object clipValue(JsonMapper json, Object v, int level) {
    if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
      return v;
    }
    if (level > MAX_DEPTH) {
      return json.writeValueAsString(v);
    }
    if (v instanceof Map<?, ?> m) {
      return clip(json, (Map<String, Object>) m, level);
    }
    return ((List<Object>) v).stream().map(x -> clipValue(json, x, level + 1)).toList();
  }
}
