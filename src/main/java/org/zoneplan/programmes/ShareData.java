package org.zoneplan.programmes;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.geo.Cgcs2000;

/**
 * Reads the inputs of the {@link FiveShares} for one year (quota ledger, projects, enterprise
 * statistics and land) and places each in or outside the carriers and the jurisdiction. Three to
 * four set-wise queries, never one per item.
 */
@Repository
class ShareData {
  private final JdbcClient jdbc;

  ShareData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Where things are: the carriers' union, the member zones by key, the jurisdiction (or null). */
  static final class Places {
    private final PreparedGeometry carriers;
    private final Set<String> memberKeys;
    private final PreparedGeometry scope;

    Places(Geometry carriers, Set<String> memberKeys, Geometry scope) {
      this.carriers = PreparedGeometryFactory.prepare(carriers);
      this.memberKeys = memberKeys;
      this.scope = scope == null ? null : PreparedGeometryFactory.prepare(scope);
    }

    boolean inside(Point p) {
      return p != null && carriers.covers(p);
    }

    /** Without an outline every item is in scope; with one, only located items inside it. */
    boolean inScope(Point p) {
      return scope == null || (p != null && scope.covers(p));
    }

    boolean memberZone(String planId, String zoneCode) {
      return planId != null && zoneCode != null && memberKeys.contains(key(planId, zoneCode));
    }

    static String key(String planId, String zoneCode) {
      return planId + "\u0000" + zoneCode;
    }
  }

  List<FiveShares.Share> shares(Places places, int year, Map<String, Double> targets) {
    List<FiveShares.Share> out = new ArrayList<>();
    out.add(
        FiveShares.ofSums(
            "quota",
            "亩",
            quota(places, year),
            targets.get("quota"),
            "not available: no quota consumption recorded for " + year));
    List<FiveShares.Item> newProjects = new ArrayList<>();
    List<FiveShares.Item> investment = new ArrayList<>();
    projects(places, year, newProjects, investment);
    out.add(
        FiveShares.ofSums(
            "projects",
            "个",
            newProjects,
            targets.get("projects"),
            "not available: no project signed or started in " + year));
    out.add(
        FiveShares.ofSums(
            "investment",
            "万元",
            investment,
            targets.get("investment"),
            "not available: no project investment recorded for " + year));
    Map<String, Boolean[]> located = enterprisePlaces(places);
    List<FiveShares.Item> vaThis = new ArrayList<>();
    List<FiveShares.Item> vaLast = new ArrayList<>();
    List<FiveShares.Item> taxThis = new ArrayList<>();
    List<FiveShares.Item> taxLast = new ArrayList<>();
    jdbc.sql(
            "SELECT credit_code, stat_year, value_added_wan, tax_wan FROM enterprise_stat"
                + " WHERE stat_year IN (?, ?)")
        .params(year, year - 1)
        .query(
            rs -> {
              Boolean[] where = located.get(rs.getString(1));
              boolean inside = where != null && where[0];
              boolean inScope = where == null ? places.scope == null : where[1];
              boolean thisYear = rs.getInt(2) == year;
              double va = rs.getDouble(3);
              if (!rs.wasNull()) {
                (thisYear ? vaThis : vaLast).add(new FiveShares.Item(inside, inScope, va));
              }
              double tax = rs.getDouble(4);
              if (!rs.wasNull()) {
                (thisYear ? taxThis : taxLast).add(new FiveShares.Item(inside, inScope, tax));
              }
            });
    out.add(
        FiveShares.ofIncrease("valueAdded", "万元", vaThis, vaLast, year, targets.get("valueAdded")));
    out.add(FiveShares.ofIncrease("tax", "万元", taxThis, taxLast, year, targets.get("tax")));
    return out;
  }

