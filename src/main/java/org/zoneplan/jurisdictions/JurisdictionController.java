package org.zoneplan.jurisdictions;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  List<Node> tree() {
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

  /** A division of the tree with its children (five levels down at most). */
  record Node(
      String code,
      String name,
      String level,
      String parent,
      boolean hasOutline,
      List<Node> children) {}

  private Node node(DivisionTree t, Division d, int depth) {
    return new Node(
        d.code(),
        d.name(),
        d.level(),
        d.parentCode(),
        d.geometry() != null,
        depth > 4
            ? List.of()
            : t.children(d.code()).stream()
                .sorted(java.util.Comparator.comparing(Division::code))
                .map(c -> node(t, c, depth + 1))
                .toList());
  }

  /**
   * A jurisdiction: its plans (those with a zone in it, and any without zones) and its figures and
   * its children's.
   *
   * @param plans plan version ids to count, comma-separated; by default every one not superseded
   */
  @GetMapping("/{code}")
  Jurisdiction jurisdiction(
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
    List<Child> children = new ArrayList<>();
    for (Division c : t.children(code)) {
      Set<String> sub = t.subtree(c.code());
      children.add(
          new Child(
              named(t, c.code()),
              figures(counted.stream().filter(l -> sub.contains(l.division())).toList())));
    }
    double sumOfChildren = children.stream().mapToDouble(r -> r.figures().zoneAreaM2()).sum();
    return new Jurisdiction(
        d.code(),
        d.name(),
        d.level(),
        d.parentCode(),
        t.ancestry(code).stream().skip(1).map(c -> named(t, c)).toList(),
        planList.stream()
            .map(
                p ->
                    new PlanRow(p.id(), p.name(), p.status(), p.date(), byPlan.containsKey(p.id())))
            .toList(),
        new ArrayList<>(byPlan.keySet()),
        figures(counted),
        children,
        sumOfChildren,
        AreaUnits.toMu(sumOfChildren));
  }

  /**
   * A jurisdiction as the API shows it.
   *
   * @param ancestry the divisions above it, nearest first
   * @param plans every plan version with a zone in it (or none at all), whether counted
   * @param childrenSumM2 the sum of the children's union areas (beside {@code figures.zoneAreaM2})
   */
  record Jurisdiction(
      String code,
      String name,
      String level,
      String parent,
      List<Named> ancestry,
      List<PlanRow> plans,
      List<String> countedPlans,
      Figures figures,
      List<Child> children,
      double childrenSumM2,
      double childrenSumMu) {}

  record Named(String code, String name, String level) {}

  record PlanRow(String id, String name, PlanStatus status, LocalDate date, boolean counted) {}

  /** A child division: its name, then its figures, in one JSON object. */
  record Child(@JsonUnwrapped Named division, @JsonUnwrapped Figures figures) {}

  /**
   * Count and area of the union of the zones (ellipsoidal, m² and 亩), with the sum beside it.
   *
   * @param zoneAreaSumM2 the zones' areas added up (more than the union where they overlap)
   */
  record Figures(int zones, double zoneAreaM2, double zoneAreaMu, double zoneAreaSumM2) {}

  /** A zone with the most detailed division holding its interior point. */
  private record Located(Zone zone, String division) {}

  private static Named named(DivisionTree t, String code) {
    Division d = t.division(code);
    return new Named(code, d == null ? null : d.name(), d == null ? null : d.level());
  }

  private static Figures figures(List<Located> located) {
    List<Geometry> parts = new ArrayList<>();
    double sum = 0;
    for (Located l : located) {
      parts.add(l.zone().geometry());
      sum += l.zone().area().squareMetres();
    }
    double union = parts.isEmpty() ? 0 : EllipsoidalArea.squareMetres(UnaryUnionOp.union(parts));
    return new Figures(located.size(), union, AreaUnits.toMu(union), sum);
  }
}
