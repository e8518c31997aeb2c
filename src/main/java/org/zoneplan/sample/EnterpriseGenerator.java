package org.zoneplan.sample;

import static org.zoneplan.sample.PujiangIndustries.PARK_COMPANY;
import static org.zoneplan.sample.PujiangIndustries.STORAGE_INDUSTRIES;
import static org.zoneplan.sample.PujiangIndustries.UTILITIES;
import static org.zoneplan.sample.PujiangIndustries.industriesOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.zoneplan.enterprises.AnnualStatistics;
import org.zoneplan.enterprises.Enterprise;
import org.zoneplan.enterprises.LandLink;
import org.zoneplan.enterprises.LandRole;
import org.zoneplan.enterprises.SizeClass;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.parcels.ParcelSupply;
import org.zoneplan.sample.PujiangIndustries.Industry;
import org.zoneplan.sample.PujiangIndustries.Part;

/**
 * Generates the sample enterprises of Pujiang on the parcels of {@link ParcelGenerator}: the firms,
 * the land they use as owner or tenant, what they report for {@value #FIRST_YEAR}–{@value
 * #LAST_YEAR}, and the land-supply record (供地) of the parcels. <b>Everything is invented</b>
 * (illustrative): no name, code, figure or date describes a real firm or parcel.
 *
 * <p>Industries follow the part of the county's plan a parcel lies in (by its interior point,
 * against the zones of plan {@value #PLAN}): the core area and its expansion blocks ({@code
 * PJ-1-*}): 光电 (光伏配件, LED), 高端装备, 新材料, 智能硬件, 生物科技, 水晶, 绗缝家纺; 黄宅 ({@code PJ-HZ}): 光伏, LED, 高端机电,
 * 新材料, 五金, 制锁; 白马-郑宅 ({@code PJ-BZ*}): 新一代信息技术, 智能装备, 生物医疗; 郑家坞 ({@code PJ-ZJW}): 纺织, 服装; outside
 * the zones Pujiang's traditional trades. Each as GB/T 4754-2017 classes (see {@link
 * #industriesOf}); storage land (0508) holds warehouses, a few parcels utilities (大类 44, 45, 46),
 * some parcels a 小微企业园 (a park company owning it, its tenants without land of their own) or a
 * factory letting part of its floor space.
 *
 * <p>Figures: 2024 tax per 亩 lognormal with the medians of {@link ParcelGenerator} (a tail of
 * nearly tax-free firms), earlier years by a growth of about 7 % a year with noise (one firm in
 * eight declining), firms founded from 2021 ramping up, a few closing; value added 3–6 × tax,
 * revenue from a value-added rate of 18–32 %, energy and emissions by industry, R&amp;D higher in
 * technology classes, employees per 亩; investment heavy while a parcel is built, then a few percent
 * of revenue. 规上 when the 2024 (or last) revenue reaches 2,000 万元. Some firms report no emissions.
 *
 * <p>Land supply: a firm's parcels are supplied from its founding (dates 2005–2024), built within
 * one to three years, some supplied but not built (new land of 2022–2024, and idle land: 闲置 a year
 * after supply), floor areas at 容积率 0.8–2.0 and 建筑密度 35–60 % on industrial land; industrial parcels
 * without a firm and 空闲地 are unsupplied (未供).
 *
 * <p>Deterministic: the same parcels, zones and seed give the same output on every JVM (random
 * numbers are hashes of the seed, the purpose and the parcel's position; {@link StrictMath}).
 * Thread-safe (each call works on an instance of its own).
 */
public final class EnterpriseGenerator {
  /** The plan whose zones decide the industries: the 2021 plan (一区三片). */
  public static final String PLAN = "pujiang-2021";

  public static final int FIRST_YEAR = 2021;
  public static final int LAST_YEAR = 2024;

  /** Supply dates lie in FIRST_SUPPLY_YEAR–LAST_YEAR. */
  public static final int FIRST_SUPPLY_YEAR = 2005;

  /** 规模以上工业企业: 主营业务收入 of 2,000 万元 a year or more. */
  static final double SIZE_THRESHOLD_WAN = 2000;

