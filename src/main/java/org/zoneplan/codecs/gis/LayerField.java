package org.zoneplan.codecs.gis;

import java.util.List;

/**
 * A field of an exchanged layer under each of its names: the API's property name (GeoJSON,
 * GeoPackage, KML, CSV), the shapefile's name (ASCII, at most 10 bytes) and the land-survey name
 * ({@link FieldSchema#SURVEY}). An export writes one pair of them; an import accepts any of the
 * three, in any case, so that every export imports back.
 */
public record LayerField(String name, String shapefileName, String surveyName) {
  /** The field as an export writes it under {@code schema}. */
  public ExportField text(FieldSchema schema, int maxChars) {
    return schema == FieldSchema.SURVEY
        ? ExportField.text(surveyName, surveyName, maxChars)
        : ExportField.text(name, shapefileName, maxChars);
  }

  /** Every name an import looks for, in this order. */
  public List<String> names() {
    return List.of(name, shapefileName, surveyName);
  }
}
