package org.zoneplan.store;

import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.springframework.stereotype.Component;

/**
 * The SQL condition "the row's bounding box meets this box" (EPSG:4490, edges included: the {@code
 * &&} of PostGIS and H2GIS) on {@code zone}, {@code division} or {@code parcel}, written for the
 * store's engine, with its parameters. Every spatial filter in zoneplan's SQL goes through it.
 *
 * <ul>
 *   <li>PostGIS: {@code geom && ST_MakeEnvelope(…)}, served by the GiST index.
 *   <li>H2GIS: comparisons on the bounding-box columns {@code min_x, min_y, max_x, max_y}, which H2
 *       generates from {@code geom} on every insert and update (migration V7), served by the
 *       ordinary B-tree index {@code <table>_bbox_idx}. H2 has an R-tree, but cannot reopen a file
 *       whose R-tree was being written when the process was killed ({@code bench/h2-crash/});
 *       B-trees recover like the rest of the file. The B-tree seeks on {@code min_x} alone, so a
 *       lower bound is added, {@code min_x >= box.minX - the widest row} (an index lookup on {@code
 *       width_x}): the scan covers a strip as wide as the box plus the widest row, not everything
 *       west of the box. The other comparisons are evaluated on the index entries, so only the
 *       matching rows are read. One very wide row (a county-sized parcel) widens every strip of its
 *       table: slower, never wrong.
 * </ul>
 *
 * <p>An in-memory R-tree (a JTS {@code STRtree} of ids) beside H2 was the alternative: as fast as
 * H2's own, but it would have to follow each transaction's commits and rollbacks and be rebuilt on
 * every start, while the columns are transactional with their rows and recovered by H2 itself.
 */
@Component
public class BboxFilter {
  private static final Set<String> TABLES = Set.of("zone", "division", "parcel");

  /**
   * {@code width_x} is {@code max_x - min_x} in floating point: exact at China's longitudes, but
   * rounded down by up to half an ulp where the two differ by more than a factor of two (across the
   * meridian 0). Lowering the bound by this much keeps every row that meets the box inside the
   * scanned strip.
   */
  private static final double WIDTH_ROUNDING_DEGREES = 1e-9;

  /** An SQL condition and its parameters, in order. */
  public record Condition(String sql, List<Object> params) {}

  private final StoreProperties.Engine engine;

  public BboxFilter(StoreProperties properties) {
    this.engine = properties.store();
  }

  /**
   * Rows of {@code table} (unaliased in the query) whose geometry's bounding box meets {@code box}
   * (lon/lat, EPSG:4490); rows without geometry never match. A box of zero width or height is a
   * line or a point, and meets what it touches.
   */
  public Condition meets(String table, Envelope box) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("no bounding box on table " + table);
    }
    return switch (engine) {
      case POSTGIS ->
          new Condition(
              "geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)",
              List.of(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY()));
      case H2GIS ->
          new Condition(
              "min_x >= ? - (SELECT MAX(width_x) FROM "
                  + table
                  + ") AND min_x <= ? AND max_x >= ? AND min_y <= ? AND max_y >= ?",
              List.of(
                  box.getMinX() - WIDTH_ROUNDING_DEGREES,
                  box.getMaxX(),
                  box.getMinX(),
                  box.getMaxY(),
                  box.getMinY()));
    };
  }
}
