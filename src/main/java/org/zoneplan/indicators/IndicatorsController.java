package org.zoneplan.indicators;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.JsonBodies;
import org.zoneplan.system.XlsxDownload;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zone indicators by year and quarter, their time series and .xlsx table (read: anyone signed in),
 * and targets (read: anyone signed in; write: ADMIN, see {@code SecurityConfiguration}). Runs under
 * the analysis deadline ({@code analysis.AnalysisDeadlines}).
 */
@RestController
class IndicatorsController {
  /** Largest target list accepted, in bytes of UTF-8 JSON. */
  static final int MAX_TARGET_BYTES = 2 << 20;

  static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final ZoneIndicatorsReport report;
  private final TargetService targets;
  private final JsonMapper json;

  IndicatorsController(ZoneIndicatorsReport report, TargetService targets, JsonMapper json) {
    this.report = report;
    this.targets = targets;
    this.json = json;
  }

  @GetMapping("/api/plans/{planId}/indicators/yearly")
  ZoneIndicatorsReport.Result yearly(
      @PathVariable String planId,
      @RequestParam int year,
      @RequestParam(required = false) Integer quarter,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    return report.yearly(planId, year, quarter, division, includeStorage);
  }

  @GetMapping("/api/plans/{planId}/indicators/yearly.xlsx")
  ResponseEntity<byte[]> yearlyXlsx(
      @PathVariable String planId,
      @RequestParam int year,
      @RequestParam(required = false) Integer quarter,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    ZoneIndicatorsReport.Result r = report.yearly(planId, year, quarter, division, includeStorage);
    // A few hundred rows: written to memory, then sent with its length.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      report.writeXlsx(r, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = "区块指标-" + planId + "-" + r.period() + ".xlsx";
    return ResponseEntity.ok()
        .contentType(XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(name, StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(out.toByteArray());
  }

  @GetMapping("/api/plans/{planId}/zones/{code}/indicators/series")
  ZoneIndicatorsReport.Series series(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    return report.series(planId, code, division, includeStorage);
  }

  /**
   * The time series of a zone as .xlsx: the rows of {@link #series}, one per year and indicator.
   */
  @GetMapping("/api/plans/{planId}/zones/{code}/indicators/series.xlsx")
  ResponseEntity<byte[]> seriesXlsx(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam(required = false) String division,
      @RequestParam(required = false) Boolean includeStorage) {
    ZoneIndicatorsReport.Series s = report.series(planId, code, division, includeStorage);
    return XlsxDownload.of(
        "历年指标-" + XlsxDownload.namePart(s.name()) + "-" + XlsxDownload.namePart(code) + ".xlsx",
        w -> report.writeSeriesXlsx(s, w));
  }

  @GetMapping("/api/indicators/city-targets")
  List<Target> cityTargets() {
    return targets.cityTargets();
  }

  /** Upserts city targets (ADMIN); body: a JSON array, see {@link TargetService}. */
  @PutMapping("/api/indicators/city-targets")
  List<Target> writeCityTargets(HttpServletRequest request) {
    return targets.writeCityTargets(JsonBodies.read(request, json, MAX_TARGET_BYTES));
  }

  @GetMapping("/api/plans/{planId}/indicators/targets")
  List<Target> zoneTargets(@PathVariable String planId) {
    return targets.zoneTargets(planId);
  }

  /** Upserts the plan's zone targets (ADMIN); body: a JSON array, see {@link TargetService}. */
  @PutMapping("/api/plans/{planId}/indicators/targets")
  List<Target> writeZoneTargets(@PathVariable String planId, HttpServletRequest request) {
    return targets.writeZoneTargets(planId, JsonBodies.read(request, json, MAX_TARGET_BYTES));
  }
}
