package org.zoneplan.jurisdictions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.divisions.Division;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneService;

/**
 * The jurisdictions the page's selector offers and each one's plans and figures: {@code GET
 * /api/jurisdictions} (the division tree the user may see) and {@code GET
 * /api/jurisdictions/{code}}. A zone belongs to the most detailed division holding its interior
 * point, and to every division above it; a jurisdiction's zone area is the ellipsoidal area of the
 * union of its zones (over the plan versions asked for, by default every one not superseded), so a
 * city's figure is the union of its districts' and never counts twice where zones overlap.
 */
@RestController
@RequestMapping("/api/jurisdictions")
class JurisdictionController {
  private final AccessScopes scopes;
  private final ZoneService zones;

  JurisdictionController(AccessScopes scopes, ZoneService zones) {
    this.scopes = scopes;
    this.zones = zones;
  }

  /** The tree of divisions the user may choose: everything, or the top of their scope. */
  @GetMapping
  List<Map<String, Object>> tree() {
    DivisionTree t = scopes.tree();
    UserScope s = scopes.current();
    List<Division> roots;
    if (s.unrestricted()) {
      roots = t.roots();
    } else {
      Set<String> visible = scopes.visibleDivisions(s);
      roots =
          visible.stream()
              .filter(c -> t.ancestry(c).stream().skip(1).noneMatch(visible::contains))
              .map(t::division)
              .filter(d -> d != null)
              .toList();
    }
    return roots.stream()
        .sorted(java.util.Comparator.comparing(Division::code))
        .map(d -> node(t, d, 0))
        .toList();
  }

  private Map<String, Object> node(DivisionTree t, Division d, int depth) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("code", d.code());
    n.put("name", d.name());
    n.put("level", d.level());
    n.put("parent", d.parentCode());
    n.put("hasOutline", d.geometry() != null);
    n.put(
        "children",
        depth > 4
            ? List.of()
            : t.children(d.code()).stream()
                .sorted(java.util.Comparator.comparing(Division::code))
                .map(c -> node(t, c, depth + 1))
                .toList());
    return n;
  }

  /**
   * A jurisdiction: its plans (those with a zone in it, and any without zones) and its figures and
   * its children's.
   *
   * @param plans plan version ids to count, comma-separated; by default every one not superseded
   */
  @GetMapping("/{code}")
  Map<String, Object> jurisdiction(
      @PathVariable String code, @RequestParam(required = false) String plans) {
    DivisionTree t = scopes.tree();
    Division d = t.division(code);
    if (d == null || !scopes.jurisdictionVisible(code)) {
      throw ApiProblem.notFound("division", "no administrative division \"" + code + "\"")
          .with("code", code);
    }
    Set<String> chosen = plans == null ? null : Set.of(plans.split(","));
    // the zones of each plan the user may see, with the division each lies in
    Map<String, List<Located>> byPlan = new LinkedHashMap<>();
    List<PlanVersion> planList = new ArrayList<>();
    for (PlanVersion p : zones.plans()) {
      List<Located> in = new ArrayList<>();
      List<Zone> planZones = zones.zones(p.id());
      if (planZones.isEmpty()) {
        planList.add(p); // an empty plan version (just opened) belongs to no jurisdiction yet
        continue;
      }
      Map<String, String> located = scopes.located(p.id());
      for (Zone z : planZones) {
        String at = located.get(z.code());
        if (at != null && t.ancestry(at).contains(code)) {
          in.add(new Located(z, at));
        }
      }
      if (!in.isEmpty()) {
        planList.add(p);
        if (chosen != null ? chosen.contains(p.id()) : p.status() != PlanStatus.SUPERSEDED) {
          byPlan.put(p.id(), in);
        }
      }
    }
    List<Located> counted = byPlan.values().stream().flatMap(List::stream).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", d.code());
    body.put("name", d.name());
    body.put("level", d.level());
    body.put("parent", d.parentCode());
    body.put("ancestry", t.ancestry(code).stream().skip(1).map(c -> named(t, c)).toList());
    body.put(
        "plans",
        planList.stream()
            .map(
                p -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", p.id());
                  m.put("name", p.name());
                  m.put("status", p.status());
                  m.put("date", p.date());
                  m.put("counted", byPlan.containsKey(p.id()));
                  return m;
                })
            .toList());
    body.put("countedPlans", new ArrayList<>(byPlan.keySet()));
    body.put("figures", figures(counted));
    List<Map<String, Object>> children = new ArrayList<>();
    for (Division c : t.children(code)) {
      Set<String> sub = t.subtree(c.code());
      Map<String, Object> row = named(t, c.code());
      row.putAll(figures(counted.stream().filter(l -> sub.contains(l.division())).toList()));
      children.add(row);
    }
    body.put("children", children);
    double sumOfChildren =
        children.stream().mapToDouble(r -> ((Number) r.get("zoneAreaM2")).doubleValue()).sum();
    body.put("childrenSumM2", sumOfChildren);
    body.put("childrenSumMu", AreaUnits.toMu(sumOfChildren));
    return body;
  }

  /** A zone with the most detailed division holding its interior point. */
  private record Located(Zone zone, String division) {}

  private static Map<String, Object> named(DivisionTree t, String code) {
    Map<String, Object> m = new LinkedHashMap<>();
    Division d = t.division(code);
    m.put("code", code);
    m.put("name", d == null ? null : d.name());
    m.put("level", d == null ? null : d.level());
    return m;
  }

  /** Count and area of the union of the zones (ellipsoidal, m² and 亩), with the sum beside it. */
  private static Map<String, Object> figures(List<Located> located) {
    Map<String, Object> f = new LinkedHashMap<>();
    Set<String> plans = new LinkedHashSet<>();
    List<Geometry> parts = new ArrayList<>();
    double sum = 0;
    for (Located l : located) {
      plans.add(l.zone().planId());
      parts.add(l.zone().geometry());
      sum += l.zone().area().squareMetres();
    }
    double union = parts.isEmpty() ? 0 : EllipsoidalArea.squareMetres(UnaryUnionOp.union(parts));
    f.put("zones", located.size());
    f.put("zoneAreaM2", union);
    f.put("zoneAreaMu", AreaUnits.toMu(union));
    f.put("zoneAreaSumM2", sum);
    return f;
  }
}