  /**
   * The generated data. Parcels are referred to by their position in the list given ({@code
   * parcelId} of the links and supply records); the store maps positions to ids.
   *
   * @param parts the part of the plan each parcel lies in, by position
   */
  public record Sample(
      List<Enterprise> enterprises,
      List<LandLink> links,
      List<AnnualStatistics> statistics,
      List<ParcelSupply> supplies,
      List<Part> parts) {}

  // Salts: one independent random stream per purpose.
  private static final int S_UTILITY = 101;
  private static final int S_LAYOUT = 102;
  private static final int S_JOIN = 103;
  private static final int S_INDUSTRY = 104;
  private static final int S_FOUNDED = 105;
  private static final int S_SUPPLY_LAG = 106;
  private static final int S_SUPPLY_DAY = 107;
  private static final int S_METHOD = 108;
  private static final int S_BUILD = 109;
  private static final int S_IDLE = 110;
  private static final int S_FAR = 111;
  private static final int S_DENSITY = 112;
  private static final int S_CLOSE = 123;
  private static final int S_TENANTS = 124;
  private static final int S_SHARE = 125;
  private static final int S_NAME = 126;
  private static final int S_COMPLETION = 129;
  private static final int S_VACANT = 130;

  private static final String SHOP_NAME_CHARACTERS =
      "恒达鑫源华艺金狮宏兴永盛晶美亿佳新天龙凯瑞泰昌隆丰利顺嘉宝星光荣明东方中正和信博远通海德福康宇豪腾飞旺辉锦绣";

  private final List<Parcel> parcels;
  private final long seed;
  private final Part[] parts;
  private final boolean[] crystalTown;

  private final List<Firm> firms = new ArrayList<>();
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> usedCodes = new HashSet<>();
  private final ParcelSupply[] supplies;
  private final boolean[] hasTenants;

  private EnterpriseGenerator(List<Parcel> parcels, Map<String, Geometry> zones, long seed) {
    this.parcels = parcels;
    this.seed = seed;
    this.parts = new Part[parcels.size()];
    this.crystalTown = new boolean[parcels.size()];
    this.supplies = new ParcelSupply[parcels.size()];
    this.hasTenants = new boolean[parcels.size()];
    locate(zones);
  }

  /**
   * Generates the sample.
   *
   * @param parcels the parcels, as {@link ParcelGenerator} gives them (industrial land 0601 and
   *     0508 gets a firm, but for about 2 % left vacant)
   * @param zones the zones of plan {@value #PLAN} by code, EPSG:4490
   * @param seed anything; {@link ParcelGenerator#DEFAULT_SEED} for the sample data
   */
  public static Sample generate(List<Parcel> parcels, Map<String, Geometry> zones, long seed) {
    return new EnterpriseGenerator(parcels, zones, seed).run();
  }

  // ---- where each parcel lies

