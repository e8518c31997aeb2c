package org.zoneplan.exports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.zoneplan.divisions.Division;

/**
 * Finds the administrative division (行政区) a feature lies in, for the survey schema's XZQDM and
 * XZQMC: the most detailed division with an outline that contains an interior point of the feature.
 * Thread-safe once built.
 */
final class DivisionLocator {
  private record Entry(Division division, PreparedGeometry outline) {}

  private final List<Entry> entries = new ArrayList<>();

  DivisionLocator(List<Division> divisions) {
    divisions.stream()
        .filter(d -> d.geometry() != null)
        // towns (9-digit codes) before counties: the most detailed first
        .sorted(Comparator.comparingInt((Division d) -> -d.code().length()))
        .forEach(d -> entries.add(new Entry(d, PreparedGeometryFactory.prepare(d.geometry()))));
  }

  /** The division containing the feature, or null. */
  Division locate(Geometry geometry) {
    if (geometry == null || geometry.isEmpty() || entries.isEmpty()) {
      return null;
    }
    Point inside = geometry.getInteriorPoint();
    for (Entry e : entries) {
      if (e.outline().contains(inside)) {
        return e.division();
      }
    }
    return null;
  }
}
