package org.zoneplan.divisions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.store.Params;
import org.zoneplan.store.Wkb;

/** Administrative divisions in the store; same SQL on H2GIS and PostGIS. */
@Repository
public class DivisionRepository {
  private final JdbcClient jdbc;

  DivisionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Division> findAll(boolean withGeometry) {
    return jdbc.sql(select(withGeometry) + " ORDER BY code").query(this::division).list();
  }

  public Optional<Division> find(String code) {
    return jdbc.sql(select(true) + " WHERE code = ?").param(code).query(this::division).optional();
  }

  /** The columns insert and update share, in their order (name … geom). */
  private static List<Object> columns(Division d) {
    return Params.of(
        d.name(),
        d.level(),
        d.parentCode(),
        d.area() == null ? null : d.area().squareMetres(),
        d.area() == null ? null : d.area().planarSquareMetres(),
        d.area() == null ? null : d.area().gkEpsg(),
        d.repairNote(),
        d.geometry() == null ? null : Wkb.write(d.geometry()));
  }

  public void insert(Division d) {
    jdbc.sql(
            "INSERT INTO division (code, name, level, parent_code, area_m2, planar_area_m2,"
                + " gk_epsg, repair_note, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ST_GeomFromWKB(?, 4490))")
        .params(Params.concat(Params.of(d.code()), columns(d)))
        .update();
  }

  /** Replaces everything but the code; returns the number of rows changed (0 or 1). */
  public int update(Division d) {
    return jdbc.sql(
            "UPDATE division SET name = ?, level = ?, parent_code = ?, area_m2 = ?,"
                + " planar_area_m2 = ?, gk_epsg = ?, repair_note = ?, geom = ST_GeomFromWKB(?, 4490)"
                + " WHERE code = ?")
        .params(Params.concat(columns(d), Params.of(d.code())))
        .update();
  }

  private static String select(boolean withGeometry) {
    return "SELECT code, name, level, parent_code, area_m2, planar_area_m2, gk_epsg, repair_note, "
        + (withGeometry ? "ST_AsBinary(geom)" : "NULL")
        + " AS wkb FROM division";
  }

  private Division division(ResultSet rs, int row) throws SQLException {
    double area = rs.getDouble("area_m2");
    AreaFigures figures =
        rs.wasNull()
            ? null
            : new AreaFigures(area, rs.getDouble("planar_area_m2"), rs.getInt("gk_epsg"));
    return new Division(
        rs.getString("code"),
        rs.getString("name"),
        rs.getString("level"),
        rs.getString("parent_code"),
        Wkb.readMultiPolygon(rs.getBytes("wkb")),
        figures,
        rs.getString("repair_note"));
  }
}
