package org.zoneplan.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.AnalysisInputs.PlanData;
import org.zoneplan.analysis.ReportParts.DivisionRef;
import org.zoneplan.analysis.ReportParts.Feature;
import org.zoneplan.analysis.ReportParts.FeatureCollection;
import org.zoneplan.analysis.ReportParts.ParcelSet;
import org.zoneplan.analysis.ReportParts.ProblemProperties;
import org.zoneplan.divisions.Division;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * What would change if one zone had another geometry ({@link WhatIfCalculator}): its area, the
 * overlaps it would create or resolve, the concentration ratio and the parcels it would gain and
 * lose. Nothing is saved.
 */
@Service
public class WhatIfReport {
  private final AnalysisInputs inputs;
  private final OverlapFinder overlapFinder;

  WhatIfReport(AnalysisInputs inputs) {
    this.inputs = inputs;
    this.overlapFinder = inputs.properties().overlapFinder();
  }

  /**
   * The report.
   *
   * @param saved always false
   * @param overlaps the zone's problems with the proposed geometry (GeoJSON FeatureCollection)
   * @param resolved its problems now that the proposed geometry would not have
   * @param zoneIndustrial industrial land in the division inside the zone, now and proposed
   * @param elapsedMs time taken, milliseconds
   */
  public record Result(
      String planId,
      String code,
      boolean saved,
      DivisionRef division,
      boolean includeStorage,
      AreaChange area,
      FeatureCollection<ProblemChange> overlaps,
      List<ResolvedProblem> resolved,
      ConcentrationChange concentration,
      IndustrialChange zoneIndustrial,
      ParcelSet parcelsGained,
      ParcelSet parcelsLost,
      double elapsedMs) {}

  /** The zone's ellipsoidal area now and with the proposed geometry. */
  public record AreaChange(
      double beforeM2,
      double afterM2,
      double deltaM2,
      double beforeKm2,
      double afterKm2,
      double deltaKm2,
      double afterMu) {
    static AreaChange of(double beforeM2, double afterM2) {
      return new AreaChange(
          beforeM2,
          afterM2,
          afterM2 - beforeM2,
          AreaUnits.toKm2(beforeM2),
          AreaUnits.toKm2(afterM2),
          AreaUnits.toKm2(afterM2 - beforeM2),
          AreaUnits.toMu(afterM2));
    }
  }

  /**
   * A problem with the proposed geometry.
   *
   * @param newProblem whether the zone has no such problem now (written as {@code new})
   * @param areaBeforeM2 the area of the same problem now, 0 when new
   */
  public record ProblemChange(
      @JsonUnwrapped ProblemProperties problem,
      @JsonProperty("new") boolean newProblem,
      double areaBeforeM2) {}

  /** A problem the zone has now that the proposed geometry would not have. */
  public record ResolvedProblem(String kind, String zoneA, String zoneB, double areaM2) {}

  /**
   * The concentration now and with the proposed geometry (the division's industrial total does not
   * change).
   *
   * @param ratioDelta after − before; null when either has no ratio
   */
  public record ConcentrationChange(
      double industrialTotalM2,
      double target,
      InsideLand before,
      InsideLand after,
      Double ratioDelta) {}

  /**
   * Industrial land inside the union of the zones.
   *
   * @param ratio of the division's industrial land; null when it has none
   * @param meetsTarget null without a ratio
   */
  public record InsideLand(double industrialInsideM2, Double ratio, Boolean meetsTarget) {}

  /** Industrial land in the division inside the zone, now and proposed. */
  public record IndustrialChange(double beforeM2, double afterM2, double deltaM2) {}

  /**
   * With the proposed geometry in a request body: a GeoJSON Feature or a bare Polygon/MultiPolygon
   * geometry (400 malformed-geojson otherwise, 422 invalid-geometry when it is not valid).
   *
   * @param divisionCode a division with an outline, or null for the county holding most zones
   * @param includeStorage whether storage land counts, or null for the configured default
   */
  public Result whatIf(
      String planId, String code, JsonNode body, String divisionCode, Boolean includeStorage) {
    long start = System.nanoTime();
    PlanData plan = planWithZone(planId, code);
    return evaluate(start, plan, code, proposedGeometry(body), divisionCode, includeStorage);
  }

