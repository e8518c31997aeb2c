package org.zoneplan.zones;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.system.ApiProblem;
import org.zoneplan.system.AreaJson;
import org.zoneplan.system.FeatureBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Zones as GeoJSON Features (EPSG:4490, x = longitude) and back. */
public final class ZoneFeatures {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ZoneFeatures() {}

  /**
   * @param versions current version by code (the ETag), or an empty map (e.g. for asOf reads)
   */
  static ObjectNode collection(JsonMapper json, List<Zone> zones, Map<String, Integer> versions) {
    ObjectNode collection = NODES.objectNode();
    collection.put("type", "FeatureCollection");
    ArrayNode features = collection.putArray("features");
    zones.forEach(zone -> features.add(feature(json, zone, versions.get(zone.code()))));
    return collection;
  }

  static ObjectNode feature(JsonMapper json, Zone zone, Integer version) {
    ObjectNode feature = feature(json, zone);
    if (version != null) {
      ((ObjectNode) feature.get("properties")).put("version", version);
    }
    return feature;
  }

  public static ObjectNode feature(JsonMapper json, Zone zone) {
    ObjectNode feature = NODES.objectNode();
    feature.put("type", "Feature");
    feature.put("id", zone.code());
    ObjectNode properties = feature.putObject("properties");
    properties.put("planId", zone.planId());
    properties.put("code", zone.code());
    properties.put("name", zone.name());
    properties.put("kind", zone.kind().name());
    properties.put("parent", zone.parentCode());
    properties.put("managedBy", zone.managedBy());
    properties.setAll((ObjectNode) json.valueToTree(AreaJson.of(zone.area())));
    properties.set("attributes", json.valueToTree(zone.attributes()));
    feature.set("geometry", GeoJson.write(zone.geometry()));
    return feature;
  }

  /**
   * Reads a GeoJSON Feature body into a draft.
   *
   * @throws ApiProblem when a property is missing or wrong; geometry problems are thrown as {@link
   *     org.zoneplan.geo.GeometryRejectedException}
   */
  public static ZoneDraft draft(JsonMapper json, JsonNode body, String code) {
    return draft(json, body, code, GeometryLimits.DEFAULT);
  }

  /**
   * Reads a GeoJSON Feature body into a draft, its geometry within {@code limits}.
   *
   * @throws ApiProblem when a property is missing or wrong; geometry problems are thrown as {@link
   *     org.zoneplan.geo.GeometryRejectedException}
   */
  public static ZoneDraft draft(
      JsonMapper json, JsonNode body, String code, GeometryLimits limits) {
    JsonNode properties = FeatureBody.properties(body);
    String bodyCode = text(properties.get("code"));
    if (bodyCode != null && !bodyCode.equals(code)) {
      throw ApiProblem.invalid(
              "code-mismatch",
              "properties.code \""
                  + bodyCode
                  + "\" differs from the code in the path \""
                  + code
                  + "\"")
          .with("code", code);
    }
    String name = text(properties.get("name"));
    if (name == null || name.isBlank()) {
      throw ApiProblem.invalid("missing-property", "properties.name (the Chinese name) is required")
          .with("property", "name");
    }
    String kindText = text(properties.get("kind"));
    ZoneKind kind;
    try {
      kind = ZoneKind.valueOf(kindText);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiProblem.invalid(
              "invalid-kind",
              "properties.kind must be one of "
                  + Arrays.toString(ZoneKind.values())
                  + ", was "
                  + kindText)
          .with("property", "kind");
    }
    JsonNode attributesNode = properties.get("attributes");
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (attributesNode != null && !attributesNode.isNull()) {
      if (!attributesNode.isObject()) {
        throw ApiProblem.invalid("invalid-attributes", "properties.attributes must be an object")
            .with("property", "attributes");
      }
      attributes = json.treeToValue(attributesNode, LinkedHashMap.class);
    }
    return new ZoneDraft(
        name.strip(),
        kind,
        blankToNull(text(properties.get("parent"))),
        blankToNull(text(properties.get("managedBy"))),
        attributes,
        GeoJson.readPolygonal(body.get("geometry"), limits));
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull()
        ? null
        : node.isString() ? node.stringValue() : node.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
