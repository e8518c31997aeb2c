package org.zoneplan.quota;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.projects.ProjectRepository;
import org.zoneplan.system.Actors;
import org.zoneplan.system.ApiProblem;

/**
 * The land-quota ledger: grants to a body for a year, allocations to projects, consumption by
 * supplied parcels, reversals. Every write is checked in full first, then, in one transaction,
 * locks the body-year account row ({@link QuotaRepository#lockAccount}), reads the balance, and
 * appends its entry only if the balance allows it; concurrent writes for the same body and year
 * therefore run one after the other, and no allocation can take quota another has just taken. A
 * write that waits longer than the store's lock timeout (10 s) is answered 503 store-busy by {@code
 * system.ProblemAdvice}, nothing written. Entries are never changed: a correction is a reversal.
 * Each write is in the audit log.
 */
@Service
public class QuotaService {
  /** Largest amount of one entry, 亩 (Zhejiang's yearly new construction land is ~10⁵ 亩). */
  static final BigDecimal MAX_MU = new BigDecimal("10000000");

  static final int MAX_SCALE = 4;
  static final int MIN_YEAR = 1949;
  static final int MAX_YEAR = 2100;

  private final QuotaRepository ledger;
  private final ProjectRepository projects;
  private final ParcelRepository parcels;
  private final AuditLog audit;

  QuotaService(
      QuotaRepository ledger,
      ProjectRepository projects,
      ParcelRepository parcels,
      AuditLog audit) {
    this.ledger = ledger;
    this.projects = projects;
    this.parcels = parcels;
    this.audit = audit;
  }

  /** What a client asks to write; which fields are needed depends on the kind. */
  public record Request(
      String body,
      Integer year,
      BigDecimal areaMu,
      Long projectId,
      Long parcelId,
      Long entryId,
      String reason,
      String source) {}

  /** A written entry and the balance of its body and year after it. */
  public record Written(QuotaEntry entry, QuotaBalance balance) {}

  public List<QuotaBalance> balances(String body, Integer year) {
    return ledger.balances(blankToNull(body), year);
  }

  public List<QuotaEntry> ledger(String body, Integer year, int limit) {
    return ledger.list(blankToNull(body), year, limit);
  }

  @Transactional
  public Written grant(Request r) {
    String body = body(r.body());
    int year = year(r.year());
    BigDecimal area = area(r.areaMu());
    String reason = reason(r.reason());
    String source = source(r.source());
    ledger.ensureAccount(body, year);
    ledger.lockAccount(body, year);
    return append(
        body, year, QuotaKind.GRANT, QuotaKind.GRANT, area, null, null, null, reason, source);
  }

  @Transactional
  public Written allocate(Request r) {
    String body = body(r.body());
    int year = year(r.year());
    BigDecimal area = area(r.areaMu());
    long projectId = project(r.projectId());
    String reason = reason(r.reason());
    String source = source(r.source());
    if (!ledger.lockAccount(body, year)) {
      throw exceeded(
          "quota-exceeded",
          "no quota has been granted to \"" + body + "\" for " + year + "; nothing was written",
          BigDecimal.ZERO,
          area);
    }
    BigDecimal available =
        QuotaRepository.balance(body, year, ledger.sums(body, year)).availableMu();
    if (area.compareTo(available) > 0) {
      throw exceeded(
          "quota-exceeded",
          "allocating "
              + area.toPlainString()
              + " 亩 would exceed the "
              + available.toPlainString()
              + " 亩 of \""
              + body
              + "\"'s "
              + year
              + " quota not yet allocated; nothing was written",
          available,
          area);
    }
    return append(
        body,
        year,
        QuotaKind.ALLOCATION,
        QuotaKind.ALLOCATION,
        area,
        projectId,
        null,
        null,
        reason,
        source);
  }

