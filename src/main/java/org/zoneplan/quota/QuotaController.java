package org.zoneplan.quota;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.XlsxDownload;

/**
 * The land-quota ledger (新增建设用地指标, 亩): balances and entries to read (VIEWER), grants, allocations,
 * consumptions and reversals to append (LAND_BUREAU, ADMIN; rules in {@code
 * security.SecurityConfiguration}). There is no endpoint that changes or removes an entry.
 */
@RestController
@RequestMapping("/api/quota")
class QuotaController {
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;

  private final QuotaService service;

  QuotaController(QuotaService service) {
    this.service = service;
  }

  /**
   * Balances of a body and/or year; as .xlsx with {@code format=xlsx} or an {@code Accept} naming
   * the .xlsx type.
   */
  @GetMapping("/balances")
  ResponseEntity<?> balances(
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) String body,
      @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
    boolean xlsx = XlsxDownload.asked(format, accept, "json");
    List<QuotaBalance> balances = service.balances(body, year);
    if (!xlsx) {
      return ResponseEntity.ok(balances);
    }
    return XlsxDownload.of(
        "用地指标余额" + (year == null ? "" : "-" + year) + ".xlsx",
        w -> {
          w.sheet("指标余额", List.of("主体", "年度", "下达(亩)", "已分配(亩)", "已使用(亩)", "可分配(亩)", "已分配未使用(亩)"));
          for (QuotaBalance b : balances) {
            w.row(
                List.of(
                    b.body(),
                    b.year(),
                    b.grantedMu(),
                    b.allocatedMu(),
                    b.consumedMu(),
                    b.availableMu(),
                    b.unusedAllocatedMu()));
          }
        });
  }

  /** Entries oldest first, at most {@code limit} (default 1,000, at most 10,000). */
  @GetMapping("/ledger")
  List<QuotaEntry> ledger(
      @RequestParam(required = false) String body,
      @RequestParam(required = false) Integer year,
      @RequestParam(required = false) Integer limit) {
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw ApiProblem.invalid("invalid-limit", "limit must be 1–" + MAX_LIMIT + ", was " + n)
          .with("limit", n);
    }
    return service.ledger(body, year, n);
  }

  /** {@code {"body", "year", "areaMu", "reason", "source"}} */
  @PostMapping("/grants")
  ResponseEntity<WrittenView> grant(@RequestBody QuotaService.Request request) {
    return created(service.grant(request));
  }

  /**
   * {@code {"body", "year", "areaMu", "projectId", "reason", "source"}}; 409 beyond the balance.
   */
  @PostMapping("/allocations")
  ResponseEntity<WrittenView> allocate(@RequestBody QuotaService.Request request) {
    return created(service.allocate(request));
  }

  /**
   * {@code {"body", "year", "areaMu", "projectId", "parcelId", "reason", "source"}}; 409 beyond
   * what the project was allocated.
   */
  @PostMapping("/consumptions")
  ResponseEntity<WrittenView> consume(@RequestBody QuotaService.Request request) {
    return created(service.consume(request));
  }

  /** {@code {"entryId", "reason"}}: undoes one entry by a new one. */
  @PostMapping("/reversals")
  ResponseEntity<WrittenView> reverse(@RequestBody QuotaService.Request request) {
    return created(service.reverse(request));
  }

  private static ResponseEntity<WrittenView> created(QuotaService.Written written) {
    return ResponseEntity.created(
            URI.create("/api/quota/ledger?body=" + encode(written.entry().body())))
        .body(new WrittenView(written.entry(), written.balance()));
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A written entry and the balance it leaves. */
  record WrittenView(QuotaEntry entry, QuotaBalance balance) {}
}
