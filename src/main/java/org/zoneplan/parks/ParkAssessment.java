package org.zoneplan.parks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zoneplan.projects.LandingMode;

/**
 * The assessment view of cooperation parks for one period: every figure attributed to districts by
 * territory (without sharing) and by the park's {@link SharingRule} (with sharing), per park and
 * summed per district over the parks. Engine without Spring: inputs are the parks, their
 * territorial shares and their projects; figures are summed only with figures of the same item,
 * unit and origin. Territorial values of a figure {@code v}: {@code v × share(d)} for every
 * district {@code d} the park (or the project) lies in; shared values as {@link SharingRule} says.
 */
final class ParkAssessment {
  static final String PUBLISHED = "published";
  static final String PROJECTS = "projects";

  private ParkAssessment() {}

  /** A project located in a park, with its figures of the period. */
  record ProjectInput(
      long id,
      String name,
      LandingMode landingMode,
      Map<String, Double> territory,
      boolean counts,
      BigDecimal totalInvestmentWan,
      BigDecimal investmentWan) {}

  record ParkInput(CoopPark park, Map<String, Double> shares, List<ProjectInput> projects) {}

  record Share(String code, String name, double share, boolean host, boolean promoter) {}

  record Attribution(String code, String name, double territorial, double shared) {}

  record FigureResult(
      String item,
      String label,
      String labelEn,
      String unit,
      String origin,
      BigDecimal value,
      String sourcePhrase,
      List<Attribution> byDistrict,
      String note) {}

  record ParkResult(
      String id,
      String name,
      String promoterName,
      String promoterCode,
      Map<String, Object> sharingRule,
      boolean illustrative,
      List<Share> shares,
      double outsideHostsShare,
      List<FigureResult> figures,
      List<String> notes) {}

  record BodyFigure(
      String item,
      String label,
      String labelEn,
      String unit,
      String origin,
      double territorial,
      double shared) {}

  record DistrictResult(
      String code,
      String name,
      boolean host,
      boolean promoter,
      List<String> promoterNames,
      List<String> parks,
      List<BodyFigure> figures) {}

  record Result(String period, List<ParkResult> parks, List<DistrictResult> districts) {}

  static Result assess(String period, List<ParkInput> inputs, Map<String, String> names) {
    List<ParkResult> parks = new ArrayList<>();
    for (ParkInput input : inputs) {
      parks.add(park(period, input, names));
    }
    return new Result(period, parks, districts(parks, names));
  }

  private static ParkResult park(String period, ParkInput in, Map<String, String> names) {
    CoopPark p = in.park();
    List<String> notes = new ArrayList<>();
    Map<String, Double> hostShares = new LinkedHashMap<>();
    double hostSum = 0;
    for (String h : p.hostCodes()) {
      double s = in.shares().getOrDefault(h, 0.0);
      hostShares.put(h, s);
      hostSum += s;
    }
    if (hostSum <= 0) {
      notes.add("边界不在任何承载区内: 承载区按属地计为 0 (the boundary lies in no host district)");
    }
    List<Share> shares = new ArrayList<>();
    Set<String> codes = new LinkedHashSet<>(p.hostCodes());
    codes.add(p.promoterCode());
    codes.addAll(in.shares().keySet());
    for (String c : codes) {
      shares.add(
          new Share(
              c,
              names.get(c),
              in.shares().getOrDefault(c, 0.0),
              p.hostCodes().contains(c),
              c.equals(p.promoterCode())));
    }
    List<FigureResult> figures = new ArrayList<>();
    for (ParkFigure f : p.figures()) {
      if (!f.period().equals(period)) {
        continue;
      }
      double v = f.value().doubleValue();
      Map<String, double[]> by = new LinkedHashMap<>();
      in.shares().forEach((d, s) -> cell(by, d)[0] += v * s);
      String note = null;
      if (p.sharingRule().kind() == SharingRule.Kind.ALL_SHARED) {
        addHosts(by, hostShares, hostSum, v);
        cell(by, p.promoterCode())[1] = v;
      } else {
        addHosts(by, hostShares, hostSum, v);
        note = "公布的园区总数不分落地方式: 按属地计入承载区 (a published total has no landing mode)";
      }
      figures.add(
          new FigureResult(
              f.item(),
              ParkItems.label(f.item()),
              ParkItems.labelEn(f.item()),
              f.unit(),
              PUBLISHED,
              f.value(),
              f.sourcePhrase(),
              attributions(by, p, names),
              note));
    }
    projectFigures(in, hostShares, hostSum, period, names, figures, notes);
    double outside = 1.0 - hostSum;
    return new ParkResult(
        p.id(),
        p.name(),
        p.promoterName(),
        p.promoterCode(),
        ParkJson.rule(p.sharingRule()),
        p.illustrative(),
        shares,
        Math.max(0, outside),
        figures,
        notes);
  }

  /** The hosts together count {@code v}, split by the park's area in each. */
  private static void addHosts(
      Map<String, double[]> by, Map<String, Double> hostShares, double hostSum, double v) {
    hostShares.forEach((h, s) -> cell(by, h)[1] += hostSum > 0 ? v * s / hostSum : 0);
  }

