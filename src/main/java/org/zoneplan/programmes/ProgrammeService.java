package org.zoneplan.programmes;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.analysis.PlanGeometry;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;

/**
 * Programmes and their members: checked writes (one transaction, audit-logged), figures by category
 * and status (counts, and areas of the union of the members' boundaries, never sums), the members'
 * layer and the {@link FiveShares} of a year.
 */
@Service
public class ProgrammeService {
  static final int MAX_PROGRAMMES = 1_000;
  static final int MAX_MEMBERS = 5_000;
  static final int MIN_YEAR = 1990;
  static final int MAX_YEAR = 2100;

  /** Label of members without status in the figures by status. */
  static final String NO_STATUS = "未评定";

  private final ProgrammeRepository programmes;
  private final ZoneRepository zones;
  private final DivisionRepository divisions;
  private final ShareData shareData;
  private final AuditLog audit;

  ProgrammeService(
      ProgrammeRepository programmes,
      ZoneRepository zones,
      DivisionRepository divisions,
      ShareData shareData,
      AuditLog audit) {
    this.programmes = programmes;
    this.zones = zones;
    this.divisions = divisions;
    this.shareData = shareData;
    this.audit = audit;
  }

  public List<Programme> list() {
    return programmes.findAll(MAX_PROGRAMMES);
  }

  public Programme programme(String id) {
    return programmes
        .find(id)
        .orElseThrow(
            () ->
                ApiProblem.notFound("programme", "没有此计划 (no programme) \"" + id + "\"")
                    .with("programmeId", id));
  }

  @Transactional
  public Programme create(Programme draft) {
    if (programmes.exists(draft.id())) {
      throw ApiProblem.conflict(
              "duplicate-programme", "计划已存在 (programme exists) \"" + draft.id() + "\"")
          .with("programmeId", draft.id());
    }
    if (programmes.count() >= MAX_PROGRAMMES) {
      throw ApiProblem.conflict(
          "too-many-programmes", "至多 " + MAX_PROGRAMMES + " 个计划 (at most that many programmes)");
    }
    Programme p = stamped(draft, Actors.current(), OffsetDateTime.now(ZoneOffset.UTC));
    programmes.insert(p);
    audit.record("programme.create", "programme/" + p.id(), p.name());
    return programme(p.id());
  }

  /**
   * Replaces a programme's fields, categories, statuses and targets; 409 when a category or status
   * still used by a member would go.
   */
  @Transactional
  public Programme replace(String id, Programme draft) {
    Programme before = programme(id);
    Set<String> names = new HashSet<>();
    draft.categories().forEach(c -> names.add(c.name()));
    for (var used : programmes.usage(id, "category").entrySet()) {
      if (!names.contains(used.getKey())) {
        throw ApiProblem.conflict(
                "category-in-use",
                "类别 "
                    + used.getKey()
                    + " 仍有 "
                    + used.getValue()
                    + " 个载体 (category still has members)")
            .with("category", used.getKey());
      }
    }
    for (var used : programmes.usage(id, "status").entrySet()) {
      if (!draft.statuses().contains(used.getKey())) {
        throw ApiProblem.conflict(
                "status-in-use",
                "状态 "
                    + used.getKey()
                    + " 仍有 "
                    + used.getValue()
                    + " 个载体 (status still has members)")
            .with("status", used.getKey());
      }
    }
    programmes.update(stamped(draft, before.createdBy(), before.createdAt()));
    audit.record("programme.update", "programme/" + id, draft.name());
    return programme(id);
  }

  @Transactional
  public void delete(String id) {
    Programme p = programme(id);
    programmes.delete(id);
    audit.record("programme.delete", "programme/" + id, p.name());
  }

  public List<Member> members(String id) {
    programme(id);
    return programmes.members(id);
  }

