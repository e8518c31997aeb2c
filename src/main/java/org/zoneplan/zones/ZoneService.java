package org.zoneplan.zones;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;

/**
 * Plan versions and zones. Every write is checked in full before anything is written, runs in one
 * transaction, keeps the previous state in the zone's history (who, when, why, through which
 * proposal), is written to the audit log, and — given the version the writer last saw — refuses to
 * overwrite a newer one.
 */
@Service
public class ZoneService {
  private final ZoneRepository zones;
  private final ZoneHistoryRepository history;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final PlanDeletion planDeletion;
  private final ZoneVisibility visibility;

  public ZoneService(
      ZoneRepository zones,
      ZoneHistoryRepository history,
      AuditLog audit,
      ApplicationEventPublisher events,
      PlanDeletion planDeletion,
      ZoneVisibility visibility) {
    this.planDeletion = planDeletion;
    this.visibility = visibility;
    this.zones = zones;
    this.history = history;
    this.audit = audit;
    this.events = events;
  }

  /** Why and through what a change is made; both optional. */
  public record Change(String reason, Long proposalId) {
    public static final Change NONE = new Change(null, null);

    /** Reasons are stored in {@code zone_history.reason VARCHAR(2000)}. */
    public Change {
      if (reason != null && reason.length() > 2000) {
        throw ApiProblem.invalid(
                "too-long", "reason has " + reason.length() + " characters; at most 2000")
            .with("property", "reason")
            .with("max", 2000);
      }
    }
  }

  /** The plan versions; for a user limited by jurisdiction, those holding a zone they may see. */
  public List<PlanVersion> plans() {
    List<PlanVersion> all = zones.findPlans();
    if (visibility.scopeKey().isEmpty()) {
      return all;
    }
    return all.stream()
        .filter(
            p -> {
              var codes = visibility.visibleCodes(p.id());
              return codes == null || !codes.isEmpty();
            })
        .toList();
  }

  /**
   * The plan version as {@link #plan} does, and 404 plan-not-found for a user limited by
   * jurisdiction who may see none of its zones.
   */
  public PlanVersion visiblePlan(String planId) {
    PlanVersion plan = plan(planId);
    var codes = visibility.visibleCodes(planId);
    if (codes != null && codes.isEmpty()) {
      throw ApiProblem.notFound("plan", "no plan version \"" + planId + "\"")
          .with("planId", planId);
    }
    return plan;
  }

  /** The visibility of zones for the current request (access by jurisdiction). */
  public ZoneVisibility visibility() {
    return visibility;
  }

  /**
   * 404 zone-not-found, as for a missing zone, when the current request may not see the zone (it is
   * outside the user's jurisdiction). A zone deleted since is judged by its last stored state.
   */
  private void requireVisible(String planId, String code) {
    if (visibility.scopeKey().isEmpty() || visibility.visible(planId, code)) {
      return;
    }
    if (zones.findVersion(planId, code).isEmpty()) {
      List<ZoneHistoryEntry> entries = history.list(planId, code);
      Zone last = null;
      for (ZoneHistoryEntry e : entries) {
        if (e.zone() != null) {
          last = e.zone();
        }
      }
      if (last != null && visibility.mayHold(planId, code, last.parentCode(), last.geometry())) {
        return;
      }
    }
    throw zoneNotFound(planId, code);
  }

  /** 403 outside-jurisdiction when the zone would leave the current user's jurisdiction. */
  private void requireHeld(String planId, String code, String parentCode, Zone zone) {
    if (!visibility.mayHold(planId, code, parentCode, zone.geometry())) {
      throw new ApiProblem(
              org.springframework.http.HttpStatus.FORBIDDEN,
              "outside-jurisdiction",
              "Forbidden",
              "区划/片区超出您的管辖范围 (the zone would lie outside your jurisdiction: its parent"
                  + " or its location is not in your scope)")
          .with("planId", planId)
          .with("code", code);
    }
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
    return visibility.filter(planId, zones.findZones(planId));
  }

  /**
   * The plan's zones the current request may see, each with its version, read in one statement (a
   * listing's bodies and versions agree).
   */
  public List<VersionedZone> versionedZones(String planId) {
    plan(planId);
    Set<String> codes = visibility.visibleCodes(planId);
    List<VersionedZone> all = zones.findVersionedZones(planId);
    return codes == null ? all : all.stream().filter(v -> codes.contains(v.zone().code())).toList();
  }

  /** The plan's zones as they were at an instant, from their history. */
  public List<Zone> zonesAsOf(String planId, OffsetDateTime at) {
    plan(planId);
    return visibility.filter(planId, history.asOf(planId, at));
  }

  public Zone zone(String planId, String code) {
    plan(planId);
    requireVisible(planId, code);
    return zones.findZone(planId, code).orElseThrow(() -> zoneNotFound(planId, code));
  }

