package org.zoneplan.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.locationtech.jts.geom.Geometry;
import org.zoneplan.divisions.Division;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.GeoJsonSerializer;
import org.zoneplan.parcels.LandUser;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.zones.PlanVersion;
import org.zoneplan.zones.Zone;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The pieces several reports share, as Jackson writes them: references to a plan, a division, a
 * zone and a parcel, the concentration figures, a set of parcels, a spatial problem as a GeoJSON
 * feature. Areas are ellipsoidal (m², with 亩 or km² beside them); a ratio without a denominator is
 * null.
 */
public final class ReportParts {
  private ReportParts() {}

  /** numerator ÷ denominator, or null when the denominator is not positive. */
  static Double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : null;
  }

  /** The value, or null for null and NaN. */
  static Double orNull(Double value) {
    return value == null || value.isNaN() ? null : value;
  }

  /** after − before, or null when either is NaN. */
  static Double delta(double before, double after) {
    return Double.isNaN(before) || Double.isNaN(after) ? null : after - before;
  }

  /** Whether {@code ratio} reaches {@code target}; null when the ratio is NaN. */
  static Boolean meets(double ratio, double target) {
    return Double.isNaN(ratio) ? null : ratio >= target;
  }

  /** A plan version. */
  public record PlanRef(String id, String name, String date, String status) {
    static PlanRef of(PlanVersion plan) {
      return new PlanRef(plan.id(), plan.name(), plan.date().toString(), plan.status().name());
    }
  }

  /**
   * The division looked at.
   *
   * @param byDefault whether it was chosen because none was asked for (the county holding most of
   *     the plan's zones)
   */
  public record DivisionRef(
      String code, String name, String level, @JsonProperty("default") boolean byDefault) {
    static DivisionRef of(Division d, boolean byDefault) {
      return new DivisionRef(d.code(), d.name(), d.level(), byDefault);
    }
  }

  /** A zone, written flat into the rows of the reports (code, name, kind, parent). */
  public record ZoneRef(String code, String name, String kind, String parent) {
    static ZoneRef of(Zone zone) {
      return new ZoneRef(zone.code(), zone.name(), zone.kind().name(), zone.parentCode());
    }
  }

  /**
   * A parcel with the area the analysis counts (ellipsoidal).
   *
   * @param enterpriseName the name of its first land user (owners first, then by share), or null
   * @param creditCode that user's credit code, or null
   * @param landUsers every enterprise using it ({@code enterprise_land}), owners first
   */
  public record ParcelRef(
      long id,
      String scheme,
      String landUseCode,
      String enterpriseName,
      String creditCode,
      List<LandUser> landUsers,
      double areaM2,
      double areaMu) {
    static ParcelRef of(ParcelIndex index, int i, Map<Long, List<LandUser>> users) {
      Parcel p = index.parcel(i);
      List<LandUser> list = users.getOrDefault(p.id(), List.of());
      LandUser first = list.isEmpty() ? null : list.get(0);
      return new ParcelRef(
          p.id(),
          p.scheme().name(),
          p.landUseCode(),
          first == null ? null : first.name(),
          first == null ? null : first.creditCode(),
          list,
          index.areaM2(i),
          AreaUnits.toMu(index.areaM2(i)));
    }
  }

  /**
   * The industrial-land concentration of a plan version in a division.
   *
   * @param ratio inside ÷ total, null when the division has no industrial land
   * @param meetsTarget null when there is no ratio
   */
  public record ConcentrationFigures(
      double industrialInsideM2,
      double industrialInsideMu,
      double industrialTotalM2,
      double industrialTotalMu,
      Double ratio,
      double target,
      Boolean meetsTarget) {
    static ConcentrationFigures of(Concentration c, double target) {
      return new ConcentrationFigures(
          c.industrialInsideM2(),
          AreaUnits.toMu(c.industrialInsideM2()),
          c.industrialTotalM2(),
          AreaUnits.toMu(c.industrialTotalM2()),
          ReportParts.ratio(c.industrialInsideM2(), c.industrialTotalM2()),
          target,
          meets(c.ratio(), target));
    }
  }

  /**
   * Count, area and ids (ascending) of a set of parcels, with the industrial ones apart.
   *
   * @param areaM2 their ellipsoidal area
   */
  public record ParcelSet(
      int count, double areaM2, int industrialCount, double industrialM2, List<Long> ids) {
    static ParcelSet of(ParcelIndex index, int[] set, IntPredicate industrial) {
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
      return new ParcelSet(
          set.length, area, industrialCount, industrialArea, ids.stream().sorted().toList());
    }
  }

  /** A GeoJSON Feature (type "Feature") with its properties and geometry (EPSG:4490). */
  public record Feature<P>(
      String type,
      P properties,
      @JsonSerialize(using = GeoJsonSerializer.class) Geometry geometry) {
    static <P> Feature<P> of(P properties, Geometry geometry) {
      return new Feature<>("Feature", properties, geometry);
    }
  }

  /** A GeoJSON FeatureCollection (type "FeatureCollection") and nothing else. */
  public record FeatureCollection<P>(String type, List<Feature<P>> features) {
    static <P> FeatureCollection<P> of(List<Feature<P>> features) {
      return new FeatureCollection<>("FeatureCollection", features);
    }
  }

  /**
   * A spatial problem between two zones ({@link SpatialProblem}) as a feature's properties.
   *
   * @param kind OVERLAP, SLIVER, OUTSIDE_PARENT or GAP
   * @param narrow everywhere narrower than the tolerance
   */
  public record ProblemProperties(
      String kind, String zoneA, String zoneB, double areaM2, double areaMu, boolean narrow) {
    static ProblemProperties of(SpatialProblem p) {
      return new ProblemProperties(
          p.kind().name(),
          p.zoneA(),
          p.zoneB(),
          p.areaM2(),
          AreaUnits.toMu(p.areaM2()),
          p.narrow());
    }

    static Feature<ProblemProperties> feature(SpatialProblem p) {
      return Feature.of(of(p), p.geometry());
    }
  }
}
