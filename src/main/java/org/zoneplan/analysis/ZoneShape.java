package org.zoneplan.analysis;

import org.locationtech.jts.geom.Geometry;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.zones.Zone;

/**
 * What the analysis needs of a zone: its code, its parent's code and its polygon.
 *
 * @param code unique within the plan version
 * @param parentCode the parent's code, or null for a root (e.g. the platform)
 * @param geometry polygonal, EPSG:4490, x = longitude, valid
 * @param areaM2 ellipsoidal area of {@code geometry}, m²
 */
public record ZoneShape(String code, String parentCode, Geometry geometry, double areaM2) {
  public ZoneShape {
    if (code == null || geometry == null) {
      throw new IllegalArgumentException("a zone needs a code and a geometry");
    }
  }

  /** A zone whose area is computed here. */
  public static ZoneShape of(String code, String parentCode, Geometry geometry) {
    return new ZoneShape(code, parentCode, geometry, EllipsoidalArea.squareMetres(geometry));
  }

  public static ZoneShape of(Zone zone) {
    return new ZoneShape(
        zone.code(), zone.parentCode(), zone.geometry(), zone.area().squareMetres());
  }

  /** The same zone with another geometry (area recomputed). */
  public ZoneShape withGeometry(Geometry newGeometry) {
    return of(code, parentCode, newGeometry);
  }
}
