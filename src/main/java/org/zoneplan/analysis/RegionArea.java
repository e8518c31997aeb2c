package org.zoneplan.analysis;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.zoneplan.geo.EllipsoidalArea;

/**
 * The ellipsoidal area of the part of a small polygon (a parcel) inside a {@link Region} (a zone,
 * the union of zones, a division). A polygon wholly inside counts its known area, one wholly
 * outside zero; only a polygon crossing the region's boundary is intersected (JTS OverlayNG) and
 * the pieces measured with GeographicLib, as PostGIS's {@code ST_Area(ST_Intersection(…)
 * ::geography)} would. Thread-safe.
 */
public final class RegionArea {
  private RegionArea() {}

  /**
   * @param piece polygonal, EPSG:4490
   * @param pieceAreaM2 the ellipsoidal area of {@code piece}
   * @param region the region
   * @return the area of {@code piece ∩ region}, m²
   */
  public static double within(Geometry piece, double pieceAreaM2, Region region) {
    if (pieceAreaM2 <= 0) {
      return 0;
    }
    int quick = region.quick(piece.getEnvelopeInternal());
    if (quick == RegionGrid.INSIDE) {
      return pieceAreaM2;
    }
    if (quick == RegionGrid.OUTSIDE) {
      return 0;
    }
    if (region.covers(piece)) {
      return pieceAreaM2;
    }
    if (!region.intersects(piece)) {
      return 0;
    }
    return EllipsoidalArea.squareMetres(intersection(piece, region.geometry()));
  }

  /** The intersection of two polygonal geometries (OverlayNG with snapping fallbacks). */
  public static Geometry intersection(Geometry a, Geometry b) {
    return OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
  }

  public static Geometry difference(Geometry a, Geometry b) {
    return OverlayNGRobust.overlay(a, b, OverlayNG.DIFFERENCE);
  }

  public static Geometry union(Geometry a, Geometry b) {
    return OverlayNGRobust.overlay(a, b, OverlayNG.UNION);
  }

  public static Geometry symDifference(Geometry a, Geometry b) {
    return OverlayNGRobust.overlay(a, b, OverlayNG.SYMDIFFERENCE);
  }
}