  @Transactional
  public Member addMember(Member m) {
    Programme p = programme(m.programmeId());
    check(p, m);
    if (programmes.findMember(m.programmeId(), m.planId(), m.zoneCode()).isPresent()) {
      throw ApiProblem.conflict(
              "duplicate-member",
              "区块 " + m.planId() + "/" + m.zoneCode() + " 已是该计划的载体 (the zone is already a member)")
          .with("planId", m.planId())
          .with("zoneCode", m.zoneCode());
    }
    if (programmes.memberCount(p.id()) >= MAX_MEMBERS) {
      throw ApiProblem.conflict(
          "too-many-members", "每个计划至多 " + MAX_MEMBERS + " 个载体 (at most that many members)");
    }
    programmes.insertMember(m);
    audit.record(
        "programme.member.add",
        "programme/" + p.id() + "/" + m.planId() + "/" + m.zoneCode(),
        m.category() + (m.status() == null ? "" : "; " + m.status()));
    return m;
  }

  @Transactional
  public Member replaceMember(Member m) {
    Programme p = programme(m.programmeId());
    member(p.id(), m.planId(), m.zoneCode());
    check(p, m);
    programmes.updateMember(m);
    audit.record(
        "programme.member.update",
        "programme/" + p.id() + "/" + m.planId() + "/" + m.zoneCode(),
        m.category() + (m.status() == null ? "" : "; " + m.status()));
    return m;
  }

  @Transactional
  public void removeMember(String id, String planId, String zoneCode) {
    programme(id);
    member(id, planId, zoneCode);
    programmes.deleteMember(id, planId, zoneCode);
    audit.record("programme.member.remove", "programme/" + id + "/" + planId + "/" + zoneCode, "");
  }

