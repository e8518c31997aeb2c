package org.zoneplan.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.springframework.stereotype.Service;
import org.zoneplan.analysis.AnalysisCache.Parcels;
import org.zoneplan.analysis.AnalysisInputs.PlanData;
import org.zoneplan.analysis.ReportParts.DivisionRef;
import org.zoneplan.analysis.ReportParts.ParcelRef;
import org.zoneplan.divisions.Division;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.GeoJsonSerializer;
import org.zoneplan.parcels.LandUser;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelSupplyRepository;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * Scattered industrial land (零星工业用地): industrial parcels whose interior point lies in the division
 * and in no zone, as a GeoJSON FeatureCollection with the total in 亩, or as objects for exports
 * ({@link #scatteredLand}).
 */
@Service
public class ScatteredLandReport {
  static final String RULE =
      "an industrial parcel is scattered when its interior point lies in the division and in no"
          + " zone; its whole area counts";

  static final String NEW_RULE =
      "a scattered parcel is new in the year of its 供地日期 (supply date of a supplied parcel);"
          + " parcels without a supply record or date are counted apart (unknownSupplyCount)";

  private final AnalysisInputs inputs;
  private final ParcelSupplyRepository supplies;

  ScatteredLandReport(AnalysisInputs inputs, ParcelSupplyRepository supplies) {
    this.inputs = inputs;
    this.supplies = supplies;
  }

  /**
   * The report.
   *
   * @param type "FeatureCollection"
   * @param count scattered parcels
   * @param totalM2 their whole area
   * @param outsideZonesM2 industrial land in the division outside the union of the zones, as the
   *     concentration counts it (total − inside), for comparison
   * @param byYear new scattered land per year ({@link #NEW_RULE}), every year from the first to the
   *     last supply year of the scattered parcels; empty when none has a supply date
   * @param unknownSupplyCount scattered parcels without a supply date (not in {@code byYear})
   */
  public record Result(
      String type,
      String planId,
      DivisionRef division,
      boolean includeStorage,
      String rule,
      int count,
      double totalM2,
      double totalMu,
      double outsideZonesM2,
      double outsideZonesMu,
      String newRule,
      List<YearFigures> byYear,
      int unknownSupplyCount,
      List<ParcelFeature> features) {}

  /**
   * New scattered land of a year (against the target of none: 不再新增).
   *
   * @param newCount scattered parcels supplied in the year
   * @param newM2 their ellipsoidal area
   */
  public record YearFigures(int year, int newCount, double newM2, double newMu) {}

  /** A scattered parcel as a GeoJSON Feature; its geometry null when not asked for. */
  public record ParcelFeature(
      String type,
      long id,
      ParcelRef properties,
      @JsonSerialize(using = GeoJsonSerializer.class) Geometry geometry) {}

  /**
   * @param divisionCode a division with an outline, or null for the county holding most zones
   * @param includeStorage whether storage land counts, or null for the configured default
   * @param withGeometry whether features carry the parcels' geometry
   */
  public Result scattered(
      String planId, String divisionCode, Boolean includeStorage, boolean withGeometry) {
    Parcels parcels = inputs.parcels();
    PlanData plan = inputs.planData(planId);
    boolean storage = inputs.storage(includeStorage);
    Division division = inputs.divisionFor(parcels, plan, divisionCode);
    int[] scattered = inputs.scatteredIndices(parcels, plan, division, storage);
    ParcelIndex index = parcels.index();
    Map<Long, List<LandUser>> users = inputs.landUsers(parcels, scattered);
    double total = 0;
    List<ParcelFeature> features = new ArrayList<>();
    List<Long> ids = new ArrayList<>(scattered.length);
    for (int i : scattered) {
      ids.add(index.parcel(i).id());
    }
    Map<Long, LocalDate> dates = supplies.supplyDates(ids);
    TreeMap<Integer, double[]> years = new TreeMap<>(); // year → {count, m²}
    int unknown = 0;
    for (int i : scattered) {
      LocalDate date = dates.get(index.parcel(i).id());
      if (date == null) {
        unknown++;
      } else {
        double[] y = years.computeIfAbsent(date.getYear(), k -> new double[2]);
        y[0]++;
        y[1] += index.areaM2(i);
      }
    }
    List<YearFigures> byYear = new ArrayList<>();
    if (!years.isEmpty()) {
      // Every year from the first to the last, those without new land included (they meet the
      // target).
      for (int year = years.firstKey(); year <= years.lastKey(); year++) {
        double[] y = years.getOrDefault(year, new double[2]);
        byYear.add(new YearFigures(year, (int) y[0], y[1], AreaUnits.toMu(y[1])));
      }
    }
    for (int i : scattered) {
      total += index.areaM2(i);
      features.add(
          new ParcelFeature(
              "Feature",
              index.parcel(i).id(),
              ParcelRef.of(index, i, users),
              withGeometry ? index.geometry(i) : null));
    }
    Concentration c = inputs.concentration(parcels, plan, division, storage);
    double outside = c.industrialTotalM2() - c.industrialInsideM2();
    return new Result(
        "FeatureCollection",
        planId,
        DivisionRef.of(division, divisionCode == null),
        storage,
        RULE,
        scattered.length,
        total,
        AreaUnits.toMu(total),
        outside,
        AreaUnits.toMu(outside),
        NEW_RULE,
        byYear,
        unknown,
        features);
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
    Parcels parcels = inputs.parcels();
    PlanData plan = inputs.planData(planId);
    boolean storage = inputs.storage(includeStorage);
    Division division = inputs.divisionFor(parcels, plan, divisionCode);
    ParcelIndex index = parcels.index();
    List<ScatteredParcel> list = new ArrayList<>();
    for (int i : inputs.scatteredIndices(parcels, plan, division, storage)) {
      list.add(new ScatteredParcel(index.parcel(i), index.areaM2(i)));
    }
    return new ScatteredLand(division, storage, List.copyOf(list));
  }
}
