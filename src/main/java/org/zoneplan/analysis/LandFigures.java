package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The enterprise figures of one year on the parcels of a {@link ParcelIndex}: who uses a parcel is
 * in {@code enterprise_land} (share of the parcel), what they report in {@code enterprise_stat}. An
 * enterprise's tax and value added of the year are split over its land of the year in proportion to
 * its enterprise land on each parcel (the parcel's ellipsoidal area × its share), so the figures of
 * all its parcels add up to its own; a parcel's enterprise land is its area × the shares of its
 * users. Parcels without users, or whose users report nothing for the year, have no figures.
 * Spring-free; immutable once built.
 */
public final class LandFigures {
  private final Integer year;
  private final int enterprises;
  private final double[] tax;
  private final double[] taxedLandM2;
  private final double[] valueAdded;
  private final double[] valueAddedLandM2;
  private final double[] landM2;

  private LandFigures(Integer year, int enterprises, int size) {
    this.year = year;
    this.enterprises = enterprises;
    this.tax = new double[size];
    this.taxedLandM2 = new double[size];
    this.valueAdded = new double[size];
    this.valueAddedLandM2 = new double[size];
    this.landM2 = new double[size];
  }

  /** No figures (no year held): every parcel without them. */
  public static LandFigures none(ParcelIndex index) {
    return new LandFigures(null, 0, index.size());
  }

  /** The statistics year, or null when the store holds none. */
  public Integer year() {
    return year;
  }

  /** Enterprises with statistics in the year. */
  public int enterprises() {
    return enterprises;
  }

  /** The year's tax on parcel {@code i}, 万元, or null when none of its users reports one. */
  public Double taxWan(int i) {
    return taxedLandM2[i] > 0 ? tax[i] : null;
  }

  /** The enterprise land (m²) of the users of parcel {@code i} that report a tax figure. */
  public double taxedLandM2(int i) {
    return taxedLandM2[i];
  }

  /** The year's value added on parcel {@code i}, 万元, or null when no user reports one. */
  public Double valueAddedWan(int i) {
    return valueAddedLandM2[i] > 0 ? valueAdded[i] : null;
  }

  /** The enterprise land (m²) of the users of parcel {@code i} that report value added. */
  public double valueAddedLandM2(int i) {
    return valueAddedLandM2[i];
  }

  /** The enterprise land of parcel {@code i}: its area × the shares of its users (m²). */
  public double landM2(int i) {
    return landM2[i];
  }

  public static Builder builder(ParcelIndex index, int year) {
    return new Builder(index, year);
  }

  /** Collects the year's links and statistics, then splits the figures ({@link #build}). */
  public static final class Builder {
    private record Link(String code, int index, double landM2) {}

    private record Figures(Double tax, Double valueAdded) {}

    private final ParcelIndex index;
    private final int year;
    private final Map<Long, Integer> positions = new HashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, Double> enterpriseLand = new HashMap<>();
    private final Map<String, Figures> statistics = new HashMap<>();

    private Builder(ParcelIndex index, int year) {
      this.index = index;
      this.year = year;
      for (int i = 0; i < index.size(); i++) {
        positions.put(index.parcel(i).id(), i);
      }
    }

    /**
     * A link of the year's land: the enterprise uses {@code share} of the parcel, whose stored
     * ellipsoidal area is {@code parcelAreaM2}. Every link counts in the enterprise's land; links
     * to parcels outside the index (none in a consistent snapshot) carry no figures.
     */
    public Builder link(String creditCode, long parcelId, double share, double parcelAreaM2) {
      double land = parcelAreaM2 * share;
      enterpriseLand.merge(creditCode, land, Double::sum);
      Integer i = positions.get(parcelId);
      if (i != null) {
        links.add(new Link(creditCode, i, land));
      }
      return this;
    }

    /** The enterprise's tax and value added of the year, 万元; null figures are unknown. */
    public Builder statistics(String creditCode, Double taxWan, Double valueAddedWan) {
      statistics.put(creditCode, new Figures(taxWan, valueAddedWan));
      return this;
    }

    public LandFigures build() {
      LandFigures out = new LandFigures(year, statistics.size(), index.size());
      for (Link l : links) {
        out.landM2[l.index()] += l.landM2();
        Figures f = statistics.get(l.code());
        if (f == null) {
          continue;
        }
        double part = l.landM2() / enterpriseLand.get(l.code());
        if (f.tax() != null) {
          out.tax[l.index()] += f.tax() * part;
          out.taxedLandM2[l.index()] += l.landM2();
        }
        if (f.valueAdded() != null) {
          out.valueAdded[l.index()] += f.valueAdded() * part;
          out.valueAddedLandM2[l.index()] += l.landM2();
        }
      }
      return out;
    }
  }

  @Override
  public String toString() {
    return "LandFigures[" + year + ", " + enterprises + ", " + Arrays.stream(tax).sum() + "]";
  }
}
