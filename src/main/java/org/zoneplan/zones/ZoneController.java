package org.zoneplan.zones;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.codecs.XlsxTableWriter;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.AreaJson;
import org.zoneplan.system.XlsxDownload;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plan versions, zones as GeoJSON, the zone hierarchy with rolled-up areas, and each zone's
 * history. Writes need {@code If-Match} with the zone's ETag ({@code "v<version>"}): 428 without,
 * 412 when someone else changed the zone since.
 */
@RestController
@RequestMapping("/api/plans")
class ZoneController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final ZoneService service;
  private final JsonMapper json;

  private final GeometryLimits limits;

  ZoneController(ZoneService service, JsonMapper json, GeometryLimits limits) {
    this.limits = limits;
    this.service = service;
    this.json = json;
  }

  @GetMapping
  List<PlanVersion> plans() {
    return service.plans();
  }

  @GetMapping("/{planId}")
  PlanVersion plan(@PathVariable String planId) {
    return service.visiblePlan(planId);
  }

  /**
   * A new plan version (ADMIN): {@code {"id", "name", "date", "status", "copyFrom"}}; with {@code
   * copyFrom} it starts as a copy of that version's zones, each a recorded change.
   */
  record NewPlan(String id, String name, String date, String status, String copyFrom) {}

  @PostMapping
  ResponseEntity<PlanVersion> createPlan(
      @RequestParam(required = false) String reason, @RequestBody NewPlan body) {
    PlanVersion plan =
        new PlanVersion(
            body.id(),
            body.name(),
            body.date() == null ? LocalDate.now() : date(body.date()),
            body.status() == null ? PlanStatus.DRAFT : status(body.status()));
    PlanVersion created =
        body.copyFrom() == null
            ? service.createPlan(plan)
            : service.copyPlan(body.copyFrom(), plan, new ZoneService.Change(reason, null));
    return ResponseEntity.created(URI.create("/api/plans/" + created.id())).body(created);
  }

  record PlanChange(String name, String date, String status) {}

  @PutMapping("/{planId}")
  PlanVersion updatePlan(@PathVariable String planId, @RequestBody PlanChange body) {
    return service.updatePlan(
        planId,
        body.name(),
        body.date() == null ? null : date(body.date()),
        body.status() == null ? null : status(body.status()));
  }

  /**
   * Deletes a plan version and everything that belongs to it (ADMIN); 409 while a proposal of the
   * plan is open.
   */
  @DeleteMapping("/{planId}")
  ResponseEntity<Void> deletePlan(@PathVariable String planId) {
    service.deletePlan(planId);
    return ResponseEntity.noContent().build();
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid("invalid-date", "a date is YYYY-MM-DD, was " + text)
          .with("date", text);
    }
  }

  private static PlanStatus status(String text) {
    try {
      return PlanStatus.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid(
              "invalid-status", "a plan status is DRAFT, APPROVED or SUPERSEDED, was " + text)
          .with("status", text);
    }
  }

  /**
   * The plan's zones now, or as they were at {@code asOf} (ISO-8601 instant with offset); as the
   * zone list with areas in .xlsx with {@code format=xlsx} or {@code Accept:
   * application/vnd.openxmlformats-officedocument.spreadsheetml.sheet}.
   */
  @GetMapping("/{planId}/zones")
  ResponseEntity<?> zones(
      @PathVariable String planId,
      @RequestParam(required = false) String asOf,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean xlsx = XlsxDownload.asked(format, accept, "geojson", "json");
    List<Zone> list;
    Map<String, Integer> versions = new java.util.HashMap<>();
    if (asOf == null) {
      // zones and versions from one statement, so each feature's version is that of its body
      List<VersionedZone> current = service.versionedZones(planId);
      list = current.stream().map(VersionedZone::zone).toList();
      current.forEach(v -> versions.put(v.zone().code(), v.version()));
    } else {
      list = service.zonesAsOf(planId, instant(asOf));
    }
    if (xlsx) {
      return zoneListXlsx(planId, list);
    }
    ObjectNode body = ZoneFeatures.collection(json, list, versions);
    return ResponseEntity.ok().contentType(GEO_JSON).body(body);
  }

  /** The zone list with its own areas (not rolled up), ellipsoidal and planar, in m², ha and 亩. */
  private ResponseEntity<byte[]> zoneListXlsx(String planId, List<Zone> list) {
    PlanVersion plan = service.plan(planId);
    return XlsxDownload.of(
        "区块列表-" + XlsxDownload.namePart(planId) + ".xlsx",
        w -> {
          w.sheet(
              "区块列表",
              List.of(
                  "区块代码",
                  "区块名称",
                  "类型",
                  "上级区块",
                  "管理主体",
                  "椭球面积(m²)",
                  "椭球面积(公顷)",
                  "椭球面积(亩)",
                  "平面面积(m²)",
                  "平面坐标系(EPSG)"));
          for (Zone z : list) {
            AreaJson a = AreaJson.of(z.area());
            w.row(
                Arrays.asList(
                    z.code(),
                    z.name(),
                    z.kind().nameZh(),
                    z.parentCode(),
                    z.managedBy(),
                    a.areaM2(),
                    a.areaHa(),
                    a.areaMu(),
                    a.planarAreaM2(),
                    a.gkEpsg()));
          }
          w.sheet("说明", List.of("项目", "数值"));
          w.row(List.of("规划版本", plan.id() + " " + plan.name()));
          w.row(List.of("面积", "区块自身范围(不含下级汇总);椭球面积为 CGCS2000 椭球面积,平面面积为所列高斯-克吕格 3° 带投影面积"));
        });
  }

  @GetMapping("/{planId}/zones/{code}")
  ResponseEntity<ObjectNode> zone(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam(required = false) String asOf) {
    if (asOf != null) {
      return ResponseEntity.ok()
          .contentType(GEO_JSON)
          .body(ZoneFeatures.feature(json, service.zoneAsOf(planId, code, instant(asOf))));
    }
    VersionedZone current = service.versionedZone(planId, code);
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .eTag(ZoneETags.format(current.version()))
        .body(ZoneFeatures.feature(json, current.zone(), current.version()));
  }

  @PostMapping("/{planId}/zones/{code}")
  ResponseEntity<ObjectNode> create(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam(required = false) String reason,
      @RequestBody JsonNode body) {
    VersionedZone created =
        service.createVersioned(
            planId,
            code,
            ZoneFeatures.draft(json, body, code, limits),
            new ZoneService.Change(reason, null));
    return ResponseEntity.created(URI.create("/api/plans/" + planId + "/zones/" + code))
        .contentType(GEO_JSON)
        .eTag(ZoneETags.format(created.version()))
        .body(ZoneFeatures.feature(json, created.zone(), created.version()));
  }

  @PutMapping("/{planId}/zones/{code}")
  ResponseEntity<ObjectNode> replace(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestParam(required = false) String reason,
      @RequestBody JsonNode body) {
    service.zone(planId, code);
    Integer expected = ZoneETags.requireIfMatch(ifMatch, code);
    VersionedZone written =
        service.replaceVersioned(
            planId,
            code,
            ZoneFeatures.draft(json, body, code, limits),
            expected,
            new ZoneService.Change(reason, null));
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .eTag(ZoneETags.format(written.version()))
        .body(ZoneFeatures.feature(json, written.zone(), written.version()));
  }

  @DeleteMapping("/{planId}/zones/{code}")
  ResponseEntity<Void> delete(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestParam(required = false) String reason) {
    service.zone(planId, code);
    Integer expected = ZoneETags.requireIfMatch(ifMatch, code);
    service.delete(planId, code, expected, new ZoneService.Change(reason, null));
    return ResponseEntity.noContent().build();
  }

  /** Every version of the zone, oldest first (without geometry). */
  @GetMapping("/{planId}/zones/{code}/history")
  List<Map<String, Object>> history(@PathVariable String planId, @PathVariable String code) {
    return service.history(planId, code).stream().map(ZoneController::historyItem).toList();
  }

  /** One earlier version as a Feature. */
  @GetMapping("/{planId}/zones/{code}/history/{version}")
  ResponseEntity<ObjectNode> historyVersion(
      @PathVariable String planId, @PathVariable String code, @PathVariable int version) {
    ZoneHistoryEntry entry = service.historyEntry(planId, code, version);
    if (entry.zone() == null) {
      throw ApiProblem.notFound(
              "zone-version", "version " + version + " of zone \"" + code + "\" is its deletion")
          .with("code", code)
          .with("version", version);
    }
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(ZoneFeatures.feature(json, entry.zone(), version));
  }

  /** Makes version {@code version} current again, as a new recorded change. */
  @PostMapping("/{planId}/zones/{code}/restore")
  ResponseEntity<ObjectNode> restore(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam int version,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestParam(required = false) String reason) {
    service.plan(planId);
    boolean exists = service.versions(planId).containsKey(code);
    // A deleted zone has nothing to overwrite: no If-Match needed to bring it back.
    Integer expected = exists ? ZoneETags.requireIfMatch(ifMatch, code) : null;
    VersionedZone restored =
        service.restoreVersioned(
            planId, code, version, expected, new ZoneService.Change(reason, null));
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .eTag(ZoneETags.format(restored.version()))
        .body(ZoneFeatures.feature(json, restored.zone(), restored.version()));
  }

  /** What changed between two versions: geometry added and removed, and the area delta. */
  @GetMapping("/{planId}/zones/{code}/diff")
  Map<String, Object> diff(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam int from,
      @RequestParam int to) {
    Zone before = existing(service.historyEntry(planId, code, from));
    Zone after = existing(service.historyEntry(planId, code, to));
    Geometry added =
        OverlayNGRobust.overlay(after.geometry(), before.geometry(), OverlayNG.DIFFERENCE);
    Geometry removed =
        OverlayNGRobust.overlay(before.geometry(), after.geometry(), OverlayNG.DIFFERENCE);
    MultiPolygon addedPolygons = GeoJson.toMultiPolygon(added);
    MultiPolygon removedPolygons = GeoJson.toMultiPolygon(removed);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("planId", planId);
    body.put("code", code);
    body.put("from", from);
    body.put("to", to);
    body.put("areaBefore", AreaJson.of(before.area()));
    body.put("areaAfter", AreaJson.of(after.area()));
    body.put("deltaM2", after.area().squareMetres() - before.area().squareMetres());
    body.put("deltaKm2", after.area().km2() - before.area().km2());
    body.put("addedM2", EllipsoidalArea.squareMetres(addedPolygons));
    body.put("removedM2", EllipsoidalArea.squareMetres(removedPolygons));
    body.put("added", GeoJson.write(addedPolygons));
    body.put("removed", GeoJson.write(removedPolygons));
    return body;
  }

  @GetMapping("/{planId}/tree")
  Map<String, Object> tree(@PathVariable String planId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plan", service.plan(planId));
    body.put("roots", service.tree(planId).stream().map(ZoneController::treeNode).toList());
    return body;
  }

  /**
   * The tree as .xlsx: one row per zone, depth first (as the page lists it), with its own area and
   * the roll-up (area of the union of the zone and all zones below it) in m², 亩 and km².
   */
  @GetMapping("/{planId}/tree.xlsx")
  ResponseEntity<byte[]> treeXlsx(@PathVariable String planId) {
    PlanVersion plan = service.plan(planId);
    List<ZoneNode> roots = service.tree(planId);
    return XlsxDownload.of(
        "区块树-" + XlsxDownload.namePart(planId) + ".xlsx",
        w -> {
          w.sheet(
              "区块树",
              List.of(
                  "区块代码",
                  "区块名称",
                  "类型",
                  "上级区块",
                  "层级",
                  "本级面积(m²)",
                  "本级面积(亩)",
                  "本级面积(km²)",
                  "汇总面积(m²)",
                  "汇总面积(亩)",
                  "汇总面积(km²)"));
          for (ZoneNode root : roots) {
            treeRows(w, root, null, 0);
          }
          w.sheet("说明", List.of("项目", "数值"));
          w.row(List.of("规划版本", plan.id() + " " + plan.name()));
          w.row(List.of("汇总面积", "本级与全部下级区块的并集面积(椭球面积),重叠部分只计一次"));
        });
  }

  private static void treeRows(XlsxTableWriter w, ZoneNode node, String parent, int depth) {
    Zone zone = node.zone();
    AreaJson own = AreaJson.of(zone.area());
    AreaJson rolled = AreaJson.of(node.rolledUp());
    w.row(
        Arrays.asList(
            zone.code(),
            zone.name(),
            zone.kind().nameZh(),
            parent,
            depth,
            own.areaM2(),
            own.areaMu(),
            own.areaKm2(),
            rolled.areaM2(),
            rolled.areaMu(),
            rolled.areaKm2()));
    for (ZoneNode child : node.children()) {
      treeRows(w, child, zone.code(), depth + 1);
    }
  }

  private static Zone existing(ZoneHistoryEntry entry) {
    if (entry.zone() == null) {
      throw ApiProblem.invalid(
              "deleted-version",
              "version " + entry.version() + " of zone \"" + entry.code() + "\" is its deletion")
          .with("version", entry.version());
    }
    return entry.zone();
  }

  private static Map<String, Object> historyItem(ZoneHistoryEntry e) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("version", e.version());
    item.put("operation", e.operation());
    item.put("changedBy", e.changedBy());
    item.put("changedAt", e.changedAt().toString());
    item.put("reason", e.reason());
    item.put("proposalId", e.proposalId());
    item.put("name", e.zone() == null ? null : e.zone().name());
    item.put("area", e.zone() == null ? null : AreaJson.of(e.zone().area()));
    return item;
  }

  private static OffsetDateTime instant(String asOf) {
    try {
      return OffsetDateTime.parse(asOf);
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid(
              "invalid-asof",
              "asOf must be an ISO-8601 date-time with offset, e.g. 2024-05-01T12:00:00+08:00; was "
                  + asOf)
          .with("asOf", asOf);
    }
  }

  private static Map<String, Object> treeNode(ZoneNode node) {
    Zone zone = node.zone();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", zone.code());
    out.put("name", zone.name());
    out.put("kind", zone.kind());
    out.put("managedBy", zone.managedBy());
    out.put("area", AreaJson.of(zone.area()));
    out.put("rolledUp", AreaJson.of(node.rolledUp()));
    out.put("children", node.children().stream().map(ZoneController::treeNode).toList());
    return out;
  }
}
