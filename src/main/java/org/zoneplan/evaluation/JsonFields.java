package org.zoneplan.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed fields from JSON objects, collecting one {@link InvalidInputException.Issue} each.
 */
final class JsonFields {
  static final int MAX_ISSUES = 100;
  private final List<InvalidInputException.Issue> issues = new ArrayList<>();

  void issue(String field, String message) {
    if (issues.size() < MAX_ISSUES) {
      issues.add(new InvalidInputException.Issue(field, message));
    }
  }

  boolean ok() {
    return issues.isEmpty();
  }

  void throwIfAny() {
    if (!issues.isEmpty()) {
      throw new InvalidInputException(issues);
    }
  }

  /** Reports every property not in {@code known} (a misspelt field must not pass unnoticed). */
  void onlyKnown(JsonNode object, String path, Set<String> known) {
    for (String name : object.propertyNames()) {
      if (!known.contains(name)) {
        issue(join(path, name), "unknown field; expected one of " + known);
      }
    }
  }

  boolean isObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      issue(path, "must be a JSON object");
      return false;
    }
    return true;
  }

  /** A string of at most {@code max} characters; null when absent and not required. */
  String text(JsonNode object, String path, String name, boolean required, int max) {
    JsonNode v = present(object, path, name, required);
    String field = join(path, name);
    if (v == null) {
      return null;
    }
    if (!v.isString()) {
      issue(field, "must be a string");
      return null;
    }
    String s = v.asString().strip();
    if (required && s.isEmpty()) {
      issue(field, "must not be empty");
      return null;
    }
    if (s.length() > max) {
      issue(field, "is longer than " + max + " characters");
      return null;
    }
    return s;
  }

  /** A finite number; null when absent and not required. */
  Double number(JsonNode object, String path, String name, boolean required) {
    JsonNode v = present(object, path, name, required);
    String field = join(path, name);
    if (v == null) {
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      issue(field, "must be a finite number");
      return null;
    }
    return v.doubleValue();
  }

  /** A whole number in [min, max]; null when absent and not required. */
  Integer integer(JsonNode object, String path, String name, boolean required, int min, int max) {
    JsonNode v = present(object, path, name, required);
    String field = join(path, name);
    if (v == null) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      issue(field, "must be a whole number");
      return null;
    }
    int i = v.intValue();
    if (i < min || i > max) {
      issue(field, "must be between " + min + " and " + max + ", was " + i);
      return null;
    }
    return i;
  }

  Boolean bool(JsonNode object, String path, String name) {
    JsonNode v = object.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      issue(join(path, name), "must be true or false");
      return null;
    }
    return v.booleanValue();
  }

  /** An enum constant by name; null when absent and not required. */
  <E extends Enum<E>> E constant(
      JsonNode object, String path, String name, Class<E> type, boolean required) {
    String s = text(object, path, name, required, 64);
    if (s == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    issue(join(path, name), "unknown value " + s + "; expected one of " + names);
    return null;
  }

  /** An array of at most {@code max} elements; null (reported) when not an array. */
  JsonNode array(JsonNode object, String path, String name, boolean required, int max) {
    JsonNode v = present(object, path, name, required);
    String field = join(path, name);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      issue(field, "must be an array");
      return null;
    }
    if (v.size() > max) {
      issue(field, "has more than " + max + " elements");
      return null;
    }
    return v;
  }

  /** The field's value; null when absent or JSON null (reported when {@code required}). */
  private JsonNode present(JsonNode object, String path, String name, boolean required) {
    JsonNode v = object.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        issue(join(path, name), "is required");
      }
      return null;
    }
    return v;
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
