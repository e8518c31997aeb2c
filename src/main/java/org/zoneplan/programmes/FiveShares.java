package org.zoneplan.programmes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "5个80%" shares of a programme for one year (萧山区"4286": at least 80% of each inside the
 * carriers). Spring-free: it sums what {@link ShareData} read and placed. In every share the
 * numerator is the part inside the carriers (the union of the member zones' boundaries; a point on
 * a boundary is inside) and the denominator the same figure for the whole jurisdiction (the
 * programme's division by location, or the whole store when the programme names none or the store
 * has no outline for it). Where the data is absent the share is null with a reason, never 0.
 *
 * <ul>
 *   <li>{@code quota} 新增工业用地指标: Σ signed 亩 of the land-quota ledger's consumptions (供地使用, net of
 *       their reversals) of quota year Y located inside ÷ of all of year Y in the jurisdiction. A
 *       consumption is located by its supplied parcel (a point inside it), else by its project's
 *       location; one with neither counts only in a store-wide denominator.
 *   <li>{@code projects} 新增工业项目: the number of projects new in Y (签约 date in Y, or without a 签约
 *       date, 开工 date in Y) inside ÷ all new in Y. A project is inside when its zone field names a
 *       member zone or its location (a point inside its polygon) is inside. The project table has
 *       no industry field, so every project counts as industrial.
 *   <li>{@code investment} 新增工业投资: Σ the projects' investment of year Y (万元) inside ÷ of all.
 *   <li>{@code valueAdded} 工业增加值增量: (Σ 工业增加值 of Y − Σ of Y−1) of the enterprises inside ÷ the same
 *       for the jurisdiction; each sum over the enterprises reporting the figure that year. An
 *       enterprise is inside when its main parcel (largest area × share, of all its land links) has
 *       its interior point inside. Null when either year has no figures, or when the jurisdiction's
 *       increase is not positive (a share of it is not defined).
 *   <li>{@code tax} 税收增量: the same with 评价税收.
 * </ul>
 */
final class FiveShares {
  static final List<String> KEYS = List.of("quota", "projects", "investment", "valueAdded", "tax");

  private static final Map<String, String> NAMES =
      Map.of(
          "quota", "新增工业用地指标使用",
          "projects", "新增工业项目",
          "investment", "新增工业投资",
          "valueAdded", "工业增加值增量",
          "tax", "税收增量");

  static final Map<String, String> DEFINITIONS =
      Map.of(
          "quota",
          "Σ 亩 of quota consumptions (net of reversals) of quota year Y located in the carriers ÷"
              + " of all of year Y in the jurisdiction; located by the supplied parcel, else the"
              + " project",
          "projects",
          "projects new in Y (签约 in Y, or 开工 in Y without 签约 date) in the carriers (zone field"
              + " or location) ÷ all new in Y in the jurisdiction",
          "investment",
          "Σ projects' investment of year Y (万元) in the carriers ÷ of all projects in the"
              + " jurisdiction",
          "valueAdded",
          "(Σ 工业增加值 Y − Σ Y−1) of enterprises whose main parcel lies in the carriers ÷ the"
              + " same for the jurisdiction",
          "tax",
          "(Σ 评价税收 Y − Σ Y−1) of enterprises whose main parcel lies in the carriers ÷ the same"
              + " for the jurisdiction");

  private FiveShares() {}

  static String name(String key) {
    return NAMES.get(key);
  }

  /** A located figure: {@code inside} the carriers, {@code inScope} of the jurisdiction. */
  record Item(boolean inside, boolean inScope, double value) {}

  /** One share; {@code share} null with {@code reason} when it cannot be had. */
  record Share(
      String key,
      String name,
      Double inside,
      Double total,
      Double share,
      Double target,
      Boolean met,
      String unit,
      String reason,
      String definition) {

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", key);
      m.put("name", name);
      m.put("inside", inside);
      m.put("total", total);
      m.put("unit", unit);
      m.put("share", share);
      m.put("target", target);
      m.put("met", met);
      m.put("reason", reason);
      m.put("definition", definition);
      return m;
    }
  }

  /** A share of sums: null with {@code noData} when no item is in scope or the total is not > 0. */
  static Share ofSums(String key, String unit, List<Item> items, Double target, String noData) {
    double in = 0;
    double all = 0;
    int n = 0;
    for (Item i : items) {
      if (i.inScope()) {
        n++;
        all += i.value();
        if (i.inside()) {
          in += i.value();
        }
      }
    }
    if (n == 0) {
      return unavailable(key, unit, target, noData);
    }
    return ratio(key, unit, in, all, target, "total");
  }

  /**
   * A share of increases: {@code thisYear} and {@code lastYear} the reported figures of each year
   * (items only for enterprises that report the figure); null when a year has none in scope.
   */
  static Share ofIncrease(
      String key, String unit, List<Item> thisYear, List<Item> lastYear, int year, Double target) {
    boolean hasThis = thisYear.stream().anyMatch(Item::inScope);
    boolean hasLast = lastYear.stream().anyMatch(Item::inScope);
    if (!hasThis || !hasLast) {
      return unavailable(
          key,
          unit,
          target,
          "not available: no enterprise figures for "
              + (!hasThis ? year : year - 1)
              + (!hasThis && !hasLast ? " and " + (year - 1) : ""));
    }
    double in = sum(thisYear, true) - sum(lastYear, true);
    double all = sum(thisYear, false) - sum(lastYear, false);
    return ratio(key, unit, in, all, target, "increase");
  }

  /**
   * {@code in ÷ all} with the target met or not; not available (null, with the reason) when the
   * jurisdiction's {@code what} ("total" or "increase") is not positive.
   */
  private static Share ratio(
      String key, String unit, double in, double all, Double target, String what) {
    if (!(all > 0)) {
      return new Share(
          key,
          NAMES.get(key),
          in,
          all,
          null,
          target,
          null,
          unit,
          "not available: the jurisdiction's " + what + " is not positive (" + all + ")",
          DEFINITIONS.get(key));
    }
    double share = in / all;
    return new Share(
        key,
        NAMES.get(key),
        in,
        all,
        share,
        target,
        target == null ? null : share >= target,
        unit,
        null,
        DEFINITIONS.get(key));
  }

  private static double sum(List<Item> items, boolean insideOnly) {
    double s = 0;
    for (Item i : items) {
      if (i.inScope() && (!insideOnly || i.inside())) {
        s += i.value();
      }
    }
    return s;
  }

  /** All five unavailable for one reason (e.g. no outline of the programme's jurisdiction). */
  static List<Share> unavailable(Map<String, Double> targets, String reason) {
    Map<String, String> units =
        Map.of("quota", "亩", "projects", "个", "investment", "万元", "valueAdded", "万元", "tax", "万元");
    return KEYS.stream().map(k -> unavailable(k, units.get(k), targets.get(k), reason)).toList();
  }

  private static Share unavailable(String key, String unit, Double target, String reason) {
    return new Share(
        key, NAMES.get(key), null, null, null, target, null, unit, reason, DEFINITIONS.get(key));
  }
}
