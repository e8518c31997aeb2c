package org.zoneplan.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.zoneplan.analysis.ParcelPlaces;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.divisions.DivisionsChangedEvent;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.Enterprise;
import org.zoneplan.enterprises.EnterpriseChecks;
import org.zoneplan.enterprises.EnterpriseRepository;
import org.zoneplan.enterprises.EnterprisesChangedEvent;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.enterprises.LandSums;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.system.ApiProblem;

/**
 * The 亩均 evaluation of the stored enterprises of a division and year ({@code GET
 * /api/evaluation/results}), the grades of parcels for the grade tiles, and {@link GradeSource}.
 *
 * <p><b>Facts from the store.</b> Land (亩) is {@link EnterpriseRepository#landAreas} (summed here
 * from the link rows read anyway, by the same {@link LandSums}): the ellipsoidal area of the
 * enterprise's parcels of that year times its shares. Figures are that year's statistics ({@code
 * enterprise_stat}); an enterprise without a row is evaluated with every figure missing. A tenant
 * without land of its own is one whose links of that year are all 租用; its landlord is the owner
 * (largest owner share, then lowest credit code) of the rented parcel carrying most of the tenant's
 * land (area × share, then lowest parcel id).
 *
 * <p><b>Which enterprises belong to a division.</b> Those existing in the year (founded by then,
 * not closed before it) with land in that year whose <i>main parcel</i> (the one carrying most of
 * its land: area × share, ties to the lowest parcel id) has its interior point in the division's
 * outline ({@link ParcelPlaces}). So every enterprise belongs to exactly one county (and one town),
 * even when its parcels straddle a boundary; enterprises without land that year are not evaluated.
 * Enterprises of unknown size class are listed as not evaluated.
 *
 * <p><b>Cache.</b> Results are kept per (rule-set id, year, division) and dropped on {@link
 * EnterprisesChangedEvent}, {@link RuleSetsChangedEvent} and {@link ParcelsChangedEvent}; a result
 * computed while a change came in is not kept.
 */
@Service
public class EvaluationResults implements GradeSource {
  private static final int MAX_ENTRIES = 256;
  private static final String COUNTY = "COUNTY";

  private final RuleSetService ruleSets;
  private final EnterpriseRepository enterprises;
  private final ParcelPlaces places;
  private final DivisionRepository divisions;
  private final AtomicLong generation = new AtomicLong();
  private final Map<Object, Object> cache = new ConcurrentHashMap<>();

  EvaluationResults(
      RuleSetService ruleSets,
      EnterpriseRepository enterprises,
      ParcelPlaces places,
      DivisionRepository divisions) {
    this.ruleSets = ruleSets;
    this.enterprises = enterprises;
    this.places = places;
    this.divisions = divisions;
  }

  /** How the rule set was chosen: {@code GIVEN}, {@code SAME_YEAR} or {@code EARLIER_YEAR}. */
  public enum Choice {
    GIVEN("按请求指定"),
    SAME_YEAR("本年度最新版本"),
    EARLIER_YEAR("本年度无规则, 取最近的较早年度的最新版本");

    private final String label;

