package org.zoneplan.parks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.divisions.Division;
import org.zoneplan.divisions.DivisionRepository;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.projects.Project;
import org.zoneplan.projects.ProjectRepository;
import org.zoneplan.projects.ProjectStage;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;
import tools.jackson.databind.JsonNode;

/**
 * Cooperation parks: checked writes (every field, then the divisions and the zone named, then that
 * the boundary reaches every host district; nothing is written when any check fails), each in one
 * transaction with its audit entry; and the assessment view ({@link ParkAssessment}) of one period
 * over the stored parks, their territorial shares ({@link TerritorialShares}) and the projects of
 * the projects package located in them (by the project's anchor point).
 */
@Service
public class ParkService {
  /** Most parks held: the assessment reads every park in one request. */
  static final int MAX_PARKS = 1_000;

  /** Most projects read for one park's figures. */
  static final int MAX_PROJECTS = 10_000;

  /** Districts that count for territory: county-level outlines, and any host or promoter. */
  static final String COUNTY = "COUNTY";

  private final ParkRepository parks;
  private final DivisionRepository divisions;
  private final ZoneRepository zones;
  private final ProjectRepository projects;
  private final AuditLog audit;
  private final GeometryLimits limits;

  ParkService(
      ParkRepository parks,
      DivisionRepository divisions,
      ZoneRepository zones,
      ProjectRepository projects,
      AuditLog audit,
      GeometryLimits limits) {
    this.parks = parks;
    this.divisions = divisions;
    this.zones = zones;
    this.projects = projects;
    this.audit = audit;
    this.limits = limits;
  }

  /** A park and its boundary (its own polygon, or its zone's current geometry; null if gone). */
  public record Located(CoopPark park, MultiPolygon boundary) {}

  public List<Located> list() {
    return parks.findAll().stream().map(p -> new Located(p, boundary(p))).toList();
  }

  public Located find(String id) {
    CoopPark p =
        parks
            .find(id)
            .orElseThrow(
                () ->
                    ApiProblem.notFound("park", "no cooperation park \"" + id + "\"")
                        .with("id", id));
    return new Located(p, boundary(p));
  }

  @Transactional
  public Located create(JsonNode body) {
    CoopPark d =
        ParkJson.read(body, null, limits, Actors.current(), OffsetDateTime.now(ZoneOffset.UTC));
    CoopPark park = checked(d);
    if (parks.count() >= MAX_PARKS) {
      throw ApiProblem.conflict(
              "too-many-parks", "the store holds " + MAX_PARKS + " parks, the most it takes")
          .with("max", MAX_PARKS);
    }
    if (parks.exists(park.id())) {
      throw ApiProblem.conflict("park-exists", "a cooperation park \"" + park.id() + "\" exists")
          .with("id", park.id());
    }
    parks.insert(park);
    audit.record("park.create", park.id(), summary(park));
    return find(park.id());
  }

  @Transactional
  public Located replace(String id, JsonNode body) {
    ParkJson.id(id);
    CoopPark d =
        ParkJson.read(body, id, limits, Actors.current(), OffsetDateTime.now(ZoneOffset.UTC));
    CoopPark park = checked(d);
    if (!parks.lock(id)) {
      throw ApiProblem.notFound("park", "no cooperation park \"" + id + "\"").with("id", id);
    }
    parks.replace(park);
    audit.record("park.replace", id, summary(park));
    return find(id);
  }

  /** Replaces the figures only ({@code [{item, period, value, unit, sourcePhrase}, …]}). */
  @Transactional
  public Located replaceFigures(String id, JsonNode body) {
    List<ParkFigure> figures = ParkJson.figures(body);
    if (body == null || !body.isArray()) {
      throw ParkJson.invalid("invalid-figures", "the body is an array of figures", "figures");
    }
    if (!parks.lock(id)) {
      throw ApiProblem.notFound("park", "no cooperation park \"" + id + "\"").with("id", id);
    }
    CoopPark p = parks.find(id).orElseThrow();
    CoopPark changed =
        new CoopPark(
            p.id(),
            p.name(),
            p.nameEn(),
            p.promoterName(),
            p.promoterCode(),
            p.hostCodes(),
            p.planId(),
            p.zoneCode(),
            p.geometry(),
            p.illustrative(),
            p.boundaryNote(),
            p.sharingRule(),
            figures,
            p.source(),
            Actors.current(),
            OffsetDateTime.now(ZoneOffset.UTC));
    parks.replace(changed);
    audit.record("park.figures", id, figures.size() + " figures");
    return find(id);
  }

