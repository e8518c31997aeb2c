package org.zoneplan.exports;

import org.zoneplan.codecs.gis.FeatureSource;

/**
 * A layer that can be exported, found by {@link #name()}: a Spring bean per layer. To export a new
 * layer (analysis results, for instance), add a bean that turns it into a {@link FeatureSource}.
 */
public interface ExportLayer {
  /** The {@code layer} parameter: {@code zones}, {@code parcels}, {@code divisions}, ... */
  String name();

  /**
   * The layer's features.
   *
   * @param planId the plan version (checked to exist by the caller)
   */
  FeatureSource source(String planId, LayerOptions options);
}
