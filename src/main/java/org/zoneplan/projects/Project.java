package org.zoneplan.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * An investment project (项目).
 *
 * @param id the store's id (0 before it is stored)
 * @param name Chinese name
 * @param creditCode the enterprise's unified social credit code (GB 32100-2015), or null
 * @param planId plan version of {@code zoneCode}, or null
 * @param zoneCode the zone the project is recorded in, or null (then its zone is found by location)
 * @param totalInvestmentWan total investment, 万元, or null when not known
 * @param yearlyInvestmentWan investment per year, 万元
 * @param stage the furthest stage reached
 * @param stageDates dates of stages reached (not necessarily all), in order
 * @param landingMode how it came, or null
 * @param lists the lists it is on (省千项万亿工程, 省重大项目, …), free tags
 * @param illustrative its location is made up for the map (sample data), not surveyed
 * @param location Point or MultiPolygon in EPSG:4490 (lon, lat), or null when not known
 */
public record Project(
    long id,
    String name,
    String creditCode,
    String planId,
    String zoneCode,
    BigDecimal totalInvestmentWan,
    SortedMap<Integer, BigDecimal> yearlyInvestmentWan,
    ProjectStage stage,
    Map<ProjectStage, LocalDate> stageDates,
    LandingMode landingMode,
    List<String> lists,
    boolean illustrative,
    Geometry location,
    String createdBy,
    OffsetDateTime createdAt) {

  /**
   * The point that places the project in a zone or division: the point itself, or for a polygon a
   * point inside it (JTS's interior point), never the centroid (which may fall outside); null
   * without location.
   */
  public Point anchor() {
    if (location == null) {
      return null;
    }
    return location instanceof Point p ? p : location.getInteriorPoint();
  }

  public Project withId(long newId, String by, OffsetDateTime at) {
    return new Project(
        newId,
        name,
        creditCode,
        planId,
        zoneCode,
        totalInvestmentWan,
        yearlyInvestmentWan,
        stage,
        stageDates,
        landingMode,
        lists,
        illustrative,
        location,
        by,
        at);
  }
}
