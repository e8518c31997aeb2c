package org.zoneplan.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.AnalysisInputs.PlanData;
import org.zoneplan.analysis.ReportParts.ParcelRef;
import org.zoneplan.analysis.ReportParts.ZoneRef;
import org.zoneplan.parcels.LandUser;
import org.zoneplan.zones.Zone;

/**
 * 亩均税收 and 亩均增加值 per zone and per industrial parcel, with the A/B/C/D classes of {@link
 * EfficiencyThresholds} ({@link Efficiency}: a parcel belongs to a zone by its interior point).
 */
@Service
public class EfficiencyReport {
  static final String RULE =
      "a parcel belongs to a zone when its interior point lies in it; its figures are the year's"
          + " statistics of its land users (enterprise_stat), each enterprise's split over its land"
          + " by enterprise land (parcel area × share), per 亩 of the enterprise land reporting them";

  private final AnalysisInputs inputs;
  private final EfficiencyThresholds thresholds;

  EfficiencyReport(AnalysisInputs inputs) {
    this.inputs = inputs;
    this.thresholds = inputs.properties().efficiency().thresholds();
  }

  /**
   * The report.
   *
   * @param year the statistics year of the figures (asked for, or the latest held); null when the
   *     store holds no statistics
   * @param enterprisesWithStatistics enterprises reporting in that year
   * @param parcels the member parcels with their figures; absent (not null) when not asked for
   */
  public record Result(
      String planId,
      Integer year,
      int enterprisesWithStatistics,
      boolean includeStorage,
      Thresholds thresholds,
      String rule,
      List<ZoneEfficiency> zones,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<ParcelEfficiency> parcels) {}

  /**
   * The class thresholds of tax per 亩, 万元/亩: A from {@code a}, B from {@code b}, C from {@code c},
   * D below.
   */
  public record Thresholds(
      String basis,
      String unit,
      @JsonProperty("A") double a,
      @JsonProperty("B") double b,
      @JsonProperty("C") double c,
      String inefficient) {}

  /**
   * A zone's figures over its industrial member parcels (see {@link Efficiency.ZoneFigures}), in
   * one JSON object with the zone's code and name.
   *
   * @param inefficientShare class C and D land ÷ industrial land; null without industrial land
   */
  public record ZoneEfficiency(
      @JsonUnwrapped ZoneRef zone,
      @JsonUnwrapped Efficiency.ZoneFigures figures,
      Double inefficientShare) {
    static ZoneEfficiency of(Zone zone, Efficiency.ZoneFigures f) {
      return new ZoneEfficiency(
          ZoneRef.of(zone), f, ReportParts.ratio(f.inefficientMu(), f.industrialMu()));
    }
  }

  /**
   * An industrial parcel that belongs to a zone, with the year's figures of its land users.
   *
   * @param enterpriseLandMu its area × the shares of its users, 亩
   * @param grade class A–D, null without a tax figure
   * @param zones codes of the zones it belongs to
   */
  public record ParcelEfficiency(
      @JsonUnwrapped ParcelRef parcel,
      double enterpriseLandMu,
      Double taxWan,
      Double valueAddedWan,
      Double taxPerMuWan,
      Double valueAddedPerMuWan,
      @JsonProperty("class") String grade,
      List<String> zones) {}

  /**
   * @param includeStorage whether storage land counts, or null for the configured default
   * @param zoneCode only this zone (404 zone-not-found when the plan has none), or null for all
   * @param withParcels whether to list the member parcels
   * @param year the statistics year, or null for the latest held
   */
  public Result efficiency(
      String planId, Boolean includeStorage, String zoneCode, boolean withParcels, Integer year) {
    Parcels parcels = inputs.parcels();
    LandFigures figures = inputs.landFigures(parcels, year);
    PlanData plan = inputs.planData(planId);
    if (zoneCode != null) {
      inputs.zoneService().zone(planId, zoneCode);
    }
    boolean storage = inputs.storage(includeStorage);
    ZoneMembership membership = inputs.membership(parcels, plan, storage);
    ParcelIndex index = parcels.index();

    List<ZoneEfficiency> zones = new ArrayList<>();
    for (Zone zone : plan.zones()) {
      if (zoneCode == null || zoneCode.equals(zone.code())) {
        zones.add(
            ZoneEfficiency.of(
                zone,
                Efficiency.zone(index, figures, membership.members(zone.code()), thresholds)));
      }
    }
    List<ParcelEfficiency> list = null;
    if (withParcels) {
      list = new ArrayList<>();
      int[] members =
          zoneCode != null
              ? membership.members(zoneCode)
              : index.all(i -> !membership.zonesOf(i).isEmpty());
      Map<Long, List<LandUser>> users = inputs.landUsers(parcels, members);
      for (int i : members) {
        Efficiency.ParcelFigures f = Efficiency.parcel(index, figures, i, thresholds);
        list.add(
            new ParcelEfficiency(
                ParcelRef.of(index, i, users),
                f.enterpriseLandMu(),
                ReportParts.orNull(f.taxWan()),
                ReportParts.orNull(f.valueAddedWan()),
                ReportParts.orNull(f.taxPerMuWan()),
                ReportParts.orNull(f.valueAddedPerMuWan()),
                f.grade() == null ? null : f.grade().name(),
                List.copyOf(membership.zonesOf(i))));
      }
    }
    return new Result(
        planId,
        figures.year(),
        figures.enterprises(),
        storage,
        new Thresholds(
            "taxPerMuWan", "万元/亩", thresholds.a(), thresholds.b(), thresholds.c(), "C, D"),
        RULE,
        zones,
        list);
  }
}
