package org.zoneplan.zones;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.system.ApiProblem;

/**
 * Plan versions and zones: every write is checked in full before anything is written, and runs in
 * one transaction.
 */
@Service
public class ZoneService {
  private final ZoneRepository zones;
  private final ApplicationEventPublisher events;

  public ZoneService(ZoneRepository zones, ApplicationEventPublisher events) {
    this.zones = zones;
    this.events = events;
  }

  public List<PlanVersion> plans() {
    return zones.findPlans();
  }

  public PlanVersion plan(String planId) {
    return zones
        .findPlan(planId)
        .orElseThrow(
            () ->
                ApiProblem.notFound("plan", "no plan version \"" + planId + "\"")
                    .with("planId", planId));
  }

  public List<Zone> zones(String planId) {
    plan(planId);
    return zones.findZones(planId);
  }

  public Zone zone(String planId, String code) {
    plan(planId);
    return zones
        .findZone(planId, code)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                        "zone", "no zone \"" + code + "\" in plan version \"" + planId + "\"")
                    .with("planId", planId)
                    .with("code", code));
  }

  @Transactional
  public Zone create(String planId, String code, ZoneDraft draft) {
    plan(planId);
    requireCode(code);
    if (zones.findZone(planId, code).isPresent()) {
      throw ApiProblem.conflict(
              "duplicate-code",
              "zone \"" + code + "\" already exists in plan version \"" + planId + "\"")
          .with("code", code);
    }
    Zone zone = checked(planId, code, draft);
    zones.insertZone(zone);
    events.publishEvent(
        new ZonesChangedEvent(planId, code, null, zone.geometry().getEnvelopeInternal()));
    return zone;
  }

  @Transactional
  public Zone replace(String planId, String code, ZoneDraft draft) {
    Zone before = zone(planId, code);
    Zone zone = checked(planId, code, draft);
    requireNoCycle(planId, code, draft.parentCode());
    zones.updateZone(zone);
    events.publishEvent(
        new ZonesChangedEvent(
            planId,
            code,
            before.geometry().getEnvelopeInternal(),
            zone.geometry().getEnvelopeInternal()));
    return zone;
  }

  @Transactional
  public void delete(String planId, String code) {
    Zone before = zone(planId, code);
    int children = zones.countChildren(planId, code);
    if (children > 0) {
      throw ApiProblem.conflict(
              "zone-has-children",
              "zone \"" + code + "\" has " + children + " child zones; delete or move them first")
          .with("code", code);
    }
    zones.deleteZone(planId, code);
    events.publishEvent(
        new ZonesChangedEvent(planId, code, before.geometry().getEnvelopeInternal(), null));
  }

  /** The plan's zones as a forest, each node with its own and rolled-up areas. */
  public List<ZoneNode> tree(String planId) {
    List<Zone> all = zones(planId);
    Map<String, List<Zone>> childrenOf = new LinkedHashMap<>();
    List<Zone> roots = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    all.forEach(z -> codes.add(z.code()));
    for (Zone z : all) {
      if (z.parentCode() == null || !codes.contains(z.parentCode())) {
        roots.add(z);
      } else {
        childrenOf.computeIfAbsent(z.parentCode(), k -> new ArrayList<>()).add(z);
      }
    }
    return roots.stream()
        .sorted(Comparator.comparing(Zone::code))
        .map(root -> node(root, childrenOf))
        .toList();
  }

  /**
   * A parent's rolled-up figures are the area of the union of its own geometry and its children's
   * rolled-up geometries, so land covered twice counts once.
   */
  private ZoneNode node(Zone zone, Map<String, List<Zone>> childrenOf) {
    List<ZoneNode> children =
        childrenOf.getOrDefault(zone.code(), List.of()).stream()
            .sorted(Comparator.comparing(Zone::code))
            .map(child -> node(child, childrenOf))
            .toList();
    if (children.isEmpty()) {
      return new ZoneNode(zone, zone.area(), zone.geometry(), children);
    }
    List<Geometry> parts = new ArrayList<>();
    parts.add(zone.geometry());
    children.forEach(child -> parts.add(child.rolledUpGeometry()));
    Geometry union = OverlayNGRobust.union(parts);
    return new ZoneNode(zone, AreaFigures.of(union), union, children);
  }

  private Zone checked(String planId, String code, ZoneDraft draft) {
    if (draft.parentCode() != null) {
      if (draft.parentCode().equals(code)) {
        throw ApiProblem.invalid("invalid-parent", "zone \"" + code + "\" cannot be its own parent")
            .with("parent", code);
      }
      if (zones.findZone(planId, draft.parentCode()).isEmpty()) {
        throw ApiProblem.invalid(
                "unknown-parent",
                "parent zone \""
                    + draft.parentCode()
                    + "\" does not exist in plan version \""
                    + planId
                    + "\"")
            .with("parent", draft.parentCode());
      }
    }
    PolygonValidator.requireValid(draft.geometry());
    return new Zone(
        planId,
        code,
        draft.name(),
        draft.kind(),
        draft.parentCode(),
        draft.managedBy(),
        draft.attributes(),
        draft.geometry(),
        AreaFigures.of(draft.geometry()));
  }

  private void requireNoCycle(String planId, String code, String parentCode) {
    Set<String> seen = new HashSet<>();
    String current = parentCode;
    while (current != null && seen.add(current)) {
      if (current.equals(code)) {
        throw ApiProblem.invalid(
                "invalid-parent",
                "parent \"" + parentCode + "\" would make zone \"" + code + "\" its own ancestor")
            .with("parent", parentCode);
      }
      current = zones.findZone(planId, current).map(Zone::parentCode).orElse(null);
    }
  }

  private static void requireCode(String code) {
    if (!code.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw ApiProblem.invalid(
              "invalid-code",
              "zone code must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or"
                  + " digit")
          .with("code", code);
    }
  }
}