  private static void projectFigures(
      ParkInput in,
      Map<String, Double> parkHostShares,
      double parkHostSum,
      String period,
      Map<String, String> names,
      List<FigureResult> figures,
      List<String> notes) {
    CoopPark p = in.park();
    List<ProjectInput> counted = in.projects().stream().filter(ProjectInput::counts).toList();
    if (in.projects().isEmpty()) {
      return;
    }
    String[][] items = {
      {ParkItems.PROJECTS, "个"},
      {ParkItems.PROJECT_TOTAL_INVESTMENT, "万元"},
      {ParkItems.PROJECT_INVESTMENT, "万元"}
    };
    int unsplit = 0;
    for (String[] item : items) {
      Map<String, double[]> by = new LinkedHashMap<>();
      BigDecimal total = BigDecimal.ZERO;
      boolean any = false;
      for (ProjectInput pr : in.projects()) {
        BigDecimal value =
            switch (item[0]) {
              case ParkItems.PROJECTS -> pr.counts() ? BigDecimal.ONE : null;
              case ParkItems.PROJECT_TOTAL_INVESTMENT ->
                  pr.counts() ? pr.totalInvestmentWan() : null;
              default -> pr.investmentWan();
            };
        if (value == null) {
          continue;
        }
        any = true;
        total = total.add(value);
        double v = value.doubleValue();
        pr.territory().forEach((d, s) -> cell(by, d)[0] += v * s);
        // the hosts' part of a project goes by the project's own territory, or by the park's
        // where the project lies in no host district
        Map<String, Double> hosts = new LinkedHashMap<>();
        double sum = 0;
        for (String h : p.hostCodes()) {
          double s = pr.territory().getOrDefault(h, 0.0);
          hosts.put(h, s);
          sum += s;
        }
        if (sum <= 0) {
          hosts = parkHostShares;
          sum = parkHostSum;
        }
        double promoterPart;
        double hostPart;
        if (p.sharingRule().kind() == SharingRule.Kind.ALL_SHARED) {
          promoterPart = v;
          hostPart = v;
        } else {
          var split = pr.landingMode() == null ? null : p.sharingRule().split(pr.landingMode());
          if (split == null || split.isEmpty()) {
            promoterPart = 0;
            hostPart = v;
            if (item[0].equals(ParkItems.PROJECTS)) {
              unsplit++;
            }
          } else {
            promoterPart = v * split.get().promoterPercent().doubleValue() / 100.0;
            hostPart = v * split.get().hostPercent().doubleValue() / 100.0;
          }
        }
        cell(by, p.promoterCode())[1] += promoterPart;
        addHosts(by, hosts, sum, hostPart);
      }
      if (!any) {
        continue;
      }
      figures.add(
          new FigureResult(
              item[0],
              ParkItems.label(item[0]),
              ParkItems.labelEn(item[0]),
              item[1],
              PROJECTS,
              total,
              null,
              attributions(by, p, names),
              null));
    }
    if (unsplit > 0) {
      notes.add(
          unsplit
              + " 个项目的落地方式无分成规则, 按属地计入承载区 (projects whose landing mode has no split"
              + " count for the hosts by territory)");
    }
    if (counted.size() < in.projects().size()) {
      notes.add(
          (in.projects().size() - counted.size())
              + " 个项目不在本期签约 (projects located in the park but not signed in the period)");
    }
  }

  private static double[] cell(Map<String, double[]> by, String code) {
    return by.computeIfAbsent(code, k -> new double[2]);
  }

  /** Hosts first, then the promoter, then any other district the park reaches. */
  private static List<Attribution> attributions(
      Map<String, double[]> by, CoopPark p, Map<String, String> names) {
    Set<String> order = new LinkedHashSet<>(p.hostCodes());
    order.add(p.promoterCode());
    order.addAll(by.keySet());
    List<Attribution> list = new ArrayList<>();
    for (String c : order) {
      double[] v = by.getOrDefault(c, new double[2]);
      list.add(new Attribution(c, names.get(c), v[0], v[1]));
    }
    return list;
  }

  private static List<DistrictResult> districts(List<ParkResult> parks, Map<String, String> names) {
    record Key(String item, String unit, String origin) {}
    Map<String, Map<Key, double[]>> sums = new LinkedHashMap<>();
    Map<String, boolean[]> roles = new LinkedHashMap<>();
    Map<String, Set<String>> promoterNames = new LinkedHashMap<>();
    Map<String, Set<String>> parkNames = new LinkedHashMap<>();
    for (ParkResult park : parks) {
      for (Share s : park.shares()) {
        boolean[] r = roles.computeIfAbsent(s.code(), k -> new boolean[2]);
        r[0] |= s.host();
        r[1] |= s.promoter();
        if (s.promoter()) {
          promoterNames
              .computeIfAbsent(s.code(), k -> new LinkedHashSet<>())
              .add(park.promoterName());
        }
        parkNames.computeIfAbsent(s.code(), k -> new LinkedHashSet<>()).add(park.name());
        sums.computeIfAbsent(s.code(), k -> new LinkedHashMap<>());
      }
      for (FigureResult f : park.figures()) {
        Key key = new Key(f.item(), f.unit(), f.origin());
        for (Attribution a : f.byDistrict()) {
          double[] v =
              sums.computeIfAbsent(a.code(), k -> new LinkedHashMap<>())
                  .computeIfAbsent(key, k -> new double[2]);
          v[0] += a.territorial();
          v[1] += a.shared();
        }
      }
    }
    List<DistrictResult> result = new ArrayList<>();
    sums.forEach(
        (code, figures) -> {
          boolean[] r = roles.getOrDefault(code, new boolean[2]);
          List<BodyFigure> list = new ArrayList<>();
          figures.forEach(
              (k, v) ->
                  list.add(
                      new BodyFigure(
                          k.item(),
                          ParkItems.label(k.item()),
                          ParkItems.labelEn(k.item()),
                          k.unit(),
                          k.origin(),
                          v[0],
                          v[1])));
          result.add(
              new DistrictResult(
                  code,
                  names.get(code),
                  r[0],
                  r[1],
                  List.copyOf(promoterNames.getOrDefault(code, Set.of())),
                  List.copyOf(parkNames.getOrDefault(code, Set.of())),
                  list));
        });
    return result;
  }
}
