package org.zoneplan.deliverables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.stereotype.Component;
import org.zoneplan.codecs.gis.ExportFeature;
import org.zoneplan.codecs.gis.ExportField;
import org.zoneplan.codecs.gis.FeatureSource;
import org.zoneplan.codecs.gis.FieldSchema;
import org.zoneplan.exports.ExportLayer;
import org.zoneplan.exports.LayerOptions;
import org.zoneplan.geo.BoundaryPoint;
import org.zoneplan.geo.BoundaryPoints;
import org.zoneplan.geo.Cgcs2000;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GaussKruger;
import org.zoneplan.zones.Zone;
import org.zoneplan.zones.ZoneService;

/**
 * The {@code boundary-points} export layer: every boundary point of every zone of a plan version,
 * as points (EPSG:4490, reprojected by the writer to the export's CRS). Fields (default / survey
 * name): zone / KFQDM, zoneName / KFQMC, point / JZDH (J1…), part / BH, ring / QH, x / XZB and y /
 * YZB (northing and easting in the zone's stored Gauss-Krüger zone, no zone number, 0.001 m),
 * distanceM / BC (planar to the next point), gkEpsg / EPSG, shared / GYJZD (the neighbours' points
 * at the same place, {@code code:Jn; …}).
 */
@Component
class BoundaryPointLayer implements ExportLayer {
  private static final GeometryFactory GEOGRAPHIC =
      new GeometryFactory(new PrecisionModel(), Cgcs2000.SRID);
  private final ZoneService zones;

  BoundaryPointLayer(ZoneService zones) {
    this.zones = zones;
  }

  private static Map<String, List<BoundaryPoint>> ownTables(List<Zone> all, Crs crs) {
    Map<String, List<BoundaryPoint>> tables = new HashMap<>();
    for (Zone zone : all) {
      tables.put(zone.code(), BoundaryPoints.of(zone.geometry(), crs));
    }
    return tables;
  }

  @Override
  public String name() {
    return "boundary-points";
  }

  @Override
  public FeatureSource source(String planId, LayerOptions options) {
    boolean survey = options.schema() == FieldSchema.SURVEY;
    List<Zone> all = zones.zones(planId);
    List<ExportFeature> features = new ArrayList<>();
    int longestZone = 1;
    int longestName = 1;
    int longestShared = 1;
    // Each zone's table once per GK zone in use (a plan rarely spans two), then the matching.
    Map<Integer, Map<String, List<BoundaryPoint>>> tables = new HashMap<>();
    for (Zone zone : all) {
      tables.computeIfAbsent(zone.area().gkEpsg(), epsg -> ownTables(all, new Crs(epsg)));
    }
    for (Zone zone : all) {
      Crs crs = new Crs(GaussKruger.forEpsg(zone.area().gkEpsg()).epsg());
      Map<String, List<BoundaryPoint>> inPlane = tables.get(zone.area().gkEpsg());
      Envelope padded = new Envelope(zone.geometry().getEnvelopeInternal());
      padded.expandBy(1e-5);
      Map<String, List<BoundaryPoint>> near = new HashMap<>();
      for (Zone other : all) {
        if (!other.code().equals(zone.code())
            && padded.intersects(other.geometry().getEnvelopeInternal())) {
          near.put(other.code(), inPlane.get(other.code()));
        }
      }
      for (BoundaryPoint p :
          BoundaryPoints.share(inPlane.get(zone.code()), near, BoundaryPoints.SHARED_TOLERANCE_M)) {
        String shared = p.sharedText();
        longestZone = Math.max(longestZone, zone.code().length());
        longestName = Math.max(longestName, zone.name().length());
        longestShared = Math.max(longestShared, shared.length());
        features.add(
            new ExportFeature(
                zone.code() + "/" + p.name(),
                new Object[] {
                  zone.code(),
                  zone.name(),
                  p.name(),
                  (long) p.part(),
                  (long) p.ring(),
                  BoundaryPointTables.mm(p.x()),
                  BoundaryPointTables.mm(p.y()),
                  BoundaryPointTables.mm(p.distanceM()),
                  (long) crs.epsg(),
                  shared.isEmpty() ? null : shared
                },
                GEOGRAPHIC.createPoint(new Coordinate(p.longitude(), p.latitude()))));
      }
    }
    List<ExportField> fields =
        List.of(
            ExportField.text(survey ? "KFQDM" : "zone", survey ? "KFQDM" : "ZONE", longestZone),
            ExportField.text(
                survey ? "KFQMC" : "zoneName", survey ? "KFQMC" : "ZONENAME", longestName),
            ExportField.text(survey ? "JZDH" : "point", survey ? "JZDH" : "POINT", 8),
            ExportField.integer(survey ? "BH" : "part", survey ? "BH" : "PART"),
            ExportField.integer(survey ? "QH" : "ring", survey ? "QH" : "RING"),
            ExportField.real(survey ? "XZB" : "x", survey ? "XZB" : "X", 3),
            ExportField.real(survey ? "YZB" : "y", survey ? "YZB" : "Y", 3),
            ExportField.real(survey ? "BC" : "distanceM", survey ? "BC" : "DIST_M", 3),
            ExportField.integer(survey ? "EPSG" : "gkEpsg", survey ? "EPSG" : "GK_EPSG"),
            ExportField.text(
                survey ? "GYJZD" : "shared", survey ? "GYJZD" : "SHARED", longestShared));
    return FeatureSource.of("boundary_points", fields, features, FeatureSource.POINT);
  }
}
