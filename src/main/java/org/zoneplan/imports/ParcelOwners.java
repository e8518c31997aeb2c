package org.zoneplan.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zoneplan.enterprises.AnnualStatistics;

/**
 * The enterprises a parcel file names as owners, by credit code, in the file's order: the first
 * name the file gives each, and, when the import names a statistics year, the tax, value added and
 * employees of its parcels summed (a figure none of its parcels carries stays null).
 */
final class ParcelOwners {
  private static final class Named {
    String name;
    Double taxWan;
    Double valueAddedWan;
    Long employees;
  }

  private final Integer year;
  private final Map<String, Named> byCode = new LinkedHashMap<>();

  /**
   * @param year the statistics year of the file's figures, or null (figures are then not kept)
   */
  ParcelOwners(Integer year) {
    this.year = year;
  }

  /** A parcel owned by {@code code}, with the name and figures the file gives it (any null). */
  void add(String code, String name, Double taxWan, Double valueAddedWan, Double employees) {
    Named e = byCode.computeIfAbsent(code, c -> new Named());
    if (e.name == null) {
      e.name = name;
    }
    if (year != null) {
      e.taxWan = sum(e.taxWan, taxWan);
      e.valueAddedWan = sum(e.valueAddedWan, valueAddedWan);
      e.employees =
          employees == null
              ? e.employees
              : (e.employees == null ? 0 : e.employees) + Math.round(employees);
    }
  }

  int size() {
    return byCode.size();
  }

  /** How many of the named enterprises are not among the {@code stored} credit codes. */
  int missingFrom(Set<String> stored) {
    return (int) byCode.keySet().stream().filter(c -> !stored.contains(c)).count();
  }

  /** The first name the file gives each enterprise (null when it gives none), by credit code. */
  Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    byCode.forEach((code, e) -> names.put(code, e.name));
    return names;
  }

  /** The statistics of the year for each enterprise with a figure; none without a year. */
  List<AnnualStatistics> statistics() {
    List<AnnualStatistics> rows = new ArrayList<>();
    if (year == null) {
      return rows;
    }
    byCode.forEach(
        (code, e) -> {
          if (e.taxWan != null || e.valueAddedWan != null || e.employees != null) {
            rows.add(
                new AnnualStatistics(
                    code,
                    year,
                    e.taxWan,
                    e.valueAddedWan,
                    null,
                    null,
                    null,
                    null,
                    e.employees == null ? null : (int) Math.min(Integer.MAX_VALUE, e.employees),
                    null,
                    null));
          }
        });
    return rows;
  }

  private static Double sum(Double total, Double value) {
    return value == null ? total : (total == null ? 0 : total) + value;
  }
}
