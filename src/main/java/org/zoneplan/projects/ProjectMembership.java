package org.zoneplan.projects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.zoneplan.divisions.Division;
import org.zoneplan.zones.Zone;

/**
 * Which zones of one plan version, and which divisions, a project belongs to. Spring-free; an
 * instance is built for one plan's zones and the divisions, and then is thread-safe (prepared
 * geometries are only read).
 *
 * <p>Zones: a project whose zone field names a zone of this plan belongs to that zone ({@link
 * Via#FIELD}); otherwise (no zone field, or one of another plan version) to every zone whose
 * geometry covers its {@link Project#anchor() anchor} ({@link Via#LOCATION}); either way also to
 * the zone's ancestors, so a zone's figures include those of its parts. Divisions: every division
 * with an outline covering the anchor (a county and its town, where both have one).
 */
final class ProjectMembership {
  /** How a project came to belong to its zones. */
  enum Via {
    FIELD,
    LOCATION,
    NONE
  }

  record ZoneMembership(List<String> codes, Via via) {}

  private final String planId;
  private final Map<String, Zone> zones = new HashMap<>();
  private final List<Zone> ordered;
  private final Map<String, PreparedGeometry> zoneShapes = new HashMap<>();
  private final List<Division> divisions;
  private final Map<String, PreparedGeometry> divisionShapes = new HashMap<>();

  ProjectMembership(String planId, List<Zone> planZones, List<Division> allDivisions) {
    this.planId = planId;
    this.ordered = planZones;
    planZones.forEach(
        z -> {
          zones.put(z.code(), z);
          zoneShapes.put(z.code(), PreparedGeometryFactory.prepare(z.geometry()));
        });
    this.divisions = allDivisions.stream().filter(d -> d.geometry() != null).toList();
    divisions.forEach(
        d -> divisionShapes.put(d.code(), PreparedGeometryFactory.prepare(d.geometry())));
  }

  ZoneMembership zonesOf(Project p) {
    Set<String> codes = new LinkedHashSet<>();
    Via via;
    if (p.zoneCode() != null && planId != null && planId.equals(p.planId())) {
      via = Via.FIELD;
      if (zones.containsKey(p.zoneCode())) {
        withAncestors(p.zoneCode(), codes);
      }
    } else if (p.anchor() != null) {
      Point anchor = p.anchor();
      for (Zone z : ordered) {
        if (zoneShapes.get(z.code()).covers(anchor)) {
          withAncestors(z.code(), codes);
        }
      }
      via = codes.isEmpty() ? Via.NONE : Via.LOCATION;
    } else {
      via = Via.NONE;
    }
    return new ZoneMembership(new ArrayList<>(codes), via);
  }

  private void withAncestors(String code, Set<String> codes) {
    String c = code;
    // The zone service refuses parent cycles; the bound only guards against a damaged store.
    for (int depth = 0; c != null && zones.containsKey(c) && depth < 100; depth++) {
      if (!codes.add(c)) {
        break;
      }
      c = zones.get(c).parentCode();
    }
  }

  List<String> divisionsOf(Project p) {
    Point anchor = p.anchor();
    if (anchor == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Division d : divisions) {
      if (divisionShapes.get(d.code()).covers(anchor)) {
        out.add(d.code());
      }
    }
    return out;
  }

  Zone zone(String code) {
    return zones.get(code);
  }

  List<Zone> zones() {
    return ordered;
  }

  List<Division> divisions() {
    return divisions;
  }
}
