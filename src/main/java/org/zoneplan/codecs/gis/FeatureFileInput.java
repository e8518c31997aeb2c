package org.zoneplan.codecs.gis;

import org.zoneplan.geo.Crs;

/**
 * What the readers of uploads share: what they found out about the file, set by each while it opens
 * the file (a GeoJSON's {@code crs} member may still change the CRS while it is read).
 */
abstract class FeatureFileInput implements FeatureInput {
  private final String format;
  protected String encoding;
  protected String encodingSource;
  protected Crs crs;
  protected String crsSource;

  FeatureFileInput(String format) {
    this.format = format;
  }

  @Override
  public final String format() {
    return format;
  }

  @Override
  public final String encoding() {
    return encoding;
  }

  @Override
  public final String encodingSource() {
    return encodingSource;
  }

  @Override
  public final Crs crs() {
    return crs;
  }

  @Override
  public final String crsSource() {
    return crsSource;
  }
}
