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
   * The share (0–1) of {@code area} in each district whose outline it meets, in the order of {@code
   * districts}; districts it does not meet are left out. Shares add up to less than 1 where the
   * area reaches beyond the districts given, and may add up to a little more where outlines of
   * different sources overlap.
   */
  static Map<String, Double> of(Geometry area, Map<String, Geometry> districts) {
    Map<String, Double> shares = new LinkedHashMap<>();
    if (area == null || area.isEmpty()) {
      return shares;
    }
    if (area.getDimension() == 0) {
      PreparedGeometry point = PreparedGeometryFactory.prepare(area);
      districts.forEach(
          (code, outline) -> {
            if (outline != null && point.within(outline)) {
              shares.put(code, 1.0);
            }
          });
      return shares;
    }
    double whole = EllipsoidalArea.squareMetres(area);
    if (whole <= 0) {
      return shares;
    }
    districts.forEach(
        (code, outline) -> {
          if (outline == null
              || !outline.getEnvelopeInternal().intersects(area.getEnvelopeInternal())) {
            return;
          }
          Geometry piece = OverlayNGRobust.overlay(area, outline, OverlayNG.INTERSECTION);
          double m2 = piece.isEmpty() ? 0 : EllipsoidalArea.squareMetres(piece);
          if (m2 > 0) {
            shares.put(code, m2 / whole);
          }
        });
    return shares;
  }
}
