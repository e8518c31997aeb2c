package org.zoneplan.evaluation;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.zoneplan.geo.EllipsoidalArea;
import org.zoneplan.store.Wkb;
import org.zoneplan.testsupport.SampleStores;

/**
 * The evaluation of stored enterprises on the embedded H2GIS store. H2GIS has no ellipsoidal area:
 * the reference is GeographicLib's area of each parcel's geometry as read back from the store,
 * times the shares, summed here.
 */
class H2gisEvaluationResultsTest extends EvaluationResultsContract {
  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    SampleStores.h2gis(
        registry, "zoneplan-h2gis-evaluation-results", "zoneplan.sample-data.parcels=0");
    registry.add("zoneplan.analysis.warm-up", () -> "false");
  }

  @Override
  Map<Long, Double> referenceParcelAreasM2() {
    Map<Long, Double> out = new HashMap<>();
    jdbc.sql("SELECT id, ST_AsBinary(geom) AS wkb FROM parcel")
        .query(
            (rs, n) ->
                out.put(
                    rs.getLong("id"),
                    EllipsoidalArea.squareMetres(Wkb.readMultiPolygon(rs.getBytes("wkb")))))
        .list();
    return out;
  }

  @Override
  Map<String, Double> referenceLandM2(int year) {
    Map<Long, Double> areas = referenceParcelAreasM2();
    Map<String, Double> out = new HashMap<>();
    jdbc.sql("SELECT credit_code, parcel_id, share FROM enterprise_land")
        .query(
            (rs, n) ->
                out.merge(rs.getString(1), areas.get(rs.getLong(2)) * rs.getDouble(3), Double::sum))
        .list();
    return out;
  }
}
