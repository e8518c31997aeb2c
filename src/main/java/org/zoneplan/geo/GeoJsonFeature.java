package org.zoneplan.geo;

import java.util.List;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;

/**
 * A GeoJSON Feature (RFC 7946) with typed properties, as the API writes it: {@code type}, {@code
 * id}, {@code properties}, {@code geometry} (null where no geometry is held), in that order.
 */
public record GeoJsonFeature<P>(String type, Object id, P properties, JsonNode geometry) {

  public static <P> GeoJsonFeature<P> of(Object id, P properties, Geometry geometry) {
    return new GeoJsonFeature<>(
        "Feature", id, properties, geometry == null ? null : GeoJson.write(geometry));
  }

  /** A FeatureCollection of such features. */
  public record Collection<P>(String type, List<GeoJsonFeature<P>> features) {
    public static <P> Collection<P> of(List<GeoJsonFeature<P>> features) {
      return new Collection<>("FeatureCollection", features);
    }
  }
}