  private void locate(Map<String, Geometry> zones) {
    List<String> codes = new ArrayList<>(zones.keySet());
    Collections.sort(codes);
    List<PreparedGeometry> prepared = new ArrayList<>();
    List<Envelope> envelopes = new ArrayList<>();
    List<Part> zoneParts = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String code : codes) {
      Part part = Part.ofZone(code);
      if (part != null) {
        prepared.add(PreparedGeometryFactory.prepare(zones.get(code)));
        envelopes.add(zones.get(code).getEnvelopeInternal());
        zoneParts.add(part);
        kept.add(code);
      }
    }
    for (int k = 0; k < parcels.size(); k++) {
      Point point = parcels.get(k).geometry().getInteriorPoint();
      parts[k] = Part.OUTSIDE;
      for (int z = 0; z < prepared.size(); z++) {
        if (envelopes.get(z).contains(point.getCoordinate()) && prepared.get(z).covers(point)) {
          parts[k] = zoneParts.get(z);
          if (kept.get(z).equals("PJ-1-X1")) {
            crystalTown[k] = true;
          }
        }
      }
    }
  }

  // ---- firms and land

  /** A firm being generated. */
  static final class Firm {
    final int key; // the position of its first parcel, times 16, plus its place among tenants
    final Industry industry;
    final Part part;
    final boolean tenant;
    final boolean utility;
    final boolean park;
    String name;
    String code;
    int founded;
    Integer closed;
    final List<int[]> land = new ArrayList<>(); // {parcel, share in 1e-4}
    double landMu;
    int operatingFrom = Integer.MAX_VALUE; // first year it produces (its land built)
    int constructionFrom = Integer.MAX_VALUE;
    double constructionMu; // land being built, 亩
    boolean idleOnly;

    Firm(int key, Industry industry, Part part, boolean tenant, boolean utility, boolean park) {
      this.key = key;
      this.industry = industry;
      this.part = part;
      this.tenant = tenant;
      this.utility = utility;
      this.park = park;
    }
  }

  private Sample run() {
    List<Integer> owned = new ArrayList<>();
    for (int k = 0; k < parcels.size(); k++) {
      // About 2 % of the industrial parcels stand vacant (no firm owns or rents them).
      if (isIndustrial(parcels.get(k)) && HashRandom.uniform(seed, S_VACANT, k, 0) >= 0.02) {
        owned.add(k);
      }
    }
    Set<Integer> utilityParcels = utilityParcels(owned);
    List<LandLink> links = new ArrayList<>();
    Firm previous = null;
    int previousParcel = -1;
    int utilityTurn = 0;
    for (int k : owned) {
      Parcel parcel = parcels.get(k);
      boolean storage = "0508".equals(parcel.landUseCode());
      double layout = HashRandom.uniform(seed, S_LAYOUT, k, 0);
      Firm owner;
      boolean park = false;
      boolean lets = false;
      if (utilityParcels.contains(k)) {
        owner = newFirm(k * 16, UTILITIES[utilityTurn++ % UTILITIES.length], k, false, true);
      } else if (!storage && parts[k] != Part.OUTSIDE && layout < 0.05 && mu(k) >= 3) {
        park = true;
        owner = newFirm(k * 16, PARK_COMPANY, k, false, false);
      } else if (previous != null
          && !previous.utility
          && !previous.park
          && previous.part == parts[k]
          && HashRandom.uniform(seed, S_JOIN, k, 0) < 0.12
          && distanceM(previousParcel, k) < 250) {
        owner = previous; // a firm with several parcels
      } else {
        Industry industry =
            storage
                ? pick(STORAGE_INDUSTRIES, HashRandom.uniform(seed, S_INDUSTRY, k, 0))
                : pick(
                    industriesOf(parts[k], crystalTown[k]),
                    HashRandom.uniform(seed, S_INDUSTRY, k, 0));
        owner = newFirm(k * 16, industry, k, false, false);
        // An older factory letting part of its floor space.
        lets = !storage && layout > 0.90 && owner.founded <= 2015;
      }
      double ownerShare = park ? 0.05 + 0.05 * HashRandom.uniform(seed, S_SHARE, k, 0) : 1.0;
      if (lets) {
        ownerShare = 0.55 + 0.3 * HashRandom.uniform(seed, S_SHARE, k, 0);
      }
      int ownerShareE4 = (int) Math.round(ownerShare * 1e4);
      owner.land.add(new int[] {k, ownerShareE4});
      links.add(new LandLink(owner.name, k, LandRole.OWNER, ownerShareE4 / 1e4));
      if (park || lets) {
        hasTenants[k] = true;
        int tenants =
            park
                ? 3 + (int) (5 * HashRandom.uniform(seed, S_TENANTS, k, 0))
                : 1 + (HashRandom.uniform(seed, S_TENANTS, k, 0) < 0.3 ? 1 : 0);
        // The tenants use 80–100 % of what the owner does not (a unit may stand empty).
        int restE4 =
            (int) ((1e4 - ownerShareE4) * (0.8 + 0.2 * HashRandom.uniform(seed, S_SHARE, k, 1)));
        double[] weights = new double[tenants];
        double sum = 0;
        for (int t = 0; t < tenants; t++) {
          weights[t] = 0.5 + HashRandom.uniform(seed, S_SHARE, k, 2 + t);
          sum += weights[t];
        }
        int given = 0;
        for (int t = 0; t < tenants; t++) {
          int shareE4 =
              t == tenants - 1 ? restE4 - given : (int) Math.floor(restE4 * weights[t] / sum);
          given += shareE4;
          Industry industry =
              pick(
                  industriesOf(parts[k], crystalTown[k]),
                  HashRandom.uniform(seed, S_INDUSTRY, k, 1 + t));
          Firm tenant = newFirm(k * 16 + 1 + t, industry, k, true, false);
          tenant.land.add(new int[] {k, shareE4});
          links.add(new LandLink(tenant.name, k, LandRole.TENANT, shareE4 / 1e4));
        }
      }
      previous = owner;
      previousParcel = k;
    }
    supplyIndustrialLand(owned);
    supplyOtherLand();
    List<AnnualStatistics> statistics = new ArrayList<>();
    List<Enterprise> enterprises = new ArrayList<>();
    for (Firm firm : firms) {
      List<AnnualStatistics> rows = FirmStatistics.of(seed, firm);
      statistics.addAll(rows);
      SizeClass size = FirmStatistics.sizeClass(rows);
      enterprises.add(
          new Enterprise(
              firm.code, firm.name, firm.industry.code(), size, firm.founded, firm.closed));
    }
    // Links were keyed by name while codes were being made; key them by code.
    Map<String, String> codeOf = new LinkedHashMap<>();
    firms.forEach(f -> codeOf.put(f.name, f.code));
    List<LandLink> coded =
        links.stream()
            .map(l -> new LandLink(codeOf.get(l.creditCode()), l.parcelId(), l.role(), l.share()))
            .toList();
    List<ParcelSupply> supplyList = new ArrayList<>();
    for (ParcelSupply s : supplies) {
      if (s != null) {
        supplyList.add(s);
      }
    }
    return new Sample(
        List.copyOf(enterprises),
        coded,
        List.copyOf(statistics),
        List.copyOf(supplyList),
        List.of(parts));
  }

  private static boolean isIndustrial(Parcel p) {
    return "0601".equals(p.landUseCode()) || "0508".equals(p.landUseCode());
  }

  /**
   * About 1 % of the industrial parcels in the zones (at least one of each utility): those whose
   * draw is lowest.
   */
  private Set<Integer> utilityParcels(List<Integer> owned) {
    List<Integer> candidates = new ArrayList<>();
    for (int k : owned) {
      if (parts[k] != Part.OUTSIDE && "0601".equals(parcels.get(k).landUseCode())) {
        candidates.add(k);
      }
    }
    candidates.sort(
        (a, b) ->
            Double.compare(
                HashRandom.uniform(seed, S_UTILITY, a, 0),
                HashRandom.uniform(seed, S_UTILITY, b, 0)));
    int wanted = Math.min(candidates.size(), Math.max(UTILITIES.length, candidates.size() / 100));
    return new HashSet<>(candidates.subList(0, wanted));
  }

  private Firm newFirm(int key, Industry industry, int parcel, boolean tenant, boolean utility) {
    boolean park = industry == PARK_COMPANY;
    Firm firm = new Firm(key, industry, parts[parcel], tenant, utility, park);
    firm.name = uniqueName(firm, parcel);
    firm.code = uniqueCode(firm.name);
    firm.founded = foundedYear(firm, parcel);
    firms.add(firm);
    return firm;
  }

  private String uniqueName(Firm firm, int parcel) {
    String[] endings = firm.industry.endings();
    for (int attempt = 0; ; attempt++) {
      double r = HashRandom.uniform(seed, S_NAME, firm.key, attempt * 4);
      String prefix =
          firm.utility || firm.park
              ? "浦江县"
              : r < 0.25 && mu(parcel) > 8 ? "浙江" : r < 0.6 ? "浦江县" : "浦江";
      int n = SHOP_NAME_CHARACTERS.length();
      int first = (int) (n * HashRandom.uniform(seed, S_NAME, firm.key, attempt * 4 + 1));
      int second =
          (first
                  + 1
                  + (int) ((n - 1) * HashRandom.uniform(seed, S_NAME, firm.key, attempt * 4 + 2)))
              % n;
      String shop = "" + SHOP_NAME_CHARACTERS.charAt(first) + SHOP_NAME_CHARACTERS.charAt(second);
      if (attempt >= 20) {
        shop += SHOP_NAME_CHARACTERS.charAt((first + second + attempt) % n);
      }
      String ending =
          endings[
              (int) (endings.length * HashRandom.uniform(seed, S_NAME, firm.key, attempt * 4 + 3))];
      String name = prefix + shop + ending;
      if (usedNames.add(name)) {
        return name;
      }
    }
  }

  private String uniqueCode(String name) {
    for (int attempt = 0; ; attempt++) {
      String code = ParcelGenerator.creditCode(name, attempt);
      if (usedCodes.add(code)) {
        return code;
      }
    }
  }

  /**
   * Founding year: owners 1992–2024 (one in nine from 2021, about half of those in 2023–2024),
   * tenants of parks mostly recent; utilities older.
   */
  private int foundedYear(Firm firm, int parcel) {
    double r = HashRandom.uniform(seed, S_FOUNDED, firm.key, 0);
    if (firm.utility) {
      return 1995 + (int) (15 * r);
    }
    if (firm.park) {
      return 2012 + (int) (8 * r);
    }
    if (firm.tenant) {
      // 小微园 tenants: young firms, a fifth founded 2023–2024
      return r < 0.2
          ? 2023 + (int) (2 * HashRandom.uniform(seed, S_FOUNDED, firm.key, 1))
          : 2010 + (int) (13 * r);
    }
    if (r < 0.06) {
      return 2023 + (int) (2 * HashRandom.uniform(seed, S_FOUNDED, firm.key, 1));
    }
    if (r < 0.11) {
      return 2021 + (int) (2 * HashRandom.uniform(seed, S_FOUNDED, firm.key, 1));
    }
    // 1992–2020, more of them in the 2000s
    double u = HashRandom.uniform(seed, S_FOUNDED, firm.key, 2);
    return 1992 + (int) (29 * StrictMath.pow(u, 0.8));
  }

  // ---- land supply

  private void supplyIndustrialLand(List<Integer> owned) {
    Map<Integer, Firm> ownerOf = new LinkedHashMap<>();
    for (Firm firm : firms) {
      if (!firm.tenant) {
        for (int[] land : firm.land) {
          ownerOf.put(land[0], firm);
        }
      }
    }
    for (int k : owned) {
      Firm owner = ownerOf.get(k);
      int supplyYear;
      if (owner.founded >= FIRST_SUPPLY_YEAR) {
        supplyYear =
            Math.min(
                LAST_YEAR,
                owner.founded + (int) (3 * HashRandom.uniform(seed, S_SUPPLY_LAG, k, 0)));
      } else {
        // Older firms moved into the zones (or had their land registered) 2005–2014.
        supplyYear = FIRST_SUPPLY_YEAR + (int) (10 * HashRandom.uniform(seed, S_SUPPLY_LAG, k, 0));
      }
      LocalDate supplyDate = dayOf(supplyYear, HashRandom.uniform(seed, S_SUPPLY_DAY, k, 0));
      String method = method(owner, k);
      // Idle: one industrial parcel in 40 supplied 2012–2021 and never built.
      boolean idle =
          !owner.utility
              && !owner.park
              && supplyYear >= 2012
              && supplyYear <= 2021
              && HashRandom.uniform(seed, S_IDLE, k, 0) < 0.025
              && owner.land.size() == 1
              && !hasTenants[k];
      boolean built;
      LocalDate completion = null;
      if (idle) {
        built = false;
      } else {
        int years =
            1 + (int) (3 * HashRandom.uniform(seed, S_COMPLETION, k, 0)); // built in 1–3 years
        LocalDate done =
            supplyDate
                .plusYears(years)
                .withDayOfYear(1)
                .plusDays((long) (300 * HashRandom.uniform(seed, S_COMPLETION, k, 1)));
        built = !done.isAfter(LocalDate.of(LAST_YEAR, 12, 31));
        completion = built ? done : null;
      }
      LocalDate idleSince =
          idle
              ? supplyDate
                  .plusYears(1)
                  .plusDays((long) (180 * HashRandom.uniform(seed, S_IDLE, k, 1)))
              : null;
      if (idleSince != null && idleSince.isAfter(LocalDate.of(LAST_YEAR, 12, 31))) {
        idleSince = LocalDate.of(LAST_YEAR, 12, 31);
      }
      double area = parcels.get(k).areaM2();
      Double floor = 0.0;
      Double footprint = 0.0;
      if (built) {
        double density = 0.35 + 0.25 * HashRandom.uniform(seed, S_DENSITY, k, 0);
        double far =
            Math.max(
                0.8,
                Math.min(
                    2.0, 1.25 * StrictMath.exp(0.25 * HashRandom.gaussian(seed, S_FAR, k, 0))));
        far = Math.max(far, density * 1.5);
        footprint = round(area * density, 1);
        floor = round(area * far, 1);
      }
      supplies[k] =
          new ParcelSupply(
              k, supplyDate, method, true, built, completion, floor, footprint, idle, idleSince);
    }
    // The firms' years of building and producing, from their land.
    for (Firm firm : firms) {
      double mu = 0;
      boolean anyBuilt = false;
      boolean allIdle = true;
      for (int[] land : firm.land) {
        ParcelSupply s = supplies[land[0]];
        double share = land[1] / 1e4;
        mu += mu(land[0]) * share;
        if (firm.tenant) {
          continue;
        }
        allIdle &= s.idle();
        if (s.built()) {
          anyBuilt = true;
          firm.operatingFrom = Math.min(firm.operatingFrom, s.completionDate().getYear());
        }
        if (!s.idle()) {
          firm.constructionFrom = Math.min(firm.constructionFrom, s.supplyDate().getYear());
          if (!s.built() || s.completionDate().getYear() >= FIRST_YEAR) {
            firm.constructionMu += mu(land[0]) * share;
          }
        }
      }
      firm.landMu = mu;
      firm.idleOnly = !firm.tenant && allIdle;
      if (firm.tenant) {
        firm.operatingFrom = firm.founded;
      } else if (!anyBuilt) {
        firm.operatingFrom = Integer.MAX_VALUE;
      }
    }
    // Land with tenants is built (parks and older factories, never idle; see run()): a tenant
    // moves in when it is founded, or when the building is finished if that is later.
    for (Firm firm : firms) {
      if (firm.tenant) {
        ParcelSupply s = supplies[firm.land.get(0)[0]];
        if (!s.built()) {
          throw new IllegalStateException("tenant on unbuilt parcel " + firm.land.get(0)[0]);
        }
        firm.founded = Math.max(firm.founded, s.completionDate().getYear());
        firm.operatingFrom = firm.founded;
      }
    }
    // Close some firms: one in 40 older owners and one in 10 tenants, in 2022 or 2023.
    for (Firm firm : firms) {
      if (firm.utility || firm.park || firm.land.isEmpty()) {
        continue;
      }
      double r = HashRandom.uniform(seed, S_CLOSE, firm.key, 0);
      boolean closes =
          firm.founded <= 2021 && (firm.tenant ? r < 0.10 : firm.founded < 2015 && r < 0.025);
      if (closes) {
        firm.closed =
            Math.max(
                firm.founded, 2022 + (int) (2 * HashRandom.uniform(seed, S_CLOSE, firm.key, 1)));
      }
    }
  }

  private String method(Firm owner, int k) {
    double r = HashRandom.uniform(seed, S_METHOD, k, 0);
    if (owner.utility) {
      return r < 0.7 ? "划拨" : "出让";
    }
    if (owner.founded < 2008 && r < 0.2) {
      return "划拨";
    }
    return r < 0.93 ? "出让" : r < 0.97 ? "租赁" : "作价出资";
  }

  /**
   * Construction land other than industry: supplied (出让 for housing and commerce, 划拨 for public
   * land), mostly built; 空闲地 and vacant industrial parcels unsupplied. Farmland, villages, roads,
   * water and forest get no record.
   */
  private void supplyOtherLand() {
    for (int k = 0; k < parcels.size(); k++) {
      if (supplies[k] != null) {
        continue;
      }
      Parcel p = parcels.get(k);
      String code = p.landUseCode();
      if (isIndustrial(p) || ("1201".equals(code) && parts[k] != Part.OUTSIDE)) {
        supplies[k] = new ParcelSupply(k, null, null, false, false, null, null, null, false, null);
        continue;
      }
      double[] farDensity =
          switch (code) {
            case "0701" -> new double[] {1.6, 0.22}; // 城镇住宅
            case "05H1" -> new double[] {1.8, 0.40}; // 商业服务业
            case "08H1", "08H2" -> new double[] {1.0, 0.28}; // 机关团体, 科教文卫
            case "0809" -> new double[] {0.5, 0.30}; // 公用设施
            case "0810" -> new double[] {0.02, 0.02}; // 公园与绿地: pavilions, toilets
            default -> null;
          };
      if (farDensity == null) {
        continue;
      }
      boolean allocated = code.startsWith("08");
      int year =
          FIRST_SUPPLY_YEAR
              + (int)
                  ((LAST_YEAR - FIRST_SUPPLY_YEAR + 1)
                      * HashRandom.uniform(seed, S_SUPPLY_LAG, k, 0));
      LocalDate date = dayOf(year, HashRandom.uniform(seed, S_SUPPLY_DAY, k, 0));
      LocalDate done = date.plusYears(1 + (int) (3 * HashRandom.uniform(seed, S_COMPLETION, k, 0)));
      boolean built = !done.isAfter(LocalDate.of(LAST_YEAR, 12, 31));
      double area = p.areaM2();
      double noise = StrictMath.exp(0.2 * HashRandom.gaussian(seed, S_FAR, k, 0));
      Double footprint =
          built
              ? round(
                  area * farDensity[1] * (0.8 + 0.4 * HashRandom.uniform(seed, S_DENSITY, k, 0)), 1)
              : 0.0;
      Double floor = built ? Math.max(footprint, round(area * farDensity[0] * noise, 1)) : 0.0;
      supplies[k] =
          new ParcelSupply(
              k,
              date,
              allocated ? "划拨" : "出让",
              true,
              built,
              built ? done : null,
              floor,
              footprint,
              false,
              null);
    }
  }

  private static LocalDate dayOf(int year, double r) {
    LocalDate first = LocalDate.of(year, 1, 1);
    return first.plusDays((long) (first.lengthOfYear() * r));
  }

  // ---- helpers

  private double mu(int parcel) {
    return AreaUnits.toMu(parcels.get(parcel).areaM2());
  }

  /** Distance between two parcels' centroids, metres (about: degrees at Pujiang's latitude). */
  private double distanceM(int a, int b) {
    var ca = parcels.get(a).geometry().getCentroid().getCoordinate();
    var cb = parcels.get(b).geometry().getCentroid().getCoordinate();
    double dx = (ca.x - cb.x) * 111_320 * StrictMath.cos(StrictMath.toRadians(ca.y));
    double dy = (ca.y - cb.y) * 110_574;
    return StrictMath.hypot(dx, dy);
  }

  private static Industry pick(Industry[] industries, double r) {
    return pick(List.of(industries), r);
  }

  private static Industry pick(List<Industry> industries, double r) {
    double total = 0;
    for (Industry i : industries) {
      total += i.weight();
    }
    double at = r * total;
    for (Industry i : industries) {
      at -= i.weight();
      if (at < 0) {
        return i;
      }
    }
    return industries.get(industries.size() - 1);
  }

  static double round(double value, int decimals) {
    double scale = StrictMath.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
