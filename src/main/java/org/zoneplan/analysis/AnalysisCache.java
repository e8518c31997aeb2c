package org.zoneplan.analysis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.zoneplan.divisions.DivisionsChangedEvent;
import org.zoneplan.parcels.ParcelRepository;
import org.zoneplan.parcels.ParcelsChangedEvent;
import org.zoneplan.system.SingleFlight;
import org.zoneplan.zones.ZonesChangedEvent;

/**
 * What the analysis keeps in memory between requests.
 *
 * <ul>
 *   <li>A {@link Parcels} snapshot: the parcel index (built lazily from {@link
 *       ParcelRepository#forEach}, or by {@link AnalysisInputs#warmUp}) with everything derived
 *       from it (calculators per division, memberships, concentration figures). A request takes one
 *       snapshot and uses only it, so its figures never mix two states of the parcels. {@link
 *       ParcelsChangedEvent} drops the snapshot; requests under way finish on the old one.
 *   <li>Per plan version, what derives from its zones alone (prepared geometry, overlaps). {@link
 *       ZonesChangedEvent} drops it, and whatever a snapshot derived from that plan.
 * </ul>
 *
 * Events arrive after the writing transaction committed. An entry records the plan's generation at
 * the moment its computation started and is kept, and served, only while that is still current, so
 * a result computed while the zones changed is never kept. Divisions are reference data that
 * zoneplan writes only on import; {@link DivisionsChangedEvent} (from the store's change log on
 * PostGIS) drops the snapshot as a parcel change does, since what derives from a division lives in
 * it.
 *
 * <p>Thread-safe. Concurrent requests for an entry that is missing share one computation ({@link
 * SingleFlight}): the first computes, the others wait for it (each within its own time limit).
 */
@Component
public class AnalysisCache {
  private static final Logger log = LoggerFactory.getLogger(AnalysisCache.class);
  private static final int MAX_ENTRIES = 1024;

  private final ParcelRepository repository;
  private final AtomicLong parcelGeneration = new AtomicLong();
  private final Map<String, AtomicLong> planGenerations = new ConcurrentHashMap<>();
  private final Map<Key, Entry> planEntries = new ConcurrentHashMap<>();
  private final Object buildLock = new Object();
  private final Object stateLock = new Object();
  private volatile Parcels current;
  private final java.util.concurrent.atomic.AtomicBoolean building =
      new java.util.concurrent.atomic.AtomicBoolean();

  record Key(String kind, String planId, List<Object> parts) {}

  /**
   * A computation under way: of an entry of {@code scope} (this cache for per-plan entries, a
   * {@link Parcels} snapshot for its own; both compared by identity) at a plan generation.
   */
  private record Flight(Object scope, Key key, long planGeneration) {}

  private final SingleFlight<Flight> flights = new SingleFlight<>();

  private record Entry(long planGeneration, Object value) {}

  /** The parcels as of one moment, and what was derived from them. */
  public static final class Parcels {
    private final ParcelIndex index;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    Parcels(ParcelIndex index) {
      this.index = index;
    }

    public ParcelIndex index() {
      return index;
    }
  }

  AnalysisCache(ParcelRepository repository) {
    this.repository = repository;
  }

  /** The current parcel snapshot, built on first use after start-up or a change. */
  public Parcels parcels() {
    Parcels snapshot = current;
    if (snapshot != null) {
      return snapshot;
    }
    synchronized (buildLock) {
      if (current != null) {
        return current;
      }
      long generation = parcelGeneration.get();
      long start = System.nanoTime();
      ParcelIndex.Builder builder = ParcelIndex.builder();
      repository.forEach(builder::add);
      Parcels built = new Parcels(builder.build());
      log.info(
          "Parcel index for analysis: {} parcels in {} ms",
          built.index().size(),
          (System.nanoTime() - start) / 1_000_000);
      synchronized (stateLock) {
        if (generation == parcelGeneration.get()) {
          current = built;
        }
      }
      return built;
    }
  }

  /**
   * The parcel index of the current snapshot if one is built, else null (nothing is built here):
   * the tiles read parcels from it instead of the store when it is there. It is dropped before any
   * other listener hears of a parcel change ({@link #parcelsChanged} runs first), so whoever reads
   * a data version bumped by that change and then asks here never gets the old parcels.
   */
  public ParcelIndex builtIndex() {
    Parcels snapshot = current;
    return snapshot == null ? null : snapshot.index();
  }

  /**
   * Starts building the parcel snapshot in a background thread when there is none and no such build
   * is under way, and returns at once: the tiles ask for it when they find none (after a parcel
   * change), and read the store until it is there. A build that a parcel change overtakes is not
   * kept ({@link #parcels()}).
   */
  public void buildInBackground() {
    if (current != null || !building.compareAndSet(false, true)) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                parcels();
              } catch (RuntimeException e) {
                log.warn("Parcel index not built in the background: {}", e.toString());
              } finally {
                building.set(false);
              }
            },
            "zoneplan-parcel-index");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether the snapshot is still the current one (no parcel change since). */
  boolean isCurrent(Parcels snapshot) {
    return current == snapshot;
  }

  /** A value derived from a plan version's zones only. */
  <T> T plan(String planId, String kind, List<Object> parts, Supplier<T> compute) {
    return get(this, planEntries, new Key(kind, planId, parts), compute);
  }

  /** A value derived from a parcel snapshot and, when {@code planId} is given, a plan's zones. */
  <T> T derived(
      Parcels snapshot, String planId, String kind, List<Object> parts, Supplier<T> compute) {
    return get(snapshot, snapshot.entries, new Key(kind, planId, parts), compute);
  }

  @SuppressWarnings("unchecked")
  private <T> T get(Object scope, Map<Key, Entry> entries, Key key, Supplier<T> compute) {
    long planAt = planGeneration(key.planId());
    Entry entry = entries.get(key);
    if (entry != null && entry.planGeneration() == planAt) {
      return (T) entry.value();
    }
    T value = flights.get(new Flight(scope, key, planAt), compute);
    if (planAt == planGeneration(key.planId())) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(key, new Entry(planAt, value));
    }
    return value;
  }

  private long planGeneration(String planId) {
    if (planId == null) {
      return 0;
    }
    return planGenerations.computeIfAbsent(planId, k -> new AtomicLong()).get();
  }

  /** First of all listeners: see {@link #builtIndex()}. */
  @TransactionalEventListener(fallbackExecution = true)
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
  void parcelsChanged(ParcelsChangedEvent event) {
    synchronized (stateLock) {
      parcelGeneration.incrementAndGet();
      current = null;
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void zonesChanged(ZonesChangedEvent event) {
    planGenerations.computeIfAbsent(event.planId(), k -> new AtomicLong()).incrementAndGet();
    planEntries.keySet().removeIf(k -> event.planId().equals(k.planId()));
    Parcels snapshot = current;
    if (snapshot != null) {
      snapshot.entries.keySet().removeIf(k -> event.planId().equals(k.planId()));
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void divisionsChanged(DivisionsChangedEvent event) {
    synchronized (stateLock) {
      parcelGeneration.incrementAndGet();
      current = null;
    }
  }
}
