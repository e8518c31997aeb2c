package org.zoneplan.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.locationtech.jts.algorithm.InteriorPointArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.system.Deadline;

/**
 * An in-memory snapshot of parcels for analysis: an STR-tree over their bounding boxes, their
 * ellipsoidal areas and an interior point of each (the point that decides which zone a parcel
 * belongs to, see {@link ZoneMembership}). Parcels are addressed by their position in the index
 * ({@code 0 … size()-1}), not by store id.
 *
 * <p>Areas: the area stored with the parcel ({@link Parcel#areaM2()}, ellipsoidal, computed by
 * zoneplan on write) is used as it is; only a missing or non-positive area is computed here with
 * {@link EllipsoidalArea}.
 *
 * <p>Immutable once built and thread-safe (the tree is built before the index is handed out).
 */
public final class ParcelIndex {
  private final Parcel[] parcels;
  private final double[] areas;
  private final double[] interiorX;
  private final double[] interiorY;
  private final STRtree tree;
  // Built on first use (most users never look a parcel up by id); a race builds it twice, harmless.
  private volatile Map<Long, Integer> positions;

  private ParcelIndex(List<Parcel> list) {
    int n = list.size();
    parcels = list.toArray(Parcel[]::new);
    areas = new double[n];
    interiorX = new double[n];
    interiorY = new double[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              Parcel p = parcels[i];
              double stored = p.areaM2();
              areas[i] =
                  stored > 0 && Double.isFinite(stored)
                      ? stored
                      : EllipsoidalArea.squareMetres(p.geometry());
              Coordinate c = InteriorPointArea.getInteriorPoint(p.geometry());
              interiorX[i] = c == null ? Double.NaN : c.x;
              interiorY[i] = c == null ? Double.NaN : c.y;
            });
    tree = new STRtree();
    for (int i = 0; i < n; i++) {
      tree.insert(parcels[i].geometry().getEnvelopeInternal(), i);
    }
    tree.build();
  }

  /** Below this many items the work runs in the caller's thread: forking costs more. */
  static final int PARALLEL_THRESHOLD = 2048;

  /**
   * {@code 0 … n-1}, in parallel when there are many; each element checks the calling request's
   * {@link Deadline} (from whichever thread processes it), so a loop over it stops at the limit.
   */
  static IntStream range(int n) {
    Runnable deadline = Deadline.capture();
    IntStream range = IntStream.range(0, n).peek(i -> deadline.run());
    return n >= PARALLEL_THRESHOLD ? range.parallel() : range;
  }

  public static ParcelIndex of(Collection<Parcel> parcels) {
    return new ParcelIndex(new ArrayList<>(parcels));
  }

  public static ParcelIndex empty() {
    return new ParcelIndex(List.of());
  }

  /** Collects parcels one by one (e.g. from {@code ParcelRepository.forEach}); not thread-safe. */
  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private final List<Parcel> parcels = new ArrayList<>();

    /**
     * One string per land-use code: a county has a few dozen codes, and each parcel read from the
     * store comes with its own copy (some 50 bytes each, 100 MB at 2,000,000 parcels).
     */
    private final Map<String, String> codes = new HashMap<>();

    public Builder add(Parcel parcel) {
      if (parcel.geometry() != null && !parcel.geometry().isEmpty()) {
        String code = parcel.landUseCode();
        String shared = code == null ? null : codes.computeIfAbsent(code, c -> c);
        parcels.add(
            shared == code
                ? parcel
                : new Parcel(
                    parcel.id(), parcel.scheme(), shared, parcel.geometry(), parcel.areaM2()));
      }
      return this;
    }

    public ParcelIndex build() {
      return new ParcelIndex(parcels);
    }
  }

  public int size() {
    return parcels.length;
  }

  /** The position of the parcel whose store id is {@code id}, or -1 when it is not indexed. */
  public int positionOf(long id) {
    Map<Long, Integer> p = positions;
    if (p == null) {
      p = new HashMap<>(parcels.length * 2);
      for (int i = 0; i < parcels.length; i++) {
        p.put(parcels[i].id(), i);
      }
      positions = p;
    }
    return p.getOrDefault(id, -1);
  }

  public Parcel parcel(int i) {
    return parcels[i];
  }

  public MultiPolygon geometry(int i) {
    return parcels[i].geometry();
  }

  /** Ellipsoidal area of parcel {@code i}, m². */
  public double areaM2(int i) {
    return areas[i];
  }

  /** A point inside parcel {@code i} (JTS {@link InteriorPointArea}), x = longitude. */
  public Coordinate interiorPoint(int i) {
    return new Coordinate(interiorX[i], interiorY[i]);
  }

  /** Visits every parcel whose bounding box meets the envelope (in no particular order). */
  public void query(Envelope envelope, IntConsumer visitor) {
    if (parcels.length == 0 || envelope == null || envelope.isNull()) {
      return;
    }
    tree.query(envelope, item -> visitor.accept((Integer) item));
  }

  /** Parcels whose bounding box meets the envelope and that pass the filter, in index order. */
  public int[] candidates(Envelope envelope, IntPredicate filter) {
    IntStream.Builder out = IntStream.builder();
    query(
        envelope,
        i -> {
          if (filter == null || filter.test(i)) {
            out.add(i);
          }
        });
    return out.build().sorted().toArray();
  }

  /** Every parcel that passes the filter, in index order. */
  public int[] all(IntPredicate filter) {
    return IntStream.range(0, parcels.length)
        .filter(i -> filter == null || filter.test(i))
        .toArray();
  }
}
