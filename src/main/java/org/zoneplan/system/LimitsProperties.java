package org.zoneplan.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.zoneplan.geo.GeometryLimits;

/**
 * Bounds on every request ({@code zoneplan.limits.*}); docs/operations.md, Limits, lists them all.
 *
 * @param maxBodySize largest request body of any endpoint but the import (default 8 MB: a
 *     100,000-vertex zone written by zoneplan's own GeoJSON export is about 4 MB)
 * @param maxImportBodySize largest request body of {@code POST /api/import} (default 210 MB, as
 *     {@code spring.servlet.multipart.max-request-size})
 * @param maxVertices most vertices of one geometry (default 100,000)
 * @param maxParts most polygons of one geometry (default 1,000)
 * @param maxHoles most holes of one geometry (default 1,000)
 * @param analysisTimeout longest an analysis request may compute before it is stopped and answered
 *     503 (default 30 s)
 * @param statementTimeout longest one SQL statement may run on either store before the engine
 *     cancels it, answered 503 (default 30 s)
 */
@ConfigurationProperties("zoneplan.limits")
public record LimitsProperties(
    DataSize maxBodySize,
    DataSize maxImportBodySize,
    Integer maxVertices,
    Integer maxParts,
    Integer maxHoles,
    Duration analysisTimeout,
    Duration statementTimeout) {
  public LimitsProperties {
    maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(8) : maxBodySize;
    maxImportBodySize = maxImportBodySize == null ? DataSize.ofMegabytes(210) : maxImportBodySize;
    maxVertices = maxVertices == null ? GeometryLimits.DEFAULT.maxVertices() : maxVertices;
    maxParts = maxParts == null ? GeometryLimits.DEFAULT.maxParts() : maxParts;
    maxHoles = maxHoles == null ? GeometryLimits.DEFAULT.maxHoles() : maxHoles;
    analysisTimeout = analysisTimeout == null ? Duration.ofSeconds(30) : analysisTimeout;
    statementTimeout = statementTimeout == null ? Duration.ofSeconds(30) : statementTimeout;
    if (statementTimeout.toMillis() < 1 || analysisTimeout.toMillis() < 1) {
      throw new IllegalArgumentException(
          "zoneplan.limits.analysis-timeout and statement-timeout must be at least 1 ms");
    }
  }

  public GeometryLimits geometry() {
    return new GeometryLimits(maxVertices, maxParts, maxHoles);
  }
}
