package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.EfficiencyThresholds.Grade;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import org.zoneplan.zones.ZoneService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The spatial analysis of plan versions as the API shows it: reads zones, divisions and the parcel
 * snapshot, runs the Spring-free engine of this package and keeps results in {@link AnalysisCache}.
 * Nothing here writes to the store. Responses are JSON trees (GeoJSON where they carry geometry);
 * areas are ellipsoidal, in m² with 亩 or km² beside them.
 */
@Service
public class AnalysisService {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String COUNTY = "COUNTY";
  private static final double MAX_TOLERANCE_M = 1000;
  private static final int MAX_WARM_ZONES = 200;
  private static final Logger log = LoggerFactory.getLogger(AnalysisService.class);

  private final AnalysisCache cache;
  private final ZoneService zoneService;
  private final ZoneRepository zoneRepository;
  private final DivisionRepository divisions;
  private final AnalysisProperties properties;
  private final LandUseClassifier classifier;
  private final OverlapFinder overlapFinder;
  private final EfficiencyThresholds thresholds;

  AnalysisService(
      AnalysisCache cache,
      ZoneService zoneService,
      ZoneRepository zoneRepository,
      DivisionRepository divisions,
      AnalysisProperties properties) {
    this.cache = cache;
    this.zoneService = zoneService;
    this.zoneRepository = zoneRepository;
    this.divisions = divisions;
    this.properties = properties;
    this.classifier = properties.classifier();
    this.overlapFinder = properties.overlapFinder();
    this.thresholds = properties.efficiency().thresholds();
  }

  /**
   * A plan version with its zones as stored and prepared. Results derived from it are keyed by its
   * {@code geometry} (by identity), so they are never served for newer zones.
   */
  record PlanData(
      PlanVersion plan, List<Zone> zones, Map<String, Zone> byCode, PlanGeometry geometry) {
    String id() {
      return plan.id();
    }
  }

