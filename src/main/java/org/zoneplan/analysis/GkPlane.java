package org.zoneplan.analysis;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GaussKruger;

/**
 * A 3-degree Gauss-Krüger plane (false easting 500000, see {@link GaussKruger}) both ways, for
 * tolerances in metres: narrow overlaps and gaps are found in the plane, their areas measured back
 * on the ellipsoid. Not thread-safe (proj4j transforms keep state): one per computation.
 */
final class GkPlane {
  private static final CRSFactory CRS_FACTORY = new CRSFactory();
  private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

  /** Parsed CRS definitions by EPSG code (parsing reads proj4j's EPSG table: slow). */
  private static final java.util.Map<Integer, CoordinateReferenceSystem> CRS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final GaussKruger zone;
  private final CoordinateTransform forward;
  private final CoordinateTransform inverse;

  GkPlane(GaussKruger zone) {
    this.zone = zone;
    CoordinateReferenceSystem geographic = crs(Cgcs2000.SRID);
    CoordinateReferenceSystem plane = crs(zone.epsg());
    forward = TRANSFORMS.createTransform(geographic, plane);
    inverse = TRANSFORMS.createTransform(plane, geographic);
  }

  private static CoordinateReferenceSystem crs(int epsg) {
    return CRS.computeIfAbsent(
        epsg,
        code -> {
          synchronized (CRS_FACTORY) {
            return CRS_FACTORY.createFromName("EPSG:" + code);
          }
        });
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
    Geometry g = geographic.copy();
    g.apply(new Transform(forward));
    g.setSRID(zone.epsg());
    return g;
  }

  /** A copy back in EPSG:4490 (x = longitude). */
  Geometry toGeographic(Geometry planar) {
    Geometry g = planar.copy();
    g.apply(new Transform(inverse));
    g.setSRID(Cgcs2000.SRID);
    return g;
  }

  private static final class Transform implements CoordinateSequenceFilter {
    private final CoordinateTransform transform;
    private final ProjCoordinate source = new ProjCoordinate();
    private final ProjCoordinate target = new ProjCoordinate();

    Transform(CoordinateTransform transform) {
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

    @Override
    public boolean isDone() {
      return false;
    }

    @Override
    public boolean isGeometryChanged() {
      return true;
    }
  }
}