  @Transactional
  public void delete(String id) {
    if (!parks.lock(id)) {
      throw ApiProblem.notFound("park", "no cooperation park \"" + id + "\"").with("id", id);
    }
    parks.delete(id);
    audit.record("park.delete", id, "deleted");
  }

  /** The periods any stored park has figures for, sorted. */
  public List<String> periods() {
    TreeSet<String> periods = new TreeSet<>();
    parks.findAll().forEach(p -> p.figures().forEach(f -> periods.add(f.period())));
    return List.copyOf(periods);
  }

  /** The assessment of {@code period}, over every park or over one. */
  public ParkAssessment.Result assessment(String period, String parkId) {
    ParkJson.period(period, "period");
    List<CoopPark> chosen = parkId == null ? parks.findAll() : List.of(find(parkId).park());
    List<Division> all = divisions.findAll(true);
    Map<String, String> names = new LinkedHashMap<>();
    all.forEach(d -> names.put(d.code(), d.name()));
    List<ParkAssessment.ParkInput> inputs = new ArrayList<>();
    for (CoopPark p : chosen) {
      Map<String, Geometry> outlines = new LinkedHashMap<>();
      for (Division d : all) {
        if (d.geometry() != null
            && (COUNTY.equals(d.level())
                || p.hostCodes().contains(d.code())
                || p.promoterCode().equals(d.code()))) {
          outlines.put(d.code(), d.geometry());
        }
      }
      MultiPolygon boundary = boundary(p);
      // Prepared once for the park and all its projects.
      TerritorialShares.Districts prepared = TerritorialShares.prepare(outlines);
      Map<String, Double> shares =
          boundary == null ? Map.of() : TerritorialShares.of(boundary, prepared);
      inputs.add(
          new ParkAssessment.ParkInput(
              p, shares, boundary == null ? List.of() : projectsIn(boundary, prepared, period)));
    }
    return ParkAssessment.assess(period, inputs, names);
  }

  /** Territorial shares of a park in the districts it reaches (for the API's park view). */
  public Map<String, Double> shares(Located p) {
    if (p.boundary() == null) {
      return Map.of();
    }
    Map<String, Geometry> outlines = new LinkedHashMap<>();
    for (Division d : divisions.findAll(true)) {
      if (d.geometry() != null
          && (COUNTY.equals(d.level())
              || p.park().hostCodes().contains(d.code())
              || p.park().promoterCode().equals(d.code()))) {
        outlines.put(d.code(), d.geometry());
      }
    }
    return TerritorialShares.of(p.boundary(), outlines);
  }

  private List<ParkAssessment.ProjectInput> projectsIn(
      MultiPolygon boundary, TerritorialShares.Districts outlines, String period) {
    PreparedGeometry area = PreparedGeometryFactory.prepare(boundary);
    List<ParkAssessment.ProjectInput> list = new ArrayList<>();
    for (Project pr : projects.findAll(boundary.getEnvelopeInternal(), MAX_PROJECTS)) {
      if (pr.anchor() == null || !area.covers(pr.anchor())) {
        continue;
      }
      list.add(
          new ParkAssessment.ProjectInput(
              pr.id(),
              pr.name(),
              pr.landingMode(),
              TerritorialShares.of(pr.location(), outlines),
              signedIn(pr, period),
              pr.totalInvestmentWan(),
              investment(pr, period)));
    }
    return list;
  }

