package org.zoneplan.exports;

import org.zoneplan.codecs.gis.FieldSchema;

/**
 * How a layer's fields are built for export.
 *
 * @param unit unit of the area field
 * @param schema field names
 */
public record LayerOptions(AreaUnit unit, FieldSchema schema) {
  /** The name of a field in this schema: {@code survey} under SURVEY, else {@code name}. */
  String pick(String name, String survey) {
    return schema == FieldSchema.SURVEY ? survey : name;
  }
}
