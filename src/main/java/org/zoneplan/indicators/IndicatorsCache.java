package org.zoneplan.indicators;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.zoneplan.divisions.DivisionsChangedEvent;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.system.SingleFlight;
import org.zoneplan.zones.ZonesChangedEvent;

/**
 * What the indicators keep between requests: the {@link IndicatorData} read from the store, and
 * results per (plan, period, jurisdiction, storage switch). Keys hold the analysis snapshot and
 * plan data they were computed from (by identity), so a parcel or zone change, which gives the
 * analysis new ones, is never served stale; and the data generation, which {@link #dataChanged()}
 * moves on.
 *
 * <p><b>Invalidation hook</b>: call {@link #dataChanged()} after a commit that changed enterprises,
 * land links, statistics, zone totals, supply records or targets. Parcel and zone changes are heard
 * here ({@link ParcelsChangedEvent}, {@link ZonesChangedEvent}); the enterprises package's {@code
 * EnterprisesChangedEvent} (on another branch) must be wired to it when merged, with a listener
 * such as {@code @TransactionalEventListener(fallbackExecution = true) void
 * on(EnterprisesChangedEvent e) { cache.dataChanged(); }}.
 *
 * <p>Thread-safe; concurrent requests for a missing entry share one computation ({@link
 * SingleFlight}).
 */
@Component
public class IndicatorsCache {
  private static final int MAX_ENTRIES = 256;

  private final AtomicLong generation = new AtomicLong();
  private final Map<List<Object>, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(long generation, Object value) {}

  /** A computation under way, of an entry at a data generation. */
  private record Flight(long generation, List<Object> key) {}

  private final SingleFlight<Flight> flights = new SingleFlight<>();

  /** The current data generation: part of every key. */
  public long generation() {
    return generation.get();
  }

  /** Drops everything: the data changed. */
  public void dataChanged() {
    generation.incrementAndGet();
    entries.clear();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void parcelsChanged(ParcelsChangedEvent event) {
    dataChanged();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void zonesChanged(ZonesChangedEvent event) {
    dataChanged();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void divisionsChanged(DivisionsChangedEvent event) {
    dataChanged();
  }

  /** The package whose events mean enterprise data changed. */
  static final String ENTERPRISES_PACKAGE = "org.zoneplan.enterprises";

  @TransactionalEventListener(fallbackExecution = true)
  void enterprisesChanged(PayloadApplicationEvent<?> event) {
    if (event.getPayload().getClass().getPackageName().equals(ENTERPRISES_PACKAGE)) {
      dataChanged();
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void targetsChanged(TargetsChangedEvent event) {
    dataChanged();
  }

  @SuppressWarnings("unchecked")
  <T> T get(List<Object> key, Supplier<T> compute) {
    long at = generation.get();
    Entry entry = entries.get(key);
    if (entry != null && entry.generation() == at) {
      return (T) entry.value();
    }
    T value = flights.get(new Flight(at, key), compute);
    if (at == generation.get()) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry(at, value));
    }
    return value;
  }
}
