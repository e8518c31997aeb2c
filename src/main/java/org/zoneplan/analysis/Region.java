package org.zoneplan.analysis;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A polygonal region (a zone, a union of zones, a division) prepared for many small tests: a raster
 * ({@link RegionGrid}) answers most of them from the bounding box alone, JTS's prepared geometry
 * and indexed point locator the rest. Immutable and thread-safe.
 */
public final class Region {
  /** Cells along the longer side of the region's envelope. */
  static final int RESOLUTION = 256;

  private final Geometry geometry;
  private final Envelope envelope;
  private final PreparedGeometry prepared;
  private final IndexedPointInAreaLocator locator;
  private final RegionGrid grid;

  private Region(Geometry geometry, int resolution) {
    this.geometry = geometry;
    this.envelope = geometry.getEnvelopeInternal();
    this.prepared = PreparedGeometryFactory.prepare(geometry);
    this.locator = new IndexedPointInAreaLocator(geometry);
    this.grid = geometry.isEmpty() ? null : new RegionGrid(geometry, resolution);
  }

  /** A region of polygonal geometry in EPSG:4490. */
  public static Region of(Geometry polygonal) {
    return new Region(polygonal, RESOLUTION);
  }

  static Region of(Geometry polygonal, int resolution) {
    return new Region(polygonal, resolution);
  }

  public Geometry geometry() {
    return geometry;
  }

  public Envelope envelope() {
    return envelope;
  }

  public boolean isEmpty() {
    return grid == null;
  }

  /** Whether the region covers the polygon (boundary included). */
  public boolean covers(Geometry polygon) {
    int quick = quick(polygon.getEnvelopeInternal());
    return quick == RegionGrid.UNKNOWN ? prepared.covers(polygon) : quick == RegionGrid.INSIDE;
  }

  /** Whether the region and the polygon meet. */
  public boolean intersects(Geometry polygon) {
    int quick = quick(polygon.getEnvelopeInternal());
    return quick == RegionGrid.UNKNOWN ? prepared.intersects(polygon) : quick == RegionGrid.INSIDE;
  }

  /**
   * {@link RegionGrid#INSIDE} when the region surely covers the box, {@link RegionGrid#OUTSIDE}
   * when the box surely meets no interior of the region, else {@link RegionGrid#UNKNOWN}.
   */
  int quick(Envelope box) {
    if (grid == null || !envelope.intersects(box)) {
      return RegionGrid.OUTSIDE;
    }
    return grid.classify(box);
  }

  /** Whether the point lies in the region, its boundary included. */
  public boolean coversPoint(Coordinate point) {
    if (grid == null || !envelope.intersects(point)) {
      return false;
    }
    int quick = grid.classify(point);
    if (quick != RegionGrid.UNKNOWN) {
      return quick == RegionGrid.INSIDE;
    }
    return locator.locate(point) != Location.EXTERIOR;
  }
}
