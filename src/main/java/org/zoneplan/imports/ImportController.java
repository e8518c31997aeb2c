package org.zoneplan.imports;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.zoneplan.system.ApiProblem;

/**
 * {@code POST /api/import} (multipart/form-data): parts {@code file} (a zipped shapefile, a
 * GeoPackage or a GeoJSON file), {@code layer} (zones, parcels, divisions), {@code plan} (for
 * zones), {@code dryRun}, and optional {@code encoding} and {@code crs} overrides. Answers the
 * {@link ImportReport}; a real run that cannot take every feature answers 422 with the report and
 * writes nothing. The size limit is {@code spring.servlet.multipart.max-file-size}.
 */
@RestController
class ImportController {
  private final ImportService imports;

  ImportController(ImportService imports) {
    this.imports = imports;
  }

  @PostMapping(path = "/api/import", consumes = "multipart/form-data")
  ImportReport importFile(
      @RequestParam(required = false) MultipartFile file,
      @RequestParam(required = false) String layer,
      @RequestParam(required = false) String plan,
      @RequestParam(required = false) String dryRun,
      @RequestParam(required = false) String encoding,
      @RequestParam(required = false) String crs,
      @RequestParam(required = false) String mode,
      @RequestParam(required = false) String year)
      throws IOException {
    if (file == null || file.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "missing-file",
          "Invalid request",
          "the multipart part \"file\" is required");
    }
    ImportRequest request;
    try {
      request = ImportRequest.parse(layer, plan, dryRun, encoding, crs, mode, year);
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", e.getMessage());
    }
    try (InputStream in = file.getInputStream()) {
      return imports.importFile(in, file.getOriginalFilename(), request);
    }
  }
}
