package org.zoneplan.exports;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.ApiProblem;

/**
 * {@code GET /api/plans/{planId}/export?layer=zones&format=shapefile&crs=EPSG:4490&encoding=GBK
 * &unit=mu&schema=survey}: a layer as a file download. Parameters are checked, and shapefiles and
 * GeoPackages written, before the response starts, so mistakes are problem details; the body is
 * then streamed.
 */
@RestController
class ExportController {
  private final ExportService exports;

  ExportController(ExportService exports) {
    this.exports = exports;
  }

  @GetMapping("/api/plans/{planId}/export")
  void export(
      @PathVariable String planId,
      @RequestParam(required = false) String layer,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String crs,
      @RequestParam(required = false) String encoding,
      @RequestParam(required = false) String unit,
      @RequestParam(required = false) String schema,
      HttpServletResponse response)
      throws IOException {
    ExportRequest request;
    try {
      request = ExportRequest.parse(planId, layer, format, crs, encoding, unit, schema);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", e.getMessage());
    }
    ExportService.Prepared prepared = exports.prepare(request);
    String type = request.format().mediaType();
    if (request.format() == ExportFormat.CSV) {
      type += "; charset=" + request.encoding().name();
    }
    response.setContentType(type);
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        ContentDisposition.attachment()
            .filename(request.fileName(), StandardCharsets.UTF_8)
            .build()
            .toString());
    prepared.writeTo(response.getOutputStream());
  }
}