  @Transactional
  public Written consume(Request r) {
    String body = body(r.body());
    int year = year(r.year());
    BigDecimal area = area(r.areaMu());
    long projectId = project(r.projectId());
    long parcelId = parcel(r.parcelId());
    String reason = reason(r.reason());
    String source = source(r.source());
    BigDecimal unused = BigDecimal.ZERO;
    if (ledger.lockAccount(body, year)) {
      unused = projectUnused(body, year, projectId);
    }
    if (area.compareTo(unused) > 0) {
      throw exceeded(
          "allocation-exceeded",
          "using "
              + area.toPlainString()
              + " 亩 would exceed the "
              + unused.toPlainString()
              + " 亩 allocated to project "
              + projectId
              + " from \""
              + body
              + "\"'s "
              + year
              + " quota and not yet used; nothing was written",
          unused,
          area);
    }
    return append(
        body,
        year,
        QuotaKind.CONSUMPTION,
        QuotaKind.CONSUMPTION,
        area,
        projectId,
        parcelId,
        null,
        reason,
        source);
  }

  /**
   * Undoes entry {@code entryId} with a new entry of the opposite sign. Refused (409) when an entry
   * is already reversed, or when what depends on it would be left uncovered: a grant whose quota is
   * allocated, an allocation whose quota is used.
   */
  @Transactional
  public Written reverse(Request r) {
    if (r.entryId() == null) {
      throw ApiProblem.invalid(
              "missing-property", "a reversal needs \"entryId\", the entry to undo")
          .with("property", "entryId");
    }
    String reason = reason(r.reason());
    String source = source(r.source());
    QuotaEntry original =
        ledger
            .find(r.entryId())
            .orElseThrow(
                () ->
                    ApiProblem.notFound("quota-entry", "no ledger entry " + r.entryId())
                        .with("entryId", r.entryId()));
    if (original.kind() == QuotaKind.REVERSAL) {
      throw ApiProblem.invalid(
              "reversal-of-reversal",
              "entry " + original.id() + " is itself a reversal; record the entry anew instead")
          .with("entryId", original.id());
    }
    String body = original.body();
    int year = original.year();
    ledger.lockAccount(body, year);
    ledger
        .reversalOf(original.id())
        .ifPresent(
            id -> {
              throw ApiProblem.conflict(
                      "already-reversed",
                      "entry " + original.id() + " was already reversed by entry " + id)
                  .with("entryId", original.id())
                  .with("reversalId", id);
            });
    BigDecimal area = original.areaMu();
    switch (original.kind()) {
      case GRANT -> {
        BigDecimal available =
            QuotaRepository.balance(body, year, ledger.sums(body, year)).availableMu();
        if (area.compareTo(available) > 0) {
          throw exceeded(
              "quota-exceeded",
              "reversing grant "
                  + original.id()
                  + " would leave allocations uncovered: only "
                  + available.toPlainString()
                  + " 亩 are not allocated; reverse allocations first. Nothing was written",
              available,
              area);
        }
      }
      case ALLOCATION -> {
        BigDecimal unused = projectUnused(body, year, original.projectId());
        if (area.compareTo(unused) > 0) {
          throw exceeded(
              "allocation-exceeded",
              "reversing allocation "
                  + original.id()
                  + " would leave used quota uncovered: project "
                  + original.projectId()
                  + " has only "
                  + unused.toPlainString()
                  + " 亩 allocated and unused; reverse consumptions first. Nothing was written",
              unused,
              area);
        }
      }
      default -> {}
    }
    return append(
        body,
        year,
        QuotaKind.REVERSAL,
        original.kind(),
        area,
        original.projectId(),
        original.parcelId(),
        original.id(),
        reason,
        source);
  }

  private BigDecimal projectUnused(String body, int year, long projectId) {
    Map<QuotaKind, BigDecimal> sums = ledger.projectSums(body, year, projectId);
    return sums.get(QuotaKind.ALLOCATION).subtract(sums.get(QuotaKind.CONSUMPTION));
  }

  private Written append(
      String body,
      int year,
      QuotaKind kind,
      QuotaKind appliesTo,
      BigDecimal area,
      Long projectId,
      Long parcelId,
      Long reversesId,
      String reason,
      String source) {
    BigDecimal signed = kind == QuotaKind.REVERSAL ? area.negate() : area;
    QuotaEntry draft =
        new QuotaEntry(
            0,
            body,
            year,
            kind,
            appliesTo,
            area,
            signed,
            projectId,
            parcelId,
            reversesId,
            reason,
            source,
            Actors.current(),
            OffsetDateTime.now(ZoneOffset.UTC));
    long id = ledger.append(draft);
    QuotaEntry entry = ledger.find(id).orElseThrow();
    audit.record(
        "quota." + kind.name().toLowerCase(java.util.Locale.ROOT),
        body + "/" + year,
        "entry "
            + id
            + ": "
            + kind.label()
            + " "
            + area.toPlainString()
            + " 亩"
            + (projectId == null ? "" : ", project " + projectId)
            + (parcelId == null ? "" : ", parcel " + parcelId)
            + (reversesId == null ? "" : ", reverses entry " + reversesId)
            + "; reason: "
            + reason);
    return new Written(entry, QuotaRepository.balance(body, year, ledger.sums(body, year)));
  }

