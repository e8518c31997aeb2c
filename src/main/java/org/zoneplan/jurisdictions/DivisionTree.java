package org.zoneplan.jurisdictions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.zoneplan.divisions.Division;

/**
 * A snapshot of the division table as a tree (by {@code parent_code}), with prepared outlines.
 * Spring-free and immutable: rebuilt when divisions change. A zone or parcel lies in the most
 * detailed division whose outline contains an interior point of it (the same rule as the export's
 * XZQDM), and therefore in every division above that one.
 */
final class DivisionTree {
  private final Map<String, Division> byCode = new LinkedHashMap<>();
  private final Map<String, List<String>> children = new LinkedHashMap<>();
  private final Map<String, PreparedGeometry> outlines = new LinkedHashMap<>();

  /** Divisions with an outline, the most detailed (deepest in the tree) first. */
  private final List<String> detailedFirst = new ArrayList<>();

  DivisionTree(List<Division> divisions) {
    for (Division d : divisions) {
      byCode.put(d.code(), d);
    }
    for (Division d : divisions) {
      if (d.parentCode() != null && byCode.containsKey(d.parentCode())) {
        children.computeIfAbsent(d.parentCode(), k -> new ArrayList<>()).add(d.code());
      }
      if (d.geometry() != null && !d.geometry().isEmpty()) {
        outlines.put(d.code(), PreparedGeometryFactory.prepare(d.geometry()));
        detailedFirst.add(d.code());
      }
    }
    // deepest in the tree first (a city and its districts have codes of the same length)
    detailedFirst.sort(
        Comparator.comparingInt((String c) -> -ancestry(c).size()).thenComparing(c -> c));
  }

  Division division(String code) {
    return byCode.get(code);
  }

  boolean contains(String code) {
    return byCode.containsKey(code);
  }

  /** Divisions without a parent in the store (a city, or a county whose city is not held). */
  List<Division> roots() {
    return byCode.values().stream()
        .filter(d -> d.parentCode() == null || !byCode.containsKey(d.parentCode()))
        .toList();
  }

  List<Division> children(String code) {
    return children.getOrDefault(code, List.of()).stream().map(byCode::get).toList();
  }

  /** The division and every division under it. */
  Set<String> subtree(String code) {
    Set<String> out = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(code));
    while (!todo.isEmpty()) {
      String c = todo.remove(todo.size() - 1);
      if (out.add(c)) {
        todo.addAll(children.getOrDefault(c, List.of()));
      }
    }
    return out;
  }

  /** The division and every division above it, nearest first. */
  List<String> ancestry(String code) {
    List<String> out = new ArrayList<>();
    String c = code;
    while (c != null && byCode.containsKey(c) && !out.contains(c)) {
      out.add(c);
      c = byCode.get(c).parentCode();
    }
    return out;
  }

  /**
   * The most detailed division whose outline contains an interior point of the geometry, or null.
   */
  String locate(Geometry geometry) {
    if (geometry == null || geometry.isEmpty()) {
      return null;
    }
    Point inside = geometry.getInteriorPoint();
    for (String code : detailedFirst) {
      if (outlines.get(code).contains(inside)) {
        return code;
      }
    }
    return null;
  }
}