    Choice(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One use of a parcel by an enterprise in the year; {@code areaM2} is the whole parcel's. */
  public record Use(long parcelId, LandRole role, double share, double areaM2) {
    /** This enterprise's part of the parcel, m². */
    public double usedM2() {
      return areaM2 * share;
    }
  }

  /**
   * An enterprise of the division not evaluated, and why (Chinese).
   *
   * @param reason e.g. 规模未知
   */
  public record NotEvaluated(String creditCode, String name, String reason) {}

  /**
   * One evaluation of stored enterprises.
   *
   * @param enterprises the evaluated enterprises as stored, by credit code (in evaluation order)
   * @param uses their parcels of the year, by credit code
   * @param facts what the engine was given, in evaluation order
   */
  public record Result(
      Division division,
      int year,
      StoredRuleSet ruleSet,
      Choice choice,
      Evaluation evaluation,
      Map<String, Enterprise> enterprises,
      Map<String, List<Use>> uses,
      List<EnterpriseFacts> facts,
      List<NotEvaluated> notEvaluated) {}

  /** Counts and land (亩) by grade of the enterprises with land in one zone. */
  public record ZoneGrades(
      String code,
      String name,
      String parentCode,
      int enterprises,
      Map<Grade, Integer> countByGrade,
      Map<Grade, Double> landMuByGrade,
      int ungraded) {}

  /**
   * The grade a parcel is drawn with: that of the graded enterprise using the largest share of it
   * (ties: the owner, then the lowest credit code).
   */
  public record ParcelGrade(Grade grade, String creditCode, String name) {}

  /**
   * The parcel grades of a year under one or several rule sets.
   *
   * @param tag year and rule-set ids used, e.g. {@code 2024/7} (tile cache keys and ETags)
   */
  public record ParcelGrades(String tag, Map<Long, ParcelGrade> byParcel) {}

  // ---------------------------------------------------------------- choosing

  /**
   * The year checked: 422 {@code year-out-of-range} outside the statistics years (1990 to this
   * year).
   */
  public static int checkYear(Integer year) {
    if (year == null) {
      throw ApiProblem.invalid("missing-year", "年度 year is required (e.g. ?year=2023)")
          .with("field", "year");
    }
    Optional<String> bad = EnterpriseChecks.statisticsYear(year);
    if (bad.isPresent()) {
      throw ApiProblem.invalid("year-out-of-range", bad.get())
          .with("field", "year")
          .with("year", year);
    }
    return year;
  }

  /**
   * The evaluation for the request: with {@code ruleSetId} that rule set (404 when unknown), its
   * division unless {@code divisionCode} names another and its year unless {@code year} is given;
   * else the newest version of the division's rules for the year, else of the nearest earlier year,
   * looked up in the division and then its parents (a town takes its county's rules); 404 {@code
   * rule-set-not-found} when none.
   */
  public Result result(String divisionCode, Integer year, Long ruleSetId) {
    StoredRuleSet stored;
    Choice choice;
    int y;
    Division division;
    if (ruleSetId != null) {
      stored = ruleSets.get(ruleSetId);
      y = checkYear(year != null ? year : stored.year());
      division =
          places.division(
              divisionCode == null || divisionCode.isBlank()
                  ? stored.divisionCode()
                  : divisionCode);
      choice = Choice.GIVEN;
    } else {
      if (divisionCode == null || divisionCode.isBlank()) {
        throw ApiProblem.invalid(
                "missing-division", "division is required without ruleSet (e.g. ?division=330726)")
            .with("field", "division");
      }
      y = checkYear(year);
      division = places.division(divisionCode);
      stored = applicable(division, y).orElse(null);
      if (stored == null) {
        throw ApiProblem.notFound(
                "rule-set",
                "行政区 "
                    + division.code()
                    + " ("
                    + division.name()
                    + ") 及其上级在 "
                    + y
                    + " 年及以前没有亩均评价规则 (no rule set for the division in or before the year)")
            .with("division", division.code())
            .with("year", y);
      }
      choice = stored.year() == y ? Choice.SAME_YEAR : Choice.EARLIER_YEAR;
    }
    return compute(division, y, stored, choice);
  }

  /** The rule set the results would use for a division (or its parents) and year. */
  Optional<StoredRuleSet> applicable(Division division, int year) {
    Division d = division;
    Set<String> seen = new java.util.HashSet<>();
    while (d != null && seen.add(d.code())) {
      Optional<StoredRuleSet> found = ruleSets.applicable(d.code(), year);
      if (found.isPresent()) {
        return found;
      }
      d = d.parentCode() == null ? null : divisions.find(d.parentCode()).orElse(null);
    }
    return Optional.empty();
  }

  @Override
  public Optional<Map<String, Grade>> grades(String divisionCode, int year) {
    checkYear(year);
    Division division = places.division(divisionCode);
    Optional<StoredRuleSet> stored = applicable(division, year);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Result r =
        compute(
            division,
            year,
            stored.get(),
            stored.get().year() == year ? Choice.SAME_YEAR : Choice.EARLIER_YEAR);
    Map<String, Grade> out = new LinkedHashMap<>();
    r.evaluation().enterprises().stream()
        .filter(e -> e.grade() != null)
        .forEach(e -> out.put(e.creditCode(), e.grade()));
    return Optional.of(out);
  }

  // ---------------------------------------------------------------- computing

  private record Key(long ruleSetId, int year, String division) {}

  @SuppressWarnings("unchecked")
  private <T> T cached(Object key, java.util.function.Supplier<T> compute) {
    Object hit = cache.get(key);
    if (hit != null) {
      return (T) hit;
    }
    long at = generation.get();
    T value = compute.get();
    if (generation.get() == at) {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(key, value);
    }
    return value;
  }

  Result compute(Division division, int year, StoredRuleSet stored, Choice choice) {
    Result r =
        cached(
            new Key(stored.id(), year, division.code()),
            () -> evaluate(division, year, stored, Choice.GIVEN));
    return r.choice() == choice
        ? r
        : new Result(
            r.division(),
            r.year(),
            r.ruleSet(),
            choice,
            r.evaluation(),
            r.enterprises(),
            r.uses(),
            r.facts(),
            r.notEvaluated());
  }

  /** Reads the facts and runs the engine, without the cache (the benchmark times this). */
  public Result evaluate(Division division, int year, StoredRuleSet stored, Choice choice) {
    RuleSet rules = ruleSets.rules(stored).withYear(year);
    Set<Long> inDivision = places.parcelsIn(division.code());
    // The year's links read once: each firm's uses, the parcels' owners and the land of the year
    // (LandSums, the definition of EnterpriseRepository.landAreas).
    LandSums land = new LandSums();
    Map<String, List<Use>> usesByFirm = new HashMap<>();
    Map<Long, Owner> ownerOf = new HashMap<>();
    enterprises.forEachLandUse(
        year,
        (code, parcelId, role, share, areaM2) -> {
          land.add(code, areaM2, share);
          Use use = new Use(parcelId, role, share, areaM2);
          usesByFirm.computeIfAbsent(code, k -> new ArrayList<>(2)).add(use);
          if (use.role() == LandRole.OWNER) {
            Owner best = ownerOf.get(use.parcelId());
            if (best == null
                || use.share() > best.share()
                || (use.share() == best.share() && code.compareTo(best.creditCode()) < 0)) {
              ownerOf.put(use.parcelId(), new Owner(code, use.share()));
            }
          }
        });
    Map<String, AnnualStatistics> stats = new HashMap<>();
    enterprises.forEachStatistic(year, s -> stats.put(s.creditCode(), s));

    List<EnterpriseFacts> list = new ArrayList<>();
    Map<String, Enterprise> evaluated = new LinkedHashMap<>();
    Map<String, List<Use>> uses = new HashMap<>();
    List<NotEvaluated> notEvaluated = new ArrayList<>();
    enterprises.forEach(
        e -> {
          List<Use> own = usesByFirm.get(e.creditCode());
          if (own == null || !e.existsIn(year)) {
            return;
          }
          Use main = main(own);
          if (!inDivision.contains(main.parcelId())) {
            return;
          }
          if (e.sizeClass() == null) {
            notEvaluated.add(
                new NotEvaluated(e.creditCode(), e.name(), "规模(规上/规下)未知 (size class unknown)"));
            return;
          }
          boolean tenant = own.stream().allMatch(u -> u.role() == LandRole.TENANT);
          String landlord = null;
          if (tenant) {
            Owner owner = ownerOf.get(main.parcelId());
            landlord = owner == null ? null : owner.creditCode();
          }
          list.add(
              new EnterpriseFacts(
                  e.creditCode(),
                  e.name(),
                  e.industryCode(),
                  e.sizeClass() == org.zoneplan.enterprises.SizeClass.ABOVE
                      ? SizeClass.ABOVE_SIZE
                      : SizeClass.BELOW_SIZE,
                  e.foundedYear(),
                  tenant,
                  landlord,
                  AreaUnits.toMu(land.areaM2(e.creditCode())),
                  figures(stats.get(e.creditCode()))));
          evaluated.put(e.creditCode(), e);
          uses.put(e.creditCode(), List.copyOf(own));
        });
    Evaluation evaluation = Evaluator.evaluate(rules, list);
    return new Result(
        division,
        year,
        stored,
        choice,
        evaluation,
        evaluated,
        uses,
        List.copyOf(list),
        List.copyOf(notEvaluated));
  }

  /** The owner a parcel's tenants take as landlord: the largest owner share. */
  private record Owner(String creditCode, double share) {}

  /** The parcel carrying most of an enterprise's land (area × share; ties: lowest parcel id). */
  static Use main(List<Use> uses) {
    Use best = null;
    for (Use u : uses) {
      if (best == null
          || u.usedM2() > best.usedM2()
          || (u.usedM2() == best.usedM2() && u.parcelId() < best.parcelId())) {
        best = u;
      }
    }
    return best;
  }

  static Map<Figure, Double> figures(AnnualStatistics s) {
    Map<Figure, Double> f = new EnumMap<>(Figure.class);
    if (s == null) {
      return f;
    }
    f.put(Figure.TAX, s.taxWan());
    f.put(Figure.VALUE_ADDED, s.valueAddedWan());
    f.put(Figure.REVENUE, s.revenueWan());
    f.put(Figure.ENERGY, s.energyTce());
    f.put(Figure.EMISSIONS, s.emissionsTonnes());
    f.put(Figure.RD, s.rndWan());
    f.put(Figure.EMPLOYEES, s.employees() == null ? null : s.employees().doubleValue());
    f.put(Figure.ELECTRICITY, s.electricityWanKwh());
    f.put(Figure.FIXED_ASSET_INVESTMENT, s.investmentWan());
    return f;
  }

  // ---------------------------------------------------------------- by zone

  /**
   * Counts and land (亩) by grade per zone of a plan version: an enterprise counts in a zone when
   * one of its parcels of the year belongs to it (interior point in the zone or its subtree, {@link
   * ParcelPlaces}); its land there is the area × share of those parcels. An enterprise with parcels
   * in two sibling zones counts in both, each with its land there.
   */
  public List<ZoneGrades> byZone(Result r, String planId) {
    List<ZoneGrades> out = new ArrayList<>();
    for (ParcelPlaces.ZoneParcels zone : places.zones(planId)) {
      GradeTally tally = new GradeTally();
      int n = 0;
      int ungraded = 0;
      for (Evaluation.EnterpriseResult e : r.evaluation().enterprises()) {
        double m2 = 0;
        boolean in = false;
        for (Use u : r.uses().get(e.creditCode())) {
          if (zone.parcelIds().contains(u.parcelId())) {
            in = true;
            m2 += u.usedM2();
          }
        }
        if (!in) {
          continue;
        }
        n++;
        if (e.grade() == null) {
          ungraded++;
        } else {
          tally.add(e.grade(), AreaUnits.toMu(m2));
        }
      }
      out.add(
          new ZoneGrades(
              zone.code(), zone.name(), zone.parentCode(), n, tally.counts, tally.mu, ungraded));
    }
    return out;
  }

  // ---------------------------------------------------------------- by parcel (tiles)

  private record TileKey(int year, Long ruleSetId, String division) {}

  /**
   * The grade of every parcel used by a graded enterprise in the year: under rule set {@code
   * ruleSetId} (its division), or without one under the rules each county (with an outline) would
   * use for its results; counties without rules are left out.
   */
  public ParcelGrades parcelGrades(int year, Long ruleSetId) {
    return parcelGrades(year, ruleSetId, null);
  }

  /**
   * As {@link #parcelGrades(int, Long)}, with {@code divisionCode} (only with a rule set) the
   * enterprises of that division graded under the rule set, as {@code /results?division=&ruleSet=}
   * does: a county without rules of its own seen under another's (404 for an unknown division).
   */
  public ParcelGrades parcelGrades(int year, Long ruleSetId, String divisionCode) {
    checkYear(year);
    String division = divisionCode == null || divisionCode.isBlank() ? null : divisionCode;
    if (ruleSetId != null) {
      ruleSets.get(ruleSetId); // 404 first, outside the cache
    }
    if (division != null) {
      if (ruleSetId == null) {
        throw ApiProblem.invalid(
                "invalid-parameter", "division needs ruleSet on the grades layer (e.g. ruleSet=1)")
            .with("field", "division");
      }
      division = places.division(division).code(); // 404 for an unknown division
    }
    String d = division;
    return cached(new TileKey(year, ruleSetId, d), () -> computeParcelGrades(year, ruleSetId, d));
  }

  private ParcelGrades computeParcelGrades(int year, Long ruleSetId, String divisionCode) {
    List<Result> results = new ArrayList<>();
    if (ruleSetId != null) {
      results.add(result(divisionCode, year, ruleSetId));
    } else {
      for (Division d : divisions.findAll(false)) {
        if (!COUNTY.equals(d.level())) {
          continue;
        }
        try {
          results.add(result(d.code(), year, null));
        } catch (ApiProblem p) {
          if (p.status() != HttpStatus.NOT_FOUND
              && p.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
            throw p;
          }
          // no rules for this county, or no outline: nothing to colour there
        }
      }
    }
    Map<Long, ParcelGrade> byParcel = new HashMap<>();
    Map<Long, double[]> chosen = new HashMap<>(); // parcel → {share, owner? 1 : 0}
    Map<Long, String> chosenCode = new HashMap<>();
    TreeSet<Long> ids = new TreeSet<>();
    for (Result r : results) {
      ids.add(r.ruleSet().id());
      for (Evaluation.EnterpriseResult e : r.evaluation().enterprises()) {
        if (e.grade() == null) {
          continue;
        }
        for (Use u : r.uses().get(e.creditCode())) {
          double[] best = chosen.get(u.parcelId());
          double owner = u.role() == LandRole.OWNER ? 1 : 0;
          boolean better =
              best == null
                  || u.share() > best[0]
                  || (u.share() == best[0] && owner > best[1])
                  || (u.share() == best[0]
                      && owner == best[1]
                      && e.creditCode().compareTo(chosenCode.get(u.parcelId())) < 0);
          if (better) {
            chosen.put(u.parcelId(), new double[] {u.share(), owner});
            chosenCode.put(u.parcelId(), e.creditCode());
            byParcel.put(u.parcelId(), new ParcelGrade(e.grade(), e.creditCode(), e.name()));
          }
        }
      }
    }
    String tag =
        year
            + "/"
            + (ids.isEmpty()
                ? "none"
                : String.join(".", ids.stream().map(String::valueOf).toList()))
            + (divisionCode == null ? "" : "/" + divisionCode);
    return new ParcelGrades(tag, Map.copyOf(byParcel));
  }

  // ---------------------------------------------------------------- invalidation

  /** Forgets every result (also the hook for writers that publish no event). */
  public void dataChanged() {
    generation.incrementAndGet();
    cache.clear();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void enterprisesChanged(EnterprisesChangedEvent event) {
    dataChanged();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void ruleSetsChanged(RuleSetsChangedEvent event) {
    dataChanged();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void parcelsChanged(ParcelsChangedEvent event) {
    dataChanged();
  }

  /** Division membership decides which population an enterprise is graded in. */
  @TransactionalEventListener(fallbackExecution = true)
  void divisionsChanged(DivisionsChangedEvent event) {
    dataChanged();
  }
}
