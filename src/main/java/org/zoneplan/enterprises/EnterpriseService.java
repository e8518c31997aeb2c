package org.zoneplan.enterprises;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.audit.AuditLog;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.parcels.ParcelSupplyRepository;
import org.zoneplan.system.ApiProblem;

/**
 * Single writes of enterprises and their land, checked in full before anything is written, in one
 * transaction. The parcels a land write touches are locked first ({@code SELECT … FOR UPDATE}), so
 * two writes cannot together push a parcel's shares over 1.
 */
@Service
public class EnterpriseService {
  private final EnterpriseRepository enterprises;
  private final ParcelSupplyRepository supplies;
  private final ParcelRepository parcels;
  private final TransactionTemplate transaction;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;

  EnterpriseService(
      EnterpriseRepository enterprises,
      ParcelSupplyRepository supplies,
      ParcelRepository parcels,
      PlatformTransactionManager transactions,
      AuditLog audit,
      ApplicationEventPublisher events) {
    this.events = events;
    this.enterprises = enterprises;
    this.supplies = supplies;
    this.parcels = parcels;
    this.transaction = new TransactionTemplate(transactions);
    this.audit = audit;
  }

  public Enterprise get(String creditCode) {
    return enterprises
        .find(creditCode)
        .orElseThrow(
            () ->
                ApiProblem.notFound("enterprise", "no enterprise with credit code " + creditCode));
  }

  /** Creates or replaces an enterprise; true when it is new. */
  public boolean save(Enterprise e) {
    List<String> problems = new ArrayList<>();
    EnterpriseChecks.creditCode(e.creditCode()).ifPresent(problems::add);
    EnterpriseChecks.name(e.name()).ifPresent(problems::add);
    EnterpriseChecks.industry(e.industryCode()).ifPresent(problems::add);
    EnterpriseChecks.foundedYear(e.foundedYear()).ifPresent(problems::add);
    EnterpriseChecks.closedYear(e.foundedYear(), e.closedYear()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw ApiProblem.invalid("invalid-enterprise", String.join("; ", problems))
          .with("problems", problems);
    }
    return Boolean.TRUE.equals(
        transaction.execute(
            status -> {
              boolean created = enterprises.find(e.creditCode()).isEmpty();
              enterprises.upsertAll(List.of(e), created ? Set.of() : Set.of(e.creditCode()));
              audit.record(
                  created ? "enterprise.create" : "enterprise.update", e.creditCode(), null);
              events.publishEvent(new EnterprisesChangedEvent());
              return created;
            }));
  }

  /**
   * Replaces the land links of one enterprise. Refused with 422 when a parcel is unknown, a share
   * is outside (0, 1], a parcel is listed twice, or a parcel's shares (this enterprise's and the
   * others') would exceed 1; the problem names the parcel.
   */
  public void setLand(String creditCode, List<LandLink> links) {
    get(creditCode);
    Set<Long> seen = new HashSet<>();
    for (LandLink l : links) {
      Optional<String> bad = EnterpriseChecks.share(l.share());
      if (bad.isPresent()) {
        throw ApiProblem.invalid("invalid-share", "地块 " + l.parcelId() + ": " + bad.get())
            .with("parcelId", l.parcelId());
      }
      if (!seen.add(l.parcelId())) {
        throw ApiProblem.invalid("duplicate-parcel", "地块 " + l.parcelId() + " 重复 (listed twice)")
            .with("parcelId", l.parcelId());
      }
    }
    transaction.executeWithoutResult(
        status -> {
          lockParcels(seen);
          Set<Long> existing = supplies.existingParcels(seen);
          for (LandLink l : links) {
            if (!existing.contains(l.parcelId())) {
              throw ApiProblem.invalid(
                      "unknown-parcel", "地块 " + l.parcelId() + " 不存在 (no such parcel)")
                  .with("parcelId", l.parcelId());
            }
          }
          Map<Long, Double> others = new HashMap<>();
          enterprises
              .linksOfParcels(seen)
              .forEach(
                  (parcel, stored) ->
                      stored.stream()
                          .filter(s -> !s.creditCode().equals(creditCode))
                          .forEach(s -> others.merge(parcel, s.share(), Double::sum)));
          for (LandLink l : links) {
            double total = others.getOrDefault(l.parcelId(), 0.0) + l.share();
            if (total > 1 + EnterpriseChecks.SHARE_TOLERANCE) {
              throw shareExceeded(l.parcelId(), total);
            }
          }
          enterprises.deleteLinks(creditCode);
          enterprises.upsertLinks(links);
          audit.record("enterprise.land", creditCode, links.size() + " parcels");
          events.publishEvent(new EnterprisesChangedEvent());
        });
  }

  static ApiProblem shareExceeded(long parcelId, double total) {
    return new ApiProblem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "share-exceeded",
            "Invalid input",
            "地块 "
                + parcelId
                + " 的用地份额合计 "
                + Math.round(total * 1e6) / 1e6
                + " 超过 1 (the shares of parcel "
                + parcelId
                + " add up to more than 1)")
        .with("parcelId", parcelId)
        .with("shareTotal", total);
  }

  /** Locks the parcels' rows until the transaction ends. */
  void lockParcels(Set<Long> parcelIds) {
    parcels.lock(parcelIds);
  }
}
