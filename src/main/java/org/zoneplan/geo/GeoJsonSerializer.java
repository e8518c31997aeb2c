package org.zoneplan.geo;

import org.locationtech.jts.geom.Geometry;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a JTS geometry (EPSG:4490) as a GeoJSON geometry object, exactly as {@link GeoJson#write}
 * does, for records that carry geometry: annotate the component with {@code @JsonSerialize(using =
 * GeoJsonSerializer.class)}. A null geometry is written as JSON null by Jackson itself.
 */
public final class GeoJsonSerializer extends StdSerializer<Geometry> {
  public GeoJsonSerializer() {
    super(Geometry.class);
  }

  @Override
  public void serialize(Geometry value, JsonGenerator gen, SerializationContext ctxt) {
    gen.writeTree(GeoJson.write(value));
  }
}
