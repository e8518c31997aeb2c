package org.zoneplan.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.XlsxDownload;

/**
 * The PDF report of a zone and the atlas of a plan version ({@code paper=A4|A3}, {@code
 * orientation=portrait|landscape}, {@code scale=2000…50000|fit}, {@code year=}). Both are written
 * in full before anything is sent: a zone's report in memory (a few hundred kB), the atlas to a
 * private temporary file streamed afterwards, so a failure is a problem answer, never half a PDF.
 */
@RestController
class ReportController {
  /** Atlases printed at once; more wait for none and get 503 (each holds a CPU for seconds). */
  static final int CONCURRENT_ATLASES = 2;

  private final ReportService reports;
  private final Semaphore atlases = new Semaphore(CONCURRENT_ATLASES);

  ReportController(ReportService reports) {
    this.reports = reports;
  }

  @GetMapping("/api/plans/{planId}/zones/{code}/report.pdf")
  ResponseEntity<byte[]> zone(
      @PathVariable String planId,
      @PathVariable String code,
      @RequestParam(required = false) String paper,
      @RequestParam(required = false) String orientation,
      @RequestParam(required = false) String scale,
      @RequestParam(required = false) Integer year) {
    ReportOptions options = options(paper, orientation, scale, year);
    reports.checkZone(planId, code);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    reports.zoneReport(planId, code, options, out);
    return pdf("区块报告-" + XlsxDownload.namePart(planId) + "-" + XlsxDownload.namePart(code))
        .body(out.toByteArray());
  }

  @GetMapping("/api/plans/{planId}/atlas.pdf")
  ResponseEntity<StreamingResponseBody> atlas(
      @PathVariable String planId,
      @RequestParam(required = false) String paper,
      @RequestParam(required = false) String orientation,
      @RequestParam(required = false) String scale,
      @RequestParam(required = false) Integer year)
      throws IOException {
    ReportOptions options = options(paper, orientation, scale, year);
    reports.checkPlan(planId);
    if (!atlases.tryAcquire()) {
      throw new ApiProblem(
              HttpStatus.SERVICE_UNAVAILABLE,
              "atlas-busy",
              "Busy",
              CONCURRENT_ATLASES + " atlases are being printed; try again shortly")
          .with("concurrentAtlases", CONCURRENT_ATLASES);
    }
    Path file = Files.createTempFile("zoneplan-atlas-", ".pdf");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        reports.atlas(planId, options, out);
      }
    } catch (RuntimeException | IOException e) {
      Files.deleteIfExists(file);
      throw e;
    } finally {
      atlases.release();
    }
    long length = Files.size(file);
    StreamingResponseBody body =
        out -> {
          try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
          } finally {
            Files.deleteIfExists(file);
          }
        };
    return pdf("区块图集-" + XlsxDownload.namePart(planId)).contentLength(length).body(body);
  }

  private static ReportOptions options(
      String paper, String orientation, String scale, Integer year) {
    try {
      ReportFonts.get();
    } catch (IllegalStateException e) {
      // The server lacks fonts-noto-cjk: say so rather than print boxes or fail later.
      throw new ApiProblem(
          HttpStatus.SERVICE_UNAVAILABLE, "report-font-missing", "Unavailable", e.getMessage());
    }
    try {
      return ReportOptions.parse(paper, orientation, scale, year);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid("report-options", e.getMessage());
    }
  }

  private static ResponseEntity.BodyBuilder pdf(String name) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(name + ".pdf", StandardCharsets.UTF_8)
                .build()
                .toString());
  }
}