  /**
   * Once the server is up, builds the parcel index and each plan version's default concentration in
   * the background, so that the first requests (and the first what-if) do not pay for them. Off
   * with {@code zoneplan.analysis.warm-up=false}.
   */
  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    if (!properties.warmUp()) {
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
    }
  }

  // ------------------------------------------------------------------ overlaps (issue item 2)

  /** Overlaps, children outside parents, gaps and slivers, as a GeoJSON FeatureCollection. */
  public ObjectNode overlaps(String planId, Double toleranceM) {
    OverlapFinder f = overlapFinder(toleranceM);
    List<SpatialProblem> problems = problems(planId, f);
    ObjectNode out = NODES.objectNode();
    out.put("type", "FeatureCollection");
    out.put("planId", planId);
    out.put("toleranceM", f.toleranceM());
    out.put("minAreaM2", properties.minProblemAreaM2());
    ObjectNode counts = out.putObject("counts");
    for (SpatialProblem.Kind kind : SpatialProblem.Kind.values()) {
      counts.put(kind.name(), problems.stream().filter(p -> p.kind() == kind).count());
    }
    ArrayNode features = out.putArray("features");
    problems.forEach(p -> features.add(problemFeature(p)));
    return out;
  }

  /**
   * The spatial problems of a plan version, as {@link #overlaps} lists them (cached, in the same
   * order): for exports and other callers that want the objects rather than GeoJSON.
   *
   * @param toleranceM gap and sliver tolerance, or null for {@code
   *     zoneplan.analysis.gap-tolerance-m}
   */
  public List<SpatialProblem> problems(String planId, Double toleranceM) {
    return problems(planId, overlapFinder(toleranceM));
  }

  private List<SpatialProblem> problems(String planId, OverlapFinder f) {
    PlanData plan = planData(planId);
    return cache.plan(planId, "overlaps", List.of(f.toleranceM()), () -> f.find(plan.geometry()));
  }

  private OverlapFinder overlapFinder(Double toleranceM) {
    if (toleranceM == null) {
      return overlapFinder;
    }
    if (!(toleranceM >= 0 && toleranceM <= MAX_TOLERANCE_M)) {
      throw ApiProblem.invalid(
              "invalid-tolerance",
              "tolerance must be 0–" + (int) MAX_TOLERANCE_M + " metres, was " + toleranceM)
          .with("tolerance", toleranceM);
    }
    return new OverlapFinder(toleranceM, properties.minProblemAreaM2());
  }

  private static ObjectNode problemFeature(SpatialProblem p) {
    ObjectNode feature = NODES.objectNode();
    feature.put("type", "Feature");
    ObjectNode properties = feature.putObject("properties");
    properties.put("kind", p.kind().name());
    properties.put("zoneA", p.zoneA());
    properties.put("zoneB", p.zoneB());
    properties.put("areaM2", p.areaM2());
    properties.put("areaMu", AreaUnits.toMu(p.areaM2()));
    properties.put("narrow", p.narrow());
    feature.set("geometry", GeoJson.write(p.geometry()));
    return feature;
  }

  // ------------------------------------------------------------- concentration (issue item 3)

  /** The industrial-land concentration ratio of a plan version in a division. */
  public ObjectNode concentration(String planId, String divisionCode, Boolean includeStorage) {
    Parcels parcels = cache.parcels();
    PlanData plan = planData(planId);
    boolean storage = storage(includeStorage);
    Division division = divisionFor(parcels, plan, divisionCode);
    Concentration c = concentration(parcels, plan, division, storage);

    ObjectNode out = NODES.objectNode();
    out.put("planId", planId);
    out.set("division", divisionJson(division, divisionCode == null));
    out.put("includeStorage", storage);
    out.set("countedCodes", countedCodes(storage));
    putConcentration(out, c);
    out.put("parcelsCounted", c.parcelsCounted());
    out.put(
        "note",
        "industrialInsideM2 counts land covered by several zones once; the per-zone figures count"
            + " it in every zone that covers it (a parent contains its parts), so they do not add"
            + " up to it");
    ArrayNode zones = out.putArray("zones");
    for (Zone zone : plan.zones()) {
      double m2 = c.zoneIndustrialM2().getOrDefault(zone.code(), 0.0);
      ObjectNode z = zoneRef(zone);
      z.put("industrialM2", m2);
      z.put("industrialMu", AreaUnits.toMu(m2));
      putRatio(z, "shareOfTotal", m2, c.industrialTotalM2());
      zones.add(z);
    }
    return out;
  }

  private void putConcentration(ObjectNode out, Concentration c) {
    out.put("industrialInsideM2", c.industrialInsideM2());
    out.put("industrialInsideMu", AreaUnits.toMu(c.industrialInsideM2()));
    out.put("industrialTotalM2", c.industrialTotalM2());
    out.put("industrialTotalMu", AreaUnits.toMu(c.industrialTotalM2()));
    putRatio(out, "ratio", c.industrialInsideM2(), c.industrialTotalM2());
    out.put("target", properties.concentrationTarget());
    if (Double.isNaN(c.ratio())) {
      out.putNull("meetsTarget");
    } else {
      out.put("meetsTarget", c.ratio() >= properties.concentrationTarget());
    }
  }

  // ------------------------------------------------------------- scattered land (issue item 4)

  /**
   * Industrial parcels in the division that belong to no zone (interior point outside every zone),
   * as a GeoJSON FeatureCollection with the total in 亩.
   */
  public ObjectNode scattered(
      String planId, String divisionCode, Boolean includeStorage, boolean withGeometry) {
    Parcels parcels = cache.parcels();
    PlanData plan = planData(planId);
    boolean storage = storage(includeStorage);
    Division division = divisionFor(parcels, plan, divisionCode);
    int[] scattered = scatteredIndices(parcels, plan, division, storage);
    ParcelIndex index = parcels.index();
    double total = 0;
    ArrayNode features = NODES.arrayNode();
    for (int i : scattered) {
      total += index.areaM2(i);
      ObjectNode feature = NODES.objectNode();
      feature.put("type", "Feature");
      feature.put("id", index.parcel(i).id());
      feature.set("properties", parcelProperties(index, i));
      if (withGeometry) {
        feature.set("geometry", GeoJson.write(index.geometry(i)));
      } else {
        feature.putNull("geometry");
      }
      features.add(feature);
    }
    Concentration c = concentration(parcels, plan, division, storage);
    ObjectNode out = NODES.objectNode();
    out.put("type", "FeatureCollection");
    out.put("planId", planId);
    out.set("division", divisionJson(division, divisionCode == null));
    out.put("includeStorage", storage);
    out.put(
        "rule",
        "an industrial parcel is scattered when its interior point lies in the division and in no"
            + " zone; its whole area counts");
    out.put("count", scattered.length);
    out.put("totalM2", total);
    out.put("totalMu", AreaUnits.toMu(total));
    double outside = c.industrialTotalM2() - c.industrialInsideM2();
    out.put("outsideZonesM2", outside);
    out.put("outsideZonesMu", AreaUnits.toMu(outside));
    out.set("features", features);
    return out;
  }

  /**
   * Scattered industrial land as objects rather than GeoJSON: the same parcels, in the same order,
   * as {@link #scattered} lists (for exports).
   *
   * @param division the division looked at (the default one when none was asked for)
   * @param includeStorage whether storage land counted as industrial
   * @param parcels each scattered parcel with its ellipsoidal area (as the analysis counts it)
   */
  public record ScatteredLand(
      Division division, boolean includeStorage, List<ScatteredParcel> parcels) {
    public double totalM2() {
      return parcels.stream().mapToDouble(ScatteredParcel::areaM2).sum();
    }
  }

  /** A scattered parcel; {@code areaM2} is the area the analysis counts (ellipsoidal). */
  public record ScatteredParcel(Parcel parcel, double areaM2) {}

  /**
   * The scattered industrial land of a plan version in a division (null: the default one), as
   * {@link #scattered} lists it.
   */
  public ScatteredLand scatteredLand(String planId, String divisionCode, Boolean includeStorage) {
    Parcels parcels = cache.parcels();
    PlanData plan = planData(planId);
    boolean storage = storage(includeStorage);
    Division division = divisionFor(parcels, plan, divisionCode);
    ParcelIndex index = parcels.index();
    List<ScatteredParcel> list = new ArrayList<>();
    for (int i : scatteredIndices(parcels, plan, division, storage)) {
      list.add(new ScatteredParcel(index.parcel(i), index.areaM2(i)));
    }
    return new ScatteredLand(division, storage, List.copyOf(list));
  }

  private int[] scatteredIndices(
      Parcels parcels, PlanData plan, Division division, boolean storage) {
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

  // ----------------------------------------------------------------- efficiency (issue item 5)

  /** 亩均税收 and 亩均增加值 per zone and per industrial parcel, with A/B/C/D classes. */
  public ObjectNode efficiency(
      String planId, Boolean includeStorage, String zoneCode, boolean withParcels) {
    Parcels parcels = cache.parcels();
    PlanData plan = planData(planId);
    if (zoneCode != null) {
      zoneService.zone(planId, zoneCode);
    }
    boolean storage = storage(includeStorage);
    ZoneMembership membership = membership(parcels, plan, storage);
    ParcelIndex index = parcels.index();

    ObjectNode out = NODES.objectNode();
    out.put("planId", planId);
    out.put("includeStorage", storage);
    out.set("thresholds", thresholdsJson());
    out.put(
        "rule",
        "a parcel belongs to a zone when its interior point lies in it; its figures are over its"
            + " whole area");
    ArrayNode zones = out.putArray("zones");
    for (Zone zone : plan.zones()) {
      if (zoneCode == null || zoneCode.equals(zone.code())) {
        zones.add(
            zoneEfficiency(
                zone,
                Efficiency.zone(zone.code(), index, membership.members(zone.code()), thresholds)));
      }
    }
    if (withParcels) {
      ArrayNode list = out.putArray("parcels");
      int[] members =
          zoneCode != null
              ? membership.members(zoneCode)
              : index.all(i -> !membership.zonesOf(i).isEmpty());
      for (int i : members) {
        Efficiency.ParcelFigures f = Efficiency.parcel(index, i, thresholds);
        ObjectNode p = parcelProperties(index, i);
        putNullable(p, "taxWan", f.parcel().taxWan());
        putNullable(p, "valueAddedWan", f.parcel().valueAddedWan());
        putNullable(p, "taxPerMuWan", f.taxPerMuWan());
        putNullable(p, "valueAddedPerMuWan", f.valueAddedPerMuWan());
        if (f.grade() == null) {
          p.putNull("class");
        } else {
          p.put("class", f.grade().name());
        }
        ArrayNode in = p.putArray("zones");
        membership.zonesOf(i).forEach(in::add);
        list.add(p);
      }
    }
    return out;
  }

  private ObjectNode zoneEfficiency(Zone zone, Efficiency.ZoneFigures f) {
    ObjectNode z = zoneRef(zone);
    z.put("parcels", f.parcels());
    z.put("industrialMu", f.industrialMu());
    z.put("taxWan", f.taxWan());
    z.put("valueAddedWan", f.valueAddedWan());
    putNullable(z, "taxPerMuWan", f.taxPerMuWan());
    putNullable(z, "valueAddedPerMuWan", f.valueAddedPerMuWan());
    ObjectNode classes = z.putObject("classes");
    for (Grade g : Grade.values()) {
      Efficiency.ClassFigures c = f.classes().get(g);
      ObjectNode cj = classes.putObject(g.name());
      cj.put("parcels", c.parcels());
      cj.put("areaMu", c.areaMu());
    }
    ObjectNode unrated = z.putObject("unrated");
    unrated.put("parcels", f.unrated().parcels());
    unrated.put("areaMu", f.unrated().areaMu());
    z.put("inefficientMu", f.inefficientMu());
    putRatio(z, "inefficientShare", f.inefficientMu(), f.industrialMu());
    return z;
  }

  private ObjectNode thresholdsJson() {
    ObjectNode t = NODES.objectNode();
    t.put("basis", "taxPerMuWan");
    t.put("unit", "万元/亩");
    t.put("A", thresholds.a());
    t.put("B", thresholds.b());
    t.put("C", thresholds.c());
    t.put("inefficient", "C, D");
    return t;
  }

  // ---------------------------------------------------------------- attribution (issue item 6)

  /** Each zone's area and industrial land split by administrative division. */
  public ObjectNode attribution(String planId, String level, Boolean includeStorage) {
    Parcels parcels = cache.parcels();
    PlanData plan = planData(planId);
    boolean storage = storage(includeStorage);
    String lvl = level == null ? COUNTY : level.strip().toUpperCase(java.util.Locale.ROOT);
    List<Division> outlines = outlines(parcels, lvl);
    if (outlines.isEmpty()) {
      throw ApiProblem.invalid(
              "no-division-outlines",
              "no administrative division of level " + lvl + " has an outline")
          .with("level", lvl);
    }
    Map<String, Division> byCode = new LinkedHashMap<>();
    Map<String, ConcentrationCalculator> calculators = new LinkedHashMap<>();
    for (Division d : outlines) {
      if (d.geometry()
          .getEnvelopeInternal()
          .intersects(plan.geometry().union().getEnvelopeInternal())) {
        byCode.put(d.code(), d);
        calculators.put(d.code(), calculator(parcels, d, storage));
      }
    }
    List<DivisionAttribution.ZoneSplit> splits =
        cache.derived(
            parcels,
            planId,
            "attribution",
            List.of(plan.geometry(), lvl, storage),
            () -> DivisionAttribution.compute(plan.geometry(), calculators));
    ObjectNode out = NODES.objectNode();
    out.put("planId", planId);
    out.put("level", lvl);
    out.put("includeStorage", storage);
    ArrayNode zones = out.putArray("zones");
    for (DivisionAttribution.ZoneSplit split : splits) {
      ObjectNode z = zoneRef(plan.byCode().get(split.code()));
      z.put("areaM2", split.areaM2());
      z.put("areaKm2", AreaUnits.toKm2(split.areaM2()));
      z.put("outsideDivisionsM2", split.outsideDivisionsM2());
      ArrayNode list = z.putArray("divisions");
      for (DivisionAttribution.Share share : split.shares()) {
        Division d = byCode.get(share.division());
        ObjectNode s = list.addObject();
        s.put("code", d.code());
        s.put("name", d.name());
        s.put("areaM2", share.areaM2());
        s.put("areaKm2", AreaUnits.toKm2(share.areaM2()));
        putRatio(s, "share", share.areaM2(), split.areaM2());
        s.put("industrialM2", share.industrialM2());
        s.put("industrialMu", AreaUnits.toMu(share.industrialM2()));
      }
      zones.add(z);
    }
    return out;
  }

  // ----------------------------------------------------------------- comparison (issue item 7)

  /** Two plan versions compared zone by zone, with the concentration ratio before and after. */
  public ObjectNode compare(
      String fromId, String toId, String divisionCode, Boolean includeStorage) {
    Parcels parcels = cache.parcels();
    PlanData from = planData(fromId);
    PlanData to = planData(toId);
    boolean storage = storage(includeStorage);
    Division division =
        divisionCode != null
            ? division(parcels, divisionCode)
            : defaultDivisionCode(to) != null
                ? divisionFor(parcels, to, null)
                : divisionFor(parcels, from, null);
    Concentration before = concentration(parcels, from, division, storage);
    Concentration after = concentration(parcels, to, division, storage);
    IntPredicate industrial = calculator(parcels, division, storage).counted();
    List<PlanComparison.ZoneChange> changes =
        cache.derived(
            parcels,
            toId,
            "compare",
            List.of(from.geometry(), to.geometry()),
            () -> PlanComparison.compare(from.geometry(), to.geometry(), parcels.index()));

    ObjectNode out = NODES.objectNode();
    out.set("from", planJson(from.plan()));
    out.set("to", planJson(to.plan()));
    out.set("division", divisionJson(division, divisionCode == null));
    out.put("includeStorage", storage);
    ObjectNode concentration = out.putObject("concentration");
    putConcentration(concentration.putObject("before"), before);
    putConcentration(concentration.putObject("after"), after);
    putDelta(concentration, before.ratio(), after.ratio());
    out.put(
        "rule",
        "zones are matched by code; a parcel is gained or lost when its interior point enters or"
            + " leaves the zone");
    ArrayNode zones = out.putArray("zones");
    for (PlanComparison.ZoneChange change : changes) {
      Zone zone =
          to.byCode().containsKey(change.code())
              ? to.byCode().get(change.code())
              : from.byCode().get(change.code());
      ObjectNode z = zoneRef(zone);
      z.put(
          "status",
          change.before() == null
              ? "ADDED"
              : change.after() == null
                  ? "REMOVED"
                  : change.addedM2() == 0 && change.removedM2() == 0 ? "UNCHANGED" : "CHANGED");
      z.put("areaBeforeM2", change.areaBeforeM2());
      z.put("areaAfterM2", change.areaAfterM2());
      z.put("deltaM2", change.deltaM2());
      z.put("areaBeforeKm2", AreaUnits.toKm2(change.areaBeforeM2()));
      z.put("areaAfterKm2", AreaUnits.toKm2(change.areaAfterM2()));
      z.put("deltaKm2", AreaUnits.toKm2(change.deltaM2()));
      z.put("addedM2", change.addedM2());
      z.put("removedM2", change.removedM2());
      z.set("added", change.added().isEmpty() ? NODES.nullNode() : GeoJson.write(change.added()));
      z.set(
          "removed",
          change.removed().isEmpty() ? NODES.nullNode() : GeoJson.write(change.removed()));
      double industrialBefore = before.zoneIndustrialM2().getOrDefault(change.code(), 0.0);
      double industrialAfter = after.zoneIndustrialM2().getOrDefault(change.code(), 0.0);
      z.put("industrialBeforeM2", industrialBefore);
      z.put("industrialAfterM2", industrialAfter);
      z.set("parcelsGained", parcelSet(parcels.index(), change.parcels().gained(), industrial));
      z.set("parcelsLost", parcelSet(parcels.index(), change.parcels().lost(), industrial));
      zones.add(z);
    }
    return out;
  }

  // -------------------------------------------------------------------- what-if (issue item 8)

  /** What would change if zone {@code code} had the geometry in {@code body}; nothing is saved. */
  public ObjectNode whatIf(
      String planId, String code, JsonNode body, String divisionCode, Boolean includeStorage) {
    long start = System.nanoTime();
    PlanData plan = planData(planId);
    if (!plan.geometry().has(code)) {
      zoneService.zone(planId, code); // 404 with the usual problem
    }
    MultiPolygon proposed = proposedGeometry(body);
    PolygonValidator.requireValid(proposed);

    Parcels parcels = cache.parcels();
    boolean storage = storage(includeStorage);
    Division division = divisionFor(parcels, plan, divisionCode);
    ConcentrationCalculator calculator = calculator(parcels, division, storage);
    Concentration before = concentration(parcels, plan, division, storage);
    WhatIf w =
        new WhatIfCalculator(calculator, overlapFinder)
            .evaluate(plan.geometry(), before, code, proposed);

    ObjectNode out = NODES.objectNode();
    out.put("planId", planId);
    out.put("code", code);
    out.put("saved", false);
    out.set("division", divisionJson(division, divisionCode == null));
    out.put("includeStorage", storage);
    ObjectNode area = out.putObject("area");
    area.put("beforeM2", w.areaBeforeM2());
    area.put("afterM2", w.areaAfterM2());
    area.put("deltaM2", w.areaAfterM2() - w.areaBeforeM2());
    area.put("beforeKm2", AreaUnits.toKm2(w.areaBeforeM2()));
    area.put("afterKm2", AreaUnits.toKm2(w.areaAfterM2()));
    area.put("deltaKm2", AreaUnits.toKm2(w.areaAfterM2() - w.areaBeforeM2()));
    area.put("afterMu", AreaUnits.toMu(w.areaAfterM2()));

    ObjectNode overlaps = out.putObject("overlaps");
    overlaps.put("type", "FeatureCollection");
    ArrayNode features = overlaps.putArray("features");
    for (SpatialProblem p : w.problemsAfter()) {
      ObjectNode feature = problemFeature(p);
      SpatialProblem old = matching(w.problemsBefore(), p);
      ObjectNode props = (ObjectNode) feature.get("properties");
      props.put("new", old == null);
      props.put("areaBeforeM2", old == null ? 0 : old.areaM2());
      features.add(feature);
    }
    ArrayNode resolved = out.putArray("resolved");
    for (SpatialProblem p : w.problemsBefore()) {
      if (matching(w.problemsAfter(), p) == null) {
        ObjectNode r = resolved.addObject();
        r.put("kind", p.kind().name());
        r.put("zoneA", p.zoneA());
        r.put("zoneB", p.zoneB());
        r.put("areaM2", p.areaM2());
      }
    }

    ObjectNode concentration = out.putObject("concentration");
    concentration.put("industrialTotalM2", before.industrialTotalM2());
    concentration.put("target", properties.concentrationTarget());
    ObjectNode cb = concentration.putObject("before");
    cb.put("industrialInsideM2", before.industrialInsideM2());
    putRatio(cb, "ratio", before.industrialInsideM2(), before.industrialTotalM2());
    putMeets(cb, before.ratio());
    ObjectNode ca = concentration.putObject("after");
    ca.put("industrialInsideM2", w.industrialInsideAfterM2());
    putRatio(ca, "ratio", w.industrialInsideAfterM2(), before.industrialTotalM2());
    putMeets(ca, w.ratioAfter());
    putDelta(concentration, before.ratio(), w.ratioAfter());

    ObjectNode zoneIndustrial = out.putObject("zoneIndustrial");
    zoneIndustrial.put("beforeM2", w.zoneIndustrialBeforeM2());
    zoneIndustrial.put("afterM2", w.zoneIndustrialAfterM2());
    zoneIndustrial.put("deltaM2", w.zoneIndustrialAfterM2() - w.zoneIndustrialBeforeM2());
    out.set(
        "parcelsGained", parcelSet(parcels.index(), w.parcels().gained(), calculator.counted()));
    out.set("parcelsLost", parcelSet(parcels.index(), w.parcels().lost(), calculator.counted()));
    out.put("elapsedMs", (System.nanoTime() - start) / 1e6);
    return out;
  }

  private static SpatialProblem matching(List<SpatialProblem> problems, SpatialProblem p) {
    for (SpatialProblem q : problems) {
      boolean sameKind =
          q.kind() == p.kind()
              || (q.kind() != SpatialProblem.Kind.OUTSIDE_PARENT
                  && p.kind() != SpatialProblem.Kind.OUTSIDE_PARENT
                  && q.kind() != SpatialProblem.Kind.GAP
                  && p.kind() != SpatialProblem.Kind.GAP);
      if (sameKind && q.zoneA().equals(p.zoneA()) && q.zoneB().equals(p.zoneB())) {
        return q;
      }
    }
    return null;
  }

  /** The proposed geometry: a GeoJSON Feature's geometry, or a bare GeoJSON geometry. */
  private static MultiPolygon proposedGeometry(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "malformed-geojson",
          "Malformed GeoJSON",
          "the request body must be a GeoJSON Feature or a Polygon/MultiPolygon geometry");
    }
    JsonNode type = body.get("type");
    JsonNode geometry =
        type != null && type.isString() && "Feature".equals(type.stringValue())
            ? body.get("geometry")
            : body;
    return GeoJson.readPolygonal(geometry);
  }

  // ----------------------------------------------------------------- indicators (issue item 9)

  /** Per zone the figures a radar chart needs, with the city targets beside them. */
  public ObjectNode indicators(String planId, String divisionCode, Boolean includeStorage) {
    Parcels parcels = cache.parcels();
    PlanData plan = planData(planId);
    boolean storage = storage(includeStorage);
    Division division = divisionFor(parcels, plan, divisionCode);
    Concentration c = concentration(parcels, plan, division, storage);
    ZoneMembership membership = membership(parcels, plan, storage);
    int[] scattered = scatteredIndices(parcels, plan, division, storage);
    double scatteredM2 = 0;
    for (int i : scattered) {
      scatteredM2 += parcels.index().areaM2(i);
    }
    AnalysisProperties.CityTargets t = properties.cityTargets();

    ObjectNode out = NODES.objectNode();
    out.put("planId", planId);
    out.set("division", divisionJson(division, divisionCode == null));
    out.put("includeStorage", storage);
    ObjectNode targets = out.putObject("targets");
    targets.put("concentration", properties.concentrationTarget());
    putNullable(targets, "taxPerMuWan", t.taxPerMuWan());
    putNullable(targets, "valueAddedPerMuWan", t.valueAddedPerMuWan());
    putNullable(targets, "newScatteredIndustrialMu", t.newScatteredIndustrialMu());
    putNullable(targets, "inefficientRemediatedMuPerYear", t.inefficientRemediatedMuPerYear());
    putNullable(targets, "newStandardFactoryM2PerYear", t.newStandardFactoryM2PerYear());

    ObjectNode summary = out.putObject("plan");
    putConcentration(summary, c);
    summary.put("scatteredIndustrialMu", AreaUnits.toMu(scatteredM2));
    summary.put("scatteredParcels", scattered.length);

    ArrayNode axes = out.putArray("axes");
    axis(axes, "areaKm2", "面积", "km²", null, "the zone's own ellipsoidal area");
    axis(
        axes,
        "industrialShare",
        "工业用地占比",
        "ratio",
        null,
        "industrial land in the zone (and the division) ÷ the zone's area");
    axis(axes, "taxPerMuWan", "亩均税收", "万元/亩", t.taxPerMuWan(), "tax ÷ area of member parcels");
    axis(
        axes,
        "valueAddedPerMuWan",
        "亩均增加值",
        "万元/亩",
        t.valueAddedPerMuWan(),
        "value added ÷ area of member parcels");
    axis(
        axes,
        "inefficientShare",
        "低效用地占比",
        "ratio",
        null,
        "class C and D land ÷ industrial land of member parcels");
    axis(
        axes,
        "concentrationShare",
        "占辖区工业用地比重",
        "ratio",
        null,
        "industrial land in the zone ÷ industrial land in the division");

    ArrayNode zones = out.putArray("zones");
    for (Zone zone : plan.zones()) {
      Efficiency.ZoneFigures f =
          Efficiency.zone(
              zone.code(), parcels.index(), membership.members(zone.code()), thresholds);
      double industrial = c.zoneIndustrialM2().getOrDefault(zone.code(), 0.0);
      ObjectNode z = zoneRef(zone);
      ObjectNode values = z.putObject("values");
      values.put("areaKm2", zone.area().km2());
      putRatio(values, "industrialShare", industrial, zone.area().squareMetres());
      putNullable(values, "taxPerMuWan", f.taxPerMuWan());
      putNullable(values, "valueAddedPerMuWan", f.valueAddedPerMuWan());
      putRatio(values, "inefficientShare", f.inefficientMu(), f.industrialMu());
      putRatio(values, "concentrationShare", industrial, c.industrialTotalM2());
      ObjectNode figures = z.putObject("figures");
      figures.put("industrialM2", industrial);
      figures.put("industrialMu", AreaUnits.toMu(industrial));
      figures.put("memberParcels", f.parcels());
      figures.put("memberIndustrialMu", f.industrialMu());
      figures.put("inefficientMu", f.inefficientMu());
      figures.put("taxWan", f.taxWan());
      figures.put("valueAddedWan", f.valueAddedWan());
      if (t.taxPerMuWan() != null && f.taxPerMuWan() != null) {
        figures.put("meetsTaxPerMuTarget", f.taxPerMuWan() >= t.taxPerMuWan());
      } else {
        figures.putNull("meetsTaxPerMuTarget");
      }
      zones.add(z);
    }
    return out;
  }

  private static void axis(
      ArrayNode axes, String key, String label, String unit, Double target, String meaning) {
    ObjectNode a = axes.addObject();
    a.put("key", key);
    a.put("label", label);
    a.put("unit", unit);
    putNullable(a, "target", target);
    a.put("meaning", meaning);
  }

  // ------------------------------------------------------------------- shared pieces

  PlanData planData(String planId) {
    PlanVersion version = zoneService.plan(planId);
    return cache.plan(
        planId,
        "plan",
        List.of(),
        () -> {
          List<Zone> zones = zoneRepository.findZones(planId);
          Map<String, Zone> byCode = new LinkedHashMap<>();
          zones.forEach(z -> byCode.put(z.code(), z));
          return new PlanData(
              version, zones, byCode, PlanGeometry.of(zones.stream().map(ZoneShape::of).toList()));
        });
  }

  private boolean storage(Boolean requested) {
    return requested != null ? requested : properties.includeStorage();
  }

  private ArrayNode countedCodes(boolean storage) {
    ArrayNode out = NODES.arrayNode();
    classifier
        .countedPrefixes(storage)
        .forEach(
            (scheme, prefixes) -> {
              ObjectNode s = out.addObject();
              s.put("scheme", scheme.name());
              ArrayNode p = s.putArray("prefixes");
              prefixes.forEach(p::add);
            });
    return out;
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

  private ZoneMembership membership(Parcels parcels, PlanData plan, boolean storage) {
    return cache.derived(
        parcels,
        plan.id(),
        "membership",
        List.of(plan.geometry(), storage),
        () -> ZoneMembership.of(plan.geometry(), parcels.index(), industrial(parcels, storage)));
  }

  /** Which parcels of the snapshot count as industrial land. */
  private IntPredicate industrial(Parcels parcels, boolean storage) {
    return cache.derived(
        parcels,
        null,
        "industrial",
        List.of(storage),
        () -> ConcentrationCalculator.industrial(parcels.index(), classifier, storage));
  }

  Division division(Parcels parcels, String code) {
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

  private Division divisionFor(Parcels parcels, PlanData plan, String code) {
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
  private String defaultDivisionCode(PlanData plan) {
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

  private List<Division> outlines(Parcels parcels, String level) {
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

  private static ObjectNode divisionJson(Division d, boolean byDefault) {
    ObjectNode out = NODES.objectNode();
    out.put("code", d.code());
    out.put("name", d.name());
    out.put("level", d.level());
    out.put("default", byDefault);
    return out;
  }

  private static ObjectNode planJson(PlanVersion plan) {
    ObjectNode out = NODES.objectNode();
    out.put("id", plan.id());
    out.put("name", plan.name());
    out.put("date", plan.date().toString());
    out.put("status", plan.status().name());
    return out;
  }

  private static ObjectNode zoneRef(Zone zone) {
    ObjectNode z = NODES.objectNode();
    z.put("code", zone.code());
    z.put("name", zone.name());
    z.put("kind", zone.kind().name());
    z.put("parent", zone.parentCode());
    return z;
  }

  private static ObjectNode parcelProperties(ParcelIndex index, int i) {
    Parcel p = index.parcel(i);
    ObjectNode out = NODES.objectNode();
    out.put("id", p.id());
    out.put("scheme", p.scheme().name());
    out.put("landUseCode", p.landUseCode());
    out.put("enterpriseName", p.enterpriseName());
    out.put("creditCode", p.creditCode());
    out.put("areaM2", index.areaM2(i));
    out.put("areaMu", AreaUnits.toMu(index.areaM2(i)));
    return out;
  }

  /** Count, area and ids of a set of parcels, with the industrial ones apart. */
  private static ObjectNode parcelSet(ParcelIndex index, int[] set, IntPredicate industrial) {
    ObjectNode out = NODES.objectNode();
    double area = 0;
    double industrialArea = 0;
    int industrialCount = 0;
    List<Long> ids = new ArrayList<>();
    for (int i : set) {
      area += index.areaM2(i);
      if (industrial.test(i)) {
        industrialCount++;
        industrialArea += index.areaM2(i);
      }
      ids.add(index.parcel(i).id());
    }
    out.put("count", set.length);
    out.put("areaM2", area);
    out.put("industrialCount", industrialCount);
    out.put("industrialM2", industrialArea);
    ArrayNode list = out.putArray("ids");
    ids.stream().sorted().forEach(list::add);
    return out;
  }

  private static void putRatio(ObjectNode node, String key, double numerator, double denominator) {
    if (denominator > 0) {
      node.put(key, numerator / denominator);
    } else {
      node.putNull(key);
    }
  }

  private void putMeets(ObjectNode node, double ratio) {
    if (Double.isNaN(ratio)) {
      node.putNull("meetsTarget");
    } else {
      node.put("meetsTarget", ratio >= properties.concentrationTarget());
    }
  }

  private static void putDelta(ObjectNode node, double before, double after) {
    if (Double.isNaN(before) || Double.isNaN(after)) {
      node.putNull("ratioDelta");
    } else {
      node.put("ratioDelta", after - before);
    }
  }

  private static void putNullable(ObjectNode node, String key, Double value) {
    if (value == null || value.isNaN()) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }
}
