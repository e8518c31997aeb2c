package org.zoneplan.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.Enterprise;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.ZoneStatistic;
import org.zoneplan.parcels.ParcelSupply;

/**
 * Everything the indicators read besides geometry, as of one moment: enterprises, their land links,
 * their annual and quarterly statistics, the parcels' land-supply records and the zone totals.
 * Immutable once built (the maps are not copied: build it with {@link Builder} and hand it out only
 * then); thread-safe for reading.
 */
public final class IndicatorData {
  private final Map<String, Enterprise> enterprises;
  private final Map<String, List<LandLink>> links;
  private final Map<Long, ParcelSupply> supplies;
  private final Map<Integer, Map<String, AnnualStatistics>> annual;
  private final Map<String, Map<String, AnnualStatistics>> quarterly;
  private final List<ZoneStatistic> zoneTotals;
  private final Map<String, ZoneStatistic> zoneTotalsByKey = new HashMap<>();

  private IndicatorData(Builder b) {
    this.enterprises = b.enterprises;
    this.links = b.links;
    this.supplies = b.supplies;
    this.annual = b.annual;
    this.quarterly = b.quarterly;
    this.zoneTotals = b.zoneTotals;
    zoneTotals.forEach(
        s -> zoneTotalsByKey.put(totalKey(s.planId(), s.zoneCode(), s.year(), s.indicator()), s));
  }

  private static String totalKey(String planId, String zoneCode, int year, String indicator) {
    return planId + "\u0000" + zoneCode + "\u0000" + year + "\u0000" + indicator;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the data; not thread-safe. */
  public static final class Builder {
    private final Map<String, Enterprise> enterprises = new HashMap<>();
    private final Map<String, List<LandLink>> links = new HashMap<>();
    private final Map<Long, ParcelSupply> supplies = new HashMap<>();
    private final Map<Integer, Map<String, AnnualStatistics>> annual = new HashMap<>();
    private final Map<String, Map<String, AnnualStatistics>> quarterly = new HashMap<>();
    private final List<ZoneStatistic> zoneTotals = new ArrayList<>();

    public Builder enterprise(Enterprise e) {
      enterprises.put(e.creditCode(), e);
      return this;
    }

    public Builder link(LandLink l) {
      links.computeIfAbsent(l.creditCode(), k -> new ArrayList<>()).add(l);
      return this;
    }

    public Builder supply(ParcelSupply s) {
      supplies.put(s.parcelId(), s);
      return this;
    }

    public Builder annual(AnnualStatistics s) {
      annual.computeIfAbsent(s.year(), k -> new HashMap<>()).put(s.creditCode(), s);
      return this;
    }

    public Builder quarter(QuarterStatistics s) {
      quarterly
          .computeIfAbsent(key(s.year(), s.quarter()), k -> new HashMap<>())
          .put(s.creditCode(), s.figures());
      return this;
    }

    public Builder zoneTotal(ZoneStatistic s) {
      zoneTotals.add(s);
      return this;
    }

    public IndicatorData build() {
      return new IndicatorData(this);
    }
  }

  private static String key(int year, int quarter) {
    return year + "Q" + quarter;
  }

  public Map<String, Enterprise> enterprises() {
    return enterprises;
  }

  public List<LandLink> links(String creditCode) {
    return links.getOrDefault(creditCode, List.of());
  }

  /** The supply record of a parcel (by store id), or null when it has none. */
  public ParcelSupply supply(long parcelId) {
    return supplies.get(parcelId);
  }

  /**
   * The statistics of the period, by credit code: the annual rows of the year, or the quarterly
   * rows (cumulative) of the quarter; empty when none is held.
   */
  public Map<String, AnnualStatistics> statistics(Period period) {
    return period.quarter() == null
        ? annual.getOrDefault(period.year(), Map.of())
        : quarterly.getOrDefault(key(period.year(), period.quarter()), Map.of());
  }

  /** Whether any statistics are held for the period. */
  public boolean holds(Period period) {
    return !statistics(period).isEmpty();
  }

  /** The years with annual or quarterly statistics, or zone totals of the plan, ascending. */
  public List<Integer> years(String planId) {
    TreeSet<Integer> years = new TreeSet<>(annual.keySet());
    quarterly.keySet().forEach(k -> years.add(Integer.parseInt(k.substring(0, k.indexOf('Q')))));
    zoneTotals.stream().filter(s -> s.planId().equals(planId)).forEach(s -> years.add(s.year()));
    return List.copyOf(years);
  }

  /** The annual years held before {@code year}, ascending. */
  public List<Integer> annualYearsBefore(int year) {
    return annual.keySet().stream().filter(y -> y < year).sorted().toList();
  }

  /** The zone total of an indicator, or null. */
  public ZoneStatistic zoneTotal(String planId, String zoneCode, int year, String indicator) {
    return zoneTotalsByKey.get(totalKey(planId, zoneCode, year, indicator));
  }
}
