package org.zoneplan.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;

/**
 * A handful of <em>illustrative</em> projects in Pujiang's zones for the map, written by {@code
 * system} when the store holds no project (first start), only when {@code
 * zoneplan.sample-data.enabled}. They are not real: names say so, and each is flagged {@code
 * illustrative}; locations are points inside the zones of plan version pujiang-2021 (checked by a
 * test). The cooperation parks' projects are published only as totals (21 projects, 316 亿元; 21
 * projects, 254 亿元), so no project of theirs is made up.
 */
@Component
@SampleDataEnabled
class ProjectSampleLoader implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(ProjectSampleLoader.class);

  /** name, lon, lat, planId/zone field (or null), stage, dates, total 万元, yearly. */
  record Sample(
      String name,
      double lon,
      double lat,
      String zoneCode,
      ProjectStage stage,
      List<String> dates,
      String totalWan,
      Map<Integer, String> yearlyWan) {}

  static final String PLAN = "pujiang-2021";

  static final List<Sample> SAMPLES =
      List.of(
          new Sample(
              "示意项目一(核心区, 非真实项目)",
              119.91677,
              29.45779,
              null,
              ProjectStage.STARTED,
              List.of("2023-03-15", "2023-09-01"),
              "50000",
              Map.of(2023, "12000", 2024, "20000")),
          new Sample(
              "示意项目二(水晶小镇, 非真实项目)",
              119.85517,
              29.46612,
              null,
              ProjectStage.SIGNED,
              List.of("2024-05-20"),
              "8000",
              Map.of()),
          new Sample(
              "示意项目三(黄宅片区, 非真实项目)",
              119.97306,
              29.43127,
              null,
              ProjectStage.PRODUCING,
              List.of("2021-04-01", "2021-10-01", "2023-06-30", "2023-12-01"),
              "30000",
              Map.of(2021, "5000", 2022, "15000", 2023, "10000")),
          new Sample(
              "示意项目四(郑家坞片区, 非真实项目)",
              120.05815,
              29.47814,
              "PJ-ZJW",
              ProjectStage.COMPLETED,
              List.of("2022-02-01", "2022-06-01", "2024-08-01"),
              "15000",
              Map.of(2022, "6000", 2023, "6000", 2024, "3000")));

  private final ProjectRepository projects;
  private final ProjectService service;
  private final TransactionTemplate transaction;

  ProjectSampleLoader(
      ProjectRepository projects, ProjectService service, TransactionTemplate transaction) {
    this.projects = projects;
    this.service = service;
    this.transaction = transaction;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (projects.count() > 0) {
      return;
    }
    Actors.runAs(
        Actors.SYSTEM,
        () ->
            transaction.executeWithoutResult(
                status -> SAMPLES.forEach(s -> service.insert(project(s)))));
    log.info("Loaded {} illustrative sample projects", SAMPLES.size());
  }

  static Project project(Sample s) {
    Map<ProjectStage, LocalDate> dates = new EnumMap<>(ProjectStage.class);
    for (int i = 0; i < s.dates().size(); i++) {
      dates.put(ProjectStage.values()[i], LocalDate.parse(s.dates().get(i)));
    }
    TreeMap<Integer, BigDecimal> yearly = new TreeMap<>();
    s.yearlyWan().forEach((y, v) -> yearly.put(y, new BigDecimal(v).setScale(4)));
    return new Project(
        0,
        s.name(),
        null,
        s.zoneCode() == null ? null : PLAN,
        s.zoneCode(),
        new BigDecimal(s.totalWan()).setScale(4),
        yearly,
        s.stage(),
        dates,
        null,
        List.of(),
        true,
        Cgcs2000.GEOMETRY_FACTORY.createPoint(new Coordinate(s.lon(), s.lat())),
        null,
        null);
  }
}
