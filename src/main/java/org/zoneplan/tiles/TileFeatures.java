package org.zoneplan.tiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.zoneplan.analysis.AnalysisCache;
import org.zoneplan.analysis.ParcelIndex;
import org.zoneplan.evaluation.EvaluationResults;
import org.zoneplan.parcels.LandUseScheme;
import org.zoneplan.parcels.Parcel;
import org.zoneplan.store.BboxFilter;
import org.zoneplan.store.Wkb;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneRepository;

/**
 * Reads the features of a tile from the store, by bounding box through the store's bounding-box
 * index ({@link BboxFilter}: GiST on PostGIS, B-tree on H2GIS). Zones come from {@link
 * ZoneRepository}; parcels and divisions have their own lean queries here, reading only the columns
 * a tile shows (a parcel tile reads hundreds of rows, and the enterprise columns of {@code
 * ParcelRepository} would be read for nothing).
 *
 * <p>Parcels come from the analysis's in-memory parcel index instead when it is built ({@link
 * AnalysisCache#builtIndex()}, normally from the warm-up on): the same rows (bounding boxes meeting
 * the box, the same area filter, by id) without a query, and without the store's work of writing
 * and the JVM's of parsing their geometry. The index is dropped on every parcel change before the
 * tiles hear of it, so a tile rendered at a new data version never comes from old parcels; the
 * first parcel tile after a change reads the store and has the index built again in the background
 * ({@link AnalysisCache#buildInBackground()}).
 */
@Component
class TileFeatures {
  private final ZoneRepository zones;
  private final JdbcClient jdbc;
  private final BboxFilter bbox;
  private final AnalysisCache analysis;

  TileFeatures(ZoneRepository zones, JdbcClient jdbc, BboxFilter bbox, AnalysisCache analysis) {
    this.zones = zones;
    this.jdbc = jdbc;
    this.bbox = bbox;
    this.analysis = analysis;
  }

  /** Zones of a plan version meeting the box, largest first (so smaller ones lie on top). */
  List<TileFeature> zones(String planId, Envelope lonLat) {
    List<Zone> found = zones.findZonesIntersecting(planId, lonLat);
    if (found.isEmpty()) {
      return List.of();
    }
    List<TileFeature> out = new ArrayList<>(found.size());
    found.stream()
        .sorted(
            Comparator.comparingDouble((Zone z) -> -z.area().squareMetres())
                .thenComparing(Zone::code))
        .forEach(
            z -> {
              Map<String, Object> attributes = new LinkedHashMap<>();
              attributes.put("code", z.code());
              attributes.put("name", z.name());
              attributes.put("kind", z.kind().name());
              attributes.put("parent", z.parentCode());
              attributes.put("areaKm2", Math.round(z.area().km2() * 1e4) / 1e4);
              out.add(
                  new TileFeature(
                      -1, z.geometry(), attributes, TileStyle.zone(z.kind()), z.name()));
            });
    return out;
  }

  /**
   * Parcels meeting the box, by id; at most {@code minAreaM2} smaller ones may be left out (the
   * caller drops sub-pixel parcels exactly after projecting; this only spares reading them).
   */
  List<TileFeature> parcels(Envelope lonLat, double minAreaM2) {
    ParcelIndex index = analysis.builtIndex();
    if (index != null) {
      List<Parcel> found = new ArrayList<>();
      index.query(
          lonLat,
          i -> {
            Parcel p = index.parcel(i);
            if (minAreaM2 <= 0 || p.areaM2() >= minAreaM2) {
              found.add(p);
            }
          });
      found.sort(Comparator.comparingLong(Parcel::id));
      List<TileFeature> out = new ArrayList<>(found.size());
      for (Parcel p : found) {
        out.add(parcel(p.id(), p.scheme(), p.landUseCode(), p.areaM2(), p.geometry()));
      }
      return out;
    }
    analysis.buildInBackground(); // for the next tiles; this one reads the store
    return parcelsMeeting("id, scheme, land_use_code, area_m2", lonLat, minAreaM2)
        .query(
            (rs, row) ->
                parcel(
                    rs.getLong("id"),
                    LandUseScheme.valueOf(rs.getString("scheme")),
                    rs.getString("land_use_code"),
                    rs.getDouble("area_m2"),
                    Wkb.readMultiPolygon(rs.getBytes("wkb"))))
        .list();
  }

