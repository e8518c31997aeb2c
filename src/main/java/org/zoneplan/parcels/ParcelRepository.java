package org.zoneplan.parcels;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.store.BboxFilter;
import org.zoneplan.store.Wkb;

/**
 * Land parcels in the store; the same SQL on H2GIS and PostGIS but for the bounding-box filter,
 * which is the engine's own ({@link BboxFilter}).
 */
@Repository
public class ParcelRepository {
  private static final String COLUMNS =
      "id, scheme, land_use_code, area_m2, ST_AsBinary(geom) AS wkb";
  private static final String INSERT =
      "INSERT INTO parcel (scheme, land_use_code, area_m2, geom)"
          + " VALUES (?, ?, ?, ST_GeomFromWKB(?, 4490))";

  /** Rows fetched at a time by {@link #forEach}. */
  private static final int FETCH_SIZE = 2000;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final BboxFilter bbox;
  private final JdbcTemplate streaming;
  private final TransactionTemplate readOnly;

  ParcelRepository(
      JdbcClient jdbc,
      JdbcTemplate template,
      BboxFilter bbox,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.template = template;
    this.bbox = bbox;
    // PostgreSQL's driver reads a whole result into memory unless a fetch size is set and the
    // query runs in a transaction (then it reads through a cursor, FETCH_SIZE rows at a time):
    // 2,000,000 parcels would otherwise cost some 600 MB of rows beside the parcels made of them.
    this.streaming = new JdbcTemplate(template.getDataSource());
    this.streaming.setFetchSize(FETCH_SIZE);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** How many parcels' bounding boxes meet the envelope (through the bounding-box index). */
  public long countIntersecting(Envelope envelope) {
    BboxFilter.Condition meets = bbox.meets("parcel", envelope);
    return jdbc.sql("SELECT COUNT(*) FROM parcel WHERE " + meets.sql())
        .params(meets.params())
        .query(Long.class)
        .single();
  }

  public long count() {
    return jdbc.sql("SELECT COUNT(*) FROM parcel").query(Long.class).single();
  }

  public Optional<Parcel> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM parcel WHERE id = ?")
        .param(id)
        .query(ParcelRepository::parcel)
        .optional();
  }

