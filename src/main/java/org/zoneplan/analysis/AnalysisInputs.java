package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.LandUser;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;

/**
 * What every report of this package reads: the plan version with its prepared zones, the parcel
 * snapshot, the division looked at, which parcels count as industrial (the storage switch), zone
 * membership, the concentration and the scattered parcels; all kept in {@link AnalysisCache}.
 * Validation of these shared parameters (unknown division, division without outline, no default
 * division) answers the same problems for every report. Nothing here writes to the store.
 */
@Component
public class AnalysisInputs {
  static final String COUNTY = "COUNTY";
  private static final int MAX_WARM_ZONES = 200;
  private static final Logger log = LoggerFactory.getLogger(AnalysisInputs.class);

  private final AnalysisCache cache;
  private final ZoneService zoneService;
  private final ZoneRepository zoneRepository;
  private final DivisionRepository divisions;
  private final AnalysisProperties properties;
  private final LandUseClassifier classifier;
  private final ParcelRepository parcelRepository;
  private final EnterpriseRepository enterprises;

  AnalysisInputs(
      AnalysisCache cache,
      ZoneService zoneService,
      ZoneRepository zoneRepository,
      DivisionRepository divisions,
      AnalysisProperties properties,
      ParcelRepository parcelRepository,
      EnterpriseRepository enterprises) {
    this.parcelRepository = parcelRepository;
    this.enterprises = enterprises;
    this.cache = cache;
    this.zoneService = zoneService;
    this.zoneRepository = zoneRepository;
    this.divisions = divisions;
    this.properties = properties;
    this.classifier = properties.classifier();
  }

  /**
   * A plan version with its zones as stored and prepared. Results derived from it are keyed by its
   * {@code geometry} (by identity), so they are never served for newer zones.
   */
  public record PlanData(
      PlanVersion plan, List<Zone> zones, Map<String, Zone> byCode, PlanGeometry geometry) {
    public String id() {
      return plan.id();
    }
  }

  AnalysisCache cache() {
    return cache;
  }

  AnalysisProperties properties() {
    return properties;
  }

  LandUseClassifier classifier() {
    return classifier;
  }

  ZoneService zoneService() {
    return zoneService;
  }

  private volatile boolean warmedUp;

  /**
   * The enterprise figures of a statistics year on the snapshot's parcels ({@link LandFigures}),
   * read from the store on each call (enterprise writes do not touch the parcel snapshot).
   *
   * @param year the statistics year, or null for the latest year held ({@code enterprise_stat});
   *     with none held, figures of no year
   */
  public LandFigures landFigures(Parcels parcels, Integer year) {
    Integer y = year != null ? year : enterprises.latestStatisticsYear();
    if (y == null) {
      return LandFigures.none(parcels.index());
    }
    LandFigures.Builder builder = LandFigures.builder(parcels.index(), y);
    enterprises.forEachLandUse(
        y, (code, parcelId, role, share, areaM2) -> builder.link(code, parcelId, share, areaM2));
    enterprises.forEachStatistic(
        y, s -> builder.statistics(s.creditCode(), s.taxWan(), s.valueAddedWan()));
    return builder.build();
  }

  /** The land users of the parcels at these positions of the snapshot, by parcel id. */
  public Map<Long, List<LandUser>> landUsers(Parcels parcels, int[] positions) {
    List<Long> ids = new ArrayList<>(positions.length);
    for (int i : positions) {
      ids.add(parcels.index().parcel(i).id());
    }
    return parcelRepository.landUsers(ids);
  }

  /** The current parcel snapshot: a request takes it once and uses only it. */
  public Parcels parcels() {
    return cache.parcels();
  }

