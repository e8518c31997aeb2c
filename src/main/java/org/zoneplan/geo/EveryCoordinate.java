package org.zoneplan.geo;

import org.locationtech.jts.geom.CoordinateSequenceFilter;

/**
 * A JTS filter that rewrites every coordinate in place (it never stops early and always reports the
 * geometry changed, so JTS recomputes envelopes): subclasses say only what happens to one.
 */
public abstract class EveryCoordinate implements CoordinateSequenceFilter {
  @Override
  public final boolean isDone() {
    return false;
  }

  @Override
  public final boolean isGeometryChanged() {
    return true;
  }
}
