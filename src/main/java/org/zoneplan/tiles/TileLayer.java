package org.zoneplan.tiles;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The layers zoneplan serves as tiles, with their zoom range and the fields of their features. */
public enum TileLayer {
  /** Zones of one plan version (query parameter {@code plan}, default the newest version). */
  ZONES(
      "zones",
      0,
      20,
      "Development zones of one plan version (EPSG:4490 source, areas ellipsoidal)",
      fields(
          "code", "Zone code, unique within the plan version",
          "name", "Chinese name",
          "kind", "PLATFORM, ZONE, CORE, SUBAREA, EXPANSION, FUNCTIONAL or COOPERATION",
          "parent", "Code of the parent zone (absent for a root)",
          "areaKm2", "Ellipsoidal area on the CGCS2000 ellipsoid, km²")),
  /** Land parcels by land use; from zoom 12, parcels below a pixel dropped below zoom 15. */
  PARCELS(
      "parcels",
      12,
      20,
      "Land parcels coloured by land-use class",
      fields(
          "landUseCode", "Land-use code in the parcel's scheme (e.g. 0601, 100101)",
          "landUseClass", "First-level class: the code's first two characters",
          "className", "Chinese name of the first-level class in the parcel's scheme",
          "category", "Drawing category of the class (INDUSTRIAL, RESIDENTIAL, ...)",
          "scheme", "GBT21010_2017, SANDIAO or YDYH_2023",
          "areaM2", "Ellipsoidal area, m²")),
  /**
   * Parcels coloured by the 亩均 grade of the enterprise using them, for a year (query parameters
   * {@code year}, optional {@code ruleSet}); only parcels of graded enterprises.
   */
  GRADES(
      "grades",
      12,
      20,
      "Parcels coloured by the 亩均 evaluation grade of the enterprise using them (year, rule set)",
      fields(
          "grade", "A, B, C, D or T (不定等级)",
          "gradeLabel", "Chinese label of the grade",
          "creditCode", "The enterprise whose grade the parcel takes (largest share; ties: owner)",
          "enterprise", "Its name",
          "areaM2", "Ellipsoidal area of the parcel, m²")),
  /** Administrative divisions (county outlines). */
  DIVISIONS(
      "divisions",
      0,
      20,
      "Administrative divisions (行政区划) with their official codes",
      fields(
          "code", "Official division code",
          "name", "Chinese name",
          "level", "COUNTY or TOWN"));

  private final String id;
  private final int minZoom;
  private final int maxZoom;
  private final String description;
  private final Map<String, String> fields;

  TileLayer(String id, int minZoom, int maxZoom, String description, Map<String, String> fields) {
    this.id = id;
    this.minZoom = minZoom;
    this.maxZoom = maxZoom;
    this.description = description;
    this.fields = fields;
  }

  /** The layer's name in URLs and in the vector tile. */
  public String id() {
    return id;
  }

  public int minZoom() {
    return minZoom;
  }

  public int maxZoom() {
    return maxZoom;
  }

  public String description() {
    return description;
  }

  /** Field name to description, as TileJSON's {@code vector_layers[].fields}. */
  public Map<String, String> fields() {
    return fields;
  }

  public static Optional<TileLayer> byId(String id) {
    return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
  }

  private static Map<String, String> fields(String... namesAndDescriptions) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndDescriptions.length; i += 2) {
      map.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
    }
    return map;
  }
}