  /**
   * Once the server is up, builds the parcel index and each plan version's default concentration in
   * the background, so that the first requests (and the first what-if) do not pay for them. Off
   * with {@code zoneplan.analysis.warm-up=false}.
   */
  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    if (!properties.warmUp()) {
      warmedUp = true;
      return;
    }
    Thread thread = new Thread(this::warm, "zoneplan-analysis-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private void warm() {
    try {
      long start = System.nanoTime();
      Parcels parcels = cache.parcels();
      for (PlanVersion version : zoneService.plans()) {
        if (!cache.isCurrent(parcels)) {
          return; // the parcels changed meanwhile: the next request builds afresh
        }
        PlanData plan = planData(version.id());
        String code = defaultDivisionCode(plan);
        if (code != null) {
          concentration(parcels, plan, division(parcels, code), properties.includeStorage());
        }
        if (plan.zones().size() <= MAX_WARM_ZONES) {
          plan.zones().forEach(z -> plan.geometry().othersUnion(z.code()));
        }
      }
      log.info("Analysis warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      log.warn("Analysis warm-up failed (computed on first use instead): {}", e.toString());
    } finally {
      warmedUp = true;
    }
  }

  /**
   * Whether the start-up warm-up has ended (done, given up because the parcels changed, failed, or
   * switched off): the readiness probe waits for it, so a load balancer sends no request to a
   * replica that would first build the parcel index.
   */
  public boolean warmedUp() {
    return warmedUp;
  }

  /** The plan version and its zones; 404 plan-not-found when there is none. */
  public PlanData planData(String planId) {
    PlanVersion version = zoneService.visiblePlan(planId);
    // A user limited by jurisdiction analyses only the zones they may see: their own PlanData
    // (keyed by their scope), so every result derived from it is theirs alone.
    String scope = zoneService.visibility().scopeKey();
    return cache.plan(
        planId,
        "plan",
        List.of(scope),
        () -> {
          List<Zone> zones =
              zoneService.visibility().filter(planId, zoneRepository.findZones(planId));
          Map<String, Zone> byCode = new LinkedHashMap<>();
          zones.forEach(z -> byCode.put(z.code(), z));
          return new PlanData(
              version, zones, byCode, PlanGeometry.of(zones.stream().map(ZoneShape::of).toList()));
        });
  }

  /** Whether storage land counts as industrial: as asked, else {@code include-storage}. */
  public boolean storage(Boolean requested) {
    return requested != null ? requested : properties.includeStorage();
  }

  ConcentrationCalculator calculator(Parcels parcels, Division division, boolean storage) {
    return cache.derived(
        parcels,
        null,
        "calculator",
        List.of(division.code(), storage),
        () ->
            new ConcentrationCalculator(
                parcels.index(), industrial(parcels, storage), division.geometry()));
  }

  Concentration concentration(Parcels parcels, PlanData plan, Division division, boolean storage) {
    return cache.derived(
        parcels,
        plan.id(),
        "concentration",
        List.of(plan.geometry(), division.code(), storage),
        () -> calculator(parcels, division, storage).compute(plan.geometry()));
  }

  ZoneMembership membership(Parcels parcels, PlanData plan, boolean storage) {
    return cache.derived(
        parcels,
        plan.id(),
        "membership",
        List.of(plan.geometry(), storage),
        () -> ZoneMembership.of(plan.geometry(), parcels.index(), industrial(parcels, storage)));
  }

  /**
   * Every parcel of the snapshot (whatever its land use) assigned to the zones it belongs to by its
   * interior point ({@link ZoneMembership}); for figures that follow enterprises and parcels whole.
   */
  public ZoneMembership allParcelsMembership(Parcels parcels, PlanData plan) {
    return cache.derived(
        parcels,
        plan.id(),
        "membership-all",
        List.of(plan.geometry()),
        () -> ZoneMembership.of(plan.geometry(), parcels.index(), null));
  }

  /**
   * A value derived from the parcel snapshot and, when {@code planId} is given, a plan's zones,
   * kept in {@link AnalysisCache} (dropped when either changes); for reports of other packages.
   * {@code parts} must identify everything else the value depends on.
   */
  public <T> T cached(
      Parcels parcels, String planId, String kind, List<Object> parts, Supplier<T> compute) {
    return cache.derived(parcels, planId, kind, parts, compute);
  }

  /** Which parcels of the snapshot count as industrial land. */
  public IntPredicate industrial(Parcels parcels, boolean storage) {
    return cache.derived(
        parcels,
        null,
        "industrial",
        List.of(storage),
        () -> ConcentrationCalculator.industrial(parcels.index(), classifier, storage));
  }

  /**
   * Industrial parcels whose interior point lies in the division and in no zone (scattered land),
   * as positions in the snapshot's {@link ParcelIndex}, in index order.
   */
  int[] scatteredIndices(Parcels parcels, PlanData plan, Division division, boolean storage) {
    ConcentrationCalculator calculator = calculator(parcels, division, storage);
    return cache.derived(
        parcels,
        plan.id(),
        "scattered",
        List.of(plan.geometry(), division.code(), storage),
        () -> scatteredParcels(plan, calculator));
  }

  private static int[] scatteredParcels(PlanData plan, ConcentrationCalculator calculator) {
    ParcelIndex index = calculator.parcels();
    Region division = calculator.division();
    return Arrays.stream(index.candidates(division.envelope(), calculator.counted()))
        .filter(
            i -> {
              var point = index.interiorPoint(i);
              return division.coversPoint(point) && !plan.geometry().inAnyZone(point);
            })
        .toArray();
  }

  /**
   * A division by code: 404 division-not-found when unknown, 422 division-without-outline when it
   * has no outline to measure land in.
   */
  public Division division(Parcels parcels, String code) {
    if (!zoneService.visibility().divisionVisible(code)) {
      // outside the user's jurisdiction: answered as for an unknown division
      throw ApiProblem.notFound("division", "no administrative division \"" + code + "\"")
          .with("division", code);
    }
    Division d =
        cache.derived(
            parcels, null, "division", List.of(code), () -> divisions.find(code).orElse(null));
    if (d == null) {
      throw ApiProblem.notFound("division", "no administrative division \"" + code + "\"")
          .with("division", code);
    }
    if (d.geometry() == null || d.geometry().isEmpty()) {
      throw ApiProblem.invalid(
              "division-without-outline",
              "division "
                  + code
                  + " ("
                  + d.name()
                  + ") has no outline, so land in it cannot be measured; choose a division with"
                  + " an outline (a county)")
          .with("division", code);
    }
    return d;
  }

  /**
   * The division asked for, or (code null) the plan's default one: 422 no-default-division when no
   * county with an outline holds its zones.
   */
  Division divisionFor(Parcels parcels, PlanData plan, String code) {
    if (code != null) {
      return division(parcels, code);
    }
    String found = defaultDivisionCode(plan);
    if (found == null) {
      throw ApiProblem.invalid(
              "no-default-division",
              "plan version \""
                  + plan.id()
                  + "\" has no zones inside a county with an outline; pass ?division=<code>")
          .with("planId", plan.id());
    }
    return division(parcels, found);
  }

  /** The county (with an outline) holding most of the plan's zones, or null. */
  public String defaultDivisionCode(PlanData plan) {
    return cache.plan(
        plan.id(),
        "default-division",
        List.of(plan.geometry()),
        () -> {
          Geometry union = plan.geometry().union();
          if (union.isEmpty()) {
            return null;
          }
          String best = null;
          double bestArea = 0;
          for (Division d : divisions.findAll(true)) {
            if (!COUNTY.equals(d.level())
                || d.geometry() == null
                || !d.geometry().getEnvelopeInternal().intersects(union.getEnvelopeInternal())) {
              continue;
            }
            double area =
                EllipsoidalArea.squareMetres(RegionArea.intersection(union, d.geometry()));
            if (area > bestArea) {
              best = d.code();
              bestArea = area;
            }
          }
          return best;
        });
  }

  /** The divisions of a level that have an outline (e.g. every county). */
  List<Division> outlines(Parcels parcels, String level) {
    return cache.derived(
        parcels,
        null,
        "outlines",
        List.of(level),
        () ->
            divisions.findAll(true).stream()
                .filter(d -> level.equals(d.level()) && d.geometry() != null)
                .toList());
  }
}