  /**
   * Parcels whose bounding box meets the envelope, by id, one page (through the bounding-box
   * index).
   */
  public List<Parcel> findIntersecting(Envelope envelope, int limit, long offset) {
    BboxFilter.Condition meets = bbox.meets("parcel", envelope);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM parcel WHERE "
                + meets.sql()
                + " ORDER BY id LIMIT ? OFFSET ?")
        .params(meets.params())
        .params(limit, offset)
        .query(ParcelRepository::parcel)
        .list();
  }

  /**
   * One page of parcels by id: those whose geometry intersects {@code box} (the bounding-box index
   * first, then exactly), or all parcels when it is null.
   */
  public List<Parcel> findPage(Envelope box, int limit, long offset) {
    if (box == null) {
      return jdbc.sql("SELECT " + COLUMNS + " FROM parcel ORDER BY id LIMIT ? OFFSET ?")
          .params(limit, offset)
          .query(ParcelRepository::parcel)
          .list();
    }
    BboxFilter.Condition meets = bbox.meets("parcel", box);
    // A box of zero width or height becomes a line or a point: PostGIS's ST_MakeEnvelope would
    // make a degenerate polygon that intersects nothing.
    byte[] exact = Wkb.write(Cgcs2000.GEOMETRY_FACTORY.toGeometry(box));
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM parcel WHERE "
                + meets.sql()
                + " AND ST_Intersects(geom, ST_GeomFromWKB(?, 4490))"
                + " ORDER BY id LIMIT ? OFFSET ?")
        .params(meets.params())
        .params(exact, limit, offset)
        .query(ParcelRepository::parcel)
        .list();
  }

  /** Streams every parcel, by id, without holding the result set in memory. */
  public void forEach(Consumer<Parcel> consumer) {
    readOnly.executeWithoutResult(
        status ->
            streaming.query(
                "SELECT " + COLUMNS + " FROM parcel ORDER BY id",
                rs -> {
                  consumer.accept(parcel(rs, 0));
                }));
  }

  /** Inserts a parcel and returns it with its new id. */
  public Parcel insert(Parcel parcel) {
    org.springframework.jdbc.support.GeneratedKeyHolder keys =
        new org.springframework.jdbc.support.GeneratedKeyHolder();
    template.update(
        connection -> {
          PreparedStatement ps = connection.prepareStatement(INSERT, new String[] {"id"});
          bind(ps, parcel);
          return ps;
        },
        keys);
    return parcel.withId(keys.getKey().longValue());
  }

  /** Inserts many parcels in JDBC batches (ids are assigned by the store, not returned). */
  public void insertAll(List<Parcel> parcels) {
    template.batchUpdate(INSERT, parcels, 1000, (ps, parcel) -> bind(ps, parcel));
  }

  /** The largest parcel id stored, 0 when there is none. */
  public long maxId() {
    return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM parcel").query(Long.class).single();
  }

  /** The ids above {@code id}, ascending (those of a batch just inserted into an idle store). */
  public List<Long> idsAbove(long id) {
    return jdbc.sql("SELECT id FROM parcel WHERE id > ? ORDER BY id")
        .param(id)
        .query(Long.class)
        .list();
  }

  /** Deletes every parcel (an import that replaces them all, in its transaction). */
  public int deleteAll() {
    return jdbc.sql("DELETE FROM parcel").update();
  }

  /**
   * Locks the parcels' rows until the transaction ends (writers of their land links: shares of a
   * parcel are summed under this lock).
   */
  public void lock(Collection<Long> parcelIds) {
    List<Long> all = List.copyOf(parcelIds);
    for (int from = 0; from < all.size(); from += 1000) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      jdbc.sql(
              "SELECT id FROM parcel WHERE id IN ("
                  + String.join(",", Collections.nCopies(chunk.size(), "?"))
                  + ") FOR UPDATE")
          .params(chunk)
          .query(Long.class)
          .list();
    }
  }

  /** The bounding box of every parcel (EPSG:4490), or null when there is none. */
  public Envelope extent() {
    return jdbc.sql(
            "SELECT MIN(ST_XMin(geom)) AS x1, MIN(ST_YMin(geom)) AS y1, MAX(ST_XMax(geom)) AS x2,"
                + " MAX(ST_YMax(geom)) AS y2 FROM parcel")
        .query(
            (rs, n) -> {
              double x1 = rs.getDouble("x1");
              return rs.wasNull()
                  ? null
                  : new Envelope(x1, rs.getDouble("x2"), rs.getDouble("y1"), rs.getDouble("y2"));
            })
        .optional()
        .orElse(null);
  }

  public int delete(long id) {
    return jdbc.sql("DELETE FROM parcel WHERE id = ?").param(id).update();
  }

  private static void bind(PreparedStatement ps, Parcel p) throws SQLException {
    ps.setString(1, p.scheme().name());
    ps.setString(2, p.landUseCode());
    ps.setDouble(3, p.areaM2());
    ps.setBytes(4, Wkb.write(p.geometry()));
  }

  /**
   * The land users of the parcels ({@code enterprise_land} joined with {@code enterprise}), by
   * parcel id; each parcel's owners first, then by share (largest first) and credit code. Parcels
   * without users are absent.
   */
  public Map<Long, List<LandUser>> landUsers(Collection<Long> parcelIds) {
    Map<Long, List<LandUser>> out = new HashMap<>();
    List<Long> all = List.copyOf(parcelIds);
    for (int from = 0; from < all.size(); from += 1000) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      jdbc.sql(
              "SELECT l.parcel_id, l.credit_code, e.name, l.role, l.share FROM enterprise_land l"
                  + " JOIN enterprise e ON e.credit_code = l.credit_code WHERE l.parcel_id IN ("
                  + String.join(",", Collections.nCopies(chunk.size(), "?"))
                  + ") ORDER BY l.parcel_id, CASE l.role WHEN 'OWNER' THEN 0 ELSE 1 END,"
                  + " l.share DESC, l.credit_code")
          .params(chunk)
          .query(
              (rs, n) -> {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(
                        new LandUser(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5)));
                return null;
              })
          .list();
    }
    return out;
  }

  /** The land users of one parcel, as {@link #landUsers(Collection)}. */
  public List<LandUser> landUsers(long parcelId) {
    return landUsers(List.of(parcelId)).getOrDefault(parcelId, List.of());
  }

  private static Parcel parcel(ResultSet rs, int row) throws SQLException {
    return new Parcel(
        rs.getLong("id"),
        LandUseScheme.valueOf(rs.getString("scheme")),
        rs.getString("land_use_code"),
        Wkb.readMultiPolygon(rs.getBytes("wkb")),
        rs.getDouble("area_m2"));
  }
}
