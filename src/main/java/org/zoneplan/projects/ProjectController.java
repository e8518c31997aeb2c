package org.zoneplan.projects;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.BboxParameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Projects: the map layer and list as GeoJSON ({@code GET /api/projects?bbox=&planId=&zone=&year=};
 * no vector tiles: the {@code tiles} package encodes polygons only), one project, figures by zone,
 * division or year, a new project (GeoJSON Feature), and the table import and export (.xlsx, CSV).
 */
@RestController
@RequestMapping("/api/projects")
class ProjectController {
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
  static final int MAX_LIMIT = 10_000;

  private final ProjectService service;
  private final ProjectImportService tables;
  private final GeometryLimits limits;

  ProjectController(ProjectService service, ProjectImportService tables, GeometryLimits limits) {
    this.service = service;
    this.tables = tables;
    this.limits = limits;
  }

  @GetMapping
  ResponseEntity<ObjectNode> layer(
      @RequestParam(required = false) String bbox,
      @RequestParam(required = false) String planId,
      @RequestParam(required = false) String zone,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) Integer limit) {
    int n = limit == null ? MAX_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw ApiProblem.invalid("invalid-limit", "limit must be 1–" + MAX_LIMIT + ", was " + n)
          .with("limit", n);
    }
    List<ProjectService.Listed> listed =
        service.list(BboxParameter.parse(bbox), blankToNull(planId), blankToNull(zone), year, n);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("type", "FeatureCollection");
    var features = body.putArray("features");
    listed.forEach(l -> features.add(ProjectJson.feature(l.project(), l.zones(), l.via())));
    body.put("numberReturned", listed.size());
    return ResponseEntity.ok().contentType(GEO_JSON).body(body);
  }

  @GetMapping("/{id}")
  ResponseEntity<ObjectNode> project(@PathVariable long id) {
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(ProjectJson.feature(service.project(id), null, null));
  }

  /** {@code by=zone&planId=…}, {@code by=division} or {@code by=year}; {@code year} optional. */
  @GetMapping("/figures")
  Map<String, Object> figures(
      @RequestParam(required = false) String by,
      @RequestParam(required = false) String planId,
      @RequestParam(required = false) Integer year) {
    return service.figures(by, blankToNull(planId), year);
  }

  @PostMapping
  ResponseEntity<ObjectNode> create(@RequestBody JsonNode body) {
    Project draft;
    try {
      draft = ProjectJson.read(body, limits);
    } catch (FieldProblem e) {
      throw ProjectService.problem(e);
    }
    Project created = service.create(draft);
    return ResponseEntity.created(URI.create("/api/projects/" + created.id()))
        .contentType(GEO_JSON)
        .body(ProjectJson.feature(created, null, null));
  }

  /** Replaces the project with the Feature sent (e.g. a stage reached); 404 when unknown. */
  @PutMapping("/{id}")
  ResponseEntity<ObjectNode> replace(@PathVariable long id, @RequestBody JsonNode body) {
    service.project(id);
    Project draft;
    try {
      draft = ProjectJson.read(body, limits);
    } catch (FieldProblem e) {
      throw ProjectService.problem(e);
    }
    return ResponseEntity.ok()
        .contentType(GEO_JSON)
        .body(ProjectJson.feature(service.replace(id, draft), null, null));
  }

  /**
   * multipart/form-data: {@code file} (.xlsx or .csv), {@code planId} (the plan version of bare
   * zone codes in 所在区块), {@code dryRun}, {@code format} (when the file name does not say).
   */
  @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ProjectImportService.Report> importTable(
      @RequestParam(required = false) MultipartFile file,
      @RequestParam(required = false) String planId,
      @RequestParam(required = false) String dryRun,
      @RequestParam(required = false) String format)
      throws IOException {
    if (file == null || file.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "missing-file",
          "Missing file",
          "the multipart part \"file\" (.xlsx or .csv) is required");
    }
    boolean dry = dryRun != null && !dryRun.equalsIgnoreCase("false") && !dryRun.equals("0");
    ProjectImportService.Format f =
        ProjectImportService.Format.of(format, file.getOriginalFilename());
    try (InputStream in = file.getInputStream()) {
      ProjectImportService.Report report = tables.importTable(in, f, planId, dry);
      return ResponseEntity.status(dry ? HttpStatus.OK : HttpStatus.CREATED).body(report);
    }
  }

  /** {@code format=xlsx} (default) or {@code csv}: every project, headers as the import's. */
  @GetMapping("/export")
  ResponseEntity<StreamingResponseBody> export(
      @RequestParam(required = false, defaultValue = "xlsx") String format) {
    ProjectImportService.Format f = ProjectImportService.Format.of(format, null);
    boolean xlsx = f == ProjectImportService.Format.XLSX;
    tables.auditExport(f);
    return ResponseEntity.ok()
        .contentType(
            xlsx
                ? MediaType.parseMediaType(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : MediaType.parseMediaType("text/csv;charset=UTF-8"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"projects." + (xlsx ? "xlsx" : "csv") + "\"")
        .body(out -> tables.export(f, out));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
