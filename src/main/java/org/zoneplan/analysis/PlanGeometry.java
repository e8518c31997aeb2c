package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.system.Deadline;

/**
 * The zones of one plan version prepared for analysis: each zone's prepared polygon and point
 * locator, the hierarchy, and the union of all zones (land covered by several zones counts once).
 * Unions of "all zones but one", needed by what-if, are computed on first use and kept.
 *
 * <p>Which zones must not overlap: any two zones of the plan version unless one is an ancestor of
 * the other. That covers siblings of any kind (the zone and the sub-areas under the platform, the
 * core area and the expansion blocks under the zone) and parts of different branches (a core area
 * and a sub-area). A child may lie inside its parent, and must: see {@link OverlapFinder}.
 *
 * <p>Immutable apart from its memo of unions; thread-safe.
 */
public final class PlanGeometry {
  private final List<ZoneShape> zones;
  private final Map<String, ZoneShape> byCode = new LinkedHashMap<>();
  private final Map<String, Region> regions = new LinkedHashMap<>();
  private final Map<String, List<String>> children = new LinkedHashMap<>();
  private final Region union;
  private final Map<String, Region> othersUnion = new ConcurrentHashMap<>();

  private PlanGeometry(List<ZoneShape> zones) {
    this.zones = List.copyOf(zones);
    for (ZoneShape z : this.zones) {
      Deadline.check();
      if (byCode.put(z.code(), z) != null) {
        throw new IllegalArgumentException("zone code " + z.code() + " appears twice");
      }
      regions.put(z.code(), Region.of(z.geometry()));
    }
    for (ZoneShape z : this.zones) {
      if (z.parentCode() != null && byCode.containsKey(z.parentCode())) {
        children.computeIfAbsent(z.parentCode(), k -> new ArrayList<>()).add(z.code());
      }
    }
    union = Region.of(unionOf(this.zones.stream().map(ZoneShape::geometry).toList()));
  }

  public static PlanGeometry of(List<ZoneShape> zones) {
    return new PlanGeometry(zones);
  }

  /** Union of polygonal geometries with OverlayNG; an empty MultiPolygon for none. */
  public static Geometry unionOf(List<Geometry> geometries) {
    if (geometries.isEmpty()) {
      return Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon();
    }
    return OverlayNGRobust.union(geometries);
  }

  public List<ZoneShape> zones() {
    return zones;
  }

  public boolean has(String code) {
    return byCode.containsKey(code);
  }

  /**
   * @throws IllegalArgumentException for an unknown code
   */
  public ZoneShape zone(String code) {
    ZoneShape z = byCode.get(code);
    if (z == null) {
      throw new IllegalArgumentException("no zone " + code);
    }
    return z;
  }

  /** The zone's geometry prepared as a region. */
  public Region region(String code) {
    zone(code);
    return regions.get(code);
  }

  /** Whether the point lies in the zone (its boundary included). */
  public boolean covers(String code, Coordinate point) {
    return region(code).coversPoint(point);
  }

  /** Whether the point lies in any zone (boundaries included). */
  public boolean inAnyZone(Coordinate point) {
    return union.coversPoint(point);
  }

  /** The union of every zone's geometry, EPSG:4490. */
  public Geometry union() {
    return union.geometry();
  }

  public Region unionRegion() {
    return union;
  }

  /** The union of every zone but {@code code}; computed once per zone. */
  public Region othersUnion(String code) {
    zone(code);
    return othersUnion.computeIfAbsent(
        code,
        c ->
            Region.of(
                unionOf(
                    zones.stream()
                        .filter(z -> !z.code().equals(c))
                        .map(ZoneShape::geometry)
                        .toList())));
  }

  /** The parent zone, or null for a root (or a parent not in this plan). */
  public ZoneShape parent(String code) {
    String parent = zone(code).parentCode();
    return parent == null ? null : byCode.get(parent);
  }

  public List<String> children(String code) {
    return Collections.unmodifiableList(children.getOrDefault(code, List.of()));
  }

  /** The codes of the zone's ancestors, nearest first. */
  public List<String> ancestors(String code) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ZoneShape parent = parent(code);
    while (parent != null && seen.add(parent.code())) {
      out.add(parent.code());
      parent = parent(parent.code());
    }
    return out;
  }

  /** Whether two different zones share a parent (roots are siblings of each other). */
  public boolean siblings(String a, String b) {
    if (a.equals(b)) {
      return false;
    }
    ZoneShape pa = parent(a);
    ZoneShape pb = parent(b);
    return pa == null ? pb == null : pb != null && pa.code().equals(pb.code());
  }

  /** Whether two zones must not overlap: different zones, neither an ancestor of the other. */
  public boolean mustNotOverlap(String a, String b) {
    return !a.equals(b) && !ancestors(a).contains(b) && !ancestors(b).contains(a);
  }
}
