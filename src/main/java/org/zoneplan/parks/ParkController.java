package org.zoneplan.parks;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.JsonBodies;
import org.zoneplan.system.XlsxDownload;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cooperation parks (特别合作园) at {@code /api/parks}: read by anyone signed in (VIEWER), written by
 * ADMIN (rules in {@code security.SecurityConfiguration}). Figures are returned exactly as stored
 * (value with its published scale, unit, period, source phrase). {@code /api/parks/assessment}
 * gives, for one period, each district's and the promoter's figures without sharing (by territory)
 * and with sharing (the park's rule).
 */
@RestController
@RequestMapping("/api/parks")
class ParkController {
  /** A park with a large boundary and 500 figures fits well within this. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  // Floats as BigDecimal, so a published 32.0 keeps its scale.
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final ParkService service;

  ParkController(ParkService service) {
    this.service = service;
  }

  /** Every park with its territorial shares, without geometry. */
  @GetMapping
  List<Map<String, Object>> parks() {
    return service.list().stream().map(p -> park(p, false)).toList();
  }

  /** Every park as a GeoJSON Feature with its boundary (for the map). */
  @GetMapping(params = "format=geojson")
  Map<String, Object> layer() {
    Map<String, Object> collection = new LinkedHashMap<>();
    collection.put("type", "FeatureCollection");
    collection.put(
        "features",
        service.list().stream()
            .map(
                p -> {
                  Map<String, Object> f = new LinkedHashMap<>();
                  f.put("type", "Feature");
                  f.put("id", p.park().id());
                  f.put("properties", park(p, false));
                  f.put("geometry", p.boundary() == null ? null : GeoJson.write(p.boundary()));
                  return f;
                })
            .toList());
    return collection;
  }

  @GetMapping("/periods")
  List<String> periods() {
    return service.periods();
  }

  /**
   * {@code ?period=2023} (a year, 2021-2023 or to-2024-06), optionally {@code &park=binfu}; as
   * .xlsx with {@code format=xlsx} or an {@code Accept} naming the .xlsx type (the page's table:
   * per district and figure, territorial and shared values; per park and figure, the published
   * value).
   */
  @GetMapping("/assessment")
  ResponseEntity<?> assessment(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) String park,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean xlsx = XlsxDownload.asked(format, accept, "json");
    if (period == null || period.isBlank()) {
      throw ApiProblem.invalid(
              "missing-parameter",
              "give ?period=, e.g. 2023 or to-2024-06 (see /api/parks/periods)")
          .with("parameter", "period");
    }
    ParkAssessment.Result r =
        service.assessment(period.strip(), park == null || park.isBlank() ? null : park);
    if (!xlsx) {
      return ResponseEntity.ok(r);
    }
    return XlsxDownload.of(
        "合作园区考核-" + XlsxDownload.namePart(r.period()) + ".xlsx",
        w -> {
          w.sheet(
              "区县",
              List.of("区县代码", "区县名称", "承接地", "发起方", "园区", "指标", "指标键", "单位", "口径", "属地值", "共享后值"));
          for (ParkAssessment.DistrictResult d : r.districts()) {
            for (ParkAssessment.BodyFigure f : d.figures()) {
              w.row(
                  Arrays.asList(
                      d.code(),
                      d.name(),
                      d.host() ? "是" : "否",
                      d.promoter() ? "是" : "否",
                      String.join("、", d.parks()),
                      f.label(),
                      f.item(),
                      f.unit(),
                      f.origin(),
                      f.territorial(),
                      f.shared()));
            }
          }
          w.sheet("园区", List.of("园区", "园区名称", "指标", "指标键", "单位", "口径", "数值", "来源原文", "说明"));
          for (ParkAssessment.ParkResult p : r.parks()) {
            for (ParkAssessment.FigureResult f : p.figures()) {
              w.row(
                  Arrays.asList(
                      p.id(),
                      p.name(),
                      f.label(),
                      f.item(),
                      f.unit(),
                      f.origin(),
                      f.value(),
                      f.sourcePhrase(),
                      f.note()));
            }
          }
          w.sheet("说明", List.of("项目", "数值"));
          w.row(List.of("期间", r.period()));
        });
  }

  @GetMapping("/{id}")
  Map<String, Object> park(@PathVariable String id) {
    return park(service.find(id), true);
  }

  @GetMapping("/{id}/figures")
  List<Map<String, Object>> figures(@PathVariable String id) {
    return service.find(id).park().figures().stream().map(ParkJson::figure).toList();
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(HttpServletRequest request) {
    ParkService.Located p = service.create(JsonBodies.read(request, JSON, MAX_BODY_BYTES));
    return ResponseEntity.created(URI.create("/api/parks/" + p.park().id())).body(park(p, true));
  }

  @PutMapping("/{id}")
  Map<String, Object> replace(@PathVariable String id, HttpServletRequest request) {
    return park(service.replace(id, JsonBodies.read(request, JSON, MAX_BODY_BYTES)), true);
  }

  @PutMapping("/{id}/figures")
  List<Map<String, Object>> replaceFigures(@PathVariable String id, HttpServletRequest request) {
    return service
        .replaceFigures(id, JsonBodies.read(request, JSON, MAX_BODY_BYTES))
        .park()
        .figures()
        .stream()
        .map(ParkJson::figure)
        .toList();
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    service.delete(id);
    return ResponseEntity.noContent().build();
  }

  private Map<String, Object> park(ParkService.Located p, boolean withGeometry) {
    Map<String, Object> m = ParkJson.write(p.park(), withGeometry, p.boundary());
    m.put("territorialShares", service.shares(p));
    return m;
  }
}
