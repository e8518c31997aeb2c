package org.zoneplan.codecs.gis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.zoneplan.geo.Crs;
import org.zoneplan.geo.GeoJson;
import org.zoneplan.geo.GeometryIssue;
import org.zoneplan.geo.GeometryLimits;
import org.zoneplan.geo.GeometryRejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an uploaded GeoJSON FeatureCollection, one feature at a time (a streaming parser, so a
 * large file is never held whole). RFC 7946 coordinates are longitude, latitude, taken as
 * EPSG:4490; a legacy {@code crs} member naming an EPSG code is honoured (before the features, as
 * GDAL writes it).
 */
final class GeoJsonInput extends FeatureFileInput {
  private final Path file;
  private final JsonMapper json;
  private final Crs override;
  private final GeometryLimits limits;

  GeoJsonInput(Path file, JsonMapper json, Crs override, GeometryLimits limits) {
    super("geojson");
    encoding = "UTF-8";
    encodingSource = "RFC 7946";
    crs = Crs.CGCS2000;
    crsSource = "RFC 7946";
    this.file = file;
    this.limits = limits;
    this.json = json;
    this.override = override;
    if (override != null) {
      crs = override;
      crsSource = "override";
    }
  }

  @Override
  public void forEach(Consumer<ImportedFeature> consumer) throws IOException {
    // One tree per feature; the parser goes on after it.
    ObjectReader reader =
        json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    try (JsonParser parser = json.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw GisFileException.unreadable("the GeoJSON is not an object");
      }
      int number = 0;
      boolean sawFeatures = false;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("crs") && value == JsonToken.START_OBJECT) {
          JsonNode crsNode = reader.readValue(parser);
          if (override == null) {
            String code = crsNode.path("properties").path("name").asString("");
            try {
              crs = Crs.parse(code);
              crsSource = "crs member";
            } catch (IllegalArgumentException e) {
              throw GisFileException.crs("the GeoJSON's crs member: " + e.getMessage());
            }
          }
        } else if (name.equals("features") && value == JsonToken.START_ARRAY) {
          sawFeatures = true;
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            consumer.accept(feature(reader.readValue(parser), ++number));
          }
        } else if (name.equals("type") && value == JsonToken.VALUE_STRING) {
          if (!parser.getString().equals("FeatureCollection")) {
            throw GisFileException.unreadable(
                "the GeoJSON is a " + parser.getString() + ", not a FeatureCollection");
          }
        } else {
          parser.skipChildren();
        }
      }
      if (!sawFeatures) {
        throw GisFileException.unreadable("the GeoJSON has no \"features\" array");
      }
    } catch (JacksonException e) {
      throw GisFileException.unreadable(
          "the GeoJSON is not well-formed: " + e.getOriginalMessage());
    }
  }

  private ImportedFeature feature(JsonNode feature, int number) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    JsonNode properties = feature.path("properties");
    for (Map.Entry<String, JsonNode> e : properties.properties()) {
      JsonNode v = e.getValue();
      Object value;
      if (v.isNull()) {
        value = null;
      } else if (v.isString()) {
        value = v.stringValue();
      } else if (v.isIntegralNumber() && v.canConvertToLong()) {
        value = v.longValue();
      } else if (v.isNumber()) {
        value = v.doubleValue();
      } else if (v.isBoolean()) {
        value = v.booleanValue();
      } else {
        value = v.toString();
      }
      attributes.put(e.getKey(), value);
    }
    JsonNode geometry = feature.get("geometry");
    if (geometry == null || geometry.isNull()) {
      return new ImportedFeature(number, attributes, null, null);
    }
    try {
      return new ImportedFeature(number, attributes, GeoJson.readPolygonal(geometry, limits), null);
    } catch (GeometryRejectedException e) {
      if (e.issue().code() == GeometryIssue.Code.NOT_POLYGON) {
        throw GisFileException.notPolygon(
            "feature " + number + ": " + e.getMessage() + ": only polygon layers can be imported");
      }
      return new ImportedFeature(number, attributes, null, e.issue());
    }
  }
}
