package org.zoneplan.audit;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.ApiProblem;

/** Reading the audit log. */
@RestController
class AuditController {
  private final AuditLog log;

  AuditController(AuditLog log) {
    this.log = log;
  }

  @GetMapping("/api/audit")
  List<AuditLog.Entry> latest(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 10_000) {
      throw ApiProblem.invalid("invalid-limit", "limit must be 1…10000, was " + limit);
    }
    return log.latest(limit);
  }
}
