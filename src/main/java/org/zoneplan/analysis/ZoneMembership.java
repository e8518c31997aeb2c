package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;

/**
 * Which zone a parcel belongs to, for figures that cannot be split by area (an enterprise's tax, a
 * parcel gained or lost): <b>a parcel belongs to a zone when its interior point lies in the
 * zone</b> (boundary included). The interior point ({@link ParcelIndex#interiorPoint}) is JTS's
 * {@code InteriorPointArea}: always inside the parcel, even a concave one, and stable as long as
 * the parcel is. A parcel crossing a zone boundary thus belongs to the zone on the side of its
 * interior point, and to a zone and all its ancestors at once. Area figures (concentration,
 * attribution) do not use this rule: they split parcels exactly.
 *
 * <p>Immutable and thread-safe.
 */
public final class ZoneMembership {
  private final Map<String, int[]> members;
  private final Map<Integer, List<String>> zonesOf;

  private ZoneMembership(Map<String, int[]> members) {
    this.members = members;
    Map<Integer, List<String>> byParcel = new HashMap<>();
    members.forEach(
        (code, parcels) -> {
          for (int i : parcels) {
            byParcel.computeIfAbsent(i, k -> new ArrayList<>(2)).add(code);
          }
        });
    this.zonesOf = byParcel;
  }

  /** The members of every zone of the plan among the parcels that pass the filter. */
  public static ZoneMembership of(PlanGeometry plan, ParcelIndex parcels, IntPredicate filter) {
    Map<String, int[]> members = new LinkedHashMap<>();
    for (ZoneShape zone : plan.zones()) {
      int[] candidates = parcels.candidates(zone.geometry().getEnvelopeInternal(), filter);
      members.put(
          zone.code(),
          ParcelIndex.range(candidates.length)
              .map(k -> candidates[k])
              .filter(i -> plan.covers(zone.code(), parcels.interiorPoint(i)))
              .toArray());
    }
    return new ZoneMembership(members);
  }

  /** Parcels (by index, ascending) that belong to the zone; empty for an unknown zone. */
  public int[] members(String code) {
    return members.getOrDefault(code, new int[0]);
  }

  /** The zones parcel {@code i} belongs to, in plan order; empty when it is in none. */
  public List<String> zonesOf(int i) {
    return zonesOf.getOrDefault(i, List.of());
  }

  /** Parcels that change zone when a zone's geometry changes from one geometry to another. */
  public record Changes(int[] gained, int[] lost) {}

  /**
   * Parcels whose interior point is in {@code after} but not {@code before} (gained), and the other
   * way round (lost), among those whose bounding box meets {@code where}.
   *
   * @param before the zone's geometry before, or null when it did not exist
   * @param after the zone's geometry after, or null when it no longer exists
   * @param where where to look: the changed region's envelope (null: both geometries' envelope)
   */
  public static Changes changes(
      ParcelIndex parcels, Geometry before, Geometry after, Envelope where) {
    IndexedPointInAreaLocator in = before == null ? null : new IndexedPointInAreaLocator(before);
    IndexedPointInAreaLocator out = after == null ? null : new IndexedPointInAreaLocator(after);
    Envelope extent = where;
    if (extent == null) {
      extent = new Envelope();
      if (before != null) {
        extent.expandToInclude(before.getEnvelopeInternal());
      }
      if (after != null) {
        extent.expandToInclude(after.getEnvelopeInternal());
      }
    }
    int[] candidates = parcels.candidates(extent, null);
    byte[] state = new byte[candidates.length];
    ParcelIndex.range(candidates.length)
        .forEach(
            k -> {
              Coordinate c = parcels.interiorPoint(candidates[k]);
              boolean wasIn = in != null && in.locate(c) != Location.EXTERIOR;
              boolean isIn = out != null && out.locate(c) != Location.EXTERIOR;
              state[k] = (byte) (isIn == wasIn ? 0 : isIn ? 1 : 2);
            });
    IntStream.Builder gained = IntStream.builder();
    IntStream.Builder lost = IntStream.builder();
    for (int k = 0; k < candidates.length; k++) {
      if (state[k] == 1) {
        gained.add(candidates[k]);
      } else if (state[k] == 2) {
        lost.add(candidates[k]);
      }
    }
    return new Changes(gained.build().toArray(), lost.build().toArray());
  }
}
