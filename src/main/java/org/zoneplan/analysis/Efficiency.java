package org.zoneplan.analysis;

import java.util.EnumMap;
import java.util.Map;
import org.zoneplan.analysis.EfficiencyThresholds.Grade;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.parcels.Parcel;

/**
 * Per-亩 efficiency (亩均效益) of parcels and zones for one statistics year ({@link LandFigures}: each
 * enterprise's figures split over its land by enterprise land, parcel area × share). A parcel's tax
 * per 亩 is its tax over the enterprise land of the users reporting tax; a zone's figures are over
 * the industrial parcels that belong to it (see {@link ZoneMembership}). Spring-free and
 * thread-safe.
 */
public final class Efficiency {
  private Efficiency() {}

  /**
   * One parcel's figures.
   *
   * @param index position in the {@link ParcelIndex}
   * @param areaMu the parcel's area, 亩
   * @param enterpriseLandMu its enterprise land (area × the shares of its users), 亩
   * @param taxWan the year's tax on it, 万元, or null without a tax figure
   * @param valueAddedWan the year's value added on it, 万元, or null
   * @param taxPerMuWan tax per 亩 of enterprise land, 万元/亩, or null without a tax figure
   * @param valueAddedPerMuWan value added per 亩, 万元/亩, or null
   * @param grade class from tax per 亩, or null without a tax figure
   */
  public record ParcelFigures(
      int index,
      Parcel parcel,
      double areaMu,
      double enterpriseLandMu,
      Double taxWan,
      Double valueAddedWan,
      Double taxPerMuWan,
      Double valueAddedPerMuWan,
      Grade grade) {}

  /** Count and area (亩) of the parcels in one class. */
  public record ClassFigures(int parcels, double areaMu) {}

  /**
   * A zone's figures.
   *
   * @param parcels industrial parcels that belong to the zone
   * @param industrialMu their area, 亩
   * @param enterpriseLandMu their enterprise land, 亩
   * @param taxWan their tax of the year, 万元 (parcels without a figure count nothing)
   * @param taxPerMuWan tax over the enterprise land reporting tax, or null without any
   * @param valueAddedPerMuWan value added over the enterprise land reporting it, or null
   * @param classes count and area per class
   * @param unrated count and area of parcels without a tax figure
   * @param inefficientMu area of class C and D parcels, 亩
   */
  public record ZoneFigures(
      int parcels,
      double industrialMu,
      double enterpriseLandMu,
      double taxWan,
      double valueAddedWan,
      Double taxPerMuWan,
      Double valueAddedPerMuWan,
      Map<Grade, ClassFigures> classes,
      ClassFigures unrated,
      double inefficientMu) {}

  public static ParcelFigures parcel(
      ParcelIndex parcels, LandFigures figures, int i, EfficiencyThresholds thresholds) {
    Parcel p = parcels.parcel(i);
    double mu = AreaUnits.toMu(parcels.areaM2(i));
    Double taxWan = figures.taxWan(i);
    Double vaWan = figures.valueAddedWan(i);
    double taxedMu = AreaUnits.toMu(figures.taxedLandM2(i));
    double vaMu = AreaUnits.toMu(figures.valueAddedLandM2(i));
    Double tax = taxWan == null || taxedMu <= 0 ? null : taxWan / taxedMu;
    Double va = vaWan == null || vaMu <= 0 ? null : vaWan / vaMu;
    return new ParcelFigures(
        i, p, mu, AreaUnits.toMu(figures.landM2(i)), taxWan, vaWan, tax, va, thresholds.grade(tax));
  }

  public static ZoneFigures zone(
      ParcelIndex parcels, LandFigures figures, int[] members, EfficiencyThresholds thresholds) {
    double mu = 0;
    double landMu = 0;
    double tax = 0;
    double taxedMu = 0;
    double va = 0;
    double vaMu = 0;
    int[] counts = new int[Grade.values().length];
    double[] areas = new double[Grade.values().length];
    int unratedCount = 0;
    double unratedMu = 0;
    for (int i : members) {
      ParcelFigures f = parcel(parcels, figures, i, thresholds);
      mu += f.areaMu();
      landMu += f.enterpriseLandMu();
      if (f.taxWan() != null) {
        tax += f.taxWan();
        taxedMu += AreaUnits.toMu(figures.taxedLandM2(i));
      }
      if (f.valueAddedWan() != null) {
        va += f.valueAddedWan();
        vaMu += AreaUnits.toMu(figures.valueAddedLandM2(i));
      }
      if (f.grade() == null) {
        unratedCount++;
        unratedMu += f.areaMu();
      } else {
        counts[f.grade().ordinal()]++;
        areas[f.grade().ordinal()] += f.areaMu();
      }
    }
    Map<Grade, ClassFigures> classes = new EnumMap<>(Grade.class);
    double inefficient = 0;
    for (Grade g : Grade.values()) {
      classes.put(g, new ClassFigures(counts[g.ordinal()], areas[g.ordinal()]));
      if (g.inefficient()) {
        inefficient += areas[g.ordinal()];
      }
    }
    return new ZoneFigures(
        members.length,
        mu,
        landMu,
        tax,
        va,
        taxedMu > 0 ? tax / taxedMu : null,
        vaMu > 0 ? va / vaMu : null,
        classes,
        new ClassFigures(unratedCount, unratedMu),
        inefficient);
  }
}
