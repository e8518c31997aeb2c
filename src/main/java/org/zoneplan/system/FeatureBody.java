package org.zoneplan.system;

import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The envelope of a GeoJSON Feature request body, as zones and parcels take it: the one place that
 * says what a malformed body is answered with (400 {@code malformed-geojson}) and what a feature
 * without properties is (422 {@code missing-property}).
 */
public final class FeatureBody {
  private FeatureBody() {}

  /** The feature's {@code properties} object; the body must be {@code "type": "Feature"}. */
  public static JsonNode properties(JsonNode body) {
    JsonNode type = body == null ? null : body.get("type");
    if (body == null
        || !body.isObject()
        || type == null
        || !type.isString()
        || !"Feature".equals(type.stringValue())) {
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
    return properties;
  }
}
