package org.zoneplan.operations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.AnalysisInputs;

/**
 * Part of the readiness probe ({@code /actuator/health/readiness}): out of service until the
 * analysis has warmed up at start (the parcel index built), so that a replica behind a load
 * balancer gets traffic only when its first analysis request is as fast as the others. The store is
 * migrated before the application is ready at all (Flyway runs while it starts).
 */
@Component("analysisWarmUp")
class AnalysisReadiness implements HealthIndicator {
  private final AnalysisInputs analysis;

  AnalysisReadiness(AnalysisInputs analysis) {
    this.analysis = analysis;
  }

  @Override
  public Health health() {
    return analysis.warmedUp() ? Health.up().build() : Health.outOfService().build();
  }
}
