package org.zoneplan.parcels;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.system.ApiProblem;

/**
 * Land parcels: pages of them, and writes checked in full before anything is written (land-use code
 * in its scheme, geometry), each in one transaction that publishes a {@link ParcelsChangedEvent}.
 * Who uses a parcel is written through {@code /api/enterprises}.
 */
@Service
public class ParcelService {
  /** Parcels per page when the client does not say. */
  public static final int DEFAULT_LIMIT = 1000;

  /** Most parcels a page may hold. */
  public static final int MAX_LIMIT = 10_000;

  private final ParcelRepository parcels;
  private final LandUseCatalog catalog;
  private final ApplicationEventPublisher events;

  public ParcelService(ParcelRepository parcels, ApplicationEventPublisher events) {
    this.parcels = parcels;
    this.catalog = LandUseCatalog.standard();
    this.events = events;
  }

  /**
   * One page of parcels by id.
   *
   * @param parcels at most {@code limit} of them
   * @param more whether parcels remain after this page
   */
  public record Page(List<Parcel> parcels, boolean more) {}

  /**
   * @param bbox only parcels intersecting it (EPSG:4490), or null for all
   * @param limit 1 to {@link #MAX_LIMIT}
   * @param offset parcels to skip, 0 or more
   */
  public Page page(Envelope bbox, int limit, long offset) {
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw new IllegalArgumentException("limit " + limit + ", offset " + offset);
    }
    List<Parcel> found = parcels.findPage(bbox, limit + 1, offset);
    boolean more = found.size() > limit;
    return new Page(more ? found.subList(0, limit) : found, more);
  }

  /** The land users of the parcels, by parcel id ({@link ParcelRepository#landUsers}). */
  public Map<Long, List<LandUser>> landUsers(List<Parcel> page) {
    return parcels.landUsers(page.stream().map(Parcel::id).toList());
  }

  public List<LandUser> landUsers(long parcelId) {
    return parcels.landUsers(parcelId);
  }

  public Parcel parcel(long id) {
    return parcels.find(id).orElseThrow(() -> notFound(String.valueOf(id)));
  }

  static ApiProblem notFound(String id) {
    return ApiProblem.notFound("parcel", "no parcel \"" + id + "\"").with("id", id);
  }

  /** The name of a parcel's land-use class, or null when its code is not in the catalog. */
  public String landUseName(Parcel parcel) {
    return catalog.name(parcel.scheme(), parcel.landUseCode());
  }

  @Transactional
  public Parcel create(ParcelDraft draft) {
    Parcel parcel = parcels.insert(checked(draft));
    events.publishEvent(new ParcelsChangedEvent(parcel.geometry().getEnvelopeInternal()));
    return parcel;
  }

  @Transactional
  public void delete(long id) {
    Parcel before = parcel(id);
    parcels.delete(id);
    events.publishEvent(new ParcelsChangedEvent(before.geometry().getEnvelopeInternal()));
  }

  /** How many parcels are stored. */
  public long count() {
    return parcels.count();
  }

  /**
   * A bulk write (an import, the sample loader) in the caller's transaction: parcels already
   * checked by their source are inserted in JDBC batches, and {@link Batch#finish()} publishes one
   * {@link ParcelsChangedEvent} over everything written, delivered after the commit (nothing for a
   * rollback). One event for the batch, not one per parcel: each event scans the tile cache.
   */
  public Batch batch() {
    return new Batch();
  }

  /** See {@link #batch()}. Not thread-safe; one per transaction. */
  public final class Batch {
    private final Envelope extent = new Envelope();
    private boolean everything;
    private boolean written;

    private Batch() {}

    /** Inserts the parcels (ids are assigned by the store, not returned). */
    public void insertAll(List<Parcel> list) {
      if (list.isEmpty()) {
        return;
      }
      parcels.insertAll(list);
      list.forEach(p -> extent.expandToInclude(p.geometry().getEnvelopeInternal()));
      written = true;
    }

    /** Inserts one parcel and returns it with its new id. */
    public Parcel insert(Parcel parcel) {
      Parcel stored = parcels.insert(parcel);
      extent.expandToInclude(parcel.geometry().getEnvelopeInternal());
      written = true;
      return stored;
    }

    /**
     * Inserts the parcels into a store no one else writes (the sample data on an empty store) and
     * returns their ids in the order given.
     */
    public List<Long> insertAllReturningIds(List<Parcel> list) {
      long before = parcels.maxId();
      insertAll(list);
      List<Long> ids = parcels.idsAbove(before);
      if (ids.size() != list.size()) {
        throw new IllegalStateException(
            "inserted " + list.size() + " parcels but found " + ids.size());
      }
      return ids;
    }

    /** Deletes every parcel (their land links with them); returns how many there were. */
    public int deleteAll() {
      int n = parcels.deleteAll();
      everything = true;
      written = true;
      return n;
    }

    /** Publishes the batch's one change event (delivered once the transaction commits). */
    public void finish() {
      if (written) {
        events.publishEvent(new ParcelsChangedEvent(everything ? null : extent));
      }
    }
  }

  private Parcel checked(ParcelDraft draft) {
    if (!catalog.isValid(draft.scheme(), draft.landUseCode())) {
      throw ApiProblem.invalid(
              "unknown-land-use-code",
              "land-use code \""
                  + draft.landUseCode()
                  + "\" is not a class of "
                  + draft.scheme().name()
                  + " ("
                  + draft.scheme().title()
                  + ")")
          .with("landUseCode", draft.landUseCode())
          .with("scheme", draft.scheme().name());
    }
    PolygonValidator.requireValid(draft.geometry());
    return new Parcel(
        0,
        draft.scheme(),
        draft.landUseCode(),
        draft.geometry(),
        EllipsoidalArea.squareMetres(draft.geometry()));
  }
}
