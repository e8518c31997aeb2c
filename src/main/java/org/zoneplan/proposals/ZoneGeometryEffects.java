package org.zoneplan.proposals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.springframework.stereotype.Component;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The effect of a proposal from the zones alone: each changed zone's area before and after, and the
 * overlaps the new geometry would create with zones that are neither its ancestors nor its
 * descendants. An implementation marked {@code @Primary} (the analysis what-if) replaces it.
 */
@Component
class ZoneGeometryEffects implements ProposalEffects {
  private final ZoneService zones;

  ZoneGeometryEffects(ZoneService zones) {
    this.zones = zones;
  }

  @Override
  public JsonNode estimate(String planId, List<ProposedChange> changes) {
    List<Zone> current = zones.zones(planId);
    Map<String, Zone> byCode = new HashMap<>();
    current.forEach(z -> byCode.put(z.code(), z));
    ObjectNode effect = JsonNodeFactory.instance.objectNode();
    effect.put("planId", planId);
    ArrayNode items = effect.putArray("changes");
    double totalDelta = 0;
    for (ProposedChange c : changes) {
      ObjectNode item = items.addObject();
      item.put("code", c.code());
      item.put("operation", c.operation().name());
      Zone before = byCode.get(c.code());
      double beforeM2 = before == null ? 0 : before.area().squareMetres();
      double afterM2 = c.draft() == null ? 0 : AreaFigures.of(c.draft().geometry()).squareMetres();
      item.put("areaBeforeM2", beforeM2);
      item.put("areaAfterM2", afterM2);
      item.put("deltaM2", afterM2 - beforeM2);
      item.put("deltaKm2", (afterM2 - beforeM2) / 1e6);
      totalDelta += afterM2 - beforeM2;
      ArrayNode overlaps = item.putArray("overlapsCreated");
      if (c.draft() == null) {
        continue;
      }
      Set<String> related = related(c.code(), c.draft().parentCode(), byCode);
      for (Zone other : current) {
        if (related.contains(other.code())
            || !other
                .geometry()
                .getEnvelopeInternal()
                .intersects(c.draft().geometry().getEnvelopeInternal())) {
          continue;
        }
        Geometry overlap =
            OverlayNGRobust.overlay(c.draft().geometry(), other.geometry(), OverlayNG.INTERSECTION);
        double m2 = EllipsoidalArea.squareMetres(overlap);
        double existing =
            before == null
                ? 0
                : EllipsoidalArea.squareMetres(
                    OverlayNGRobust.overlay(
                        before.geometry(), other.geometry(), OverlayNG.INTERSECTION));
        if (m2 > existing + 0.01) {
          ObjectNode o = overlaps.addObject();
          o.put("zone", other.code());
          o.put("name", other.name());
          o.put("areaM2", m2);
        }
      }
    }
    effect.put("totalDeltaM2", totalDelta);
    return effect;
  }

  /** The zone itself, its ancestors (by its new parent) and its descendants. */
  private static Set<String> related(String code, String newParent, Map<String, Zone> byCode) {
    Set<String> related = new HashSet<>();
    related.add(code);
    for (String p = newParent; p != null && related.add(p); ) {
      Zone parent = byCode.get(p);
      p = parent == null ? null : parent.parentCode();
    }
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Zone z : byCode.values()) {
        if (z.parentCode() != null
            && !related.contains(z.code())
            && (z.parentCode().equals(code) || isDescendantOf(z, code, byCode))) {
          grew |= related.add(z.code());
        }
      }
    }
    return related;
  }

  private static boolean isDescendantOf(Zone z, String code, Map<String, Zone> byCode) {
    Set<String> seen = new HashSet<>();
    for (String p = z.parentCode(); p != null && seen.add(p); ) {
      if (p.equals(code)) {
        return true;
      }
      Zone parent = byCode.get(p);
      p = parent == null ? null : parent.parentCode();
    }
    return false;
  }
}