  private List<FiveShares.Item> quota(Places places, int year) {
    List<FiveShares.Item> items = new ArrayList<>();
    WKBReader wkb = reader();
    jdbc.sql(
            "SELECT e.signed_mu, ST_AsBinary(p.geom), ST_AsBinary(j.geom), j.plan_id,"
                + " j.zone_code FROM quota_entry e LEFT JOIN parcel p ON p.id = e.parcel_id"
                + " LEFT JOIN project j ON j.id = e.project_id"
                + " WHERE e.applies_to = 'CONSUMPTION' AND e.quota_year = ?")
        .param(year)
        .query(
            rs -> {
              Geometry parcel = geometry(wkb, rs.getBytes(2));
              Geometry project = geometry(wkb, rs.getBytes(3));
              Point at = parcel != null ? anchor(parcel) : anchor(project);
              // The project's zone field places a consumption without a parcel, as it places the
              // project itself.
              boolean inside =
                  places.inside(at)
                      || (parcel == null && places.memberZone(rs.getString(4), rs.getString(5)));
              items.add(
                  new FiveShares.Item(
                      inside, places.inScope(at), rs.getBigDecimal(1).doubleValue()));
            });
    return items;
  }

  private void projects(
      Places places,
      int year,
      List<FiveShares.Item> newProjects,
      List<FiveShares.Item> investment) {
    Map<Long, Double> invested = new HashMap<>();
    jdbc.sql("SELECT project_id, amount_wan FROM project_investment WHERE invest_year = ?")
        .param(year)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs -> {
                  invested.put(rs.getLong(1), rs.getBigDecimal(2).doubleValue());
                });
    WKBReader wkb = reader();
    jdbc.sql(
            "SELECT id, plan_id, zone_code, signed_on, started_on, ST_AsBinary(geom)"
                + " FROM project")
        .query(
            rs -> {
              Point at = anchor(geometry(wkb, rs.getBytes(6)));
              boolean inside =
                  places.memberZone(rs.getString(2), rs.getString(3)) || places.inside(at);
              boolean inScope = places.inScope(at);
              Date signed = rs.getDate(4);
              Date started = rs.getDate(5);
              LocalDate landed =
                  signed != null
                      ? signed.toLocalDate()
                      : started == null ? null : started.toLocalDate();
              if (landed != null && landed.getYear() == year) {
                newProjects.add(new FiveShares.Item(inside, inScope, 1));
              }
              Double amount = invested.get(rs.getLong(1));
              if (amount != null) {
                investment.add(new FiveShares.Item(inside, inScope, amount));
              }
            });
  }

  /**
   * Per enterprise with land: {inside the carriers, in the jurisdiction} by the interior point of
   * its main parcel (largest area × share; ties to the lower parcel id).
   */
  private Map<String, Boolean[]> enterprisePlaces(Places places) {
    Map<String, Object[]> main = new HashMap<>();
    WKBReader wkb = reader();
    jdbc.sql(
            "SELECT l.credit_code, l.parcel_id, l.share * p.area_m2, ST_AsBinary(p.geom)"
                + " FROM enterprise_land l JOIN parcel p ON p.id = l.parcel_id"
                + " ORDER BY l.credit_code, l.parcel_id")
        .query(
            rs -> {
              String code = rs.getString(1);
              double land = rs.getDouble(3);
              Object[] best = main.get(code);
              if (best == null || land > (double) best[0]) {
                main.put(code, new Object[] {land, rs.getBytes(4)});
              }
            });
    Map<String, Boolean[]> out = new HashMap<>();
    main.forEach(
        (code, best) -> {
          Point at = anchor(geometry(wkb, (byte[]) best[1]));
          out.put(code, new Boolean[] {places.inside(at), places.inScope(at)});
        });
    return out;
  }

  private static WKBReader reader() {
    return new WKBReader(Cgcs2000.GEOMETRY_FACTORY);
  }

  private static Geometry geometry(WKBReader reader, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return reader.read(bytes);
    } catch (ParseException e) {
      throw new IllegalStateException("unreadable geometry in the store", e);
    }
  }

  /** The point itself, or a point inside a polygon (JTS interior point, never the centroid). */
  static Point anchor(Geometry g) {
    if (g == null || g.isEmpty()) {
      return null;
    }
    return g instanceof Point p ? p : g.getInteriorPoint();
  }
}
