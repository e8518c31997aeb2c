package org.zoneplan.analysis;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.geo.GeometryLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spatial analysis of plan versions: overlaps and coverage, the industrial-land concentration
 * ratio, scattered industrial land, per-亩 efficiency, attribution by division, plan comparison,
 * what-if and indicators. Read-only: nothing here writes to the store.
 *
 * <p>{@code division} is an administrative division code (a county with an outline); without it the
 * county holding most of the plan's zones is used. {@code includeStorage} overrides {@code
 * zoneplan.analysis.include-storage}.
 */
@RestController
@RequestMapping("/api")
class AnalysisController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final AnalysisService analysis;

  private final GeometryLimits limits;

  AnalysisController(AnalysisService analysis, GeometryLimits limits) {
    this.analysis = analysis;
    this.limits = limits;
  }

  @GetMapping("/plans/{planId}/overlaps")
  ResponseEntity<ObjectNode> overlaps(
      @PathVariable String planId, @RequestParam(required = false) Double tolerance) {
    return ResponseEntity.ok().contentType(GEO_JSON).body(analysis.overlaps(planId, tolerance));
  }

  @GetMapping("/plans/{planId}/concentration")
  ObjectNode concentration(
      @PathVariable String planId,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    return analysis.concentration(planId, blankToNull(division), includeStorage);
  }

  @GetMapping("/plans/{planId}/scattered")
  ResponseEntity<ObjectNode> scattered(
      @PathVariable String planId,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage,
      @RequestParam(defaultValue = "true") boolean geometry) {
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(analysis.scattered(planId, blankToNull(division), includeStorage, geometry));
  }

  @GetMapping("/plans/{planId}/efficiency")
  ObjectNode efficiency(
      @PathVariable String planId,
      @RequestParam(required = false) String zone,
      @RequestParam(required = false) Boolean includeStorage,
      @RequestParam(defaultValue = "true") boolean parcels) {
    return analysis.efficiency(planId, includeStorage, blankToNull(zone), parcels);
  }

  @GetMapping("/plans/{planId}/attribution")
  ObjectNode attribution(
      @PathVariable String planId,
      @RequestParam(required = false) String level,
      @RequestParam(required = false) Boolean includeStorage) {
    return analysis.attribution(planId, blankToNull(level), includeStorage);
  }

  @GetMapping("/compare")
  ObjectNode compare(
      @RequestParam String from,
      @RequestParam String to,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    return analysis.compare(from, to, blankToNull(division), includeStorage);
  }

  @PostMapping("/plans/{planId}/zones/{code}/what-if")
  ObjectNode whatIf(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestBody JsonNode body,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    // The proposed geometry within zoneplan.limits.* (polygons, holes, vertices) before any work.
    limits.check(
        body != null && "Feature".equals(body.path("type").asString(""))
            ? body.get("geometry")
            : body);
    return analysis.whatIf(planId, code, body, blankToNull(division), includeStorage);
  }

  @GetMapping("/plans/{planId}/indicators")
  ObjectNode indicators(
      @PathVariable String planId,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    return analysis.indicators(planId, blankToNull(division), includeStorage);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
