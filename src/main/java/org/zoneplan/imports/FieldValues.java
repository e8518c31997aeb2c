package org.zoneplan.imports;

import java.util.Map;
import org.zoneplan.codecs.gis.LayerField;

/** Values of an imported feature's fields, their names matched without regard to case. */
final class FieldValues {
  private FieldValues() {}

  /** A field's value, its name matched without regard to case. */
  static Object get(Map<String, Object> a, String name) {
    Object v = a.get(name);
    if (v != null) {
      return v;
    }
    for (Map.Entry<String, Object> e : a.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The first non-blank text among the named fields (any case). */
  static String text(Map<String, Object> a, String... names) {
    for (String n : names) {
      Object v = get(a, n);
      if (v != null) {
        String s = v.toString().strip();
        if (!s.isEmpty()) {
          return s;
        }
      }
    }
    return null;
  }

  static <T> T number(Map<String, Object> a, Class<T> type, String... names) {
    for (String n : names) {
      Object v = get(a, n);
      Double d = null;
      if (v instanceof Number num) {
        d = num.doubleValue();
      } else if (v != null && !v.toString().isBlank()) {
        try {
          d = Double.parseDouble(v.toString().strip());
        } catch (NumberFormatException e) {
          d = null;
        }
      }
      if (d != null) {
        return type == Long.class ? type.cast(Math.round(d)) : type.cast(d);
      }
    }
    return null;
  }

  /** The first non-blank text under any of the field's names. */
  static String text(Map<String, Object> a, LayerField field) {
    return text(a, field.names().toArray(String[]::new));
  }

  /** The first number under any of the field's names. */
  static <T> T number(Map<String, Object> a, Class<T> type, LayerField field) {
    return number(a, type, field.names().toArray(String[]::new));
  }
}
