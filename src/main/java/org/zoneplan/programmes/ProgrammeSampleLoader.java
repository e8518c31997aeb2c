package org.zoneplan.programmes;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;

/**
 * The sample programme 萧山区"4286"产业载体, written by {@code system} in one transaction when the store
 * holds no programme and no plan version {@value #PLAN} (first start), only when {@code
 * zoneplan.sample-data.enabled}: a plan version of 20 <em>illustrative</em> zones (one per carrier
 * of the csv, names exactly as published, boundaries made up inside 萧山区 by {@link
 * XiaoshanCarriers}, flagged {@code illustrative} in their attributes), the programme with its four
 * categories (target counts 4, 2, 8, 6), its statuses (the csv's groups) and the "5个80%" targets,
 * and one member per carrier with its group as status and the plan's phrase kept. Leading
 * industries are left empty: the source names none.
 */
@Component
@SampleDataEnabled
class ProgrammeSampleLoader {
  static final String PLAN = "xiaoshan-4286";
  static final String PROGRAMME = "xiaoshan-4286";
  static final String NAME = "萧山区\"4286\"产业载体";
  static final String SOURCE =
      "萧山区\"4286\"产业载体 2022 年推进分组 (shared/domain/xiaoshan-4286-carriers.csv); 边界为示意";
  static final String ILLUSTRATIVE_NOTE = "示意边界, 非真实范围 (illustrative boundary, not surveyed)";

  private static final Logger log = LoggerFactory.getLogger(ProgrammeSampleLoader.class);

  private final ProgrammeRepository programmes;
  private final ProgrammeService service;
  private final ZoneRepository zoneRepository;
  private final ZoneService zones;
  private final TransactionTemplate transaction;

  ProgrammeSampleLoader(
      ProgrammeRepository programmes,
      ProgrammeService service,
      ZoneRepository zoneRepository,
      ZoneService zones,
      TransactionTemplate transaction) {
    this.programmes = programmes;
    this.service = service;
    this.zoneRepository = zoneRepository;
    this.zones = zones;
    this.transaction = transaction;
  }

  /**
   * After every singleton's start-up work: the county sample ({@code sample.SampleDataLoader})
   * loads only into a store without plan versions, so this plan must come after it.
   */
  @EventListener(ApplicationStartedEvent.class)
  public void load() {
    if (programmes.count() > 0 || zoneRepository.findPlan(PLAN).isPresent()) {
      return;
    }
    List<XiaoshanCarriers.Carrier> carriers = XiaoshanCarriers.load();
    Actors.runAs(Actors.SYSTEM, () -> transaction.executeWithoutResult(status -> write(carriers)));
    log.info("Loaded the sample programme {} with {} illustrative carriers", NAME, carriers.size());
  }

  private void write(List<XiaoshanCarriers.Carrier> carriers) {
    // The date is made up like the boundaries: between the county sample's two versions, so the
    // page keeps opening on the newest (pujiang-2021) and comparing from the oldest (pujiang-2020)
    // until the jurisdiction selector (issue 14 point 1) chooses plans by division.
    zones.createPlan(
        new PlanVersion(
            PLAN, "萧山区\"4286\"产业载体(示意边界)", LocalDate.of(2021, 6, 30), PlanStatus.DRAFT));
    service.create(programme());
    for (int i = 0; i < carriers.size(); i++) {
      XiaoshanCarriers.Carrier c = carriers.get(i);
      String code = code(i);
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("illustrative", true);
      attributes.put("illustrativeNote", ILLUSTRATIVE_NOTE);
      attributes.put("programme", NAME);
      attributes.put("category", c.category());
      attributes.put("categoryInferred", true);
      attributes.put("group2022", c.group());
      zones.create(
          PLAN,
          code,
          new ZoneDraft(
              c.name(),
              ZoneKind.ZONE,
              null,
              null,
              attributes,
              Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(
                  new org.locationtech.jts.geom.Polygon[] {c.shape()})));
      service.addMember(
          new Member(
              PROGRAMME,
              PLAN,
              code,
              c.category(),
              c.group(),
              c.phrase(),
              List.of(),
              "类别按名称推定 (category inferred from the name; the plan does not say)"));
    }
  }

  static String code(int index) {
    return String.format("XS4286-%02d", index + 1);
  }

  static Programme programme() {
    return new Programme(
        PROGRAMME,
        NAME,
        "杭州市萧山区",
        "区",
        XiaoshanCarriers.DIVISION_CODE,
        XiaoshanCarriers.CATEGORIES,
        XiaoshanCarriers.STATUSES,
        FiveShares.KEYS.stream()
            .map(k -> new Programme.Target(k, FiveShares.name(k), 0.8))
            .toList(),
        SOURCE,
        true,
        null,
        null);
  }
}
