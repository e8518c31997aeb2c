package org.zoneplan.analysis;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.geo.EllipsoidalArea;

/**
 * Parcels clipped to a division (the jurisdiction), each computed once on first use: a parcel
 * wholly inside is itself with its stored area, one crossing the division's boundary is the
 * intersection with its ellipsoidal area, one outside is absent. Without a division every parcel is
 * itself. Thread-safe: concurrent first uses may compute the same piece twice, harmlessly.
 */
final class ClippedParcels {
  /** A parcel's part inside the division. */
  record Piece(Geometry geometry, double areaM2) {}

  private static final Piece OUTSIDE = new Piece(null, 0);

  /** Divisions are large and their outlines detailed: a finer raster than for zones. */
  static final int DIVISION_RESOLUTION = 512;

  private final ParcelIndex parcels;
  private final Region division;
  private final AtomicReferenceArray<Piece> pieces;

  /**
   * @param division the division, or null for no clipping
   */
  ClippedParcels(ParcelIndex parcels, Geometry division) {
    this.parcels = parcels;
    this.division = division == null ? null : Region.of(division, DIVISION_RESOLUTION);
    this.pieces = new AtomicReferenceArray<>(parcels.size());
  }

  ParcelIndex parcels() {
    return parcels;
  }

  /** The division, or null for none. */
  Region division() {
    return division;
  }

  /** The bounding box of the division, or null for none. */
  org.locationtech.jts.geom.Envelope extent() {
    return division == null ? null : division.envelope();
  }

  /** Parcel {@code i} inside the division, or null when it lies outside. */
  Piece piece(int i) {
    Piece piece = pieces.get(i);
    if (piece == null) {
      piece = clip(i);
      pieces.set(i, piece);
    }
    return piece == OUTSIDE ? null : piece;
  }

  private Piece clip(int i) {
    Geometry g = parcels.geometry(i);
    double area = parcels.areaM2(i);
    if (division == null) {
      return new Piece(g, area);
    }
    int quick = division.quick(g.getEnvelopeInternal());
    if (quick == RegionGrid.INSIDE) {
      return new Piece(g, area);
    }
    if (quick == RegionGrid.OUTSIDE) {
      return OUTSIDE;
    }
    if (division.covers(g)) {
      return new Piece(g, area);
    }
    if (!division.intersects(g)) {
      return OUTSIDE;
    }
    Geometry inside = RegionArea.intersection(g, division.geometry());
    double insideArea = EllipsoidalArea.squareMetres(inside);
    return insideArea > 0 ? new Piece(inside, insideArea) : OUTSIDE;
  }

  /** Area of parcel {@code i}'s part inside both the division and the region, m². */
  double within(int i, Region region) {
    Piece piece = piece(i);
    return piece == null ? 0 : RegionArea.within(piece.geometry(), piece.areaM2(), region);
  }
}
