package org.zoneplan.zones;

import org.locationtech.jts.geom.MultiPolygon;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.geo.AreaFigures;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.geo.PolygonValidator;
import org.zoneplan.system.AreaJson;
import tools.jackson.databind.JsonNode;

/**
 * Measures a drawn geometry without storing it: the page shows these figures live while a planner
 * draws, so it never computes an area itself. The same checks as a save apply (422 with the reason
 * and the coordinate), so problems show while drawing.
 */
@RestController
class MeasureController {
  private final GeometryLimits limits;

  MeasureController(GeometryLimits limits) {
    this.limits = limits;
  }

  /** Body: a GeoJSON Polygon or MultiPolygon, or a Feature holding one. */
  @PostMapping("/api/measure")
  AreaJson measure(@RequestBody JsonNode body) {
    JsonNode geometry =
        body.has("type") && "Feature".equals(body.get("type").asString())
            ? body.get("geometry")
            : body;
    MultiPolygon polygons = GeoJson.readPolygonal(geometry, limits);
    PolygonValidator.requireValid(polygons);
    return AreaJson.of(AreaFigures.of(polygons));
  }
}
