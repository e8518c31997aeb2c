package org.zoneplan.analysis;

import org.springframework.http.HttpStatus;
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
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * Spatial analysis of plan versions: overlaps and coverage, the industrial-land concentration
 * ratio, scattered industrial land, per-亩 efficiency, attribution by division, plan comparison,
 * what-if and indicators. Read-only: nothing here writes to the store.
 *
 * <p>{@code division} is an administrative division code (a county with an outline); without it the
 * county holding most of the plan's zones is used. {@code includeStorage} overrides {@code
 * zoneplan.analysis.include-storage}. Each endpoint answers one report's records, written by
 * Jackson.
 */
@RestController
@RequestMapping("/api")
class AnalysisController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

  private final OverlapReport overlapReport;
  private final ConcentrationReport concentrationReport;
  private final ScatteredLandReport scatteredLandReport;
  private final EfficiencyReport efficiencyReport;
  private final AttributionReport attributionReport;
  private final PlanComparisonReport comparisonReport;
  private final WhatIfReport whatIfReport;
  private final IndicatorsReport indicatorsReport;

  private final GeometryLimits limits;

  AnalysisController(
      OverlapReport overlapReport,
      ConcentrationReport concentrationReport,
      ScatteredLandReport scatteredLandReport,
      EfficiencyReport efficiencyReport,
      AttributionReport attributionReport,
      PlanComparisonReport comparisonReport,
      WhatIfReport whatIfReport,
      IndicatorsReport indicatorsReport,
      GeometryLimits limits) {
    this.overlapReport = overlapReport;
    this.concentrationReport = concentrationReport;
    this.scatteredLandReport = scatteredLandReport;
    this.efficiencyReport = efficiencyReport;
    this.attributionReport = attributionReport;
    this.comparisonReport = comparisonReport;
    this.whatIfReport = whatIfReport;
    this.indicatorsReport = indicatorsReport;
    this.limits = limits;
  }

  @GetMapping("/plans/{planId}/overlaps")
  ResponseEntity<OverlapReport.Result> overlaps(
      @PathVariable String planId, @RequestParam(required = false) Double tolerance) {
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(overlapReport.overlaps(planId, tolerance));
  }

  @GetMapping("/plans/{planId}/concentration")
  ConcentrationReport.Result concentration(
      @PathVariable String planId,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    return concentrationReport.concentration(planId, blankToNull(division), includeStorage);
  }

  @GetMapping("/plans/{planId}/scattered")
  ResponseEntity<ScatteredLandReport.Result> scattered(
      @PathVariable String planId,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage,
      @RequestParam(defaultValue = "true") boolean geometry) {
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(
            scatteredLandReport.scattered(planId, blankToNull(division), includeStorage, geometry));
  }

  @GetMapping("/plans/{planId}/efficiency")
  EfficiencyReport.Result efficiency(
      @PathVariable String planId,
      @RequestParam(required = false) String zone,
      @RequestParam(required = false) Boolean includeStorage,
      @RequestParam(defaultValue = "true") boolean parcels,
      @RequestParam(required = false) String year) {
    return efficiencyReport.efficiency(
        planId, includeStorage, blankToNull(zone), parcels, year(year));
  }

  @GetMapping("/plans/{planId}/attribution")
  AttributionReport.Result attribution(
      @PathVariable String planId,
      @RequestParam(required = false) String level,
      @RequestParam(required = false) Boolean includeStorage) {
    return attributionReport.attribution(planId, blankToNull(level), includeStorage);
  }

  @GetMapping("/compare")
  PlanComparisonReport.Result compare(
      @RequestParam String from,
      @RequestParam String to,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    return comparisonReport.compare(from, to, blankToNull(division), includeStorage);
  }

  @PostMapping("/plans/{planId}/zones/{code}/what-if")
  WhatIfReport.Result whatIf(
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
    return whatIfReport.whatIf(planId, code, body, blankToNull(division), includeStorage);
  }

  @GetMapping("/plans/{planId}/indicators")
  IndicatorsReport.Result indicators(
      @PathVariable String planId,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage,
      @RequestParam(required = false) String year) {
    return indicatorsReport.indicators(planId, blankToNull(division), includeStorage, year(year));
  }

  /** Earliest and latest statistics year a report may be asked for. */
  static final int FIRST_YEAR = 1949;

  static final int LAST_YEAR = 2100;

  /** The {@code year} parameter: absent or blank is null (the latest year held). */
  private static Integer year(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    int y;
    try {
      y = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "invalid-year",
              "Invalid parameter",
              "year must be a whole number, was \"" + text + "\"")
          .with("parameter", "year");
    }
    if (y < FIRST_YEAR || y > LAST_YEAR) {
      throw new ApiProblem(
              HttpStatus.BAD_REQUEST,
              "invalid-year",
              "Invalid parameter",
              "year must be from " + FIRST_YEAR + " to " + LAST_YEAR + ", was " + y)
          .with("parameter", "year");
    }
    return y;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
