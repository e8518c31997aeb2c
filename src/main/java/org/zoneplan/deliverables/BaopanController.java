package org.zoneplan.deliverables;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.zoneplan.codecs.BaopanFile;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.proposals.Proposal;
import org.zoneplan.proposals.ProposalStatus;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.AreaJson;
import org.zoneplan.system.XlsxDownload;
import org.zoneplan.zones.VersionedZone;
import org.zoneplan.zones.ZoneETags;
import org.zoneplan.zones.ZoneFeatures;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The 报盘 coordinate file: {@code GET …/zones/{code}/baopan.txt} and {@code GET
 * /api/plans/{planId}/baopan.txt} (GBK), and its import {@code POST …/zones/{code}/baopan} (the
 * file is the zone's new geometry) and {@code POST /api/plans/{planId}/baopan} (each 地块编号 is a zone
 * code), the file as multipart part {@code file} or as the request body, with {@code mode=dry-run}
 * (default: the GeoJSON, nothing written), {@code replace} (zone only, If-Match) or {@code
 * proposal} (a draft proposal; {@code title}, {@code reason}).
 */
@RestController
class BaopanController {
  static final MediaType TEXT_GBK = MediaType.parseMediaType("text/plain;charset=GBK");

  private final BaopanService service;
  private final JsonMapper json;

  BaopanController(BaopanService service, JsonMapper json) {
    this.service = service;
    this.json = json;
  }

  @GetMapping("/api/plans/{planId}/zones/{code}/baopan.txt")
  ResponseEntity<byte[]> zoneFile(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam(required = false) String epsg,
      @RequestParam(required = false) String prefix,
      @RequestParam(required = false) String producer) {
    return text(
        planId + "-" + code + "-报盘.txt", service.zoneFile(planId, code, epsg, prefix, producer));
  }

  @GetMapping("/api/plans/{planId}/baopan.txt")
  ResponseEntity<byte[]> planFile(
      @PathVariable String planId,
      @RequestParam(required = false) String epsg,
      @RequestParam(required = false) String prefix,
      @RequestParam(required = false) String producer) {
    return text(planId + "-报盘.txt", service.planFile(planId, epsg, prefix, producer));
  }

  private static ResponseEntity<byte[]> text(String name, byte[] body) {
    return ResponseEntity.ok()
        .contentType(TEXT_GBK)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(XlsxDownload.namePart(name), StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(body);
  }

  @PostMapping("/api/plans/{planId}/zones/{code}/baopan")
  ResponseEntity<?> importZone(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam(required = false) String mode,
      @RequestParam(required = false) String epsg,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String reason,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      HttpServletRequest request)
      throws IOException {
    String m = mode(mode, true);
    Integer expected = m.equals("replace") ? ZoneETags.requireIfMatch(ifMatch, code) : null;
    BaopanService.Imported imported = service.read(planId, code, body(request), epsg);
    return switch (m) {
      case "replace" -> {
        VersionedZone written = service.replace(planId, code, imported, expected, reason);
        ObjectNode feature = ZoneFeatures.feature(json, written.zone());
        yield ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("application/geo+json"))
            .eTag(ZoneETags.format(written.version()))
            .body(feature);
      }
      case "proposal" -> proposal(planId, imported, ifMatch, code, title, reason);
      default -> dryRun(imported);
    };
  }

  @PostMapping("/api/plans/{planId}/baopan")
  ResponseEntity<?> importPlan(
      @PathVariable String planId,
      @RequestParam(required = false) String mode,
      @RequestParam(required = false) String epsg,
      @RequestParam(required = false) String title,
      @RequestParam(required = false) String reason,
      HttpServletRequest request)
      throws IOException {
    String m = mode(mode, false);
    BaopanService.Imported imported = service.read(planId, null, body(request), epsg);
    return m.equals("proposal")
        ? proposal(planId, imported, null, null, title, reason)
        : dryRun(imported);
  }

  private ResponseEntity<?> proposal(
      String planId,
      BaopanService.Imported imported,
      String ifMatch,
      String code,
      String title,
      String reason) {
    Integer base =
        ifMatch == null || ifMatch.isBlank() ? null : ZoneETags.requireIfMatch(ifMatch, code);
    Proposal created = service.propose(planId, imported, base, title, reason);
    return ResponseEntity.created(URI.create("/api/proposals/" + created.id()))
        .body(
            new Proposed(
                created.id(),
                created.status(),
                imported.crs().toString(),
                imported.zones().stream().map(BaopanService.ImportedZone::code).toList()));
  }

  /** The answer to a 报盘 file taken as a draft proposal. */
  record Proposed(long proposalId, ProposalStatus status, String crs, List<String> zones) {}

  private ResponseEntity<ObjectNode> dryRun(BaopanService.Imported imported) {
    ObjectNode collection = json.createObjectNode();
    collection.put("type", "FeatureCollection");
    collection.put("crs", imported.crs().toString());
    collection.put("dryRun", true);
    collection.set("attributes", json.valueToTree(imported.attributes()));
    var features = collection.putArray("features");
    for (BaopanService.ImportedZone z : imported.zones()) {
      ObjectNode feature = features.addObject();
      feature.put("type", "Feature");
      feature.put("id", z.code());
      ObjectNode properties = feature.putObject("properties");
      properties.put("code", z.code());
      properties.set("fileCodes", json.valueToTree(z.fileCodes()));
      properties.set("fileNames", json.valueToTree(z.fileNames()));
      properties.set("lines", json.valueToTree(z.lines()));
      if (z.declaredHectares() != null) {
        properties.put("declaredAreaHa", z.declaredHectares());
      }
      AreaFigures area = z.area();
      properties.setAll((ObjectNode) json.valueToTree(AreaJson.of(area)));
      feature.set("geometry", GeoJson.write(z.geometry()));
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/geo+json"))
        .body(collection);
  }

  private static String mode(String mode, boolean zone) {
    String m = mode == null || mode.isBlank() ? "dry-run" : mode.strip().toLowerCase(Locale.ROOT);
    List<String> allowed =
        zone ? List.of("dry-run", "replace", "proposal") : List.of("dry-run", "proposal");
    if (!allowed.contains(m)) {
      throw BoundaryPointTables.badParameter(
          "mode", "mode must be one of " + allowed + ", was \"" + mode + "\"");
    }
    return m;
  }

  /** The file: multipart part {@code file}, else the whole body; at most the reader's limit. */
  private static byte[] body(HttpServletRequest request) throws IOException {
    int max = BaopanFile.Limits.DEFAULT.maxBytes();
    byte[] bytes;
    if (request instanceof MultipartHttpServletRequest multipart) {
      MultipartFile file = multipart.getFile("file");
      if (file == null || file.isEmpty()) {
        throw missing();
      }
      if (file.getSize() > max) {
        throw tooLarge(max);
      }
      bytes = file.getBytes();
    } else {
      try (InputStream in = request.getInputStream()) {
        bytes = in.readNBytes(max + 1);
      }
      if (bytes.length > max) {
        throw tooLarge(max);
      }
    }
    if (bytes.length == 0) {
      throw missing();
    }
    return bytes;
  }

  private static ApiProblem missing() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "missing-file",
        "Missing file",
        "send the 报盘 file as the request body or as the multipart part \"file\"");
  }

  private static ApiProblem tooLarge(int max) {
    return new ApiProblem(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "body-too-large",
            "Request body too large",
            "the 报盘 file is larger than " + max + " bytes; nothing was written")
        .with("max", max);
  }
}