  /**
   * Whether a project counts in a period: signed (签约) in the year or the range of years; for a
   * cut-off (to-2024-06), signed by the end of that month or with no signing date recorded.
   */
  static boolean signedIn(Project p, String period) {
    LocalDate signed = p.stageDates().get(ProjectStage.SIGNED);
    if (period.startsWith("to-")) {
      LocalDate end = YearMonth.parse(period.substring(3)).atEndOfMonth();
      return signed == null || !signed.isAfter(end);
    }
    if (signed == null) {
      return false;
    }
    int[] years = years(period);
    return signed.getYear() >= years[0] && signed.getYear() <= years[1];
  }

  /** Investment (万元) of the year or the range of years; null for a cut-off or none recorded. */
  static BigDecimal investment(Project p, String period) {
    if (period.startsWith("to-")) {
      return null;
    }
    int[] years = years(period);
    BigDecimal sum = null;
    for (int y = years[0]; y <= years[1]; y++) {
      BigDecimal v = p.yearlyInvestmentWan().get(y);
      if (v != null) {
        sum = sum == null ? v : sum.add(v);
      }
    }
    return sum;
  }

  private static int[] years(String period) {
    if (period.length() == 4) {
      int y = Integer.parseInt(period);
      return new int[] {y, y};
    }
    return new int[] {
      Integer.parseInt(period.substring(0, 4)), Integer.parseInt(period.substring(5, 9))
    };
  }

  private MultiPolygon boundary(CoopPark p) {
    if (p.geometry() != null) {
      return p.geometry();
    }
    return zones.findZone(p.planId(), p.zoneCode()).map(Zone::geometry).orElse(null);
  }

  /** The park as read, once its divisions and zone are found and its hosts reached. */
  private CoopPark checked(CoopPark d) {
    Map<String, Division> known = new LinkedHashMap<>();
    Division promoter = division(d.promoterCode(), "promoter.code");
    known.put(promoter.code(), promoter);
    for (String h : d.hostCodes()) {
      Division host = division(h, "hosts");
      if (host.geometry() == null) {
        throw ParkJson.invalid(
                "district-without-outline",
                "host district "
                    + h
                    + " "
                    + host.name()
                    + " has no outline, so the park's figures cannot be attributed by territory",
                "hosts")
            .with("code", h);
      }
      known.put(h, host);
    }
    MultiPolygon boundary = d.geometry();
    if (d.zoneCode() != null) {
      boundary =
          zones
              .findZone(d.planId(), d.zoneCode())
              .map(Zone::geometry)
              .orElseThrow(
                  () ->
                      ParkJson.invalid(
                              "unknown-zone",
                              "there is no zone " + d.zoneCode() + " in plan " + d.planId(),
                              "zone")
                          .with("planId", d.planId())
                          .with("code", d.zoneCode()));
    }
    Map<String, Geometry> hostOutlines = new LinkedHashMap<>();
    d.hostCodes().forEach(h -> hostOutlines.put(h, known.get(h).geometry()));
    Map<String, Double> shares = TerritorialShares.of(boundary, hostOutlines);
    for (String h : d.hostCodes()) {
      if (shares.getOrDefault(h, 0.0) <= 0) {
        throw ParkJson.invalid(
                "host-not-reached",
                "the park's boundary does not reach host district " + h + " " + known.get(h).name(),
                "hosts")
            .with("code", h);
      }
    }
    return d;
  }

  private Division division(String code, String property) {
    return divisions
        .find(code)
        .orElseThrow(
            () ->
                ParkJson.invalid(
                        "unknown-district",
                        "there is no administrative division " + code + " (" + property + ")",
                        property)
                    .with("code", code));
  }

  private static String summary(CoopPark p) {
    return p.name()
        + ": promoter "
        + p.promoterName()
        + " "
        + p.promoterCode()
        + ", hosts "
        + String.join(",", p.hostCodes())
        + ", rule "
        + p.sharingRule().kind()
        + ", "
        + p.figures().size()
        + " figures";
  }
}
