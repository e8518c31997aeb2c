package org.zoneplan.projects;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneVisibility;

/**
 * Projects: checked writes (one transaction, audit-logged), the map layer and list, and counts and
 * investment per zone, division and year (see {@link ProjectMembership} for which zone a project
 * belongs to and {@link ProjectFigures} for what is counted).
 */
@Service
public class ProjectService {
  /** Most projects one read or computation covers. */
  static final int MAX_PROJECTS = 100_000;

  private final ProjectRepository projects;
  private final ZoneRepository zones;
  private final DivisionRepository divisions;
  private final AuditLog audit;
  private final ZoneVisibility visibility;

  ProjectService(
      ProjectRepository projects,
      ZoneRepository zones,
      DivisionRepository divisions,
      AuditLog audit,
      ZoneVisibility visibility) {
    this.visibility = visibility;
    this.projects = projects;
    this.zones = zones;
    this.divisions = divisions;
    this.audit = audit;
  }

  /** A project field refused: 422 naming the property. */
  static ApiProblem problem(FieldProblem e) {
    return ApiProblem.invalid("invalid-project", e.getMessage()).with("property", e.field());
  }

  /** The zone field names an existing zone (when set). */
  void checkZone(Project p) {
    if (p.zoneCode() == null) {
      return;
    }
    if (zones.findPlan(p.planId()).isEmpty()) {
      throw new FieldProblem("planId", "没有方案版本 (no plan version) \"" + p.planId() + "\"");
    }
    if (zones.findVersion(p.planId(), p.zoneCode()).isEmpty()) {
      throw new FieldProblem(
          "zoneCode", "方案 " + p.planId() + " 中没有区块 (no zone) \"" + p.zoneCode() + "\"");
    }
  }

  @Transactional
  public Project create(Project draft) {
    try {
      checkZone(draft);
    } catch (FieldProblem e) {
      throw problem(e);
    }
    return insert(draft);
  }

  /** Inserts checked projects in the caller's transaction, each audit-logged. */
  Project insert(Project draft) {
    Project p = draft.withId(0, Actors.current(), OffsetDateTime.now(ZoneOffset.UTC));
    long id = projects.insert(p);
    audit.record("project.create", "project/" + id, p.name());
    return projects.find(id).orElseThrow();
  }

  /**
   * Replaces a project's fields (a stage reached, a new figure), keeping its id and who created it;
   * 404 when there is no such project.
   */
  @Transactional
  public Project replace(long id, Project draft) {
    Project before = project(id);
    try {
      checkZone(draft);
    } catch (FieldProblem e) {
      throw problem(e);
    }
    projects.update(id, draft);
    audit.record(
        "project.update",
        "project/" + id,
        draft.name() + "; stage " + before.stage().label() + " → " + draft.stage().label());
    return project(id);
  }

  public Project project(long id) {
    Predicate<Geometry> land = visibility.landFilter(null);
    return projects
        .find(id)
        .filter(p -> visible(p, land))
        .orElseThrow(
            () -> ApiProblem.notFound("project", "no project " + id).with("projectId", id));
  }

  /**
   * Whether a user limited by jurisdiction may see the project (access by jurisdiction): its
   * location lies in their land, or, without a location, its zone field names a zone they see.
   * Always true with {@code land} null (unrestricted).
   */
  private boolean visible(Project p, Predicate<Geometry> land) {
    if (land == null) {
      return true;
    }
    if (p.location() != null) {
      return land.test(p.location());
    }
    return p.zoneCode() != null && visibility.visible(p.planId(), p.zoneCode());
  }

  /** A project in the layer, with the zones it belongs to in the plan asked (if any). */
  public record Listed(Project project, List<String> zones, String via) {}

