package org.zoneplan.parcels;

import java.util.Arrays;
import java.util.List;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.FeatureBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Parcels as GeoJSON Features (EPSG:4490, x = longitude) and back. */
final class ParcelFeatures {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ParcelFeatures() {}

  /**
   * The properties a parcel no longer has: its users and their figures are enterprise data ({@code
   * /api/enterprises}: enterprises, their land links and their statistics by year). A body sending
   * any of them is refused with 422 {@code moved-to-enterprises} naming the property, so that no
   * one loses data silently.
   */
  static final List<String> MOVED =
      List.of("enterpriseName", "creditCode", "taxWan", "valueAddedWan", "employees");

  /**
   * @param landUseName the class name of the parcel's code, or null
   * @param users the enterprises using the parcel ({@link ParcelRepository#landUsers}), written as
   *     {@code landUsers}: [{creditCode, name, role, share}], owners first
   */
  static ObjectNode feature(Parcel parcel, String landUseName, List<LandUser> users) {
    ObjectNode feature = NODES.objectNode();
    feature.put("type", "Feature");
    feature.put("id", parcel.id());
    ObjectNode properties = feature.putObject("properties");
    properties.put("id", parcel.id());
    properties.put("scheme", parcel.scheme().name());
    properties.put("landUseCode", parcel.landUseCode());
    properties.put("landUseName", landUseName);
    properties.put("areaM2", parcel.areaM2());
    properties.put("areaMu", AreaUnits.toMu(parcel.areaM2()));
    ArrayNode list = properties.putArray("landUsers");
    for (LandUser u : users) {
      list.addObject()
          .put("creditCode", u.creditCode())
          .put("name", u.name())
          .put("role", u.role())
          .put("share", u.share());
    }
    feature.set("geometry", GeoJson.write(parcel.geometry()));
    return feature;
  }

  /**
   * Reads a GeoJSON Feature body into a draft: types and presence only; codes and topology are
   * checked by {@link ParcelService}. {@code landUsers}, {@code id} and the areas, as a GET writes
   * them, are read-only and ignored; the enterprise properties of {@link #MOVED} are refused.
   *
   * @throws ApiProblem when a property is missing or of the wrong type; geometry problems are
   *     thrown as {@link org.zoneplan.geo.GeometryRejectedException}
   */
  static ParcelDraft draft(JsonNode body, GeometryLimits limits) {
    JsonNode properties = FeatureBody.properties(body);
    for (String moved : MOVED) {
      if (properties.has(moved)) {
        throw ApiProblem.invalid(
                "moved-to-enterprises",
                "properties."
                    + moved
                    + " is no longer a parcel's: enterprises, their land (owner or tenant, share)"
                    + " and their figures by year are written through /api/enterprises")
            .with("property", moved)
            .with("see", "/api/enterprises");
      }
    }
    String schemeText = requiredText(properties, "scheme");
    LandUseScheme scheme;
    try {
      scheme = LandUseScheme.valueOf(schemeText);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid(
              "unknown-scheme",
              "properties.scheme \""
                  + schemeText
                  + "\" is not one of "
                  + Arrays.toString(LandUseScheme.values()))
          .with("scheme", schemeText);
    }
    return new ParcelDraft(
        scheme,
        requiredText(properties, "landUseCode"),
        GeoJson.readPolygonal(body.get("geometry"), limits));
  }

  private static String string(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isString() ? value.stringValue() : null;
  }

  private static String requiredText(JsonNode properties, String name) {
    String value = optionalText(properties, name);
    if (value == null) {
      throw ApiProblem.invalid("missing-property", "properties." + name + " is required")
          .with("property", name);
    }
    return value;
  }

  /** A string property, stripped; null when absent, null or blank. */
  private static String optionalText(JsonNode properties, String name) {
    JsonNode value = properties.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw wrongType(name, "a string");
    }
    String text = value.stringValue().strip();
    return text.isEmpty() ? null : text;
  }

  private static ApiProblem wrongType(String name, String expected) {
    return ApiProblem.invalid("invalid-property", "properties." + name + " must be " + expected)
        .with("property", name);
  }
}
