package org.zoneplan.analysis;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.AnalysisInputs.PlanData;
import org.zoneplan.analysis.ReportParts.ConcentrationFigures;
import org.zoneplan.analysis.ReportParts.DivisionRef;
import org.zoneplan.analysis.ReportParts.ParcelSet;
import org.zoneplan.analysis.ReportParts.PlanRef;
import org.zoneplan.analysis.ReportParts.ZoneRef;
import org.zoneplan.divisions.Division;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.GeoJsonSerializer;
import org.zoneplan.zones.Zone;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Two plan versions compared zone by zone ({@link PlanComparison}: zones matched by code), with the
 * concentration ratio before and after in one division.
 */
@Service
public class PlanComparisonReport {
  static final String RULE =
      "zones are matched by code; a parcel is gained or lost when its interior point enters or"
          + " leaves the zone";

  private final AnalysisInputs inputs;

  PlanComparisonReport(AnalysisInputs inputs) {
    this.inputs = inputs;
  }

  /** The report. */
  public record Result(
      PlanRef from,
      PlanRef to,
      DivisionRef division,
      boolean includeStorage,
      ConcentrationChange concentration,
      String rule,
      List<ZoneComparison> zones) {}

  /**
   * The concentration in both versions.
   *
   * @param ratioDelta after − before; null when either has no ratio
   */
  public record ConcentrationChange(
      ConcentrationFigures before, ConcentrationFigures after, Double ratioDelta) {}

  /**
   * One zone in the two versions.
   *
   * @param status ADDED, REMOVED, CHANGED or UNCHANGED
   * @param added land gained, GeoJSON (EPSG:4490); null when none
   * @param removed land lost; null when none
   */
  public record ZoneComparison(
      @JsonUnwrapped ZoneRef zone,
      String status,
      double areaBeforeM2,
      double areaAfterM2,
      double deltaM2,
      double areaBeforeKm2,
      double areaAfterKm2,
      double deltaKm2,
      double addedM2,
      double removedM2,
      @JsonSerialize(using = GeoJsonSerializer.class) Geometry added,
      @JsonSerialize(using = GeoJsonSerializer.class) Geometry removed,
      double industrialBeforeM2,
      double industrialAfterM2,
      ParcelSet parcelsGained,
      ParcelSet parcelsLost) {}

  /**
   * @param divisionCode a division with an outline, or null for the default division of {@code to}
   *     (of {@code from} when {@code to} has none)
   * @param includeStorage whether storage land counts, or null for the configured default
   */
  public Result compare(String fromId, String toId, String divisionCode, Boolean includeStorage) {
    Parcels parcels = inputs.parcels();
    PlanData from = inputs.planData(fromId);
    PlanData to = inputs.planData(toId);
    boolean storage = inputs.storage(includeStorage);
    Division division =
        divisionCode != null
            ? inputs.division(parcels, divisionCode)
            : inputs.defaultDivisionCode(to) != null
                ? inputs.divisionFor(parcels, to, null)
                : inputs.divisionFor(parcels, from, null);
    Concentration before = inputs.concentration(parcels, from, division, storage);
    Concentration after = inputs.concentration(parcels, to, division, storage);
    IntPredicate industrial = inputs.calculator(parcels, division, storage).counted();
    List<PlanComparison.ZoneChange> changes =
        inputs
            .cache()
            .derived(
                parcels,
                toId,
                "compare",
                List.of(from.geometry(), to.geometry()),
                () -> PlanComparison.compare(from.geometry(), to.geometry(), parcels.index()));

    double target = inputs.properties().concentrationTarget();
    List<ZoneComparison> zones = new ArrayList<>();
    for (PlanComparison.ZoneChange change : changes) {
      Zone zone =
          to.byCode().containsKey(change.code())
              ? to.byCode().get(change.code())
              : from.byCode().get(change.code());
      zones.add(
          new ZoneComparison(
              ZoneRef.of(zone),
              status(change),
              change.areaBeforeM2(),
              change.areaAfterM2(),
              change.deltaM2(),
              AreaUnits.toKm2(change.areaBeforeM2()),
              AreaUnits.toKm2(change.areaAfterM2()),
              AreaUnits.toKm2(change.deltaM2()),
              change.addedM2(),
              change.removedM2(),
              change.added().isEmpty() ? null : change.added(),
              change.removed().isEmpty() ? null : change.removed(),
              before.zoneIndustrialM2().getOrDefault(change.code(), 0.0),
              after.zoneIndustrialM2().getOrDefault(change.code(), 0.0),
              ParcelSet.of(parcels.index(), change.parcels().gained(), industrial),
              ParcelSet.of(parcels.index(), change.parcels().lost(), industrial)));
    }
    return new Result(
        PlanRef.of(from.plan()),
        PlanRef.of(to.plan()),
        DivisionRef.of(division, divisionCode == null),
        storage,
        new ConcentrationChange(
            ConcentrationFigures.of(before, target),
            ConcentrationFigures.of(after, target),
            ReportParts.delta(before.ratio(), after.ratio())),
        RULE,
        zones);
  }

  private static String status(PlanComparison.ZoneChange change) {
    if (change.before() == null) {
      return "ADDED";
    }
    if (change.after() == null) {
      return "REMOVED";
    }
    return change.addedM2() == 0 && change.removedM2() == 0 ? "UNCHANGED" : "CHANGED";
  }
}
