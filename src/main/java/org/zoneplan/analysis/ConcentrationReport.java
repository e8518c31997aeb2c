package org.zoneplan.analysis;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.AnalysisInputs.PlanData;
import org.zoneplan.analysis.ReportParts.ConcentrationFigures;
import org.zoneplan.analysis.ReportParts.DivisionRef;
import org.zoneplan.analysis.ReportParts.ZoneRef;
import org.zoneplan.divisions.Division;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.zones.Zone;

/**
 * The industrial-land concentration ratio (工业用地集聚率) of a plan version in a division: industrial
 * land inside the union of the zones ÷ industrial land in the division, with each zone's share.
 */
@Service
public class ConcentrationReport {
  static final String NOTE =
      "industrialInsideM2 counts land covered by several zones once; the per-zone figures count"
          + " it in every zone that covers it (a parent contains its parts), so they do not add"
          + " up to it";

  private final AnalysisInputs inputs;

  ConcentrationReport(AnalysisInputs inputs) {
    this.inputs = inputs;
  }

  /**
   * The report.
   *
   * @param countedCodes per land-use scheme, the code prefixes counted as industrial
   * @param figures written flat: industrialInsideM2 … meetsTarget
   * @param parcelsCounted industrial parcels with land inside the division
   */
  public record Result(
      String planId,
      DivisionRef division,
      boolean includeStorage,
      List<CountedCodes> countedCodes,
      @JsonUnwrapped ConcentrationFigures figures,
      int parcelsCounted,
      String note,
      List<ZoneIndustrial> zones) {}

  /** The land-use code prefixes of one scheme that count as industrial land. */
  public record CountedCodes(String scheme, List<String> prefixes) {}

  /**
   * A zone's industrial land inside the division.
   *
   * @param shareOfTotal of the division's industrial land; null when it has none
   */
  public record ZoneIndustrial(
      @JsonUnwrapped ZoneRef zone, double industrialM2, double industrialMu, Double shareOfTotal) {}

  /**
   * @param divisionCode a division with an outline, or null for the county holding most zones
   * @param includeStorage whether storage land counts, or null for the configured default
   */
  public Result concentration(String planId, String divisionCode, Boolean includeStorage) {
    Parcels parcels = inputs.parcels();
    PlanData plan = inputs.planData(planId);
    boolean storage = inputs.storage(includeStorage);
    Division division = inputs.divisionFor(parcels, plan, divisionCode);
    Concentration c = inputs.concentration(parcels, plan, division, storage);
    List<ZoneIndustrial> zones = new ArrayList<>();
    for (Zone zone : plan.zones()) {
      double m2 = c.zoneIndustrialM2().getOrDefault(zone.code(), 0.0);
      zones.add(
          new ZoneIndustrial(
              ZoneRef.of(zone),
              m2,
              AreaUnits.toMu(m2),
              ReportParts.ratio(m2, c.industrialTotalM2())));
    }
    return new Result(
        planId,
        DivisionRef.of(division, divisionCode == null),
        storage,
        countedCodes(storage),
        ConcentrationFigures.of(c, inputs.properties().concentrationTarget()),
        c.parcelsCounted(),
        NOTE,
        zones);
  }

  private List<CountedCodes> countedCodes(boolean storage) {
    List<CountedCodes> out = new ArrayList<>();
    inputs
        .classifier()
        .countedPrefixes(storage)
        .forEach(
            (scheme, prefixes) -> out.add(new CountedCodes(scheme.name(), List.copyOf(prefixes))));
    return out;
  }
}
