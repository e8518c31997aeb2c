package org.zoneplan.parks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.zoneplan.geo.EllipsoidalArea;

/**
 * Attribution by territory (属地): the share of an area lying in each district, as ellipsoidal areas
 * on the CGCS2000 ellipsoid (GeographicLib), {@code area(area ∩ district) / area(area)} — what
 * PostGIS computes as {@code ST_Area(ST_Intersection(a, d)::geography) / ST_Area(a::geography)}.
 * Points lie wholly in the district that contains them. No Spring; thread-safe.
 */
final class TerritorialShares {
  private TerritorialShares() {}

  /**
   * District outlines prepared once ({@link PreparedGeometry}: indexed point-in-area and segment
   * index, built lazily on first use) for the attribution of many areas against the same outlines,
   * in the order given; null outlines are left out.
   */
  static final class Districts {
    private final Map<String, Geometry> outlines = new LinkedHashMap<>();
    private final Map<String, PreparedGeometry> prepared = new LinkedHashMap<>();

    private Districts(Map<String, Geometry> districts) {
      districts.forEach(
          (code, outline) -> {
            if (outline != null) {
              outlines.put(code, outline);
              prepared.put(code, PreparedGeometryFactory.prepare(outline));
            }
          });
    }
  }

  /** The outlines prepared for {@link #of(Geometry, Districts)}. */
  static Districts prepare(Map<String, Geometry> districts) {
    return new Districts(districts);
  }

  /**
   * The share (0–1) of {@code area} in each district whose outline it meets, in the order of {@code
   * districts}; districts it does not meet are left out. Shares add up to less than 1 where the
   * area reaches beyond the districts given, and may add up to a little more where outlines of
   * different sources overlap.
   */
  static Map<String, Double> of(Geometry area, Map<String, Geometry> districts) {
    return of(area, prepare(districts));
  }

  /** {@link #of(Geometry, Map)} against outlines prepared once. */
  static Map<String, Double> of(Geometry area, Districts districts) {
    Map<String, Double> shares = new LinkedHashMap<>();
    if (area == null || area.isEmpty()) {
      return shares;
    }
    if (area.getDimension() == 0) {
      // point within outline = outline contains point (interior only, as within); the prepared
      // outline answers it from its point-in-area index instead of a full relate.
      districts.prepared.forEach(
          (code, outline) -> {
            if (outline.contains(area)) {
              shares.put(code, 1.0);
            }
          });
      return shares;
    }
    double whole = EllipsoidalArea.squareMetres(area);
    if (whole <= 0) {
      return shares;
    }
    districts.outlines.forEach(
        (code, outline) -> {
          if (!outline.getEnvelopeInternal().intersects(area.getEnvelopeInternal())) {
            return;
          }
          PreparedGeometry prepared = districts.prepared.get(code);
          double m2;
          if (prepared.covers(area)) {
            // The intersection is the (valid, stored) area itself: no overlay needed.
            m2 = whole;
          } else if (!prepared.intersects(area)) {
            return;
          } else {
            Geometry piece = OverlayNGRobust.overlay(area, outline, OverlayNG.INTERSECTION);
            m2 = piece.isEmpty() ? 0 : EllipsoidalArea.squareMetres(piece);
          }
          if (m2 > 0) {
            shares.put(code, m2 / whole);
          }
        });
    return shares;
  }
}
