package org.zoneplan.deliverables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.zoneplan.geo.BoundaryPoint;
import org.zoneplan.geo.BoundaryPoints;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneService;

/**
 * The boundary-point tables of stored zones: which Gauss-Krüger CRS ({@code epsg=}, {@code
 * prefix=}), and the points shared with the other zones of the same plan version.
 */
@Service
public class BoundaryPointTables {
  private final ZoneService zones;

  BoundaryPointTables(ZoneService zones) {
    this.zones = zones;
  }

  /**
   * A zone's table.
   *
   * @param zone the zone
   * @param crs its Gauss-Krüger CRS
   * @param points numbered, with shared points
   */
  public record Table(Zone zone, Crs crs, List<BoundaryPoint> points) {}

  /** The table of one zone (404 for an unknown plan or zone, 400 for a bad CRS parameter). */
  public Table table(
      String planId, String code, String epsg, String prefix, boolean prefixDefault) {
    Zone zone = zones.zone(planId, code);
    Crs crs = crs(zone.area().gkEpsg(), epsg, prefix, prefixDefault);
    return new Table(zone, crs, points(zone, crs, zones.zones(planId)));
  }

  /** The points of {@code zone}, shared ones named from the other zones of {@code planZones}. */
  public static List<BoundaryPoint> points(Zone zone, Crs crs, List<Zone> planZones) {
    Map<String, Geometry> others = new LinkedHashMap<>();
    for (Zone other : planZones) {
      if (!other.code().equals(zone.code())) {
        others.put(other.code(), other.geometry());
      }
    }
    return BoundaryPoints.of(zone.geometry(), crs, others, BoundaryPoints.SHARED_TOLERANCE_M);
  }

  /**
   * The CRS of a table: {@code epsg} (4513–4554) if given, else the zone's stored Gauss-Krüger
   * zone; {@code prefix=true|false} then picks the series with or without the zone number in Y
   * (when not given: the series of {@code epsg}, or {@code prefixDefault} without it).
   */
  public static Crs crs(int storedGkEpsg, String epsg, String prefix, boolean prefixDefault) {
    GaussKruger zone;
    Boolean wantPrefix = parsePrefix(prefix);
    if (epsg != null && !epsg.isBlank()) {
      Crs given;
      try {
        given = Crs.parse(epsg);
      } catch (IllegalArgumentException e) {
        throw badParameter("epsg", e.getMessage());
      }
      if (given.isGeographic()) {
        throw badParameter(
            "epsg", "a boundary-point table is in a Gauss-Krüger zone: epsg must be 4513–4554");
      }
      zone = given.gaussKruger();
      if (wantPrefix == null) {
        wantPrefix = given.zonePrefix();
      }
    } else {
      zone = GaussKruger.forEpsg(storedGkEpsg);
      if (wantPrefix == null) {
        wantPrefix = prefixDefault;
      }
    }
    return new Crs(wantPrefix ? zone.epsgWithZonePrefix() : zone.epsg());
  }

  private static Boolean parsePrefix(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      return null;
    }
    return switch (prefix.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw badParameter("prefix", "prefix must be true or false, was \"" + prefix + "\"");
    };
  }

  static ApiProblem badParameter(String name, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail)
        .with("parameter", name);
  }

  /** Metres to the table's 0.001 m. */
  public static double mm(double metres) {
    return Math.round(metres * 1000.0) / 1000.0;
  }
}