  public Member member(String id, String planId, String zoneCode) {
    return programmes
        .findMember(id, planId, zoneCode)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                        "member", "区块 " + planId + "/" + zoneCode + " 不是该计划的载体 (not a member)")
                    .with("planId", planId)
                    .with("zoneCode", zoneCode));
  }

  /** Zone, category, status: 422 naming the one that is unknown. */
  private void check(Programme p, Member m) {
    if (zones.findVersion(m.planId(), m.zoneCode()).isEmpty()) {
      throw ApiProblem.invalid(
              "unknown-zone", "方案 " + m.planId() + " 中没有区块 (no zone) \"" + m.zoneCode() + "\"")
          .with("property", "zoneCode")
          .with("planId", m.planId())
          .with("zoneCode", m.zoneCode());
    }
    if (p.category(m.category()) == null) {
      throw ApiProblem.invalid(
              "unknown-category",
              "计划 "
                  + p.name()
                  + " 没有类别 (no category) \""
                  + m.category()
                  + "\"; 可选 (one of) "
                  + p.categories().stream().map(Programme.Category::name).toList())
          .with("property", "category")
          .with("category", m.category());
    }
    if (m.status() != null && !p.statuses().contains(m.status())) {
      throw ApiProblem.invalid(
              "unknown-status",
              "计划 "
                  + p.name()
                  + " 没有状态 (no status) \""
                  + m.status()
                  + "\"; 可选 (one of) "
                  + p.statuses())
          .with("property", "status")
          .with("status", m.status());
    }
  }

  /** A member with its zone (null when the zone is gone). */
  public record Carrier(Member member, Zone zone) {}

  public List<Carrier> carriers(String id) {
    programme(id);
    Map<String, Map<String, Zone>> byPlan = new HashMap<>();
    List<Carrier> out = new ArrayList<>();
    for (Member m : programmes.members(id)) {
      Map<String, Zone> planZones =
          byPlan.computeIfAbsent(
              m.planId(),
              plan -> {
                Map<String, Zone> z = new HashMap<>();
                zones.findZones(plan).forEach(zone -> z.put(zone.code(), zone));
                return z;
              });
      out.add(new Carrier(m, planZones.get(m.zoneCode())));
    }
    return out;
  }

  /**
   * Counts and union areas (ellipsoidal, m² and 亩) of all members, by category (every category of
   * the programme, with its target count) and by status (every status, then {@link #NO_STATUS}).
   */
  public Map<String, Object> figures(String id) {
    Programme p = programme(id);
    List<Carrier> carriers = carriers(id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("programmeId", p.id());
    body.put("name", p.name());
    body.put(
        "rule",
        "area: ellipsoidal area (CGCS2000) of the union of the members' zone boundaries, so"
            + " overlapping members count once; count: members");
    body.put("total", group(null, null, carriers));
    List<Map<String, Object>> byCategory = new ArrayList<>();
    for (Programme.Category c : p.categories()) {
      Map<String, Object> g =
          group(
              c.name(),
              c.targetCount(),
              carriers.stream().filter(x -> x.member().category().equals(c.name())).toList());
      byCategory.add(g);
    }
    body.put("byCategory", byCategory);
    List<Map<String, Object>> byStatus = new ArrayList<>();
    for (String s : p.statuses()) {
      byStatus.add(
          group(s, null, carriers.stream().filter(x -> s.equals(x.member().status())).toList()));
    }
    List<Carrier> none = carriers.stream().filter(x -> x.member().status() == null).toList();
    if (!none.isEmpty()) {
      byStatus.add(group(NO_STATUS, null, none));
    }
    body.put("byStatus", byStatus);
    body.put(
        "missingZones",
        carriers.stream()
            .filter(x -> x.zone() == null)
            .map(x -> x.member().planId() + "/" + x.member().zoneCode())
            .toList());
    return body;
  }

  private static Map<String, Object> group(String name, Integer target, List<Carrier> carriers) {
    List<Geometry> shapes =
        carriers.stream()
            .filter(c -> c.zone() != null)
            .map(c -> (Geometry) c.zone().geometry())
            .toList();
    double m2 = EllipsoidalArea.squareMetres(PlanGeometry.unionOf(shapes));
    Map<String, Object> g = new LinkedHashMap<>();
    if (name != null) {
      g.put("name", name);
    }
    g.put("count", carriers.size());
    if (target != null) {
      g.put("targetCount", target);
    }
    g.put("areaM2", m2);
    g.put("areaMu", AreaUnits.toMu(m2));
    return g;
  }

  /** The {@link FiveShares} of {@code year}. */
  public Map<String, Object> shares(String id, Integer year) {
    if (year == null || year < MIN_YEAR || year > MAX_YEAR) {
      throw ApiProblem.invalid(
              "invalid-year", "year 应为 " + MIN_YEAR + "–" + MAX_YEAR + " (year is required)")
          .with("year", year);
    }
    Programme p = programme(id);
    List<Carrier> carriers = carriers(id);
    Set<String> keys = new HashSet<>();
    List<Geometry> shapes = new ArrayList<>();
    for (Carrier c : carriers) {
      keys.add(ShareData.Places.key(c.member().planId(), c.member().zoneCode()));
      if (c.zone() != null) {
        shapes.add(c.zone().geometry());
      }
    }
    Division division =
        p.divisionCode() == null ? null : divisions.find(p.divisionCode()).orElse(null);
    Geometry scope = division == null ? null : division.geometry();
    Map<String, Double> targets = new HashMap<>();
    p.targets().forEach(t -> targets.put(t.key(), t.ratio()));
    // A programme of a jurisdiction the store has no outline of: its totals cannot be told from
    // other jurisdictions' (the county sample's enterprises would fill the denominators).
    List<FiveShares.Share> shares =
        p.divisionCode() != null && scope == null
            ? FiveShares.unavailable(
                targets,
                "not available: the store holds no outline of division "
                    + p.divisionCode()
                    + ", so the jurisdiction's totals cannot be placed")
            : shareData.shares(
                new ShareData.Places(PlanGeometry.unionOf(shapes), keys, scope), year, targets);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("programmeId", p.id());
    body.put("year", year);
    body.put(
        "jurisdiction",
        p.divisionCode() == null
            ? "whole store"
            : scope == null
                ? p.divisionCode() + " (no outline in the store)"
                : division.code() + " " + division.name());
    body.put("shares", shares.stream().map(FiveShares.Share::json).toList());
    return body;
  }

  private static Programme stamped(Programme d, String by, OffsetDateTime at) {
    return new Programme(
        d.id(),
        d.name(),
        d.issuer(),
        d.level(),
        d.divisionCode(),
        d.categories(),
        d.statuses(),
        d.targets(),
        d.source(),
        d.illustrative(),
        by,
        at);
  }
}
