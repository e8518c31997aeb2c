package org.zoneplan.zones;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.AreaJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Plan versions, zones as GeoJSON, and the zone hierarchy with rolled-up areas. */
@RestController
@RequestMapping("/api/plans")
class ZoneController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final ZoneService service;
  private final JsonMapper json;

  ZoneController(ZoneService service, JsonMapper json) {
    this.service = service;
    this.json = json;
  }

  @GetMapping
  List<PlanVersion> plans() {
    return service.plans();
  }

  @GetMapping("/{planId}")
  PlanVersion plan(@PathVariable String planId) {
    return service.plan(planId);
  }

  @GetMapping("/{planId}/zones")
  ResponseEntity<ObjectNode> zones(@PathVariable String planId) {
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(ZoneFeatures.collection(json, service.zones(planId)));
  }

  @GetMapping("/{planId}/zones/{code}")
  ResponseEntity<ObjectNode> zone(@PathVariable String planId, @PathVariable String code) {
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(ZoneFeatures.feature(json, service.zone(planId, code)));
  }

  @PostMapping("/{planId}/zones/{code}")
  ResponseEntity<ObjectNode> create(
      @PathVariable String planId, @PathVariable String code, @RequestBody JsonNode body) {
    Zone zone = service.create(planId, code, ZoneFeatures.draft(json, body, code));
    return ResponseEntity.created(URI.create("/api/plans/" + planId + "/zones/" + code))
        .contentType(GEO_JSON)
        .body(ZoneFeatures.feature(json, zone));
  }

  @PutMapping("/{planId}/zones/{code}")
  ResponseEntity<ObjectNode> replace(
      @PathVariable String planId, @PathVariable String code, @RequestBody JsonNode body) {
    Zone zone = service.replace(planId, code, ZoneFeatures.draft(json, body, code));
    return ResponseEntity.ok().contentType(GEO_JSON).body(ZoneFeatures.feature(json, zone));
  }

  @DeleteMapping("/{planId}/zones/{code}")
  ResponseEntity<Void> delete(@PathVariable String planId, @PathVariable String code) {
    service.delete(planId, code);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{planId}/tree")
  Map<String, Object> tree(@PathVariable String planId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plan", service.plan(planId));
    body.put("roots", service.tree(planId).stream().map(ZoneController::treeNode).toList());
    return body;
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
