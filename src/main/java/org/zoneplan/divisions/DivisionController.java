package org.zoneplan.divisions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.AreaJson;

/** Administrative divisions with their ellipsoidal areas. */
@RestController
@RequestMapping("/api/divisions")
class DivisionController {
  private final DivisionRepository divisions;

  DivisionController(DivisionRepository divisions) {
    this.divisions = divisions;
  }

  /** Every division with its areas, without geometry (ask for one division to get its outline). */
  @GetMapping
  List<Map<String, Object>> divisions() {
    return divisions.findAll(false).stream().map(d -> properties(d)).toList();
  }

  /** The divisions that have an outline, as a GeoJSON FeatureCollection (for the map). */
  @GetMapping(params = "format=geojson")
  Map<String, Object> outlines() {
    Map<String, Object> collection = new LinkedHashMap<>();
    collection.put("type", "FeatureCollection");
    collection.put(
        "features",
        divisions.findAll(true).stream()
            .filter(d -> d.geometry() != null)
            .map(d -> feature(d))
            .toList());
    return collection;
  }

  /** One division as a GeoJSON Feature (geometry null where no outline is held). */
  @GetMapping("/{code}")
  Map<String, Object> division(@PathVariable String code) {
    Division d =
        divisions
            .find(code)
            .orElseThrow(
                () ->
                    ApiProblem.notFound("division", "no administrative division \"" + code + "\"")
                        .with("code", code));
    return feature(d);
  }

  private static Map<String, Object> feature(Division d) {
    Map<String, Object> feature = new LinkedHashMap<>();
    feature.put("type", "Feature");
    feature.put("id", d.code());
    feature.put("properties", properties(d));
    feature.put("geometry", d.geometry() == null ? null : GeoJson.write(d.geometry()));
    return feature;
  }

  private static Map<String, Object> properties(Division d) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("code", d.code());
    p.put("name", d.name());
    p.put("level", d.level());
    p.put("parent", d.parentCode());
    AreaJson area = d.area() == null ? null : AreaJson.of(d.area());
    p.put("areaM2", area == null ? null : area.areaM2());
    p.put("areaKm2", area == null ? null : area.areaKm2());
    p.put("areaHa", area == null ? null : area.areaHa());
    p.put("areaMu", area == null ? null : area.areaMu());
    p.put("planarAreaM2", area == null ? null : area.planarAreaM2());
    p.put("gkEpsg", area == null ? null : area.gkEpsg());
    p.put("repaired", d.repairNote() != null);
    p.put("repairNote", d.repairNote());
    return p;
  }
}
