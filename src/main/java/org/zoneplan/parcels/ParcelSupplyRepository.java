package org.zoneplan.parcels;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Land-supply records of parcels (table {@code parcel_supply}); the same SQL on both engines. */
@Repository
public class ParcelSupplyRepository {
  private static final String COLUMNS =
      "parcel_id, supply_date, supply_method, supplied, built, completion_date, floor_area_m2,"
          + " footprint_m2, idle, idle_since";

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  ParcelSupplyRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /**
   * A condition that holds for the parcels (rows of {@code parcel} under {@code alias}) of the land
   * of a year: supplied by the end of the year, or without a known supply date. Its one parameter
   * is {@link #endOf(int)} of the year.
   */
  public static String inYear(String alias) {
    return "NOT EXISTS (SELECT 1 FROM parcel_supply s WHERE s.parcel_id = "
        + alias
        + ".id AND s.supply_date > ?)";
  }

  /** The parameter of {@link #inYear}: the last day of the year. */
  public static Date endOf(int year) {
    return Date.valueOf(LocalDate.of(year, 12, 31));
  }

  public Optional<ParcelSupply> find(long parcelId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM parcel_supply WHERE parcel_id = ?")
        .param(parcelId)
        .query(ParcelSupplyRepository::supply)
        .optional();
  }

  /** Which of the ids are stored parcels. */
  public Set<Long> existingParcels(Collection<Long> ids) {
    return idsIn("SELECT id FROM parcel WHERE id IN (", ids);
  }

  /**
   * The 供地日期 of those of the parcels that are supplied (已供) with a known date, by parcel id (1,000
   * ids a query).
   */
  public Map<Long, LocalDate> supplyDates(Collection<Long> ids) {
    Map<Long, LocalDate> out = new HashMap<>();
    List<Long> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += 1000) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.sql(
              "SELECT parcel_id, supply_date FROM parcel_supply WHERE supplied"
                  + " AND supply_date IS NOT NULL AND parcel_id IN ("
                  + marks
                  + ")")
          .params(chunk)
          .query(
              rs -> {
                out.put(rs.getLong(1), rs.getDate(2).toLocalDate());
              });
    }
    return out;
  }

  /** Which of the parcels have a supply record. */
  public Set<Long> withRecord(Collection<Long> ids) {
    return idsIn("SELECT parcel_id FROM parcel_supply WHERE parcel_id IN (", ids);
  }

  private Set<Long> idsIn(String select, Collection<Long> ids) {
    Set<Long> found = new HashSet<>();
    List<Long> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += 1000) {
      List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      found.addAll(jdbc.sql(select + marks + ")").params(chunk).query(Long.class).list());
    }
    return found;
  }

  /** Writes the record of each parcel, replacing the one it had. */
  public void upsertAll(List<ParcelSupply> supplies) {
    template.batchUpdate(
        "DELETE FROM parcel_supply WHERE parcel_id = ?",
        supplies,
        1000,
        (ps, s) -> ps.setLong(1, s.parcelId()));
    insertAll(supplies);
  }

  /** Inserts the records of parcels that have none (a first load); fails on a parcel that has. */
  public void insertAll(List<ParcelSupply> supplies) {
    template.batchUpdate(
        "INSERT INTO parcel_supply (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        supplies,
        1000,
        (ps, s) -> {
          ps.setLong(1, s.parcelId());
          ps.setObject(2, s.supplyDate() == null ? null : Date.valueOf(s.supplyDate()));
          ps.setString(3, s.supplyMethod());
          ps.setBoolean(4, s.supplied());
          ps.setBoolean(5, s.built());
          ps.setObject(6, s.completionDate() == null ? null : Date.valueOf(s.completionDate()));
          ps.setObject(7, s.floorAreaM2(), java.sql.Types.DOUBLE);
          ps.setObject(8, s.footprintM2(), java.sql.Types.DOUBLE);
          ps.setBoolean(9, s.idle());
          ps.setObject(10, s.idleSince() == null ? null : Date.valueOf(s.idleSince()));
        });
  }

  /** Every record, by parcel id, without holding the result set in memory. */
  public void forEach(java.util.function.Consumer<ParcelSupply> consumer) {
    template.query(
        "SELECT " + COLUMNS + " FROM parcel_supply ORDER BY parcel_id",
        rs -> {
          consumer.accept(supply(rs, 0));
        });
  }

  private static ParcelSupply supply(ResultSet rs, int row) throws SQLException {
    return new ParcelSupply(
        rs.getLong("parcel_id"),
        date(rs, "supply_date"),
        rs.getString("supply_method"),
        rs.getBoolean("supplied"),
        rs.getBoolean("built"),
        date(rs, "completion_date"),
        rs.getObject("floor_area_m2", Double.class),
        rs.getObject("footprint_m2", Double.class),
        rs.getBoolean("idle"),
        date(rs, "idle_since"));
  }

  private static LocalDate date(ResultSet rs, String column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }
}
