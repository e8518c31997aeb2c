package org.zoneplan.analysis;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.AnalysisInputs.PlanData;
import org.zoneplan.analysis.ReportParts.ZoneRef;
import org.zoneplan.divisions.Division;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.system.ApiProblem;

/**
 * Each zone's area and industrial land split by administrative division ({@link
 * DivisionAttribution}): which county (or town) a zone lies in, and how much of it.
 */
@Service
public class AttributionReport {
  private final AnalysisInputs inputs;

  AttributionReport(AnalysisInputs inputs) {
    this.inputs = inputs;
  }

  /**
   * The report.
   *
   * @param level the division level split by (COUNTY unless asked otherwise)
   */
  public record Result(
      String planId, String level, boolean includeStorage, List<ZoneAttribution> zones) {}

  /**
   * A zone split by division.
   *
   * @param outsideDivisionsM2 the zone's area in none of the divisions
   */
  public record ZoneAttribution(
      @JsonUnwrapped ZoneRef zone,
      double areaM2,
      double areaKm2,
      double outsideDivisionsM2,
      List<DivisionShare> divisions) {}

  /**
   * The part of a zone in one division.
   *
   * @param share of the zone's area; null when the zone has no area
   * @param industrialM2 industrial land in that part
   */
  public record DivisionShare(
      String code,
      String name,
      double areaM2,
      double areaKm2,
      Double share,
      double industrialM2,
      double industrialMu) {}

  /**
   * @param level a division level (case-insensitive), or null for COUNTY; 422 no-division-outlines
   *     when no division of that level has an outline
   * @param includeStorage whether storage land counts, or null for the configured default
   */
  public Result attribution(String planId, String level, Boolean includeStorage) {
    Parcels parcels = inputs.parcels();
    PlanData plan = inputs.planData(planId);
    boolean storage = inputs.storage(includeStorage);
    String lvl = level == null ? AnalysisInputs.COUNTY : level.strip().toUpperCase(Locale.ROOT);
    List<Division> outlines = inputs.outlines(parcels, lvl);
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
        calculators.put(d.code(), inputs.calculator(parcels, d, storage));
      }
    }
    List<DivisionAttribution.ZoneSplit> splits =
        inputs
            .cache()
            .derived(
                parcels,
                planId,
                "attribution",
                List.of(plan.geometry(), lvl, storage),
                () -> DivisionAttribution.compute(plan.geometry(), calculators));
    List<ZoneAttribution> zones = new ArrayList<>();
    for (DivisionAttribution.ZoneSplit split : splits) {
      List<DivisionShare> shares = new ArrayList<>();
      for (DivisionAttribution.Share share : split.shares()) {
        Division d = byCode.get(share.division());
        shares.add(
            new DivisionShare(
                d.code(),
                d.name(),
                share.areaM2(),
                AreaUnits.toKm2(share.areaM2()),
                ReportParts.ratio(share.areaM2(), split.areaM2()),
                share.industrialM2(),
                AreaUnits.toMu(share.industrialM2())));
      }
      zones.add(
          new ZoneAttribution(
              ZoneRef.of(plan.byCode().get(split.code())),
              split.areaM2(),
              AreaUnits.toKm2(split.areaM2()),
              split.outsideDivisionsM2(),
              shares));
    }
    return new Result(planId, lvl, storage, zones);
  }
}
