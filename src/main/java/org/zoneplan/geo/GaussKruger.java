package org.zoneplan.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The CGCS2000 3-degree Gauss-Krüger zones (高斯-克吕格 3度带).
 *
 * <p>Zone {@code n} (25…45) has central meridian {@code 3n}°E. EPSG:4513–4533 carry the zone number
 * in the false easting (8-digit eastings, {@code n·10⁶ + 500000}); EPSG:4534–4554 are the same
 * meridians with false easting 500000. Codes are derived from the central meridian and false
 * easting here and cross-checked against proj4j's EPSG table in tests, because public code tables
 * contain off-by-one mistakes.
 *
 * @param zone the zone number, 25…45
 */
public record GaussKruger(int zone) {
  public static final int FIRST_ZONE = 25;
  public static final int LAST_ZONE = 45;

  private static final CRSFactory CRS_FACTORY = new CRSFactory();
  private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
  private static final CoordinateReferenceSystem GEOGRAPHIC =
      CRS_FACTORY.createFromName("EPSG:" + Cgcs2000.SRID);

  /**
   * proj4j parses its EPSG table on every {@code createFromName} (milliseconds each): the zones'
   * CRS objects are made once. They are not modified after creation, so sharing them is safe;
   * transforms are made per call because they are not thread-safe.
   */
  private static final java.util.concurrent.ConcurrentMap<Integer, CoordinateReferenceSystem>
      PLANES = new java.util.concurrent.ConcurrentHashMap<>();

  public GaussKruger {
    if (zone < FIRST_ZONE || zone > LAST_ZONE) {
      throw new IllegalArgumentException(
          "3-degree Gauss-Krüger zone must be " + FIRST_ZONE + "…" + LAST_ZONE + ", was " + zone);
    }
  }

  /** The zone whose central meridian is nearest to the longitude (degrees east). */
  public static GaussKruger forLongitude(double longitude) {
    int zone = (int) Math.floor((longitude + 1.5) / 3.0);
    return new GaussKruger(Math.max(FIRST_ZONE, Math.min(LAST_ZONE, zone)));
  }

  /** The zone for a geometry in EPSG:4490, picked from the centre of its envelope. */
  public static GaussKruger forGeometry(Geometry geographic) {
    Envelope envelope = geographic.getEnvelopeInternal();
    return forLongitude((envelope.getMinX() + envelope.getMaxX()) / 2);
  }

  /** The zone for an EPSG code of either series (4513–4554). */
  public static GaussKruger forEpsg(int epsg) {
    if (epsg >= 4513 && epsg <= 4533) {
      return new GaussKruger(epsg - 4513 + FIRST_ZONE);
    }
    if (epsg >= 4534 && epsg <= 4554) {
      return new GaussKruger(epsg - 4534 + FIRST_ZONE);
    }
    throw new IllegalArgumentException("EPSG:" + epsg + " is not a CGCS2000 3-degree GK zone");
  }

  public int centralMeridian() {
    return 3 * zone;
  }

  /** EPSG code of this zone with false easting 500000 (no zone number), 4534–4554. */
  public int epsg() {
    return 4534 + zone - FIRST_ZONE;
  }

  /** EPSG code of this zone with the zone number in the false easting, 4513–4533. */
  public int epsgWithZonePrefix() {
    return 4513 + zone - FIRST_ZONE;
  }

  /** Whether an EPSG code is one of the CGCS2000 3-degree zones, either series (4513–4554). */
  public static boolean isGaussKrugerEpsg(int epsg) {
    return epsg >= 4513 && epsg <= 4554;
  }

  /**
   * Projects a copy of a geometry from EPSG:4490 (x = longitude) to this zone's plane (x = easting,
   * y = northing, metres, false easting 500000). The copy has SRID {@link #epsg()}.
   */
  public Geometry project(Geometry geographic) {
    return toPlane(false).apply(geographic);
  }

  /**
   * A reusable projection from EPSG:4490 to this zone's plane, with the zone number in the false
   * easting ({@link #epsgWithZonePrefix()}) or without ({@link #epsg()}). Cheap: the CRS objects
   * are shared; the transform itself is per instance.
   */
  public Transform toPlane(boolean zonePrefix) {
    int code = zonePrefix ? epsgWithZonePrefix() : epsg();
    return new Transform(TRANSFORMS.createTransform(GEOGRAPHIC, plane(code)), code);
  }

  /** The inverse of {@link #toPlane(boolean)}: from this zone's plane to EPSG:4490. */
  public Transform fromPlane(boolean zonePrefix) {
    int code = zonePrefix ? epsgWithZonePrefix() : epsg();
    return new Transform(TRANSFORMS.createTransform(plane(code), GEOGRAPHIC), Cgcs2000.SRID);
  }

  /**
   * Transforms copies of geometries between EPSG:4490 and a zone's plane. Not thread-safe (proj4j
   * transforms keep state): one per thread.
   */
  public static final class Transform {
    private final TransformFilter filter;
    private final int targetSrid;

    private Transform(CoordinateTransform transform, int targetSrid) {
      this.filter = new TransformFilter(transform);
      this.targetSrid = targetSrid;
    }

    /** A transformed copy, with the target SRID; the argument is not changed. */
    public Geometry apply(Geometry geometry) {
      Geometry copy = geometry.copy();
      copy.apply(filter);
      copy.setSRID(targetSrid);
      return copy;
    }
  }

  /** A projected CRS of the GK series by EPSG code, made once and shared. */
  static CoordinateReferenceSystem plane(int code) {
    // Parsing is serialised: proj4j's CRSFactory is not documented as thread-safe.
    return PLANES.computeIfAbsent(
        code,
        c -> {
          synchronized (CRS_FACTORY) {
            return CRS_FACTORY.createFromName("EPSG:" + c);
          }
        });
  }

  /** Planar area in this zone's plane, m² (differs from the ellipsoidal area by a few ppm). */
  public double planarArea(Geometry geographic) {
    return project(geographic).getArea();
  }

  /** Not thread-safe: one per projection. */
  private static final class TransformFilter extends EveryCoordinate {
    private final CoordinateTransform transform;
    private final ProjCoordinate source = new ProjCoordinate();
    private final ProjCoordinate target = new ProjCoordinate();

    TransformFilter(CoordinateTransform transform) {
      this.transform = transform;
    }

    @Override
    public void filter(CoordinateSequence sequence, int i) {
      Coordinate c = sequence.getCoordinate(i);
      source.x = c.x;
      source.y = c.y;
      transform.transform(source, target);
      sequence.setOrdinate(i, CoordinateSequence.X, target.x);
      sequence.setOrdinate(i, CoordinateSequence.Y, target.y);
    }
  }
}
