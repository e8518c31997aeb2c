package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.GeoJson;

/**
 * Two plan versions compared zone by zone, matched by zone code: areas before and after, the land
 * added and removed (geometry and ellipsoidal area) and the parcels gained and lost (interior-point
 * rule, {@link ZoneMembership}). Spring-free and thread-safe.
 */
public final class PlanComparison {
  private PlanComparison() {}

  /**
   * @param before the zone in the earlier version, or null when it is new
   * @param after the zone in the later version, or null when it was dropped
   * @param added land in {@code after} but not in {@code before}, EPSG:4490 (empty when none)
   * @param removed land in {@code before} but not in {@code after}
   */
  public record ZoneChange(
      String code,
      ZoneShape before,
      ZoneShape after,
      Geometry added,
      Geometry removed,
      double addedM2,
      double removedM2,
      ZoneMembership.Changes parcels) {
    public double areaBeforeM2() {
      return before == null ? 0 : before.areaM2();
    }

    public double areaAfterM2() {
      return after == null ? 0 : after.areaM2();
    }

    public double deltaM2() {
      return areaAfterM2() - areaBeforeM2();
    }
  }

  /** Every zone code present in either version, in code order. */
  public static List<ZoneChange> compare(PlanGeometry from, PlanGeometry to, ParcelIndex parcels) {
    TreeSet<String> codes = new TreeSet<>();
    from.zones().forEach(z -> codes.add(z.code()));
    to.zones().forEach(z -> codes.add(z.code()));
    List<ZoneChange> out = new ArrayList<>();
    Geometry empty = Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon();
    for (String code : codes) {
      ZoneShape before = from.has(code) ? from.zone(code) : null;
      ZoneShape after = to.has(code) ? to.zone(code) : null;
      Geometry g0 = before == null ? empty : before.geometry();
      Geometry g1 = after == null ? empty : after.geometry();
      Geometry added = GeoJson.toMultiPolygon(RegionArea.difference(g1, g0));
      Geometry removed = GeoJson.toMultiPolygon(RegionArea.difference(g0, g1));
      org.locationtech.jts.geom.Envelope where =
          new org.locationtech.jts.geom.Envelope(added.getEnvelopeInternal());
      where.expandToInclude(removed.getEnvelopeInternal());
      out.add(
          new ZoneChange(
              code,
              before,
              after,
              added,
              removed,
              EllipsoidalArea.squareMetres(added),
              EllipsoidalArea.squareMetres(removed),
              ZoneMembership.changes(
                  parcels,
                  before == null ? null : before.geometry(),
                  after == null ? null : after.geometry(),
                  where)));
    }
    return out;
  }
}
