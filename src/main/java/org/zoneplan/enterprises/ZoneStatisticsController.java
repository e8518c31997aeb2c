package org.zoneplan.enterprises;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.ZoneRepository;

/**
 * {@code GET /api/plans/{planId}/zone-statistics?year=&zone=}: the figures published only as zone
 * totals (imported as the table {@code zone-statistics}), by zone, year and indicator.
 */
@RestController
class ZoneStatisticsController {
  private final EnterpriseRepository enterprises;
  private final ZoneRepository zones;

  ZoneStatisticsController(EnterpriseRepository enterprises, ZoneRepository zones) {
    this.enterprises = enterprises;
    this.zones = zones;
  }

  @GetMapping("/api/plans/{planId}/zone-statistics")
  List<ZoneStatistic> list(
      @PathVariable String planId,
      @RequestParam(required = false) String year,
      @RequestParam(required = false) String zone) {
    if (zones.findPlan(planId).isEmpty()) {
      throw ApiProblem.notFound("plan", "no plan version " + planId);
    }
    Integer y = null;
    if (year != null && !year.isBlank()) {
      try {
        y = Integer.valueOf(year.strip());
      } catch (NumberFormatException e) {
        throw new ApiProblem(
                HttpStatus.BAD_REQUEST,
                "invalid-parameter",
                "Invalid request",
                "year must be a whole number, was \"" + year + "\"")
            .with("parameter", "year");
      }
    }
    Integer wanted = y;
    return enterprises.zoneStatistics(planId).stream()
        .filter(s -> wanted == null || s.year() == wanted)
        .filter(s -> zone == null || s.zoneCode().equals(zone))
        .toList();
  }
}