  // ---------------------------------------------------------------- checks

  private static ApiProblem exceeded(
      String slug, String detail, BigDecimal available, BigDecimal requested) {
    return ApiProblem.conflict(slug, detail)
        .with("availableMu", available)
        .with("requestedMu", requested);
  }

  static String body(String body) {
    if (body == null || body.isBlank()) {
      throw ApiProblem.invalid(
              "missing-property",
              "\"body\" is required: the body the quota belongs to, e.g. 高新区(滨江) or 330108")
          .with("property", "body");
    }
    String b = body.strip();
    if (b.length() > 100 || b.chars().anyMatch(Character::isISOControl)) {
      throw ApiProblem.invalid(
              "invalid-body", "\"body\" must be 1–100 characters without control characters")
          .with("property", "body");
    }
    return b;
  }

  static int year(Integer year) {
    if (year == null) {
      throw ApiProblem.invalid("missing-property", "\"year\" is required").with("property", "year");
    }
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw ApiProblem.invalid(
              "invalid-year", "\"year\" must be " + MIN_YEAR + "–" + MAX_YEAR + ", was " + year)
          .with("property", "year");
    }
    return year;
  }

  static BigDecimal area(BigDecimal area) {
    if (area == null) {
      throw ApiProblem.invalid("missing-property", "\"areaMu\" (亩) is required")
          .with("property", "areaMu");
    }
    if (area.signum() <= 0 || area.compareTo(MAX_MU) > 0) {
      throw ApiProblem.invalid(
              "invalid-area",
              "\"areaMu\" must be more than 0 and at most "
                  + MAX_MU.toPlainString()
                  + " 亩, was "
                  + area.toPlainString())
          .with("property", "areaMu");
    }
    if (area.stripTrailingZeros().scale() > MAX_SCALE) {
      throw ApiProblem.invalid(
              "invalid-area",
              "\"areaMu\" has at most "
                  + MAX_SCALE
                  + " decimals (0.0001 亩 ≈ 0.07 m²), was "
                  + area.toPlainString())
          .with("property", "areaMu");
    }
    return area.setScale(MAX_SCALE);
  }

  static String reason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw ApiProblem.invalid(
              "missing-property", "\"reason\" is required: every ledger entry says why")
          .with("property", "reason");
    }
    if (reason.length() > 2000) {
      throw ApiProblem.invalid("invalid-reason", "\"reason\" has at most 2000 characters")
          .with("property", "reason");
    }
    return reason.strip();
  }

  static String source(String source) {
    if (source == null || source.isBlank()) {
      return null;
    }
    if (source.length() > 2000) {
      throw ApiProblem.invalid("invalid-source", "\"source\" has at most 2000 characters")
          .with("property", "source");
    }
    return source.strip();
  }

  private long project(Long projectId) {
    if (projectId == null) {
      throw ApiProblem.invalid("missing-property", "\"projectId\" is required")
          .with("property", "projectId");
    }
    if (!projects.exists(projectId)) {
      throw ApiProblem.invalid("unknown-project", "there is no project " + projectId)
          .with("property", "projectId")
          .with("projectId", projectId);
    }
    return projectId;
  }

  private long parcel(Long parcelId) {
    if (parcelId == null) {
      throw ApiProblem.invalid(
              "missing-property", "\"parcelId\" is required: the parcel whose supply uses quota")
          .with("property", "parcelId");
    }
    if (parcels.find(parcelId).isEmpty()) {
      throw ApiProblem.invalid("unknown-parcel", "there is no parcel " + parcelId)
          .with("property", "parcelId")
          .with("parcelId", parcelId);
    }
    return parcelId;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