  /** The zone with its current version, read in one statement (a GET's body and ETag agree). */
  public VersionedZone versionedZone(String planId, String code) {
    plan(planId);
    requireVisible(planId, code);
    return zones.findVersionedZone(planId, code).orElseThrow(() -> zoneNotFound(planId, code));
  }

  public Zone zoneAsOf(String planId, String code, OffsetDateTime at) {
    return zonesAsOf(planId, at).stream()
        .filter(z -> z.code().equals(code))
        .findFirst()
        .orElseThrow(() -> zoneNotFound(planId, code).with("asOf", at.toString()));
  }

  /** The zone's current version: its ETag. */
  public int version(String planId, String code) {
    plan(planId);
    requireVisible(planId, code);
    return zones.findVersion(planId, code).orElseThrow(() -> zoneNotFound(planId, code));
  }

  public Map<String, Integer> versions(String planId) {
    Map<String, Integer> all = zones.findVersions(planId);
    var codes = visibility.visibleCodes(planId);
    if (codes == null) {
      return all;
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    all.forEach(
        (c, v) -> {
          if (codes.contains(c)) {
            out.put(c, v);
          }
        });
    return out;
  }

  public Zone create(String planId, String code, ZoneDraft draft) {
    return create(planId, code, draft, Change.NONE);
  }

  @Transactional
  public Zone create(String planId, String code, ZoneDraft draft, Change change) {
    plan(planId);
    requireCode(code);
    Zone zone = checked(planId, code, draft);
    requireHeld(planId, code, draft.parentCode(), zone);
    if (zones.findZone(planId, code).isPresent()) {
      throw ApiProblem.conflict(
              "duplicate-code",
              "zone \"" + code + "\" already exists in plan version \"" + planId + "\"")
          .with("code", code);
    }
    int version = history.nextVersion(planId, code);
    zones.insertZone(zone, version);
    record("CREATE", zone.planId(), code, version, zone, change);
    events.publishEvent(
        new ZonesChangedEvent(planId, code, null, zone.geometry().getEnvelopeInternal()));
    return zone;
  }

  /**
   * {@link #create(String, String, ZoneDraft, Change)} returning the version written, read in the
   * same transaction (the new row is locked until it commits), so the answer's body and ETag agree.
   */
  @Transactional
  public VersionedZone createVersioned(String planId, String code, ZoneDraft draft, Change change) {
    Zone zone = create(planId, code, draft, change);
    return new VersionedZone(zone, version(planId, code));
  }

  /**
   * {@link #replace(String, String, ZoneDraft, Integer, Change)} returning the version written,
   * read in the same transaction (the row stays locked until it commits): a later writer's version
   * can never be sent as the ETag of this writer's body.
   */
  @Transactional
  public VersionedZone replaceVersioned(
      String planId, String code, ZoneDraft draft, Integer expectedVersion, Change change) {
    Zone zone = replace(planId, code, draft, expectedVersion, change);
    return new VersionedZone(zone, version(planId, code));
  }

  /** {@link #restore} returning the version written, read in the same transaction. */
  @Transactional
  public VersionedZone restoreVersioned(
      String planId, String code, int version, Integer expectedVersion, Change change) {
    Zone zone = restore(planId, code, version, expectedVersion, change);
    return new VersionedZone(zone, version(planId, code));
  }

  /** Replaces a zone without a version check (internal use: the caller holds the only copy). */
  public Zone replace(String planId, String code, ZoneDraft draft) {
    return replace(planId, code, draft, null, Change.NONE);
  }

  /**
   * @param expectedVersion the version the writer last saw (its If-Match), or null for no check
   */
  @Transactional
  public Zone replace(
      String planId, String code, ZoneDraft draft, Integer expectedVersion, Change change) {
    zones.lockVersion(planId, code);
    Zone before = zone(planId, code);
    int current = requireVersion(planId, code, expectedVersion);
    Zone zone = checked(planId, code, draft);
    requireHeld(planId, code, draft.parentCode(), zone);
    requireNoCycle(planId, code, draft.parentCode());
    int version = history.nextVersion(planId, code);
    if (zones.updateZone(zone, current, version) == 0) {
      throw stale(planId, code, current);
    }
    record("UPDATE", planId, code, version, zone, change);
    events.publishEvent(
        new ZonesChangedEvent(
            planId,
            code,
            before.geometry().getEnvelopeInternal(),
            zone.geometry().getEnvelopeInternal()));
    return zone;
  }

  public void delete(String planId, String code) {
    delete(planId, code, null, Change.NONE);
  }

  @Transactional
  public void delete(String planId, String code, Integer expectedVersion, Change change) {
    zones.lockVersion(planId, code);
    Zone before = zone(planId, code);
    int current = requireVersion(planId, code, expectedVersion);
    int children = zones.countChildren(planId, code);
    if (children > 0) {
      throw ApiProblem.conflict(
              "zone-has-children",
              "zone \"" + code + "\" has " + children + " child zones; delete or move them first")
          .with("code", code);
    }
    if (zones.deleteZone(planId, code, current) == 0) {
      throw stale(planId, code, current);
    }
    record("DELETE", planId, code, history.nextVersion(planId, code), null, change);
    events.publishEvent(
        new ZonesChangedEvent(planId, code, before.geometry().getEnvelopeInternal(), null));
  }

  /**
   * Makes an earlier version current again, as a new version (itself a recorded change). Works for
   * a deleted zone too (then without a version check: there is nothing to overwrite).
   */
  @Transactional
  public Zone restore(
      String planId, String code, int version, Integer expectedVersion, Change change) {
    plan(planId);
    ZoneHistoryEntry old =
        history
            .find(planId, code, version)
            .filter(e -> e.zone() != null)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                            "zone-version",
                            "zone \"" + code + "\" has no version " + version + " to restore")
                        .with("code", code)
                        .with("version", version));
    Zone z = old.zone();
    ZoneDraft draft =
        new ZoneDraft(
            z.name(), z.kind(), z.parentCode(), z.managedBy(), z.attributes(), z.geometry());
    Change why =
        new Change(
            change.reason() == null ? "恢复至第 " + version + " 版" : change.reason(),
            change.proposalId());
    Zone restored;
    if (zones.findZone(planId, code).isPresent()) {
      restored = replace(planId, code, draft, expectedVersion, why);
    } else {
      restored = create(planId, code, draft, why);
    }
    return restored;
  }

  /** Opens a new, empty plan version. */
  @Transactional
  public PlanVersion createPlan(PlanVersion newPlan) {
    checkNewPlan(newPlan);
    zones.insertPlan(newPlan);
    audit.record("plan.create", newPlan.id(), newPlan.name());
    return newPlan;
  }

  /** Renames, re-dates or changes the status of a plan version (null: unchanged). */
  @Transactional
  public PlanVersion updatePlan(String planId, String name, LocalDate date, PlanStatus status) {
    PlanVersion current = plan(planId);
    PlanVersion updated =
        new PlanVersion(
            planId,
            name == null ? current.name() : checkPlanName(name),
            date == null ? current.date() : date,
            status == null ? current.status() : status);
    zones.updatePlan(updated);
    audit.record(
        "plan.update", planId, updated.name() + ", " + updated.date() + ", " + updated.status());
    return updated;
  }

  /**
   * Deletes a plan version with its zones, their history, its decided proposals and every other row
   * that belongs to it (see {@link PlanDeletion} for the order), all in one transaction, and
   * records it in the audit log. Refused (409) while a proposal of the plan is a draft or
   * submitted.
   *
   * @return rows deleted per table
   */
  @Transactional
  public Map<String, Integer> deletePlan(String planId) {
    plan(planId);
    long open = planDeletion.openProposals(planId);
    if (open > 0) {
      throw ApiProblem.conflict(
              "plan-has-proposals",
              "规划版本 \""
                  + planId
                  + "\" 尚有 "
                  + open
                  + " 个未决变更方案 (plan version has open proposals; decide or withdraw them"
                  + " first)")
          .with("planId", planId)
          .with("openProposals", open);
    }
    List<Zone> gone = zones.findZones(planId);
    Map<String, Integer> deleted = planDeletion.delete(planId);
    StringBuilder detail = new StringBuilder();
    deleted.forEach(
        (table, n) ->
            detail
                .append(detail.isEmpty() ? "" : ", ")
                .append(table.toLowerCase())
                .append(' ')
                .append(n));
    audit.record("plan.delete", planId, detail.toString());
    for (Zone z : gone) {
      events.publishEvent(
          new ZonesChangedEvent(planId, z.code(), z.geometry().getEnvelopeInternal(), null));
    }
    return deleted;
  }

  private void checkNewPlan(PlanVersion newPlan) {
    if (newPlan.id() == null || !newPlan.id().matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw ApiProblem.invalid(
              "invalid-plan-id",
              "a plan version id is 1–64 lower-case letters, digits and '-', was " + newPlan.id())
          .with("planId", newPlan.id());
    }
    if (zones.findPlan(newPlan.id()).isPresent()) {
      throw ApiProblem.conflict(
              "duplicate-plan", "plan version \"" + newPlan.id() + "\" already exists")
          .with("planId", newPlan.id());
    }
    checkPlanName(newPlan.name());
    if (newPlan.date() == null || newPlan.status() == null) {
      throw ApiProblem.invalid("missing-property", "a plan version needs a date and a status");
    }
  }

  private static String checkPlanName(String name) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw ApiProblem.invalid(
          "invalid-plan-name", "a plan version needs a name of 1–200 characters");
    }
    return name.strip();
  }

  /**
   * Opens a new plan version holding a copy of every zone of {@code fromPlanId} (parents before
   * children), each copy a recorded change of the new version.
   */
  @Transactional
  public PlanVersion copyPlan(String fromPlanId, PlanVersion newPlan, Change change) {
    plan(fromPlanId);
    checkNewPlan(newPlan);
    zones.insertPlan(newPlan);
    audit.record("plan.create", newPlan.id(), "copy of " + fromPlanId);
    List<Zone> all = zones.findZones(fromPlanId);
    Map<String, Zone> byCode = new LinkedHashMap<>();
    all.forEach(z -> byCode.put(z.code(), z));
    all.stream()
        .sorted(Comparator.comparingInt(z -> depth(z, byCode)))
        .forEach(
            z ->
                create(
                    newPlan.id(),
                    z.code(),
                    new ZoneDraft(
                        z.name(),
                        z.kind(),
                        z.parentCode(),
                        z.managedBy(),
                        z.attributes(),
                        z.geometry()),
                    change));
    return newPlan;
  }

  private static int depth(Zone zone, Map<String, Zone> byCode) {
    int depth = 0;
    for (String parent = zone.parentCode();
        parent != null && byCode.containsKey(parent) && depth < 100;
        parent = byCode.get(parent).parentCode()) {
      depth++;
    }
    return depth;
  }

  public List<ZoneHistoryEntry> history(String planId, String code) {
    plan(planId);
    requireVisible(planId, code);
    List<ZoneHistoryEntry> entries = history.list(planId, code);
    if (entries.isEmpty()) {
      throw zoneNotFound(planId, code);
    }
    return entries;
  }

  public ZoneHistoryEntry historyEntry(String planId, String code, int version) {
    plan(planId);
    requireVisible(planId, code);
    return history
        .find(planId, code, version)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                        "zone-version", "zone \"" + code + "\" has no version " + version)
                    .with("code", code)
                    .with("version", version));
  }

  /** The plan's zones as a forest, each node with its own and rolled-up areas. */
  public List<ZoneNode> tree(String planId) {
    return tree(zones(planId));
  }

  /** A forest of the given zones of one plan, each node with its own and rolled-up areas. */
  public List<ZoneNode> tree(List<Zone> all) {
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

  private void record(
      String operation, String planId, String code, int version, Zone zone, Change change) {
    String actor = Actors.current();
    history.append(
        new ZoneHistoryEntry(
            planId,
            code,
            version,
            operation,
            zone,
            actor,
            OffsetDateTime.now(ZoneOffset.UTC),
            change.reason(),
            change.proposalId()));
    audit.record(
        "zone." + operation.toLowerCase(java.util.Locale.ROOT),
        planId + "/" + code,
        "version " + version + (change.reason() == null ? "" : "; reason: " + change.reason()));
  }

  /** The current version, after checking the writer's expected one (null: no check). */
  private int requireVersion(String planId, String code, Integer expectedVersion) {
    int current = version(planId, code);
    if (expectedVersion != null && expectedVersion != current) {
      throw stale(planId, code, current).with("expectedVersion", expectedVersion);
    }
    return current;
  }

  private static ApiProblem stale(String planId, String code, int current) {
    return new ApiProblem(
            HttpStatus.PRECONDITION_FAILED,
            "stale-version",
            "Precondition failed",
            "zone \""
                + code
                + "\" in plan version \""
                + planId
                + "\" was changed by someone else (now version "
                + current
                + "); reload it and apply your change again")
        .with("code", code)
        .with("currentETag", ZoneETags.format(current));
  }

  private static void requireLength(String property, String value, int max) {
    if (value != null && value.length() > max) {
      throw ApiProblem.invalid(
              "too-long", property + " has " + value.length() + " characters; at most " + max)
          .with("property", property)
          .with("max", max);
    }
  }

  private static ApiProblem zoneNotFound(String planId, String code) {
    return ApiProblem.notFound(
            "zone", "no zone \"" + code + "\" in plan version \"" + planId + "\"")
        .with("planId", planId)
        .with("code", code);
  }

  private Zone checked(String planId, String code, ZoneDraft draft) {
    // The store's column sizes (zone: code VARCHAR(64), name and managed_by VARCHAR(200)), checked
    // here so that the answer is a 422 naming the field rather than the store's error.
    requireLength("code", code, 64);
    requireLength("name", draft.name(), 200);
    requireLength("parent", draft.parentCode(), 64);
    requireLength("managedBy", draft.managedBy(), 200);
    ZoneAttributes.check(draft.attributes());
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
