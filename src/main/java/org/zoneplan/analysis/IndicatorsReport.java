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
 * The indicators of the dashboard (指标看板): per zone the figures a radar chart needs, with the city
 * targets ({@link AnalysisProperties.CityTargets}) beside them, and the plan's concentration and
 * scattered land.
 */
@Service
public class IndicatorsReport {
  private final AnalysisInputs inputs;

  IndicatorsReport(AnalysisInputs inputs) {
    this.inputs = inputs;
  }

  /**
   * The dashboard's indicators.
   *
   * @param year the statistics year of the enterprise figures (tax, value added): asked for, or the
   *     latest held; null when the store holds no statistics
   * @param enterprisesWithStatistics enterprises reporting in that year
   * @param plan the plan's concentration in the division and its scattered industrial land
   * @param axes the radar's axes, in order; each zone's {@code values} has one entry per axis key
   */
  public record Result(
      String planId,
      Integer year,
      int enterprisesWithStatistics,
      DivisionRef division,
      boolean includeStorage,
      Targets targets,
      PlanFigures plan,
      List<Axis> axes,
      List<ZoneIndicators> zones) {}

  /** The city targets (null where none is set); {@code concentration} is a ratio. */
  public record Targets(
      double concentration,
      Double taxPerMuWan,
      Double valueAddedPerMuWan,
      Double newScatteredIndustrialMu,
      Double inefficientRemediatedMuPerYear,
      Double newStandardFactoryM2PerYear) {}

  /** The concentration figures written flat, and the scattered land of the division. */
  public record PlanFigures(
      @JsonUnwrapped ConcentrationFigures concentration,
      double scatteredIndustrialMu,
      int scatteredParcels) {}

  /**
   * A radar axis.
   *
   * @param key the key in each zone's {@code values}
   * @param label its Chinese name
   * @param target the city target on this axis, or null
   */
  public record Axis(String key, String label, String unit, Double target, String meaning) {}

  /** One zone: its values on the axes and the figures behind them. */
  public record ZoneIndicators(@JsonUnwrapped ZoneRef zone, Values values, Figures figures) {}

  /** A zone's values on the axes; null where a denominator is zero or a figure is missing. */
  public record Values(
      double areaKm2,
      Double industrialShare,
      Double taxPerMuWan,
      Double valueAddedPerMuWan,
      Double inefficientShare,
      Double concentrationShare) {}

  /**
   * The figures behind a zone's values.
   *
   * @param industrialM2 industrial land in the zone and the division
   * @param memberParcels industrial parcels belonging to the zone (interior point)
   * @param enterpriseLandMu their enterprise land (area × the shares of their users), 亩
   * @param taxWan the year's tax on them (each enterprise's split over its land), 万元
   * @param meetsTaxPerMuTarget null without a target or a tax figure
   */
  public record Figures(
      double industrialM2,
      double industrialMu,
      int memberParcels,
      double memberIndustrialMu,
      double enterpriseLandMu,
      double inefficientMu,
      double taxWan,
      double valueAddedWan,
      Boolean meetsTaxPerMuTarget) {}

  /**
   * @param divisionCode a division with an outline, or null for the county holding most zones
   * @param includeStorage whether storage land counts, or null for the configured default
   * @param year the statistics year, or null for the latest held
   */
  public Result indicators(
      String planId, String divisionCode, Boolean includeStorage, Integer year) {
    Parcels parcels = inputs.parcels();
    LandFigures figures = inputs.landFigures(parcels, year);
    PlanData plan = inputs.planData(planId);
    boolean storage = inputs.storage(includeStorage);
    Division division = inputs.divisionFor(parcels, plan, divisionCode);
    Concentration c = inputs.concentration(parcels, plan, division, storage);
    ZoneMembership membership = inputs.membership(parcels, plan, storage);
    int[] scattered = inputs.scatteredIndices(parcels, plan, division, storage);
    double scatteredM2 = 0;
    for (int i : scattered) {
      scatteredM2 += parcels.index().areaM2(i);
    }
    AnalysisProperties.CityTargets t = inputs.properties().cityTargets();
    double concentrationTarget = inputs.properties().concentrationTarget();

    List<ZoneIndicators> zones = new ArrayList<>();
    for (Zone zone : plan.zones()) {
      Efficiency.ZoneFigures f =
          Efficiency.zone(
              parcels.index(),
              figures,
              membership.members(zone.code()),
              inputs.properties().efficiency().thresholds());
      double industrial = c.zoneIndustrialM2().getOrDefault(zone.code(), 0.0);
      zones.add(
          new ZoneIndicators(
              ZoneRef.of(zone),
              new Values(
                  zone.area().km2(),
                  ReportParts.ratio(industrial, zone.area().squareMetres()),
                  ReportParts.orNull(f.taxPerMuWan()),
                  ReportParts.orNull(f.valueAddedPerMuWan()),
                  ReportParts.ratio(f.inefficientMu(), f.industrialMu()),
                  ReportParts.ratio(industrial, c.industrialTotalM2())),
              new Figures(
                  industrial,
                  AreaUnits.toMu(industrial),
                  f.parcels(),
                  f.industrialMu(),
                  f.enterpriseLandMu(),
                  f.inefficientMu(),
                  f.taxWan(),
                  f.valueAddedWan(),
                  t.taxPerMuWan() != null && f.taxPerMuWan() != null
                      ? f.taxPerMuWan() >= t.taxPerMuWan()
                      : null)));
    }
    return new Result(
        planId,
        figures.year(),
        figures.enterprises(),
        DivisionRef.of(division, divisionCode == null),
        storage,
        new Targets(
            concentrationTarget,
            ReportParts.orNull(t.taxPerMuWan()),
            ReportParts.orNull(t.valueAddedPerMuWan()),
            ReportParts.orNull(t.newScatteredIndustrialMu()),
            ReportParts.orNull(t.inefficientRemediatedMuPerYear()),
            ReportParts.orNull(t.newStandardFactoryM2PerYear())),
        new PlanFigures(
            ConcentrationFigures.of(c, concentrationTarget),
            AreaUnits.toMu(scatteredM2),
            scattered.length),
        axes(t),
        zones);
  }

  private static List<Axis> axes(AnalysisProperties.CityTargets t) {
    return List.of(
        new Axis("areaKm2", "面积", "km²", null, "the zone's own ellipsoidal area"),
        new Axis(
            "industrialShare",
            "工业用地占比",
            "ratio",
            null,
            "industrial land in the zone (and the division) ÷ the zone's area"),
        new Axis(
            "taxPerMuWan",
            "亩均税收",
            "万元/亩",
            ReportParts.orNull(t.taxPerMuWan()),
            "the year's tax of the land users ÷ their enterprise land (area × share) in member parcels"),
        new Axis(
            "valueAddedPerMuWan",
            "亩均增加值",
            "万元/亩",
            ReportParts.orNull(t.valueAddedPerMuWan()),
            "the year's value added of the land users ÷ their enterprise land in member parcels"),
        new Axis(
            "inefficientShare",
            "低效用地占比",
            "ratio",
            null,
            "class C and D land ÷ industrial land of member parcels"),
        new Axis(
            "concentrationShare",
            "占辖区工业用地比重",
            "ratio",
            null,
            "industrial land in the zone ÷ industrial land in the division"));
  }
}
