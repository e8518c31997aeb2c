package org.zoneplan.analysis;

import org.locationtech.jts.geom.Geometry;

/**
 * A problem between two zones of a plan version, found by {@link OverlapFinder}.
 *
 * @param kind what is wrong
 * @param zoneA the first zone (for {@link Kind#OUTSIDE_PARENT}: the child)
 * @param zoneB the second zone (for {@link Kind#OUTSIDE_PARENT}: the parent)
 * @param geometry where: the overlap, the part of the child outside its parent, the gap; EPSG:4490
 * @param areaM2 ellipsoidal area of {@code geometry}
 * @param narrow whether the geometry is everywhere narrower than the tolerance (always for slivers
 *     and gaps): a digitising error rather than a planning decision, as a rule
 */
public record SpatialProblem(
    Kind kind, String zoneA, String zoneB, Geometry geometry, double areaM2, boolean narrow) {
  public enum Kind {
    /** Two zones that must not overlap do. */
    OVERLAP,
    /** Two zones that must not overlap do, along a strip narrower than the tolerance. */
    SLIVER,
    /** A child zone reaches outside its parent. */
    OUTSIDE_PARENT,
    /** Two neighbouring zones (siblings) leave a strip between them narrower than the tolerance. */
    GAP
  }
}
