package org.zoneplan.headquarters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.parks.ParkService;
import org.zoneplan.programmes.Member;
import org.zoneplan.programmes.Programme;
import org.zoneplan.programmes.ProgrammeService;
import org.zoneplan.sample.HangzhouDivisionLoader;
import org.zoneplan.system.Actors;
import org.zoneplan.system.SampleDataEnabled;
import org.zoneplan.zones.PlanStatus;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.ZoneDraft;
import org.zoneplan.zones.ZoneKind;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Xihu sample ({@link XihuSample}), written by {@code system} in one transaction on the first
 * start (no headquarters list and no plan {@value XihuSample#PLAN}), only with {@code
 * zoneplan.sample-data.enabled}, after the other sample loaders (on {@link ApplicationReadyEvent}:
 * the Xiaoshan programme loads only into a store without programmes): the plan of illustrative
 * platform zones inside 西湖区 and the programme "三城一谷六小镇"; the headquarters lists, firms and 2023
 * rewards with the published totals; the indicator system with its units, illustrative values,
 * reviews and 约谈 grades; and an illustrative 科创飞地 through {@link ParkService#create}: 浦江县's
 * research enclave lying in 西湖区, outside its promoter's territory (skipped when the store has no
 * 浦江县 330726).
 */
@Component
@SampleDataEnabled
class XihuSampleLoader {
  static final String ENCLAVE = "pujiang-xihu-enclave";
  static final String ENCLAVE_PROMOTER = "330726";

  private static final Logger log = LoggerFactory.getLogger(XihuSampleLoader.class);

  private final HeadquartersRepository repository;
  private final DivisionRepository divisions;
  private final HangzhouDivisionLoader hangzhou;
  private final ZoneRepository zoneRepository;
  private final ZoneService zones;
  private final ProgrammeService programmes;
  private final ParkService parks;
  private final TransactionTemplate transaction;

  XihuSampleLoader(
      HeadquartersRepository repository,
      DivisionRepository divisions,
      HangzhouDivisionLoader hangzhou,
      ZoneRepository zoneRepository,
      ZoneService zones,
      ProgrammeService programmes,
      ParkService parks,
      TransactionTemplate transaction) {
    this.repository = repository;
    this.divisions = divisions;
    this.hangzhou = hangzhou;
    this.zoneRepository = zoneRepository;
    this.zones = zones;
    this.programmes = programmes;
    this.parks = parks;
    this.transaction = transaction;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void load() {
    if (repository.countLists() > 0 || zoneRepository.findPlan(XihuSample.PLAN).isPresent()) {
      return;
    }
    long start = System.nanoTime();
    hangzhou.ensureLoaded();
    Optional<Division> xihu = divisions.find(XihuSample.DIVISION);
    if (xihu.isEmpty() || xihu.get().geometry() == null) {
      log.warn("No outline of 西湖区 {}: the Xihu sample is not loaded", XihuSample.DIVISION);
      return;
    }
    List<Polygon> shapes =
        XihuSample.layout(xihu.get().geometry(), XihuSample.PLATFORMS.size() + 1);
    Actors.runAs(Actors.SYSTEM, () -> transaction.executeWithoutResult(status -> write(shapes)));
    log.info(
        "Loaded the Xihu sample in {} ms: {} illustrative platforms, headquarters lists, {}"
            + " indicators",
        (System.nanoTime() - start) / 1_000_000,
        XihuSample.PLATFORMS.size(),
        XihuSample.indicators().size());
  }

  private void write(List<Polygon> shapes) {
    writePlatforms(shapes);
    writeHeadquarters(shapes);
    writeIndicators();
    writeEnclave(shapes.get(XihuSample.PLATFORMS.size()));
  }

  private void writePlatforms(List<Polygon> shapes) {
    // Dated after the Xiaoshan sample and before Pujiang's approved version (made up, like the
    // boundaries), so the page still opens on the newest (pujiang-2021) and compares from the
    // oldest
    // (pujiang-2020) until the jurisdiction selector chooses plans by division.
    zones.createPlan(
        new PlanVersion(
            XihuSample.PLAN, "西湖区\"三城一谷六小镇\"(示意边界)", LocalDate.of(2021, 7, 1), PlanStatus.DRAFT));
    programmes.create(
        new Programme(
            XihuSample.PROGRAMME,
            XihuSample.PROGRAMME_NAME,
            "杭州市西湖区",
            "区",
            XihuSample.DIVISION,
            List.of(
                new Programme.Category("城", 3),
                new Programme.Category("谷", 1),
                new Programme.Category("小镇", 6)),
            List.of(),
            List.of(),
            "西湖区产业平台 \"三城一谷六小镇\"; 名称来源见各区块 nameSource, 边界为示意",
            true,
            null,
            null));
    for (int i = 0; i < XihuSample.PLATFORMS.size(); i++) {
      XihuSample.Platform p = XihuSample.PLATFORMS.get(i);
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("illustrative", true);
      attributes.put("illustrativeNote", XihuSample.ILLUSTRATIVE_NOTE);
      attributes.put("programme", XihuSample.PROGRAMME_NAME);
      attributes.put("category", p.category());
      attributes.put("nameSource", p.nameSource());
      attributes.put("nameVerified", p.verified());
      zones.create(
          XihuSample.PLAN,
          p.code(),
          new ZoneDraft(
              p.name(),
              ZoneKind.ZONE,
              null,
              null,
              attributes,
              Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {shapes.get(i)})));
      programmes.addMember(
          new Member(
              XihuSample.PROGRAMME,
              XihuSample.PLAN,
              p.code(),
              p.category(),
              null,
              null,
              List.of(),
              "名称来源 (name from): " + p.nameSource()));
    }
  }

  private void writeHeadquarters(List<Polygon> shapes) {
    Random random = new Random(2023L);
    int platform = 0;
    int position = 0;
    for (XihuSample.ListSpec spec : XihuSample.LISTS) {
      repository.insertList(
          new HqList(spec.id(), XihuSample.DIVISION, spec.kind(), spec.name(), spec.note()),
          position++);
      List<Integer> stars = new ArrayList<>();
      if (spec.kind().equals("培育")) {
        for (int[] s : XihuSample.CULTIVATE_STARS) {
          for (int k = 0; k < s[1]; k++) {
            stars.add(s[0]);
          }
        }
      }
      for (int i = 0; i < spec.firms() + spec.projects(); i++) {
        boolean firm = i < spec.firms();
        int at = platform++ % XihuSample.PLATFORMS.size();
        XihuSample.Platform p = XihuSample.PLATFORMS.get(at);
        Integer star = !firm ? null : stars.isEmpty() ? 1 + random.nextInt(5) : stars.get(i);
        String id = spec.id().substring("xihu-hq-".length()) + String.format("-%03d", i + 1);
        String name =
            firm
                ? String.format("示例总部企业%s%03d(示意)", spec.kind(), i + 1)
                : String.format("示例总部项目%02d(示意)", i - spec.firms() + 1);
        repository.insertEntry(
            new HqEntry(
                id,
                spec.id(),
                firm ? HqEntry.FIRM : HqEntry.PROJECT,
                name,
                null,
                star,
                XihuSample.PLAN,
                p.code(),
                XihuSample.pointIn(shapes.get(at), random),
                true,
                "名称、星级、位置为示意 (name, stars and location illustrative)"),
            i);
        if (firm && spec.kind().equals("培育")) {
          BigDecimal amount = XihuSample.rewardWan(star);
          repository.insertReward(
              new HqReward(
                  id,
                  2023,
                  HeadquartersService.STAR_REWARD,
                  amount,
                  amount.divide(new BigDecimal("2"))));
        }
      }
    }
    String d = XihuSample.DIVISION;
    repository.insertFigure(
        new PublishedFigure(
            d, "firms", "未注明", "120", "家", XihuSample.LIST_PHRASE, XihuSample.SOURCE));
    repository.insertFigure(
        new PublishedFigure(
            d, "projects", "未注明", "5", "个", XihuSample.LIST_PHRASE, XihuSample.SOURCE));
    repository.insertFigure(
        new PublishedFigure(
            d, "star_reward", "2023", "1700", "万元", XihuSample.REWARD_PHRASE, XihuSample.SOURCE));
    repository.insertFigure(
        new PublishedFigure(
            d,
            "star_reward_district",
            "2023",
            "850",
            "万元",
            XihuSample.REWARD_PHRASE,
            XihuSample.SOURCE));
  }

  private void writeIndicators() {
    int position = 0;
    for (Object[] c : XihuSample.SYSTEM) {
      repository.insertCategory((String) c[0], (String) c[1], position++);
    }
    List<OpenIndicator> indicators = XihuSample.indicators();
    for (int i = 0; i < indicators.size(); i++) {
      repository.insertIndicator(indicators.get(i), i);
    }
    List<OpenUnit> units = XihuSample.units();
    for (int i = 0; i < units.size(); i++) {
      repository.insertUnit(units.get(i), i);
    }
    for (int i = 0; i < XihuSample.REVIEWS.size(); i++) {
      repository.insertReview(XihuSample.REVIEWS.get(i), i);
    }
    XihuSample.GRADES.forEach(repository::insertGrade);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    repository.insertValues(XihuSample.values(), Actors.SYSTEM, now);
  }

  private void writeEnclave(Polygon shape) {
    Optional<Division> promoter = divisions.find(ENCLAVE_PROMOTER);
    if (promoter.isEmpty()) {
      log.info("No 浦江县 {} in the store: the sample 科创飞地 is not loaded", ENCLAVE_PROMOTER);
      return;
    }
    ObjectNode b = JsonMapper.builder().build().createObjectNode();
    b.put("id", ENCLAVE);
    b.put("name", promoter.get().name() + "科创飞地(西湖, 示意)");
    b.put("nameEn", "Pujiang research enclave in Xihu (illustrative)");
    ObjectNode p = b.putObject("promoter");
    p.put("name", promoter.get().name());
    p.put("code", ENCLAVE_PROMOTER);
    b.putArray("hosts").add(XihuSample.DIVISION);
    MultiPolygon geometry = Cgcs2000.GEOMETRY_FACTORY.createMultiPolygon(new Polygon[] {shape});
    b.set("geometry", GeoJson.write(geometry));
    b.put("illustrative", true);
    b.put(
        "boundaryNote",
        "示意: 科创飞地(研发在飞入地, 产业化回飞出地)的示例, 位置与边界均为示意, 非真实项目"
            + " (illustrative example of a research enclave; not a real one)");
    ObjectNode rule = b.putObject("sharingRule");
    rule.put("kind", "ALL_SHARED");
    rule.put("label", "两两共享");
    rule.put("note", "飞地按属地统计, 考核时飞出地与飞入地共享 (示意规则)");
    b.put("source", "示意 (illustrative): issue 14 第8点 \"科创飞地\"");
    parks.create(b);
  }
}
