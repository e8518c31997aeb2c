package org.zoneplan.analysis;

import java.util.EnumMap;
import java.util.Map;
import org.zoneplan.analysis.EfficiencyThresholds.Grade;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.parcels.Parcel;

/**
 * Per-亩 efficiency (亩均效益) of parcels and zones. A parcel's figures are over its whole area (an
 * enterprise's tax is not split); a zone's are over the industrial parcels that belong to it (see
 * {@link ZoneMembership}). Spring-free and thread-safe.
 */
public final class Efficiency {
  private Efficiency() {}

  /**
   * One parcel's figures.
   *
   * @param index position in the {@link ParcelIndex}
   * @param areaMu the parcel's area, 亩
   * @param taxPerMuWan tax per 亩, 万元/亩, or null without a tax figure
   * @param valueAddedPerMuWan value added per 亩, 万元/亩, or null
   * @param grade class from tax per 亩, or null without a tax figure
   */
  public record ParcelFigures(
      int index,
      Parcel parcel,
      double areaMu,
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
   * @param taxWan their tax, 万元 (parcels without a figure count nothing)
   * @param taxPerMuWan tax over the area of the parcels that have a tax figure, or null
   * @param valueAddedPerMuWan value added over the area of parcels with that figure, or null
   * @param classes count and area per class
   * @param unrated count and area of parcels without a tax figure
   * @param inefficientMu area of class C and D parcels, 亩
   */
  public record ZoneFigures(
      String code,
      int parcels,
      double industrialMu,
      double taxWan,
      double valueAddedWan,
      Double taxPerMuWan,
      Double valueAddedPerMuWan,
      Map<Grade, ClassFigures> classes,
      ClassFigures unrated,
      double inefficientMu) {}

  public static ParcelFigures parcel(ParcelIndex parcels, int i, EfficiencyThresholds thresholds) {
    Parcel p = parcels.parcel(i);
    double mu = AreaUnits.toMu(parcels.areaM2(i));
    Double tax = p.taxWan() == null || mu <= 0 ? null : p.taxWan() / mu;
    Double va = p.valueAddedWan() == null || mu <= 0 ? null : p.valueAddedWan() / mu;
    return new ParcelFigures(i, p, mu, tax, va, thresholds.grade(tax));
  }

  public static ZoneFigures zone(
      String code, ParcelIndex parcels, int[] members, EfficiencyThresholds thresholds) {
    double mu = 0;
    double tax = 0;
    double taxedMu = 0;
    double va = 0;
    double vaMu = 0;
    int[] counts = new int[Grade.values().length];
    double[] areas = new double[Grade.values().length];
    int unratedCount = 0;
    double unratedMu = 0;
    for (int i : members) {
      ParcelFigures f = parcel(parcels, i, thresholds);
      mu += f.areaMu();
      if (f.parcel().taxWan() != null) {
        tax += f.parcel().taxWan();
        taxedMu += f.areaMu();
      }
      if (f.parcel().valueAddedWan() != null) {
        va += f.parcel().valueAddedWan();
        vaMu += f.areaMu();
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
        code,
        members.length,
        mu,
        tax,
        va,
        taxedMu > 0 ? tax / taxedMu : null,
        vaMu > 0 ? va / vaMu : null,
        classes,
        new ClassFigures(unratedCount, unratedMu),
        inefficient);
  }
}
