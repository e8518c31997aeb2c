package org.zoneplan.parcels;

import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.zoneplan.geo.AreaUnits;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Parcels as GeoJSON Features (EPSG:4490, x = longitude) and back. */
final class ParcelFeatures {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ParcelFeatures() {}

  /**
   * @param landUseName the class name of the parcel's code, or null
   */
  static ObjectNode feature(Parcel parcel, String landUseName) {
    ObjectNode feature = NODES.objectNode();
    feature.put("type", "Feature");
    feature.put("id", parcel.id());
    ObjectNode properties = feature.putObject("properties");
    properties.put("id", parcel.id());
    properties.put("scheme", parcel.scheme().name());
    properties.put("landUseCode", parcel.landUseCode());
    properties.put("landUseName", landUseName);
    properties.put("enterpriseName", parcel.enterpriseName());
    properties.put("creditCode", parcel.creditCode());
    putNumber(properties, "taxWan", parcel.taxWan());
    putNumber(properties, "valueAddedWan", parcel.valueAddedWan());
    putNumber(properties, "employees", parcel.employees());
    properties.put("areaM2", parcel.areaM2());
    properties.put("areaMu", AreaUnits.toMu(parcel.areaM2()));
    feature.set("geometry", GeoJson.write(parcel.geometry()));
    return feature;
  }

  private static void putNumber(ObjectNode node, String name, Number value) {
    if (value == null) {
      node.putNull(name);
    } else if (value instanceof Integer i) {
      node.put(name, i.intValue());
    } else {
      node.put(name, value.doubleValue());
    }
  }

  /**
   * Reads a GeoJSON Feature body into a draft: types and presence only; codes, figures and topology
   * are checked by {@link ParcelService}.
   *
   * @throws ApiProblem when a property is missing or of the wrong type; geometry problems are
   *     thrown as {@link org.zoneplan.geo.GeometryRejectedException}
   */
  static ParcelDraft draft(JsonNode body, GeometryLimits limits) {
    if (body == null || !body.isObject() || !"Feature".equals(string(body, "type"))) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "malformed-geojson",
          "Malformed GeoJSON",
          "the request body must be a GeoJSON Feature (\"type\": \"Feature\")");
    }
    JsonNode properties = body.get("properties");
    if (properties == null || !properties.isObject()) {
      throw ApiProblem.invalid("missing-property", "the feature has no \"properties\" object");
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
        optionalText(properties, "enterpriseName"),
        optionalText(properties, "creditCode"),
        optionalNumber(properties, "taxWan"),
        optionalNumber(properties, "valueAddedWan"),
        optionalInteger(properties, "employees"),
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

  private static Double optionalNumber(JsonNode properties, String name) {
    JsonNode value = properties.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw wrongType(name, "a number");
    }
    return value.doubleValue();
  }

  private static Integer optionalInteger(JsonNode properties, String name) {
    JsonNode value = properties.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw wrongType(name, "a whole number");
    }
    return value.intValue();
  }

  private static ApiProblem wrongType(String name, String expected) {
    return ApiProblem.invalid("invalid-property", "properties." + name + " must be " + expected)
        .with("property", name);
  }
}
