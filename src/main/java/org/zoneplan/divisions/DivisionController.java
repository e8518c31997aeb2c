package org.zoneplan.divisions;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zoneplan.geo.GeoJsonFeature;
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
  List<Properties> divisions() {
    return divisions.findAll(false).stream().map(Properties::of).toList();
  }

  /** The divisions that have an outline, as a GeoJSON FeatureCollection (for the map). */
  @GetMapping(params = "format=geojson")
  GeoJsonFeature.Collection<Properties> outlines() {
    return GeoJsonFeature.Collection.of(
        divisions.findAll(true).stream()
            .filter(d -> d.geometry() != null)
            .map(DivisionController::feature)
            .toList());
  }

  /** One division as a GeoJSON Feature (geometry null where no outline is held). */
  @GetMapping("/{code}")
  GeoJsonFeature<Properties> division(@PathVariable String code) {
    Division d =
        divisions
            .find(code)
            .orElseThrow(
                () ->
                    ApiProblem.notFound("division", "no administrative division \"" + code + "\"")
                        .with("code", code));
    return feature(d);
  }

  private static GeoJsonFeature<Properties> feature(Division d) {
    return GeoJsonFeature.of(d.code(), Properties.of(d), d.geometry());
  }

  /**
   * A division's properties: the areas (ellipsoidal m², km², ha, 亩; the Gauss–Krüger planar area
   * and its EPSG beside them) are null where no outline is held.
   */
  record Properties(
      String code,
      String name,
      String level,
      String parent,
      Double areaM2,
      Double areaKm2,
      Double areaHa,
      Double areaMu,
      Double planarAreaM2,
      Integer gkEpsg,
      boolean repaired,
      String repairNote) {
    static Properties of(Division d) {
      AreaJson a = d.area() == null ? null : AreaJson.of(d.area());
      return new Properties(
          d.code(),
          d.name(),
          d.level(),
          d.parentCode(),
          a == null ? null : a.areaM2(),
          a == null ? null : a.areaKm2(),
          a == null ? null : a.areaHa(),
          a == null ? null : a.areaMu(),
          a == null ? null : a.planarAreaM2(),
          a == null ? null : a.gkEpsg(),
          d.repairNote() != null,
          d.repairNote());
    }
  }
}