  /**
   * The map layer and list: projects meeting {@code bbox} (when given), in zone {@code zone} of
   * plan {@code planId} or its parts (when given), signed in {@code year} (when given).
   */
  public List<Listed> list(Envelope bbox, String planId, String zone, Integer year, int limit) {
    if (zone != null && planId == null) {
      throw ApiProblem.invalid("missing-plan", "zone needs planId: zone codes are per plan version")
          .with("zone", zone);
    }
    ProjectMembership membership = null;
    if (planId != null) {
      requirePlan(planId);
      if (zone != null && zones.findVersion(planId, zone).isEmpty()) {
        throw ApiProblem.notFound(
                "zone", "no zone \"" + zone + "\" in plan version \"" + planId + "\"")
            .with("planId", planId)
            .with("code", zone);
      }
      membership =
          new ProjectMembership(
              planId, visibility.filter(planId, zones.findZones(planId)), List.of());
    }
    Predicate<Geometry> land = visibility.landFilter(planId);
    List<Listed> out = new ArrayList<>();
    for (Project p : projects.findAll(bbox, MAX_PROJECTS)) {
      if (!ProjectFigures.ofYear(p, year) || !visible(p, land)) {
        continue;
      }
      List<String> codes = null;
      String via = null;
      if (membership != null) {
        ProjectMembership.ZoneMembership m = membership.zonesOf(p);
        codes = m.codes();
        via = m.via().name();
        if (zone != null && !codes.contains(zone)) {
          continue;
        }
      }
      out.add(new Listed(p, codes, via));
      if (out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  private void requirePlan(String planId) {
    if (zones.findPlan(planId).isEmpty()) {
      throw ApiProblem.notFound("plan", "no plan version \"" + planId + "\"")
          .with("planId", planId);
    }
  }

  /** Counts and investment by zone (of {@code planId}), by division, or by year. */
  public Map<String, Object> figures(String by, String planId, Integer year) {
    if (year != null && (year < ProjectFields.MIN_YEAR || year > ProjectFields.MAX_YEAR)) {
      throw ApiProblem.invalid(
              "invalid-year",
              "year must be " + ProjectFields.MIN_YEAR + "–" + ProjectFields.MAX_YEAR)
          .with("year", year);
    }
    Predicate<Geometry> land = visibility.landFilter(planId);
    List<Project> all =
        projects.findAll(null, MAX_PROJECTS).stream().filter(p -> visible(p, land)).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("by", by);
    body.put("year", year);
    body.put(
        "rule",
        year == null
            ? "projects: every project; totalInvestmentWan: their total investment (万元)"
            : "projects: those signed (签约) in the year; totalInvestmentWan: their total"
                + " investment; investmentWan: the year's investment of every project of the"
                + " group (万元)");
    ProjectFigures total = new ProjectFigures(null, "全部项目");
    all.forEach(p -> total.add(p, year, null));
    switch (by == null ? "" : by) {
      case "zone" -> {
        if (planId == null || planId.isBlank()) {
          throw ApiProblem.invalid("missing-plan", "figures by zone need planId").with("by", by);
        }
        requirePlan(planId);
        ProjectMembership m =
            new ProjectMembership(
                planId, visibility.filter(planId, zones.findZones(planId)), List.of());
        Map<String, ProjectFigures> groups = new LinkedHashMap<>();
        for (Zone z : m.zones()) {
          groups.put(z.code(), new ProjectFigures(z.code(), z.name()));
        }
        ProjectFigures outside = new ProjectFigures(null, "不在任何区块");
        for (Project p : all) {
          ProjectMembership.ZoneMembership zm = m.zonesOf(p);
          zm.codes().forEach(c -> groups.get(c).add(p, year, zm.via()));
          if (zm.codes().isEmpty()) {
            outside.add(p, year, null);
          }
        }
        body.put("planId", planId);
        body.put(
            "membership",
            "a project belongs to the zone its zone field names when that zone is of this plan"
                + " version (byZoneField), otherwise to every zone whose boundary covers its"
                + " location (its point, or a point inside its polygon: byLocation); and to the"
                + " zones' ancestors");
        body.put("groups", groups.values().stream().map(f -> f.json(year)).toList());
        body.put("outsideZones", outside.json(year));
      }
      case "division" -> {
        ProjectMembership m =
            new ProjectMembership(
                null,
                List.of(),
                divisions.findAll(true).stream()
                    .filter(d -> visibility.divisionVisible(d.code()))
                    .toList());
        Map<String, ProjectFigures> groups = new LinkedHashMap<>();
        for (Division d : m.divisions()) {
          groups.put(d.code(), new ProjectFigures(d.code(), d.name()));
        }
        ProjectFigures unplaced = new ProjectFigures(null, "无位置或不在任何行政区");
        for (Project p : all) {
          List<String> codes = m.divisionsOf(p);
          codes.forEach(c -> groups.get(c).add(p, year, ProjectMembership.Via.LOCATION));
          if (codes.isEmpty()) {
            unplaced.add(p, year, null);
          }
        }
        body.put(
            "membership",
            "by location: every division whose outline covers the project's point (or a point"
                + " inside its polygon)");
        body.put("groups", groups.values().stream().map(f -> f.json(year)).toList());
        body.put("unplaced", unplaced.json(year));
      }
      case "year" -> {
        TreeSet<Integer> years = new TreeSet<>();
        for (Project p : all) {
          LocalDate signed = p.stageDates().get(ProjectStage.SIGNED);
          if (signed != null) {
            years.add(signed.getYear());
          }
          years.addAll(p.yearlyInvestmentWan().keySet());
        }
        if (year != null) {
          years.retainAll(List.of(year));
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int y : years) {
          ProjectFigures f = new ProjectFigures(Integer.toString(y), y + "年");
          all.forEach(p -> f.add(p, y, null));
          groups.add(f.json(y));
        }
        body.put("groups", groups);
      }
      default ->
          throw ApiProblem.invalid("invalid-by", "by must be zone, division or year, was " + by)
              .with("by", by);
    }
    body.put("total", total.json(year));
    return body;
  }

  /** Every project (for the export), at most {@link #MAX_PROJECTS}. */
  List<Project> all() {
    return projects.findAll(null, MAX_PROJECTS);
  }
}
