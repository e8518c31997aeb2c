package org.zoneplan.analysis;

import org.locationtech.jts.geom.Geometry;
import org.zoneplan.geo.GaussKruger;

/**
 * A 3-degree Gauss-Krüger plane (false easting 500000, see {@link GaussKruger}) both ways, for
 * tolerances in metres: narrow overlaps and gaps are found in the plane, their areas measured back
 * on the ellipsoid. Not thread-safe (proj4j transforms keep state): one per computation.
 */
final class GkPlane {
  private final GaussKruger zone;
  private final GaussKruger.Transform forward;
  private final GaussKruger.Transform inverse;

  GkPlane(GaussKruger zone) {
    this.zone = zone;
    this.forward = zone.toPlane(false);
    this.inverse = zone.fromPlane(false);
  }

  /** The plane of the zone nearest to the centre of the geometry's envelope. */
  static GkPlane forGeometry(Geometry geographic) {
    return new GkPlane(GaussKruger.forGeometry(geographic));
  }

  GaussKruger zone() {
    return zone;
  }

  /** A copy in the plane, metres (x = easting). */
  Geometry toPlane(Geometry geographic) {
    return forward.apply(geographic);
  }

  /** A copy back in EPSG:4490 (x = longitude). */
  Geometry toGeographic(Geometry planar) {
    return inverse.apply(planar);
  }
}