  /**
   * With the proposed geometry as it is (EPSG:4490; 422 invalid-geometry when it is not valid).
   *
   * @param divisionCode a division with an outline, or null for the county holding most zones
   * @param includeStorage whether storage land counts, or null for the configured default
   */
  public Result whatIf(
      String planId,
      String code,
      MultiPolygon proposed,
      String divisionCode,
      Boolean includeStorage) {
    long start = System.nanoTime();
    PlanData plan = planWithZone(planId, code);
    return evaluate(start, plan, code, proposed, divisionCode, includeStorage);
  }

  /** The plan version, 404 when it or the zone does not exist. */
  private PlanData planWithZone(String planId, String code) {
    PlanData plan = inputs.planData(planId);
    if (!plan.geometry().has(code)) {
      inputs.zoneService().zone(planId, code); // 404 with the usual problem
    }
    return plan;
  }

  private Result evaluate(
      long start,
      PlanData plan,
      String code,
      MultiPolygon proposed,
      String divisionCode,
      Boolean includeStorage) {
    PolygonValidator.requireValid(proposed);
    Parcels parcels = inputs.parcels();
    boolean storage = inputs.storage(includeStorage);
    Division division = inputs.divisionFor(parcels, plan, divisionCode);
    ConcentrationCalculator calculator = inputs.calculator(parcels, division, storage);
    Concentration before = inputs.concentration(parcels, plan, division, storage);
    WhatIf w =
        new WhatIfCalculator(calculator, overlapFinder)
            .evaluate(plan.geometry(), before, code, proposed);

    List<Feature<ProblemChange>> features = new ArrayList<>();
    for (SpatialProblem p : w.problemsAfter()) {
      SpatialProblem old = matching(w.problemsBefore(), p);
      features.add(
          Feature.of(
              new ProblemChange(
                  ProblemProperties.of(p), old == null, old == null ? 0 : old.areaM2()),
              p.geometry()));
    }
    List<ResolvedProblem> resolved = new ArrayList<>();
    for (SpatialProblem p : w.problemsBefore()) {
      if (matching(w.problemsAfter(), p) == null) {
        resolved.add(new ResolvedProblem(p.kind().name(), p.zoneA(), p.zoneB(), p.areaM2()));
      }
    }
    double target = inputs.properties().concentrationTarget();
    double total = before.industrialTotalM2();
    ConcentrationChange concentration =
        new ConcentrationChange(
            total,
            target,
            new InsideLand(
                before.industrialInsideM2(),
                ReportParts.ratio(before.industrialInsideM2(), total),
                ReportParts.meets(before.ratio(), target)),
            new InsideLand(
                w.industrialInsideAfterM2(),
                ReportParts.ratio(w.industrialInsideAfterM2(), total),
                ReportParts.meets(w.ratioAfter(), target)),
            ReportParts.delta(before.ratio(), w.ratioAfter()));
    return new Result(
        plan.id(),
        code,
        false,
        DivisionRef.of(division, divisionCode == null),
        storage,
        AreaChange.of(w.areaBeforeM2(), w.areaAfterM2()),
        FeatureCollection.of(features),
        resolved,
        concentration,
        new IndustrialChange(
            w.zoneIndustrialBeforeM2(),
            w.zoneIndustrialAfterM2(),
            w.zoneIndustrialAfterM2() - w.zoneIndustrialBeforeM2()),
        ParcelSet.of(parcels.index(), w.parcels().gained(), calculator.counted()),
        ParcelSet.of(parcels.index(), w.parcels().lost(), calculator.counted()),
        (System.nanoTime() - start) / 1e6);
  }

  /**
   * The problem of {@code problems} that is {@code p} in the other geometry: same zones, and the
   * same kind (overlaps and slivers count as one kind, as a grown overlap may stop being narrow).
   */
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
}
