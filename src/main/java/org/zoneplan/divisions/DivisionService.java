package org.zoneplan.divisions;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.system.ApiProblem;

/**
 * The one way divisions are written (imports, the sample loaders, any edit): each write runs in the
 * caller's transaction (or one of its own) and publishes a {@link DivisionsChangedEvent} with the
 * outline's bounding boxes before and after, so that the division tiles meeting either box, the
 * tiles of users limited by jurisdiction, and every result derived from divisions (analysis,
 * indicators, evaluation, access scopes) are dropped once the transaction commits (nothing is
 * dropped for a rollback, e.g. a dry run). On PostGIS the store's trigger records the same change
 * for the other processes ({@code replicas.ChangeFeed}), which skips this process's own rows.
 */
@Service
public class DivisionService {
  /** The longest code the {@code division.code} column holds. */
  static final int MAX_CODE = 12;

  private final DivisionRepository divisions;
  private final ApplicationEventPublisher events;

  DivisionService(DivisionRepository divisions, ApplicationEventPublisher events) {
    this.divisions = divisions;
    this.events = events;
  }

  /**
   * Inserts the division, or replaces the stored one with its code (everything but the code).
   *
   * @return true when it was created, false when an existing division was replaced
   */
  @Transactional
  public boolean save(Division division) {
    check(division);
    Envelope before = divisions.find(division.code()).map(DivisionService::extent).orElse(null);
    boolean created = divisions.update(division) == 0;
    if (created) {
      divisions.insert(division);
    }
    events.publishEvent(new DivisionsChangedEvent(division.code(), before, extent(division)));
    return created;
  }

  /** {@link #save} for each division, in one transaction; returns how many were created. */
  @Transactional
  public int saveAll(List<Division> list) {
    int created = 0;
    for (Division d : list) {
      if (save(d)) {
        created++;
      }
    }
    return created;
  }

  private static Envelope extent(Division d) {
    return d.geometry() == null ? null : d.geometry().getEnvelopeInternal();
  }

  private static void check(Division d) {
    if (d.code() == null || d.code().isBlank() || d.code().length() > MAX_CODE) {
      throw ApiProblem.invalid(
              "invalid-division",
              "行政区划代码缺失或超过 " + MAX_CODE + " 位 (division code missing or too long)")
          .with("code", d.code());
    }
    if (d.name() == null || d.name().isBlank()) {
      throw ApiProblem.invalid("invalid-division", "行政区划 \"" + d.code() + "\" 缺少名称 (no name)")
          .with("code", d.code());
    }
  }
}
