package org.zoneplan.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts and investment of a group of projects (a zone, a division, a year), accumulated one
 * project at a time. Not thread-safe.
 *
 * <p>Without a year: {@code projects} counts every project of the group and {@code
 * totalInvestmentWan} adds their total investment. With a year Y: {@code projects} counts those
 * signed (签约) in Y, {@code totalInvestmentWan} adds their total investment, and {@code
 * investmentWan} adds the investment made in Y by every project of the group, whenever signed
 * (当年完成投资). Projects without a known total investment are counted in {@code
 * withoutTotalInvestment}, never as 0.
 */
final class ProjectFigures {
  private final String code;
  private final String name;
  private long projects;
  private long byField;
  private long byLocation;
  private long withoutTotal;
  private BigDecimal total = BigDecimal.ZERO;
  private BigDecimal yearInvestment = BigDecimal.ZERO;

  ProjectFigures(String code, String name) {
    this.code = code;
    this.name = name;
  }

  /** Whether a project counts as "of the year": signed in it (no year: every project). */
  static boolean ofYear(Project p, Integer year) {
    if (year == null) {
      return true;
    }
    LocalDate signed = p.stageDates().get(ProjectStage.SIGNED);
    return signed != null && signed.getYear() == year;
  }

  void add(Project p, Integer year, ProjectMembership.Via via) {
    if (year != null) {
      BigDecimal y = p.yearlyInvestmentWan().get(year);
      if (y != null) {
        yearInvestment = yearInvestment.add(y);
      }
    }
    if (!ofYear(p, year)) {
      return;
    }
    projects++;
    if (via == ProjectMembership.Via.FIELD) {
      byField++;
    } else if (via == ProjectMembership.Via.LOCATION) {
      byLocation++;
    }
    if (p.totalInvestmentWan() == null) {
      withoutTotal++;
    } else {
      total = total.add(p.totalInvestmentWan());
    }
  }

  Map<String, Object> json(Integer year) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (code != null) {
      out.put("code", code);
    }
    if (name != null) {
      out.put("name", name);
    }
    out.put("projects", projects);
    out.put("byZoneField", byField);
    out.put("byLocation", byLocation);
    out.put("totalInvestmentWan", total);
    out.put("withoutTotalInvestment", withoutTotal);
    if (year != null) {
      out.put("investmentWan", yearInvestment);
    }
    return out;
  }
}