  /**
   * The parcels whose box meets {@code lonLat}, by id, without those under {@code minAreaM2} (when
   * positive): the given columns and the geometry as {@code wkb}.
   */
  private JdbcClient.StatementSpec parcelsMeeting(
      String columns, Envelope lonLat, double minAreaM2) {
    BboxFilter.Condition meets = bbox.meets("parcel", lonLat);
    List<Object> params = new ArrayList<>(meets.params());
    if (minAreaM2 > 0) {
      params.add(minAreaM2);
    }
    return jdbc.sql(
            "SELECT "
                + columns
                + ", ST_AsBinary(geom) AS wkb FROM parcel WHERE "
                + meets.sql()
                + (minAreaM2 > 0 ? " AND area_m2 >= ?" : "")
                + " ORDER BY id")
        .params(params);
  }

  /** A parcel's tile feature: its land use (code, class, category, scheme) and area. */
  private static TileFeature parcel(
      long id, LandUseScheme scheme, String code, double areaM2, Geometry geometry) {
    LandUseClass cls = LandUseClass.of(scheme, code);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("landUseCode", code);
    attributes.put("landUseClass", cls.code());
    attributes.put("className", cls.name());
    attributes.put("category", cls.category().name());
    attributes.put("scheme", scheme.name());
    attributes.put("areaM2", Math.round(areaM2 * 10) / 10.0);
    return new TileFeature(id, geometry, attributes, TileStyle.parcel(cls.category()), null);
  }

  /**
   * Parcels meeting the box that have a grade in {@code grades}, by id, with their grade (the rule
   * of {@link EvaluationResults.ParcelGrade}); sub-pixel parcels as {@link #parcels}.
   */
  List<TileFeature> grades(
      Envelope lonLat, double minAreaM2, Map<Long, EvaluationResults.ParcelGrade> grades) {
    if (grades.isEmpty()) {
      return List.of();
    }
    List<TileFeature> out = new ArrayList<>();
    parcelsMeeting("id, area_m2", lonLat, minAreaM2)
        .query(
            rs -> {
              long id = rs.getLong("id");
              EvaluationResults.ParcelGrade g = grades.get(id);
              if (g == null) {
                return;
              }
              Map<String, Object> attributes = new LinkedHashMap<>();
              attributes.put("grade", g.grade().name());
              attributes.put("gradeLabel", g.grade().label());
              attributes.put("creditCode", g.creditCode());
              attributes.put("enterprise", g.name());
              attributes.put("areaM2", Math.round(rs.getDouble("area_m2") * 10) / 10.0);
              out.add(
                  new TileFeature(
                      id,
                      Wkb.readMultiPolygon(rs.getBytes("wkb")),
                      attributes,
                      TileStyle.grade(g.grade()),
                      null));
            });
    return out;
  }

  /** Administrative divisions with an outline meeting the box, by code. */
  List<TileFeature> divisions(Envelope lonLat) {
    BboxFilter.Condition meets = bbox.meets("division", lonLat);
    return jdbc.sql(
            "SELECT code, name, level, ST_AsBinary(geom) AS wkb FROM division WHERE geom IS NOT"
                + " NULL AND "
                + meets.sql()
                + " ORDER BY code")
        .params(meets.params())
        .query(
            (rs, row) -> {
              Map<String, Object> attributes = new LinkedHashMap<>();
              attributes.put("code", rs.getString("code"));
              attributes.put("name", rs.getString("name"));
              attributes.put("level", rs.getString("level"));
              return new TileFeature(
                  -1,
                  Wkb.readMultiPolygon(rs.getBytes("wkb")),
                  attributes,
                  TileStyle.division(),
                  rs.getString("name"));
            })
        .list();
  }

  /** Bounding box of a layer's data (EPSG:4490), or null when it holds nothing. */
  Envelope extent(TileLayer layer, String planId) {
    String table =
        switch (layer) {
          case ZONES -> "zone WHERE plan_id = ?";
          case PARCELS, GRADES -> "parcel";
          case DIVISIONS -> "division WHERE geom IS NOT NULL";
        };
    JdbcClient.StatementSpec spec =
        jdbc.sql(
            "SELECT MIN(ST_XMin(geom)) AS x0, MIN(ST_YMin(geom)) AS y0, MAX(ST_XMax(geom)) AS x1,"
                + " MAX(ST_YMax(geom)) AS y1 FROM "
                + table);
    if (layer == TileLayer.ZONES) {
      spec = spec.param(planId);
    }
    List<Envelope> rows =
        spec.query(
                (rs, row) -> {
                  double x0 = rs.getDouble("x0");
                  return rs.wasNull()
                      ? null
                      : new Envelope(
                          x0, rs.getDouble("x1"), rs.getDouble("y0"), rs.getDouble("y1"));
                })
            .list();
    return rows.isEmpty() ? null : rows.get(0);
  }
}
